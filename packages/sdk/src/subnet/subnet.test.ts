import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { z } from "zod";
import type { NeuronInfoLite } from "../chain/runtimeTypes.ts";
import type { AccountSigner } from "../chain/signer.ts";
import type { Subtensor } from "../chain/subtensor.ts";
import { Dendrite } from "../dendrite/dendrite.ts";
import { Keypair } from "../keys/keypair.ts";
import { cryptoReady } from "../keys/sr25519.ts";
import { defineSynapse } from "../synapse/synapse.ts";
import { defineProtocol, type SubnetChain } from "./chain.ts";
import { Miner } from "./miner.ts";
import { Validator } from "./validator.ts";

// Compile-time check: the real client is a SubnetChain.
const _realClientFits = (s: Subtensor): SubnetChain => s;

const Double = defineSynapse(
  "Double",
  { x: z.int(), y: z.int().nullable().default(null) },
  { deserialize: (s) => s.y },
);
const protocol = defineProtocol({ Double });

/** An in-memory subnet: neurons by uid, a block counter, recorded set_weights calls. */
class FakeChain implements SubnetChain {
  block = 1000;
  rateLimit = 5;
  list: NeuronInfoLite[] = [];
  weightCalls: { hotkey: string; uids: number[]; weights: number[] }[] = [];
  register(hotkey: string, o: { permit?: boolean; stake?: bigint; port?: number } = {}): number {
    const uid = this.list.length;
    this.list.push({
      hotkey,
      coldkey: hotkey,
      uid,
      netuid: 1,
      active: true,
      axon_info: {
        block: 1n,
        version: 1,
        ip: o.port ? (127n << 24n) | 1n : 0n,
        port: o.port ?? 0,
        ip_type: 4,
        protocol: 4,
        placeholder1: 0,
        placeholder2: 0,
      },
      prometheus_info: { block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0 },
      stake: [[hotkey, o.stake ?? 0n]],
      rank: 0,
      emission: 0n,
      incentive: 0,
      consensus: 0,
      trust: 0,
      validator_trust: 0,
      dividends: 0,
      last_update: 0n,
      validator_permit: o.permit ?? false,
      pruning_score: 0,
    });
    return uid;
  }
  async neuronsLite() {
    return this.list.map((n) => ({ ...n }));
  }
  async neurons() {
    return []; // full neurons (weights, bonds): the framework does not read them
  }
  async selectiveMechagraph() {
    return undefined;
  }
  async blockNumber() {
    return this.block;
  }
  async weightsRateLimit() {
    return this.rateLimit;
  }
  async setWeights(
    signer: AccountSigner,
    _netuid: number,
    uids: readonly number[],
    weights: readonly number[],
  ) {
    this.weightCalls.push({ hotkey: signer.ss58Address, uids: [...uids], weights: [...weights] });
    const uid = this.list.findIndex((n) => n.hotkey === signer.ss58Address);
    this.list[uid]!.last_update = BigInt(this.block);
    return { success: true };
  }
}

const validatorKey = () => Keypair.fromUri("//Validator");
const minerKeys = [0, 1, 2, 3].map((i) => Keypair.fromUri(`//Miner${i}`));
let chain: FakeChain;
let miners: Miner[];

before(async () => {
  await cryptoReady();
  chain = new FakeChain();
  chain.register(validatorKey().ss58Address, { permit: true, stake: 1000n * 10n ** 9n });
  miners = [];
  // Miner i answers correctly with probability (i+1)/4: quality rises with the uid.
  for (const [i, key] of minerKeys.entries()) {
    const uid = chain.register(key.ss58Address);
    let calls = 0;
    const miner = new Miner({
      chain,
      netuid: 1,
      hotkey: key,
      axon: { port: 0, host: "127.0.0.1" },
      resyncMs: 0,
    });
    miner.serve(protocol.Double, (s) => {
      calls++;
      s.y = calls % 4 < i + 1 ? s.x * 2 : s.x * 2 + 1;
      return s;
    });
    await miner.start();
    chain.list[uid]!.axon_info.ip = (127n << 24n) | 1n;
    chain.list[uid]!.axon_info.port = miner.axon.port;
    miners.push(miner);
  }
  // Miners sync again now that axons are known (and the validator is in their metagraph).
  for (const m of miners) await m.sync();
});

after(async () => {
  for (const m of miners) await m.stop();
});

test("validator: samples serving miners, EMA scores order them by quality, sets weights on the rate limit", async () => {
  let seed = 7;
  const v = new Validator({
    chain,
    netuid: 1,
    hotkey: validatorKey(),
    type: protocol.Double,
    query: (step) => protocol.Double.create({ x: step + 1 }),
    reward: (q, responses) =>
      responses.map((r) => (r.dendrite.statusCode === 200 && r.y === q.x * 2 ? 1 : 0)),
    sampleSize: 4,
    alpha: 0.1,
    epochLength: 0,
    timeout: 5,
    random: () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    },
  });
  try {
    const first = await v.step();
    assert.deepEqual([...first.uids].sort(), [1, 2, 3, 4]); // never itself, all four serving miners
    assert.ok(first.weights, "weights set on the first step: last_update 0 is far behind");
    assert.equal(chain.weightCalls.length, 1);
    // Within the rate limit: no second set_weights.
    chain.block += 2;
    const second = await v.step();
    assert.equal(second.weights, undefined);
    for (let i = 0; i < 14; i++) {
      chain.block += 1;
      await v.step();
    }
    const s = v.scores;
    assert.equal(s[0], 0, "the validator scores nobody for itself");
    assert.ok(s[1]! < s[2]! && s[2]! < s[3]! && s[3]! < s[4]!, `scores not ordered: ${[...s]}`);
    const last = chain.weightCalls.at(-1)!;
    assert.ok(chain.weightCalls.length >= 3);
    assert.equal(last.hotkey, validatorKey().ss58Address);
    assert.ok(Math.abs(last.weights.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    assert.ok(last.weights[4]! > last.weights[1]!);
  } finally {
    await v.stop();
  }
});

test("setWeights caps every weight at the subnet's max_weights_limit, as process_weights_for_netuid", async () => {
  const capped = Object.create(chain) as FakeChain & {
    hyperparameters(): Promise<{ max_weights_limit: number }>;
  };
  capped.hyperparameters = async () => ({ max_weights_limit: 26214 }); // 0.4
  const before = chain.weightCalls.length;
  const v = new Validator({
    chain: capped,
    netuid: 1,
    hotkey: validatorKey(),
    type: protocol.Double,
    query: () => protocol.Double.create({ x: 1 }),
    reward: () => [],
    alpha: 1,
  });
  await v.sync();
  v.updateScores([1, 2, 3, 4], [10, 1, 1, 1]);
  const r = await v.setWeights();
  assert.ok(r?.success);
  const sent = chain.weightCalls.slice(before)[0]!.weights;
  assert.ok(Math.max(...sent) <= 0.4 + 1e-6, `max ${Math.max(...sent)}`);
  assert.ok(Math.abs(sent.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.ok(sent[1]! > sent[2]!);
  await v.stop();
});

test("sampleUids skips itself, non-serving uids and heavily staked validators", async () => {
  const extra = Object.create(chain) as FakeChain;
  extra.list = [
    ...chain.list,
    {
      ...chain.list[1]!,
      uid: 5,
      hotkey: Keypair.fromUri("//BigValidator").ss58Address,
      validator_permit: true,
      stake: [["x", 5000n * 10n ** 9n]],
    },
    {
      ...chain.list[1]!,
      uid: 6,
      hotkey: Keypair.fromUri("//SmallValidator").ss58Address,
      validator_permit: true,
      stake: [["x", 10n ** 9n]],
    },
    {
      ...chain.list[1]!,
      uid: 7,
      hotkey: Keypair.fromUri("//Offline").ss58Address,
      axon_info: { ...chain.list[1]!.axon_info, ip: 0n },
    },
  ] as NeuronInfoLite[];
  const v = new Validator({
    chain: extra,
    netuid: 1,
    hotkey: validatorKey(),
    type: protocol.Double,
    query: () => protocol.Double.create({ x: 1 }),
    reward: () => [],
  });
  await v.sync();
  assert.deepEqual(v.sampleUids(100).sort(), [1, 2, 3, 4, 6]);
  assert.equal(v.sampleUids(2).length, 2);
  await v.stop();
});

test("updateScores: α·reward + (1−α)·score, unqueried uids decay", async () => {
  const v = new Validator({
    chain,
    netuid: 1,
    hotkey: validatorKey(),
    type: protocol.Double,
    query: () => protocol.Double.create({ x: 1 }),
    reward: () => [],
    alpha: 0.5,
  });
  await v.sync();
  v.updateScores([1, 2], [1, 0.5]);
  v.updateScores([2], [1]);
  assert.deepEqual([...v.scores], [0, 0.25, 0.625, 0, 0]);
  assert.throws(() => v.updateScores([1], []), /differ/);
  await v.stop();
});

test("miner: default blacklist refuses unregistered and permit-less callers with the template's reasons", async () => {
  // Miner 3 always answers right.
  const target = { ip: "127.0.0.1", port: miners[3]!.axon.port, hotkey: minerKeys[3]!.ss58Address };
  const ask = async (key: Keypair) => {
    const d = new Dendrite({ signer: key });
    try {
      return await d.call(protocol.Double, target, protocol.Double.create({ x: 21 }), { timeout: 5 });
    } finally {
      await d.close();
    }
  };
  const ok = await ask(validatorKey());
  assert.equal(ok.dendrite.statusCode, 200);
  assert.equal(ok.y, 42);
  const stranger = await ask(Keypair.fromUri("//Stranger"));
  assert.equal(stranger.dendrite.statusCode, 403);
  assert.match(stranger.dendrite.statusMessage ?? "", /Unrecognized hotkey/);
  const peer = await ask(minerKeys[1]!);
  assert.equal(peer.dendrite.statusCode, 403);
  assert.match(peer.dendrite.statusMessage ?? "", /Non-validator hotkey/);
  assert.equal(miners[3]!.defaultPriority(validatorKey().ss58Address), 1000);
  assert.equal(miners[3]!.defaultPriority(minerKeys[2]!.ss58Address), 0);
});

test("defineProtocol checks that keys are the synapse names", () => {
  assert.throws(() => defineProtocol({ Other: Double }), /names must match/);
  assert.equal(protocol.Double, Double);
});
