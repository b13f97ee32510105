import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { MetagraphInfo, NeuronInfo } from "../chain/runtimeTypes.ts";
import { Keypair } from "../keys/keypair.ts";
import { cryptoReady } from "../keys/sr25519.ts";
import { Metagraph, type MetagraphSource } from "./metagraph.ts";

await cryptoReady();
const key = (i: number) => Keypair.fromUri(`//M${i}`).ss58Address;

function neuron(uid: number, over: Partial<NeuronInfo> = {}): NeuronInfo {
  return {
    hotkey: key(2 * uid),
    coldkey: key(2 * uid + 1),
    uid,
    netuid: 2,
    active: true,
    axon_info: {
      block: 1n,
      version: 100,
      ip: uid === 0 ? 0n : (127n << 24n) | 1n,
      port: 9000 + uid,
      ip_type: 4,
      protocol: 4,
      placeholder1: 0,
      placeholder2: 0,
    },
    prometheus_info: { block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0 },
    stake: [
      [key(99), 2_000_000_000n],
      [key(98), 500_000_000n],
    ],
    rank: 0,
    emission: 1_500_000_000n,
    incentive: 65535,
    consensus: 32768,
    trust: 0,
    validator_trust: 13107,
    dividends: 6553,
    last_update: 42n,
    validator_permit: uid === 0,
    weights: [],
    bonds: [],
    pruning_score: 0,
    ...over,
  };
}

test("fromNeurons: Python SDK scaling (u16/65535, RAO→TAO), uid order, axons as text", () => {
  // Given out of order: the metagraph is indexed by uid.
  const m = Metagraph.fromNeurons(2, [neuron(1), neuron(0, { incentive: 0, dividends: 65535 })], {
    block: 77,
    lite: true,
  });
  assert.equal(m.n, 2);
  assert.deepEqual([...m.uids], [0, 1]);
  assert.equal(m.block, 77);
  assert.equal(m.lite, true);
  assert.deepEqual(m.W, []); // lite: no weight matrix
  assert.deepEqual([...m.I], [0, 1]);
  assert.deepEqual([...m.D], [1, 6553 / 65535]);
  assert.equal(m.C[1], 32768 / 65535);
  assert.equal(m.Tv[0], 0.2);
  assert.equal(m.E[0], 1.5);
  assert.equal(m.S[0], 2.5); // neuron stake summed when the chain has no metagraph API
  assert.equal(m.axons[1]!.ip, "127.0.0.1");
  assert.equal(m.axons[1]!.port, 9001);
  assert.equal(m.axons[0]!.is_serving, false);
  assert.equal(m.uidOf(key(2)), 1);
  assert.equal(m.uidOf(key(500)), undefined);
  assert.deepEqual(m.validator_permit, [true, false]);
  assert.equal(m.incentive, m.I);
});

test("full sync: W rows normalised by their sum, B raw u16; S from the metagraph API's total stake", () => {
  const neurons = [
    neuron(0, {
      weights: [
        [1, 65535],
        [2, 21845],
      ],
      bonds: [[1, 1000]],
    }),
    neuron(1, { weights: [] }),
    neuron(2, {
      weights: [[2, 5]],
      bonds: [
        [0, 65535],
        [2, 3],
      ],
    }),
  ];
  const info = {
    netuid: 2,
    total_stake: [10n ** 9n, 3n * 10n ** 9n, 0n],
    alpha_stake: [1n, 2n, 3n],
    tao_stake: [0n, 0n, 5n * 10n ** 8n],
    tempo: 10,
    name: "two",
  } as MetagraphInfo;
  const m = Metagraph.fromNeurons(2, neurons, { block: 5, info, lite: false });
  assert.deepEqual([...m.W[0]!], [0, 0.75, 0.25]);
  assert.deepEqual([...m.W[1]!], [0, 0, 0]);
  assert.deepEqual([...m.W[2]!], [0, 0, 1]);
  assert.deepEqual([...m.B[2]!], [65535, 0, 3]);
  assert.deepEqual([...m.S], [1, 3, 0]);
  assert.deepEqual([...m.tao_stake], [0, 0, 0.5]);
  assert.equal(m.info.tempo, 10);
  assert.equal(m.info.name, "two");
  assert.equal("total_stake" in m.info, false);
});

test("save/load round-trips every array, bigints included", () => {
  const dir = mkdtempSync(join(tmpdir(), "metagraph-"));
  try {
    const info = { netuid: 2, block: 123n, subnet_volume: (1n << 90n) + 1n, tempo: 360 } as MetagraphInfo;
    const m = Metagraph.fromNeurons(2, [neuron(0, { weights: [[1, 7]] }), neuron(1)], {
      block: 123,
      info,
      lite: false,
      network: "test",
    });
    const path = m.save(Metagraph.defaultPath("test", 2, 123, dir));
    assert.equal(path, join(dir, "metagraphs", "network-test", "netuid-2", "block-123.json"));
    const back = Metagraph.load(path);
    assert.deepEqual(back, m);
    assert.equal(back.info.subnet_volume, (1n << 90n) + 1n);
    assert.ok(back.S instanceof Float64Array);
    assert.throws(() => Metagraph.load(join(dir, "nope.json")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("sync asks for lite or full neurons and survives a chain without the metagraph API", async () => {
  const calls: string[] = [];
  const source: MetagraphSource = {
    neuronsLite: async (netuid) => {
      calls.push(`lite ${netuid}`);
      return [neuron(0)];
    },
    neurons: async (netuid) => {
      calls.push(`full ${netuid}`);
      return [neuron(0, { weights: [[0, 1]] })];
    },
    selectiveMechagraph: async () => {
      throw new Error("Exported method SubnetInfoRuntimeApi_get_selective_mechagraph is not found");
    },
    blockNumber: async () => 9,
  };
  const lite = await Metagraph.sync(source, 4);
  assert.equal(lite.block, 9);
  assert.equal(lite.lite, true);
  const full = await Metagraph.sync(source, 4, { lite: false });
  assert.deepEqual([...full.W[0]!], [1]);
  assert.deepEqual(calls, ["lite 4", "full 4"]);
});
