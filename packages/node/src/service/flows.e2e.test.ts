// A user's whole flow on a dev node through @polkadot/api: create a subnet, start it, register a validator and
// a miner, stake with a slippage limit (and see the limit refuse a bad price), set weights, fast-forward tempos
// with dev_newBlock, then read Incentive/Dividends with api.query and the metagraph through the runtime API.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { ApiPromise, WsProvider } from "@polkadot/api";
import type { SubmittableExtrinsic } from "@polkadot/api/types";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import type { Node } from "./node.ts";
import { connectPjs, type PjsClient, startDevNode } from "./testNode.ts";

const TAO = 1_000_000_000n;
let node: Node;
let api: ApiPromise;
let provider: WsProvider;
const nonces = new Map<string, number>();

// biome-ignore lint/suspicious/noExplicitAny: decorated codecs are untyped without generated augmentation
type Any = any;

interface Outcome {
  hash: string;
  events: Array<{ section: string; method: string; data: Any }>;
  error?: string;
}

/** Sign `tx` with the next nonce of `who`, seal it alone into a block, and return its events and error name. */
async function send(who: KeyringPair, tx: SubmittableExtrinsic<"promise">): Promise<Outcome> {
  const nonce = nonces.get(who.address) ?? 0;
  await tx.signAsync(who, { nonce, era: 0 });
  nonces.set(who.address, nonce + 1);
  const block = node.sealBlock([tx.toU8a()]);
  assert.deepEqual(block.excluded, [], "the extrinsic is included");
  const records: Any = await (await api.at(block.hash)).query.system.events();
  const mine = records.filter(
    (r: Any) => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === 1,
  );
  const events = mine.map((r: Any) => ({
    section: r.event.section,
    method: r.event.method,
    data: r.event.data,
  }));
  const failed = mine.find((r: Any) => r.event.method === "ExtrinsicFailed");
  let error: string | undefined;
  if (failed) {
    const e = failed.event.data[0];
    error = e.isModule ? api.registry.findMetaError(e.asModule).name : e.type;
  }
  return { hash: block.hash, events, error };
}

const ok = (o: Outcome) => {
  assert.equal(o.error, undefined, `call failed: ${o.error}`);
  return o;
};
const event = (o: Outcome, method: string) => o.events.find((e) => e.method === method);

let alice: KeyringPair;
let ownerHot: KeyringPair;
let bob: KeyringPair;
let bobHot: KeyringPair;
let charlie: KeyringPair;
let charlieHot: KeyringPair;
let netuid: number;

let client: PjsClient;

before(async () => {
  node = await startDevNode("manual");
  client = await connectPjs(node);
  ({ api, provider } = client);
  const keyring = new Keyring({ type: "sr25519" });
  alice = keyring.addFromUri("//Alice");
  ownerHot = keyring.addFromUri("//Alice//owner");
  bob = keyring.addFromUri("//Bob");
  bobHot = keyring.addFromUri("//Bob//validator");
  charlie = keyring.addFromUri("//Charlie");
  charlieHot = keyring.addFromUri("//Charlie//miner");
});

after(async () => {
  await client?.close();
  await node?.stop();
});

test("create a subnet and start it", async () => {
  const created = ok(await send(alice, api.tx.subtensorModule.registerNetwork(ownerHot.address)));
  const added = event(created, "NetworkAdded");
  assert.ok(added, "NetworkAdded emitted");
  netuid = added.data[0].toNumber();
  const fee = event(created, "TransactionFeePaid");
  assert.ok(fee, "the fee is reported");
  assert.ok(fee.data[1].toBigInt() > 0n, "register_network pays a fee");
  assert.ok(netuid >= 1);
  assert.equal(((await api.query.subtensorModule.networksAdded(netuid)) as Any).isTrue, true);
  ok(await send(alice, api.tx.subtensorModule.startCall(netuid)));
  assert.ok(((await api.query.subtensorModule.firstEmissionBlockNumber(netuid)) as Any).isSome);
});

test("register a validator and a miner by burning", async () => {
  const burn = ((await api.query.subtensorModule.burn(netuid)) as Any).toBigInt();
  const before = ((await api.query.system.account(bob.address)) as Any).data.free.toBigInt();
  const reg = ok(await send(bob, api.tx.subtensorModule.burnedRegister(netuid, bobHot.address)));
  assert.ok(event(reg, "NeuronRegistered"));
  const after = ((await api.query.system.account(bob.address)) as Any).data.free.toBigInt();
  assert.ok(before - after >= burn, "the burn left Bob's balance");
  ok(await send(charlie, api.tx.subtensorModule.burnedRegister(netuid, charlieHot.address)));
  assert.equal(((await api.query.subtensorModule.subnetworkN(netuid)) as Any).toNumber(), 3);
  const uid = (await api.query.subtensorModule.uids(netuid, charlieHot.address)) as Any;
  assert.equal(uid.unwrap().toNumber(), 2);
});

test("stake with a slippage limit: a fair limit fills, a limit below the price is refused", async () => {
  const price = ((await api.call.swapRuntimeApi.currentAlphaPrice(netuid)) as Any).toBigInt();
  assert.ok(price > 0n);
  const refused = await send(
    bob,
    api.tx.subtensorModule.addStakeLimit(bobHot.address, netuid, 100n * TAO, price / 2n, false),
  );
  // The chain probes the pool with the limit: a limit under the spot price fails in the swap itself.
  assert.equal(refused.error, "PriceLimitExceeded");
  const staked = ok(
    await send(
      bob,
      api.tx.subtensorModule.addStakeLimit(bobHot.address, netuid, 100n * TAO, price * 2n, false),
    ),
  );
  const added = event(staked, "StakeAdded");
  assert.ok(added, "StakeAdded emitted");
  assert.equal(added.data[2].toBigInt(), 100n * TAO);
  const alpha = (
    (await api.query.subtensorModule.totalHotkeyAlpha(bobHot.address, netuid)) as Any
  ).toBigInt();
  assert.equal(alpha, added.data[3].toBigInt());
});

test("set weights after the first epoch grants the validator its permit; incentives follow a tempo later", async () => {
  // The validator's hotkey signs set_weights and needs a little TAO for fees.
  ok(await send(alice, api.tx.balances.transferKeepAlive(bobHot.address, 10n * TAO)));
  const tempo = ((await api.query.subtensorModule.tempo(netuid)) as Any).toNumber();
  await provider.send("dev_newBlock", [{ count: tempo + 2 }]);
  const permits = ((await api.query.subtensorModule.validatorPermit(netuid)) as Any).map(
    (p: Any) => p.isTrue,
  );
  assert.equal(permits[1], true, `validator permit for uid 1: ${permits}`);
  ok(await send(bobHot, api.tx.subtensorModule.setWeights(netuid, [0, 1, 2], [0, 0, 65535], 0)));
  await provider.send("dev_newBlock", [{ count: tempo + 2 }]);
  const incentive = ((await api.query.subtensorModule.incentive(netuid)) as Any).map((x: Any) =>
    x.toNumber(),
  );
  const dividends = ((await api.query.subtensorModule.dividends(netuid)) as Any).map((x: Any) =>
    x.toNumber(),
  );
  assert.equal(incentive[2], 65535, `the miner earns all incentive: ${incentive}`);
  assert.ok(dividends[1] > 0, `the validator earns dividends: ${dividends}`);
  const metagraph = ((await api.call.subnetInfoRuntimeApi.getMetagraph(netuid)) as Any).unwrap();
  assert.deepEqual(
    metagraph.hotkeys.map((h: Any) => h.toString()),
    [ownerHot.address, bobHot.address, charlieHot.address],
  );
  assert.deepEqual(
    metagraph.incentives.map((x: Any) => x.toNumber()),
    incentive,
  );
  const stake = (
    (await api.query.subtensorModule.totalHotkeyAlpha(charlieHot.address, netuid)) as Any
  ).toBigInt();
  assert.ok(stake > 0n, "the miner's incentive was paid as stake");
});
