import assert from "node:assert/strict";
import { test } from "node:test";
import { Keypair } from "../keys/keypair.ts";
import { cryptoReady } from "../keys/sr25519.ts";
import { apiOutputType, encodeAs, finneyRegistry } from "./fixtures/finney.ts";
import {
  decodeDynamicInfo,
  decodeMetagraphInfo,
  decodeNeuronInfo,
  decodeNeuronInfoLite,
  decodeSelectiveMetagraph,
  decodeStakeInfo,
  decodeSubnetHyperparamsV2,
  SELECTIVE_METAGRAPH_FIELDS,
} from "./runtimeTypes.ts";
import { ScaleReader } from "./scale.ts";

await cryptoReady();
const { registry, metadata } = finneyRegistry();
const type = (api: string, method: string) => apiOutputType(metadata, api, method);
const key = (i: number) => Keypair.fromUri(`//Key${i}`).ss58Address;

function decodeAll<T>(bytes: Uint8Array, f: (r: ScaleReader) => T): T {
  const r = new ScaleReader(bytes);
  const v = f(r);
  assert.ok(r.done, `decoder left ${bytes.length - r.offset} bytes`);
  return v;
}

function neuron(i: number, full: boolean) {
  return {
    hotkey: key(2 * i),
    coldkey: key(2 * i + 1),
    uid: i,
    netuid: 3,
    active: i % 2 === 0,
    axon_info: {
      block: 100n + BigInt(i),
      version: 7,
      ip: (127n << 24n) + 1n,
      port: 8091 + i,
      ip_type: 4,
      protocol: 4,
      placeholder1: 0,
      placeholder2: 0,
    },
    prometheus_info: { block: 5n, version: 1, ip: 0n, port: 0, ip_type: 0 },
    stake: [[key(2 * i + 1), 10n ** 12n + BigInt(i)]] as [string, bigint][],
    rank: 65535 - i,
    emission: 123_456_789n * BigInt(i + 1),
    incentive: i * 100,
    consensus: 17 + i,
    trust: 40000,
    validator_trust: 12345,
    dividends: i === 0 ? 65535 : 0,
    last_update: 99_999_999n,
    validator_permit: i === 0,
    ...(full
      ? {
          weights: [
            [1, 65535],
            [2, 300],
          ] as [number, number][],
          bonds: [[0, 7]] as [number, number][],
        }
      : {}),
    pruning_score: 65535,
  };
}

test("Vec<NeuronInfoLite> encoded with finney's types decodes field for field", () => {
  const list = [0, 1, 2, 70].map((i) => neuron(i, false));
  const bytes = encodeAs(registry, type("NeuronInfoRuntimeApi", "get_neurons_lite"), list);
  const out = decodeAll(bytes, (r) => r.vec(decodeNeuronInfoLite));
  assert.deepEqual(out, list);
});

test("Vec<NeuronInfo> (weights and bonds) decodes field for field", () => {
  const list = [0, 1, 300].map((i) => neuron(i, true));
  const bytes = encodeAs(registry, type("NeuronInfoRuntimeApi", "get_neurons"), list);
  assert.deepEqual(
    decodeAll(bytes, (r) => r.vec(decodeNeuronInfo)),
    list,
  );
});

test("Option<Metagraph> and Option<SelectiveMetagraph> decode what finney's types encode", () => {
  const hotkeys = [key(1), key(2)];
  const value = {
    netuid: 7,
    name: [...new TextEncoder().encode("apex")],
    symbol: [...new TextEncoder().encode("α")],
    block: 4242n,
    tempo: 360,
    moving_price: { bits: (3n << 32n) / 2n }, // 1.5 in I96F32 bits
    num_uids: 2,
    max_uids: 256,
    hotkeys,
    coldkeys: [key(3), key(4)],
    identities: [
      null,
      { name: "n", url: "", github_repo: "", image: "", discord: "", description: "d", additional: "" },
    ],
    axons: [neuron(0, false).axon_info, neuron(1, false).axon_info],
    active: [true, false],
    validator_permit: [true, false],
    incentives: [0, 65535],
    dividends: [65535, 0],
    emission: [5n, 6n],
    last_update: [1n, 2n],
    alpha_stake: [10n ** 9n, 0n],
    tao_stake: [0n, 0n],
    total_stake: [10n ** 9n, 0n],
    alpha_dividends_per_hotkey: [[hotkeys[0], 77n]],
  };
  const full = decodeAll(encodeAs(registry, type("SubnetInfoRuntimeApi", "get_metagraph"), value), (r) =>
    r.option(decodeMetagraphInfo),
  );
  assert.ok(full);
  assert.equal(full.netuid, 7);
  assert.equal(full.name, "apex");
  assert.equal(full.symbol, "α");
  assert.equal(full.block, 4242n);
  assert.equal(full.moving_price, 1.5);
  assert.deepEqual(full.hotkeys, hotkeys);
  assert.deepEqual(full.incentives, [0, 65535]);
  assert.deepEqual(full.alpha_stake, [10n ** 9n, 0n]);
  assert.deepEqual(
    (full.axons as { port: number }[]).map((a) => a.port),
    [8091, 8092],
  );
  assert.equal((full.identities as ({ description: string } | undefined)[])[1]?.description, "d");
  assert.deepEqual(full.alpha_dividends_per_hotkey, [[hotkeys[0], 77n]]);

  const selective = decodeAll(
    encodeAs(registry, type("SubnetInfoRuntimeApi", "get_selective_mechagraph"), {
      netuid: 7,
      hotkeys,
      incentives: [3, 4],
      validators: [0],
      commitments: [[hotkeys[1], [...new TextEncoder().encode("hello")]]],
    }),
    (r) => r.option(decodeSelectiveMetagraph),
  );
  assert.deepEqual(selective, {
    netuid: 7,
    hotkeys,
    incentives: [3, 4],
    validators: [0],
    commitments: [[hotkeys[1], "hello"]],
  });
  assert.equal(SELECTIVE_METAGRAPH_FIELDS.length, 74);
  assert.equal(
    decodeAll(encodeAs(registry, type("SubnetInfoRuntimeApi", "get_metagraph"), null), (r) =>
      r.option(decodeMetagraphInfo),
    ),
    undefined,
  );
});

test("DynamicInfo, StakeInfo and SubnetHyperparamsV2 decode what finney's types encode", () => {
  const dyn = {
    netuid: 1,
    owner_hotkey: key(1),
    owner_coldkey: key(2),
    subnet_name: [...new TextEncoder().encode("one")],
    token_symbol: [...new TextEncoder().encode("α")],
    tempo: 99,
    alpha_in: 10n ** 15n,
    tao_in: 2n * 10n ** 12n,
    subnet_volume: (1n << 100n) + 5n,
    moving_price: { bits: -(1n << 31n) },
  };
  const d = decodeAll(
    encodeAs(registry, type("SubnetInfoRuntimeApi", "get_all_dynamic_info"), [null, dyn]),
    (r) => r.vec((x) => x.option(decodeDynamicInfo)),
  );
  assert.equal(d[0], undefined);
  assert.equal(d[1]?.subnet_name, "one");
  assert.equal(d[1]?.token_symbol, "α");
  assert.equal(d[1]?.alpha_in, 10n ** 15n);
  assert.equal(d[1]?.subnet_volume, (1n << 100n) + 5n);
  assert.equal(d[1]?.moving_price, -0.5);
  assert.equal(d[1]?.subnet_identity, undefined);

  const stake = {
    hotkey: key(1),
    coldkey: key(2),
    netuid: 4,
    stake: 5n,
    locked: 0n,
    emission: 6n,
    tao_emission: 7n,
    drain: 0n,
    is_registered: true,
  };
  assert.deepEqual(
    decodeAll(encodeAs(registry, type("StakeInfoRuntimeApi", "get_stake_info_for_coldkey"), [stake]), (r) =>
      r.vec(decodeStakeInfo),
    ),
    [stake],
  );

  const hp = decodeAll(
    encodeAs(registry, type("SubnetInfoRuntimeApi", "get_subnet_hyperparams_v2"), {
      tempo: 360,
      weights_rate_limit: 100n,
      max_weights_limit: 65535,
      alpha_sigmoid_steepness: { bits: -(3n << 32n) },
      yuma_version: 3,
      transfers_enabled: true,
    }),
    (r) => r.option(decodeSubnetHyperparamsV2),
  );
  assert.equal(hp?.tempo, 360);
  assert.equal(hp?.weights_rate_limit, 100n);
  assert.equal(hp?.max_weights_limit, 65535);
  assert.equal(hp?.alpha_sigmoid_steepness, -3);
  assert.equal(hp?.yuma_version, 3);
  assert.equal(hp?.transfers_enabled, true);
  assert.equal(hp?.user_liquidity_enabled, false);
});
