// SubnetInfoRuntimeApi on the fixture: subnet info v1/v2, hyperparameters v1/v2 (each from its own storage
// item), dynamic info, the metagraph and its mechanism and selective forms, subnet state, auto-stake and pruning.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { I96F32 } from "@opentao/primitives";
import fc from "fast-check";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { SELECTIVE_FIELDS } from "./subnetInfo.ts";
import {
  AXON,
  BLOCK,
  buildFixture,
  callApi,
  ck,
  hk,
  NET,
  OWNER_IDENTITY,
  SUBNET_IDENTITY,
  TAO,
} from "./testFixture.ts";

const API = "SubnetInfoRuntimeApi";
const utf8 = (x: string) => [...new TextEncoder().encode(x)];

/** The fixture with a distinct value in every hyperparameter item, so a field read from the wrong item shows. */
function withParams() {
  const s = buildFixture();
  st.Rho.set(s, NET, 11);
  st.Kappa.set(s, NET, 12);
  st.Difficulty.set(s, NET, 13n);
  st.ImmunityPeriod.set(s, NET, 14);
  st.MaxAllowedValidators.set(s, NET, 15);
  st.MinAllowedWeights.set(s, NET, 16);
  st.ScalingLawPower.set(s, NET, 17);
  st.MaxAllowedUids.set(s, NET, 18);
  st.BlocksSinceLastStep.set(s, NET, 19n);
  st.Burn.set(s, NET, 20n);
  st.MinDifficulty.set(s, NET, 21n);
  st.MaxDifficulty.set(s, NET, 22n);
  st.WeightsVersionKey.set(s, NET, 23n);
  st.WeightsSetRateLimit.set(s, NET, 24n);
  st.AdjustmentInterval.set(s, NET, 25);
  st.ActivityCutoffFactorMilli.set(s, NET, 2_600);
  st.NetworkRegistrationAllowed.set(s, NET, false);
  st.TargetRegistrationsPerInterval.set(s, NET, 27);
  st.MinBurn.set(s, NET, 28n);
  st.MaxBurn.set(s, NET, 29n);
  st.BondsMovingAverage.set(s, NET, 30n);
  st.MaxRegistrationsPerBlock.set(s, NET, 31);
  st.ServingRateLimit.set(s, NET, 32n);
  st.AdjustmentAlpha.set(s, NET, 33n);
  st.RevealPeriodEpochs.set(s, NET, 34n);
  st.CommitRevealWeightsEnabled.set(s, NET, false);
  st.AlphaValues.set(s, NET, [35, 36]);
  st.LiquidAlphaOn.set(s, NET, true);
  st.AlphaSigmoidSteepness.set(s, NET, -37);
  st.Yuma3On.set(s, NET, true);
  st.SubtokenEnabled.set(s, NET, true);
  st.TransferToggle.set(s, NET, false);
  st.BondsResetOn.set(s, NET, true);
  st.NetworkPowRegistrationAllowed.set(s, NET, false);
  return s;
}

const HYPER_V1 = {
  rho: 11,
  kappa: 12,
  immunity_period: 14,
  min_allowed_weights: 16,
  max_weights_limit: 65_535,
  tempo: 100,
  min_difficulty: 21n,
  max_difficulty: 22n,
  weights_version: 23n,
  weights_rate_limit: 24n,
  adjustment_interval: 25,
  // ActivityCutoffFactorMilli 2600 × tempo 100 / 1000.
  activity_cutoff: 260,
  registration_allowed: false,
  target_regs_per_interval: 27,
  min_burn: 28n,
  max_burn: 29n,
  bonds_moving_avg: 30n,
  max_regs_per_block: 31,
  serving_rate_limit: 32n,
  max_validators: 15,
  adjustment_alpha: 33n,
  difficulty: 13n,
  commit_reveal_period: 34n,
  commit_reveal_weights_enabled: false,
  alpha_high: 36,
  alpha_low: 35,
  liquid_alpha_enabled: true,
};

describe("SubnetInfoRuntimeApi: subnet info and hyperparameters", () => {
  const s = withParams();

  test("get_subnet_info_v2 field by field; v1 is the same without identity", () => {
    const expected = {
      netuid: NET,
      rho: 11,
      kappa: 12,
      difficulty: 13n,
      immunity_period: 14,
      max_allowed_validators: 15,
      min_allowed_weights: 16,
      max_weights_limit: 65_535,
      scaling_law_power: 17,
      subnetwork_n: 3,
      max_allowed_uids: 18,
      blocks_since_last_step: 19n,
      tempo: 100,
      network_modality: 0,
      network_connect: [],
      burn: 20n,
      owner: ck(0),
    };
    assert.deepEqual(callApi(s, API, "get_subnet_info_v2", NET), {
      ...expected,
      emission_value: 0n,
      identity: SUBNET_IDENTITY,
    });
    assert.deepEqual(callApi(s, API, "get_subnet_info", NET), { ...expected, emission_values: 0n });
    assert.equal(callApi(s, API, "get_subnet_info", 4), undefined);
  });

  test("get_subnets_info(_v2): subnets with the flag set, ascending", () => {
    st.NetworksAdded.set(s, 5, false);
    assert.deepEqual(
      callApi(s, API, "get_subnets_info").map((i: { netuid: number }) => i.netuid),
      [0, NET],
    );
    assert.deepEqual(
      callApi(s, API, "get_subnets_info_v2").map((i: { identity?: object }) => i.identity !== undefined),
      [false, true],
    );
    st.NetworksAdded.remove(s, 5);
  });

  test("get_subnet_hyperparams and _v2", () => {
    assert.deepEqual(callApi(s, API, "get_subnet_hyperparams", NET), HYPER_V1);
    assert.deepEqual(callApi(s, API, "get_subnet_hyperparams_v2", NET), {
      ...HYPER_V1,
      alpha_sigmoid_steepness: { bits: -37n << 32n },
      yuma_version: 3,
      subnet_is_active: true,
      transfers_enabled: false,
      bonds_reset_enabled: true,
      user_liquidity_enabled: false,
    });
    assert.equal(callApi(s, API, "get_subnet_hyperparams_v2", 4), undefined);
    // The activity cutoff never drops below one block.
    const t = withParams();
    st.ActivityCutoffFactorMilli.set(t, NET, 1);
    assert.equal(callApi(t, API, "get_subnet_hyperparams", NET).activity_cutoff, 1);
  });
});

describe("SubnetInfoRuntimeApi: dynamic info and metagraph", () => {
  const s = buildFixture();

  test("get_dynamic_info field by field; the root subnet's built-in name", () => {
    assert.deepEqual(callApi(s, API, "get_dynamic_info", NET), {
      netuid: NET,
      owner_hotkey: hk(0),
      owner_coldkey: ck(0),
      subnet_name: utf8("testnet"),
      token_symbol: utf8("α"),
      tempo: 100,
      last_step: 900n,
      blocks_since_last_step: BigInt(BLOCK) - 900n,
      emission: 0n,
      alpha_in: 20_000n * TAO,
      alpha_out: 5_000n * TAO,
      tao_in: 10_000n * TAO,
      alpha_out_emission: 0n,
      alpha_in_emission: 0n,
      tao_in_emission: 9n,
      pending_alpha_emission: 42n,
      pending_root_emission: 0n,
      subnet_volume: 123_456n,
      network_registered_at: 10n,
      subnet_identity: SUBNET_IDENTITY,
      moving_price: { bits: I96F32.fromRatio(2n, 5n) },
    });
    assert.deepEqual(callApi(s, API, "get_dynamic_info", 0).subnet_name, utf8("root"));
    assert.equal(callApi(s, API, "get_dynamic_info", 4), undefined);
  });

  test("get_all_dynamic_info: every NetworksAdded key, None where the flag is off", () => {
    const t = buildFixture();
    st.NetworksAdded.set(t, 5, false);
    assert.deepEqual(
      callApi(t, API, "get_all_dynamic_info").map((d?: { netuid: number }) => d?.netuid),
      [0, NET, undefined],
    );
  });

  test("get_metagraph: subnet terms, per-uid vectors and stake weights", () => {
    const m = callApi(s, API, "get_metagraph", NET);
    assert.equal(m.netuid, NET);
    assert.deepEqual(m.name, utf8("testnet"));
    assert.deepEqual(m.identity, SUBNET_IDENTITY);
    assert.equal(m.block, BigInt(BLOCK));
    assert.equal(m.num_uids, 3);
    assert.equal(m.pending_alpha_emission, 42n);
    assert.equal(m.activity_cutoff, 1388); // default factor 13 889 × tempo 100 / 1000
    assert.deepEqual(m.hotkeys, [hk(0), hk(1), hk(2)]);
    assert.deepEqual(m.coldkeys, [ck(0), ck(1), ck(2)]);
    assert.deepEqual(m.identities, [OWNER_IDENTITY, undefined, undefined]);
    assert.deepEqual(m.axons[0], AXON);
    assert.equal(m.axons[1].port, 0);
    assert.deepEqual(m.active, [true, true, false]);
    assert.deepEqual(m.validator_permit, [true, false, true]);
    assert.deepEqual(m.pruning_score, []);
    assert.deepEqual(m.last_update, [990n, 995n]);
    assert.deepEqual(m.emission, [100n, 200n, 0n]);
    assert.deepEqual(m.dividends, [65_535, 0, 0]);
    assert.deepEqual(m.incentives, [0, 30_000, 0]);
    assert.deepEqual(m.consensus, [1, 2, 3]);
    assert.deepEqual(m.trust, []);
    assert.deepEqual(m.rank, []);
    assert.deepEqual(m.block_at_registration, [100n, 101n, 102n]);
    assert.deepEqual(m.alpha_stake, [1_000_000n, 0n, 10n]);
    assert.deepEqual(m.tao_stake, [2_000n * TAO, 0n, 0n]);
    // total = alpha + tao · TaoWeight/u64::MAX.
    const tw = Number(st.TaoWeight.get(s)) / 2 ** 64;
    const expected = 1_000_000 + 2_000e9 * tw;
    assert.ok(Math.abs(Number(m.total_stake[0]) - expected) / expected < 1e-6, `${m.total_stake[0]}`);
    assert.deepEqual(m.total_stake.slice(1), [0n, 10n]);
    assert.deepEqual(m.tao_dividends_per_hotkey, [
      [hk(0), 0n],
      [hk(1), 0n],
      [hk(2), 0n],
    ]);
    assert.deepEqual(m.alpha_dividends_per_hotkey[0], [hk(0), 77n]);
    assert.equal(callApi(s, API, "get_metagraph", 4), undefined);
    assert.equal(callApi(s, API, "get_all_metagraphs").length, 2);
  });

  test("stake weights inherit through child keys", () => {
    const t = buildFixture();
    // hotkey 0 gives half of its stake to hotkey 1 on subnet 1.
    const half = 1n << 63n;
    st.ChildKeys.set(t, hk(0), NET, [[half, hk(1)]]);
    st.ParentKeys.set(t, hk(1), NET, [[half, hk(0)]]);
    const m = callApi(t, API, "get_metagraph", NET);
    assert.ok(m.alpha_stake[0] >= 499_999n && m.alpha_stake[0] <= 500_001n, `${m.alpha_stake[0]}`);
    assert.ok(m.alpha_stake[1] >= 499_999n && m.alpha_stake[1] <= 500_001n, `${m.alpha_stake[1]}`);
  });

  test("get_mechagraph: the mechanism's storage index, last updates and incentives; None past the count", () => {
    const t = buildFixture();
    st.MechanismCountCurrent.set(t, NET, 2);
    st.LastUpdate.set(t, 4096 + NET, [5n, 6n, 7n]);
    st.Incentive.set(t, 4096 + NET, [9, 8, 7]);
    const m0 = callApi(t, API, "get_mechagraph", NET, 0);
    assert.deepEqual(m0, callApi(t, API, "get_metagraph", NET));
    const m1 = callApi(t, API, "get_mechagraph", NET, 1);
    assert.equal(m1.netuid, 4096 + NET);
    assert.deepEqual(m1.last_update, [5n, 6n, 7n]);
    assert.deepEqual(m1.incentives, [9, 8, 7]);
    assert.deepEqual(m1.hotkeys, m0.hotkeys);
    assert.equal(callApi(t, API, "get_mechagraph", NET, 2), undefined);
    assert.deepEqual(
      callApi(t, API, "get_all_mechagraphs").map((m: { netuid: number }) => m.netuid),
      [0, NET, 4096 + NET],
    );
  });

  test("get_subnet_state: per-uid vectors and each hotkey's last emission per subnet", () => {
    const st8 = callApi(s, API, "get_subnet_state", NET);
    const m = callApi(s, API, "get_metagraph", NET);
    assert.equal(st8.netuid, NET);
    for (const f of [
      "hotkeys",
      "coldkeys",
      "active",
      "validator_permit",
      "last_update",
      "emission",
      "dividends",
    ])
      assert.deepEqual(st8[f], m[f], f);
    assert.deepEqual(st8.alpha_stake, m.alpha_stake);
    assert.deepEqual(st8.total_stake, m.total_stake);
    assert.deepEqual(st8.emission_history, [
      [0n, 0n, 0n],
      [55n, 0n, 0n],
    ]);
    assert.equal(callApi(s, API, "get_subnet_state", 4), undefined);
  });
});

describe("SubnetInfoRuntimeApi: selective metagraph, auto-stake, pruning", () => {
  const s = buildFixture();

  test("74 selectable fields in §2.7's order", () => {
    assert.equal(SELECTIVE_FIELDS.length, 74);
    assert.equal(SELECTIVE_FIELDS[21], "moving_price");
    assert.equal(SELECTIVE_FIELDS[52], "hotkeys");
    assert.equal(SELECTIVE_FIELDS[73], "commitments");
  });

  test("get_selective_metagraph fills exactly the listed fields, equal to the metagraph's", () => {
    const m = callApi(s, API, "get_metagraph", NET);
    const r = callApi(s, API, "get_selective_metagraph", NET, [0, 3, 12, 52, 59, 72, 200]);
    assert.equal(r.netuid, NET);
    assert.deepEqual(r.identity, { some: SUBNET_IDENTITY });
    assert.equal(r.alpha_in, m.alpha_in);
    assert.deepEqual(r.hotkeys, m.hotkeys);
    assert.deepEqual(r.last_update, m.last_update);
    // Validators: permitted uids above the stake threshold (0), ascending by stake weight.
    assert.deepEqual(r.validators, [2, 0]);
    const filled = new Set(["netuid", "identity", "alpha_in", "hotkeys", "last_update", "validators"]);
    for (const f of SELECTIVE_FIELDS) if (!filled.has(f)) assert.equal(r[f], undefined, f);
  });

  test("all 74 indices reproduce the metagraph; netuid is 0 unless index 0 is asked", () => {
    const m = callApi(s, API, "get_metagraph", NET);
    const all = callApi(s, API, "get_selective_metagraph", NET, [...Array(74).keys()]);
    for (const f of SELECTIVE_FIELDS.slice(1, 72)) {
      if (f === "identity") assert.deepEqual(all.identity, { some: m.identity });
      else assert.deepEqual(all[f], m[f], f);
    }
    assert.deepEqual(all.commitments, []);
    assert.equal(callApi(s, API, "get_selective_metagraph", NET, [8]).netuid, 0);
    assert.equal(callApi(s, API, "get_selective_metagraph", 4, [0]), undefined);
    // Some(None): a subnet without identity, asked for it.
    const t = buildFixture();
    st.SubnetIdentitiesV3.remove(t, NET);
    assert.deepEqual(callApi(t, API, "get_selective_metagraph", NET, [3]).identity, { some: undefined });
  });

  test("property: any index list fills exactly its fields (unknown indices ignored), each as the metagraph has it", () => {
    const m = callApi(s, API, "get_metagraph", NET);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 20 }), (idx) => {
        const r = callApi(s, API, "get_selective_metagraph", NET, idx);
        SELECTIVE_FIELDS.forEach((f, i) => {
          if (i === 0) assert.equal(r.netuid, idx.includes(0) ? NET : 0);
          else if (!idx.includes(i)) assert.equal(r[f], undefined, f);
          else if (f === "identity") assert.deepEqual(r.identity, { some: m.identity });
          else if (f === "validators") assert.deepEqual(r.validators, [2, 0]);
          else if (f === "commitments") assert.deepEqual(r.commitments, []);
          else assert.deepEqual(r[f], m[f], f);
        });
      }),
      { numRuns: 40 },
    );
  });

  test("a stake threshold drops small validators", () => {
    const t = buildFixture();
    st.StakeThreshold.set(t, 100n);
    assert.deepEqual(callApi(t, API, "get_selective_metagraph", NET, [72]).validators, [0]);
  });

  test("get_selective_mechagraph: the mechanism's last updates and incentives, netuid always the subnet's", () => {
    const t = buildFixture();
    st.MechanismCountCurrent.set(t, NET, 2);
    st.LastUpdate.set(t, 4096 + NET, [5n]);
    const r = callApi(t, API, "get_selective_mechagraph", NET, 1, [59, 62, 8]);
    assert.equal(r.netuid, NET);
    assert.deepEqual(r.last_update, [5n]);
    assert.deepEqual(r.incentives, []);
    assert.equal(r.tempo, 100);
    const r0 = callApi(t, API, "get_selective_mechagraph", NET, 0, [59]);
    assert.deepEqual(r0.last_update, [990n, 995n]);
  });

  test("get_coldkey_auto_stake_hotkey", () => {
    const t = buildFixture();
    assert.equal(callApi(t, API, "get_coldkey_auto_stake_hotkey", ck(3), NET), undefined);
    st.AutoStakeDestination.set(t, ck(3), NET, hk(1));
    assert.deepEqual(callApi(t, API, "get_coldkey_auto_stake_hotkey", ck(3), NET), hk(1));
  });

  test("get_subnet_to_prune: lowest EMA price past immunity, earliest registration on a tie", () => {
    const t = buildFixture();
    assert.equal(callApi(t, API, "get_subnet_to_prune"), undefined, "all immune (default 1 296 000 blocks)");
    st.NetworkImmunityPeriod.set(t, 100n);
    assert.equal(callApi(t, API, "get_subnet_to_prune"), NET);
    st.NetworksAdded.set(t, 2, true);
    st.SubnetMechanism.set(t, 2, 1);
    st.NetworkRegisteredAt.set(t, 2, 20n);
    st.SubnetMovingPrice.set(t, 2, { bits: I96F32.fromRatio(1n, 10n) });
    assert.equal(callApi(t, API, "get_subnet_to_prune"), 2);
    st.SubnetMovingPrice.set(t, 2, { bits: I96F32.fromRatio(2n, 5n) });
    assert.equal(callApi(t, API, "get_subnet_to_prune"), NET, "tie: registered earlier");
    st.NetworkRegisteredAt.set(t, 2, 950n);
    st.SubnetMovingPrice.set(t, 2, { bits: 0n });
    assert.equal(callApi(t, API, "get_subnet_to_prune"), NET, "subnet 2 still immune");
  });
});
