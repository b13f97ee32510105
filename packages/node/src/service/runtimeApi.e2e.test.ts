// The Bittensor runtime APIs through a dev node, as @polkadot/api calls them (`api.call.*`, decoded with the
// served V15/V16 metadata's API types): a genesis holding the runtime-API fixture subnet, queried by name.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { builtInChainSpec, genesisState, runtimeApiFixture, systemStorage } from "@opentao/runtime";
import { ApiPromise, WsProvider } from "@polkadot/api";
import { blockHeader } from "@polkadot-api/substrate-bindings";
import { pino } from "pino";
import { extrinsicsRoot } from "../chain/producer.ts";
import { BlockStore } from "../store/blockStore.ts";
import { stateRootOf } from "../store/commitment.ts";
import { Node } from "./node.ts";

const { AXON, buildFixture, ck, hk, NET, SUBNET_IDENTITY, TAO } = runtimeApiFixture;
const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

let dir: string;
let node: Node;
let provider: WsProvider;
let api: ApiPromise;

before(async () => {
  // A data directory whose genesis is the dev spec's plus the fixture subnet; the node opens it as is.
  dir = mkdtempSync(join(tmpdir(), "opentao-rtapi-"));
  const spec = builtInChainSpec("dev");
  const state = buildFixture(genesisState(spec));
  systemStorage.Number.set(state, 0);
  const entries = [...state.entries()].map(([k, v]) => [Buffer.from(k, "hex"), v] as const);
  const header = blockHeader.enc({
    parentHash: hex(new Uint8Array(32)),
    number: 0,
    stateRoot: hex(stateRootOf(entries)),
    extrinsicRoot: hex(extrinsicsRoot([])),
    digests: [],
  });
  const store = await BlockStore.open({ path: dir });
  store.initGenesis(header, entries);
  await store.close();

  node = await Node.start({
    spec,
    basePath: dir,
    port: 0,
    sealing: "manual",
    logger: pino({ level: "silent" }),
  });
  provider = new WsProvider(`ws://127.0.0.1:${node.port}`);
  api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
});

after(async () => {
  await api?.disconnect();
  await provider?.disconnect();
  await node?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: @polkadot/api's decorated runtime calls are typed from metadata
const call = () => api.call as any;

describe("@polkadot/api decodes the runtime APIs' answers", () => {
  test("the runtime lists the six Bittensor APIs and @polkadot/api decorates their methods", () => {
    for (const [section, method] of [
      ["subnetInfoRuntimeApi", "getMetagraph"],
      ["neuronInfoRuntimeApi", "getNeuronsLite"],
      ["delegateInfoRuntimeApi", "getDelegates"],
      ["stakeInfoRuntimeApi", "getStakeInfoForColdkey"],
      ["subnetRegistrationRuntimeApi", "getNetworkRegistrationCost"],
      ["swapRuntimeApi", "simSwapTaoForAlpha"],
    ])
      assert.equal(typeof call()[section]?.[method], "function", `${section}.${method}`);
  });

  test("subnetInfoRuntimeApi.getMetagraph(1)", async () => {
    const opt = await call().subnetInfoRuntimeApi.getMetagraph(NET);
    assert.ok(opt.isSome);
    const m = opt.unwrap();
    assert.equal(m.netuid.toNumber(), NET);
    assert.equal(text(Uint8Array.from(m.name.map((c: { toNumber(): number }) => c.toNumber()))), "testnet");
    assert.equal(text(m.identity.unwrap().subnetName.toU8a(true)), text(SUBNET_IDENTITY.subnet_name));
    assert.deepEqual(
      m.hotkeys.map((h: { toHex(): string }) => h.toHex()),
      [hex(hk(0)), hex(hk(1)), hex(hk(2))],
    );
    assert.equal(m.axons[0].port.toNumber(), AXON.port);
    assert.equal(m.axons[0].ip.toBigInt(), AXON.ip);
    assert.deepEqual(
      m.emission.map((e: { toBigInt(): bigint }) => e.toBigInt()),
      [100n, 200n, 0n],
    );
    assert.equal(m.alphaStake[0].toBigInt(), 1_000_000n);
    assert.equal(m.taoIn.toBigInt(), 10_000n * TAO);
    assert.equal(m.alphaDividendsPerHotkey[0][1].toBigInt(), 77n);
    assert.ok((await call().subnetInfoRuntimeApi.getMetagraph(9)).isNone);
  });

  test("neuronInfoRuntimeApi.getNeuronsLite(1) and getNeuron(1, 0)", async () => {
    const lite = await call().neuronInfoRuntimeApi.getNeuronsLite(NET);
    assert.equal(lite.length, 3);
    assert.equal(lite[0].hotkey.toHex(), hex(hk(0)));
    assert.equal(lite[0].coldkey.toHex(), hex(ck(0)));
    assert.equal(lite[1].incentive.toNumber(), 30_000);
    assert.equal(lite[0].stake[0][1].toBigInt(), 1_000_000n);
    const n = (await call().neuronInfoRuntimeApi.getNeuron(NET, 0)).unwrap();
    assert.equal(n.weights[0][0].toNumber(), 1);
    assert.equal(n.weights[0][1].toNumber(), 65_535);
    assert.equal(n.pruningScore.toNumber(), 65_535);
  });

  test("selective metagraph: Some(Some(identity)), listed fields only", async () => {
    const r = (await call().subnetInfoRuntimeApi.getSelectiveMetagraph(NET, [0, 3, 52, 72])).unwrap();
    assert.equal(r.netuid.toNumber(), NET);
    assert.ok(r.identity.isSome && r.identity.unwrap().isSome);
    assert.equal(r.hotkeys.unwrap().length, 3);
    assert.deepEqual(
      r.validators.unwrap().map((v: { toNumber(): number }) => v.toNumber()),
      [2, 0],
    );
    assert.ok(r.name.isNone && r.axons.isNone);
  });

  test("dynamic info, hyperparameters v2, subnet info v2", async () => {
    const d = (await call().subnetInfoRuntimeApi.getDynamicInfo(NET)).unwrap();
    assert.equal(d.alphaIn.toBigInt(), 20_000n * TAO);
    assert.equal(d.pendingAlphaEmission.toBigInt(), 42n);
    const h = (await call().subnetInfoRuntimeApi.getSubnetHyperparamsV2(NET)).unwrap();
    assert.equal(h.tempo.toNumber(), 100);
    assert.equal(h.maxWeightsLimit.toNumber(), 65_535);
    assert.equal(h.yumaVersion.toNumber(), 2);
    const i = (await call().subnetInfoRuntimeApi.getSubnetInfoV2(NET)).unwrap();
    assert.equal(i.subnetworkN.toNumber(), 3);
    assert.equal(i.owner.toHex(), hex(ck(0)));
  });

  test("stake info, delegates, prices, sim swaps and the registration cost", async () => {
    const infos = await call().stakeInfoRuntimeApi.getStakeInfoForColdkey(ck(3));
    assert.equal(infos.length, 1);
    assert.equal(infos[0].stake.toBigInt(), 400_000n);
    assert.equal(infos[0].isRegistered.isTrue, true);
    const d = (await call().delegateInfoRuntimeApi.getDelegate(hk(0))).unwrap();
    assert.equal(d.take.toNumber(), 11_796);
    assert.equal(d.nominators.length, 2);
    assert.equal((await call().swapRuntimeApi.currentAlphaPrice(NET)).toBigInt(), 500_000_000n);
    const sim = await call().swapRuntimeApi.simSwapTaoForAlpha(NET, 100n * TAO);
    assert.equal(sim.taoAmount.toBigInt() + sim.taoFee.toBigInt(), 100n * TAO);
    assert.ok(sim.alphaAmount.toBigInt() > 190n * TAO && sim.alphaAmount.toBigInt() < 200n * TAO);
    assert.equal(
      (await call().subnetRegistrationRuntimeApi.getNetworkRegistrationCost()).toBigInt(),
      1_000n * TAO,
    );
  });

  test("raw state_call: empty, bare-hex and 0x args; malformed args fail with the method named", async () => {
    const cost = `0x${Buffer.from(new BigUint64Array([1_000n * TAO]).buffer).toString("hex")}`;
    assert.equal(
      await provider.send("state_call", ["SubnetRegistrationRuntimeApi_get_network_registration_cost", ""]),
      cost,
    );
    assert.equal(
      await provider.send("state_call", ["SwapRuntimeApi_current_alpha_price", "0100"]),
      "0x0065cd1d00000000",
    );
    assert.equal(
      await provider.send("state_call", ["SwapRuntimeApi_current_alpha_price", "0x0100"]),
      "0x0065cd1d00000000",
    );
    await assert.rejects(
      provider.send("state_call", ["NeuronInfoRuntimeApi_get_neuron", "0x010000"]),
      /Execution failed|get_neuron/,
    );
  });
});
