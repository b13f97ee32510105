// AdminUtils through the executive: origin classes (root only, owner or root), the owner's rate limit, the
// admin freeze window, bounds with the chain's error names, events, and no writes when a call fails.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { describeError, type Origin } from "../../frame/dispatch.ts";
import { MemoryState } from "../../frame/state.ts";
import { storagePrefix } from "../../frame/storage.ts";
import { pallets, systemEvents } from "../../runtime/definition.ts";
import { Executive, implementedCalls } from "../../runtime/executive.ts";
import { mechanismStorageIndex } from "../subtensor/epoch/storage.ts";
import { storage as st } from "../subtensor/pallet.ts";
import { storage as sudo } from "../sudo/pallet.ts";
import { storage as system } from "../system/pallet.ts";
import { adminSetters, adminUtilsCalls } from "./calls.ts";
import { adminUtilsPallet } from "./pallet.ts";

const NET = 3;
const TEMPO = 100;
const OWNER = new Uint8Array(32).fill(7);
const STRANGER = new Uint8Array(32).fill(9);
const root: Origin = { kind: "root" };
const owner: Origin = { kind: "signed", who: OWNER };
const stranger: Origin = { kind: "signed", who: STRANGER };

/** A subnet owned by OWNER with tempo 100 whose last epoch ran at `lastEpoch`, at block `block`. */
function chain(block = 1_000, lastEpoch = 950) {
  const s = new MemoryState();
  const ex = new Executive();
  ex.initializeBlock(s, { number: block, parentHash: new Uint8Array(32) });
  st.NetworksAdded.set(s, NET, true);
  st.SubnetOwner.set(s, NET, OWNER);
  st.Tempo.set(s, NET, TEMPO);
  st.LastEpochBlock.set(s, NET, BigInt(lastEpoch));
  st.SubnetworkN.set(s, NET, 4);
  // Moving the block number alone keeps block hooks (the coinbase) out of these tests.
  return { s, ex, at: (n: number) => system.Number.set(s, n) };
}

type Chain = ReturnType<typeof chain>;
const call = (name: string, value: object) => ({
  type: "AdminUtils",
  value: { type: name, value },
});
function run(c: Chain, origin: Origin, name: string, value: object): string {
  const e = c.ex.applyCall(c.s, 0, origin, call(name, value));
  return e ? describeError(e, pallets) : "ok";
}
/** The event the call deposited last (before System.ExtrinsicSuccess). */
function lastEvent(c: Chain) {
  const ev = systemEvents.get(c.s).at(-2)!.event;
  return { pallet: ev.type, name: ev.value.type, value: ev.value.value };
}
/** Every SubtensorModule key and value: a failed call must leave these untouched. */
function subtensorState(s: MemoryState): Map<string, string> {
  const prefix = storagePrefix("SubtensorModule", "Tempo").subarray(0, 16);
  const out = new Map<string, string>();
  for (const k of s.keys(prefix))
    out.set(Buffer.from(k).toString("hex"), Buffer.from(s.get(k)!).toString("hex"));
  return out;
}
function failsCleanly(c: Chain, origin: Origin, name: string, value: object, error: string) {
  const before = subtensorState(c.s);
  assert.equal(run(c, origin, name, value), error);
  assert.deepEqual(subtensorState(c.s), before, `${name} wrote state although it failed`);
  assert.equal(systemEvents.get(c.s).at(-1)!.event.value.type, "ExtrinsicFailed");
}

describe("AdminUtils handlers", () => {
  test("every declared AdminUtils call has a handler registered with the executive", () => {
    const registered = new Set(
      implementedCalls()
        .filter(([p]) => p === "AdminUtils")
        .map(([, c]) => c),
    );
    for (const name of Object.keys(adminUtilsPallet.calls ?? {})) {
      assert.ok(adminUtilsCalls[name], `no handler for ${name}`);
      assert.ok(registered.has(name), `${name} not registered`);
    }
  });
});

describe("origin classes, table-wide", () => {
  test("a stranger gets BadOrigin from every setter; the owner from every root-only one", () => {
    const c = chain();
    let rootOnly = 0;
    for (const [name, def] of Object.entries(adminSetters)) {
      if (def.owner === "any") continue;
      failsCleanly(c, stranger, name, { netuid: NET }, "BadOrigin");
      failsCleanly(c, { kind: "none" }, name, { netuid: NET }, "BadOrigin");
      if (def.owner === undefined) {
        rootOnly++;
        failsCleanly(c, owner, name, { netuid: NET }, "BadOrigin");
      }
    }
    assert.ok(rootOnly > 30, `only ${rootOnly} root-only setters`);
  });
});

describe("through Sudo", () => {
  test("the sudo key's Sudo.sudo dispatches a setter as root", () => {
    const c = chain();
    sudo.Key.set(c.s, OWNER);
    const inner = call("sudo_set_kappa", { netuid: NET, kappa: 77 });
    assert.equal(
      c.ex.applyCall(c.s, 0, owner, { type: "Sudo", value: { type: "sudo", value: { call: inner } } }),
      undefined,
    );
    assert.equal(st.Kappa.get(c.s, NET), 77);
    const sudid = systemEvents.get(c.s).at(-2)!.event.value;
    assert.equal(sudid.type, "Sudid");
    assert.deepEqual(sudid.value, { sudo_result: { success: true, value: undefined } });
  });
});

describe("root-only setters", () => {
  test("sudo_set_kappa: root writes Kappa and deposits KappaSet; the owner and others get BadOrigin", () => {
    const c = chain();
    failsCleanly(c, owner, "sudo_set_kappa", { netuid: NET, kappa: 100 }, "BadOrigin");
    failsCleanly(c, stranger, "sudo_set_kappa", { netuid: NET, kappa: 100 }, "BadOrigin");
    assert.equal(run(c, root, "sudo_set_kappa", { netuid: NET, kappa: 100 }), "ok");
    assert.equal(st.Kappa.get(c.s, NET), 100);
    assert.deepEqual(lastEvent(c), { pallet: "SubtensorModule", name: "KappaSet", value: [NET, 100] });
  });

  test("a subnet that does not exist: AdminUtils.SubnetDoesNotExist", () => {
    const c = chain();
    st.Tempo.set(c.s, 40, 0); // tempo 0 keeps the freeze window out of the way
    failsCleanly(c, root, "sudo_set_kappa", { netuid: 40, kappa: 1 }, "AdminUtils.SubnetDoesNotExist");
  });

  test("global values: sudo_set_tx_rate_limit writes TxRateLimit with TxRateLimitSet", () => {
    const c = chain();
    failsCleanly(c, owner, "sudo_set_tx_rate_limit", { tx_rate_limit: 5n }, "BadOrigin");
    assert.equal(run(c, root, "sudo_set_tx_rate_limit", { tx_rate_limit: 5n }), "ok");
    assert.equal(st.TxRateLimit.get(c.s), 5n);
    assert.deepEqual(lastEvent(c), { pallet: "SubtensorModule", name: "TxRateLimitSet", value: 5n });
  });

  test("sudo_set_tempo resets the cycle: LastEpochBlock becomes the current block", () => {
    const c = chain();
    assert.equal(run(c, root, "sudo_set_tempo", { netuid: NET, tempo: 360 }), "ok");
    assert.equal(st.Tempo.get(c.s, NET), 360);
    assert.equal(st.LastEpochBlock.get(c.s, NET), 1_000n);
    assert.deepEqual(lastEvent(c).value, [NET, 360]);
  });

  test("sudo_set_max_allowed_validators must not exceed MaxAllowedUids", () => {
    const c = chain();
    st.MaxAllowedUids.set(c.s, NET, 64);
    failsCleanly(
      c,
      root,
      "sudo_set_max_allowed_validators",
      { netuid: NET, max_allowed_validators: 65 },
      "AdminUtils.MaxValidatorsLargerThanMaxUIds",
    );
    assert.equal(
      run(c, root, "sudo_set_max_allowed_validators", { netuid: NET, max_allowed_validators: 64 }),
      "ok",
    );
    assert.equal(st.MaxAllowedValidators.get(c.s, NET), 64);
  });

  test("sudo_set_min_allowed_uids below both MaxAllowedUids and the current count", () => {
    const c = chain();
    st.MaxAllowedUids.set(c.s, NET, 8);
    const set = (v: number) =>
      run(c, root, "sudo_set_min_allowed_uids", { netuid: NET, min_allowed_uids: v });
    assert.equal(set(8), "AdminUtils.MinAllowedUidsGreaterThanMaxAllowedUids");
    assert.equal(set(4), "AdminUtils.MinAllowedUidsGreaterThanCurrentUids");
    assert.equal(set(3), "ok");
    assert.equal(st.MinAllowedUids.get(c.s, NET), 3);
  });

  test("sudo_set_tao_flow_normalization_exponent within [1, 2] (U64F64)", () => {
    const c = chain();
    const one = 1n << 64n;
    const set = (bits: bigint) =>
      run(c, root, "sudo_set_tao_flow_normalization_exponent", { exponent: { bits } });
    assert.equal(set(one - 1n), "AdminUtils.InvalidValue");
    assert.equal(set(2n * one + 1n), "AdminUtils.InvalidValue");
    assert.equal(set(one + one / 2n), "ok");
    assert.equal(st.FlowNormExponent.get(c.s).bits, one + one / 2n);
  });

  test("HEAD's retired calls fail for every origin", () => {
    const c = chain();
    for (const o of [root, owner]) {
      failsCleanly(
        c,
        o,
        "sudo_set_network_pow_registration_allowed",
        { netuid: NET, registration_allowed: true },
        "AdminUtils.POWRegistrationDisabled",
      );
      failsCleanly(c, o, "sudo_set_total_issuance", { total_issuance: 1n }, "AdminUtils.Deprecated");
    }
  });
});

describe("owner-or-root setters", () => {
  test("the owner may set, a stranger may not, root may", () => {
    const c = chain();
    failsCleanly(c, stranger, "sudo_set_immunity_period", { netuid: NET, immunity_period: 10 }, "BadOrigin");
    assert.equal(run(c, owner, "sudo_set_immunity_period", { netuid: NET, immunity_period: 10 }), "ok");
    assert.equal(st.ImmunityPeriod.get(c.s, NET), 10);
    assert.deepEqual(lastEvent(c), {
      pallet: "SubtensorModule",
      name: "ImmunityPeriodSet",
      value: [NET, 10],
    });
    assert.equal(run(c, root, "sudo_set_immunity_period", { netuid: NET, immunity_period: 11 }), "ok");
    assert.equal(st.ImmunityPeriod.get(c.s, NET), 11);
  });

  test("owner rate limit: once per OwnerHyperparamRateLimit tempos, per hyperparameter; root is not limited", () => {
    const c = chain(1_000, 990);
    const set = (o: Origin, v: number) => run(c, o, "sudo_set_rho", { netuid: NET, rho: v });
    assert.equal(set(owner, 1), "ok");
    const key = { type: "OwnerHyperparamUpdate" as const, value: [NET, { type: "Rho" }] };
    assert.equal(st.LastRateLimitedBlock.get(c.s, key), 1_000n);
    // Limit = tempo 100 · 2 epochs = 200 blocks.
    c.at(1_199);
    st.LastEpochBlock.set(c.s, NET, 1_190n);
    failsCleanly(c, owner, "sudo_set_rho", { netuid: NET, rho: 2 }, "SubtensorModule.TxRateLimitExceeded");
    assert.equal(st.Rho.get(c.s, NET), 1);
    // Another hyperparameter has its own stamp.
    assert.equal(
      run(c, owner, "sudo_set_min_allowed_weights", { netuid: NET, min_allowed_weights: 2 }),
      "ok",
    );
    assert.equal(set(root, 3), "ok");
    c.at(1_200);
    assert.equal(set(owner, 4), "ok");
    assert.equal(st.Rho.get(c.s, NET), 4);
  });

  test("weights version key: the owner's limit is tempo · WeightsVersionKeyRateLimit, in TransactionKeyLastBlock", () => {
    const c = chain(1_000, 990);
    const set = (k: bigint) =>
      run(c, owner, "sudo_set_weights_version_key", { netuid: NET, weights_version_key: k });
    assert.equal(set(5n), "ok");
    assert.equal(st.TransactionKeyLastBlock.get(c.s, OWNER, NET, 4), 1_000n);
    c.at(1_499);
    st.LastEpochBlock.set(c.s, NET, 1_490n);
    assert.equal(set(6n), "SubtensorModule.TxRateLimitExceeded");
    c.at(1_500);
    assert.equal(set(6n), "ok");
    assert.equal(st.WeightsVersionKey.get(c.s, NET), 6n);
  });

  test("freeze window: the last AdminFreezeWindow blocks before the epoch refuse owner and root alike", () => {
    // Next epoch at 950 + 100 = 1050; at 1041 nine blocks remain (< 10).
    const c = chain(1_041, 950);
    for (const o of [owner, root])
      failsCleanly(
        c,
        o,
        "sudo_set_rho",
        { netuid: NET, rho: 5 },
        "SubtensorModule.AdminActionProhibitedDuringWeightsWindow",
      );
    // Root-only setters without the window check are not frozen.
    assert.equal(run(c, root, "sudo_set_kappa", { netuid: NET, kappa: 5 }), "ok");
    // Ten blocks left: open.
    c.at(1_040);
    assert.equal(run(c, owner, "sudo_set_rho", { netuid: NET, rho: 5 }), "ok");
    // A pending owner-triggered epoch freezes until it fires.
    st.PendingEpochAt.set(c.s, NET, 1_045n);
    failsCleanly(
      c,
      root,
      "sudo_set_bonds_penalty",
      { netuid: NET, bonds_penalty: 1 },
      "SubtensorModule.AdminActionProhibitedDuringWeightsWindow",
    );
    // A shorter window opens it again.
    st.PendingEpochAt.set(c.s, NET, 0n);
    assert.equal(run(c, root, "sudo_set_admin_freeze_window", { window: 0 }), "ok");
    assert.deepEqual(lastEvent(c), { pallet: "SubtensorModule", name: "AdminFreezeWindowSet", value: 0 });
    c.at(1_049);
    assert.equal(run(c, owner, "sudo_set_bonds_penalty", { netuid: NET, bonds_penalty: 1 }), "ok");
  });

  test("bounds: activity cutoff, burns, bonds moving average, sigmoid steepness, reveal period, max uids", () => {
    const c = chain();
    failsCleanly(
      c,
      owner,
      "sudo_set_activity_cutoff",
      { netuid: NET, activity_cutoff: 359 },
      "SubtensorModule.ActivityCutoffTooLow",
    );
    st.MaxBurn.set(c.s, NET, 500_000_000n);
    failsCleanly(
      c,
      root,
      "sudo_set_min_burn",
      { netuid: NET, min_burn: 500_000_000n },
      "AdminUtils.ValueNotInBounds",
    );
    failsCleanly(
      c,
      root,
      "sudo_set_max_burn",
      { netuid: NET, max_burn: 100_000_000n },
      "AdminUtils.ValueNotInBounds",
    );
    failsCleanly(
      c,
      owner,
      "sudo_set_bonds_moving_average",
      { netuid: NET, bonds_moving_average: 975_001n },
      "AdminUtils.BondsMovingAverageMaxReached",
    );
    assert.equal(
      run(c, root, "sudo_set_bonds_moving_average", { netuid: NET, bonds_moving_average: 975_001n }),
      "ok",
    );
    failsCleanly(
      c,
      owner,
      "sudo_set_alpha_sigmoid_steepness",
      { netuid: NET, steepness: -1 },
      "AdminUtils.NegativeSigmoidSteepness",
    );
    assert.equal(run(c, root, "sudo_set_alpha_sigmoid_steepness", { netuid: NET, steepness: -1 }), "ok");
    assert.equal(st.AlphaSigmoidSteepness.get(c.s, NET), -1);
    failsCleanly(
      c,
      owner,
      "sudo_set_commit_reveal_weights_interval",
      { netuid: NET, interval: 0n },
      "SubtensorModule.RevealPeriodTooSmall",
    );
    failsCleanly(
      c,
      owner,
      "sudo_set_commit_reveal_weights_interval",
      { netuid: NET, interval: 101n },
      "SubtensorModule.RevealPeriodTooLarge",
    );
    st.MinAllowedUids.set(c.s, NET, 2);
    failsCleanly(
      c,
      owner,
      "sudo_set_max_allowed_uids",
      { netuid: NET, max_allowed_uids: 3 },
      "AdminUtils.MaxAllowedUIdsLessThanCurrentUIds",
    );
    failsCleanly(
      c,
      owner,
      "sudo_set_max_allowed_uids",
      { netuid: NET, max_allowed_uids: 257 },
      "AdminUtils.MaxAllowedUidsGreaterThanDefaultMaxAllowedUids",
    );
    failsCleanly(
      c,
      owner,
      "sudo_set_owner_immune_neuron_limit",
      { netuid: NET, immune_neurons: 11 },
      "SubtensorModule.InvalidValue",
    );
  });

  test("a failed owner call does not stamp the rate limit", () => {
    const c = chain();
    assert.equal(
      run(c, owner, "sudo_set_activity_cutoff", { netuid: NET, activity_cutoff: 1 }),
      "SubtensorModule.ActivityCutoffTooLow",
    );
    assert.equal(run(c, owner, "sudo_set_activity_cutoff", { netuid: NET, activity_cutoff: 400 }), "ok");
    assert.equal(st.ActivityCutoff.get(c.s, NET), 400);
  });

  test("alpha values need liquid alpha on and bounds 65535/40 ≤ low ≤ high", () => {
    const c = chain();
    const set = (lo: number, hi: number) =>
      run(c, owner, "sudo_set_alpha_values", { netuid: NET, alpha_low: lo, alpha_high: hi });
    assert.equal(set(2000, 3000), "SubtensorModule.LiquidAlphaDisabled");
    assert.equal(run(c, root, "sudo_set_liquid_alpha_enabled", { netuid: NET, enabled: true }), "ok");
    assert.equal(set(1637, 3000), "SubtensorModule.AlphaLowOutOfRange");
    assert.equal(set(2000, 1637), "SubtensorModule.AlphaHighTooLow");
    assert.equal(set(3001, 3000), "SubtensorModule.AlphaLowOutOfRange");
    assert.equal(set(1638, 3000), "ok");
    assert.deepEqual(st.AlphaValues.get(c.s, NET), [1638, 3000]);
  });

  test("yuma3 and bonds reset deposit AdminUtils' own events", () => {
    const c = chain();
    assert.equal(run(c, owner, "sudo_set_yuma3_enabled", { netuid: NET, enabled: true }), "ok");
    assert.equal(st.Yuma3On.get(c.s, NET), true);
    assert.deepEqual(lastEvent(c), {
      pallet: "AdminUtils",
      name: "Yuma3EnableToggled",
      value: { netuid: NET, enabled: true },
    });
    assert.equal(run(c, owner, "sudo_set_bonds_reset_enabled", { netuid: NET, enabled: true }), "ok");
    const evs = systemEvents.get(c.s).slice(-3, -1);
    assert.deepEqual(
      evs.map((e) => e.event.value.type),
      ["BondsResetOnSet", "BondsResetToggled"],
    );
  });

  test("mechanism count: bounded by MaxMechanismCount and the UID budget; dropping one clears its weights", () => {
    const c = chain();
    st.MaxAllowedUids.set(c.s, NET, 128);
    const set = (n: number) => run(c, owner, "sudo_set_mechanism_count", { netuid: NET, mechanism_count: n });
    assert.equal(set(0), "SubtensorModule.InvalidValue");
    assert.equal(set(3), "SubtensorModule.InvalidValue"); // MaxMechanismCount is 2
    assert.equal(set(2), "ok");
    assert.equal(st.MechanismCountCurrent.get(c.s, NET), 2);
    assert.equal(run(c, root, "sudo_set_max_mechanism_count", { max_mechanism_count: 4 }), "ok");
    assert.equal(
      run(c, root, "sudo_set_mechanism_count", { netuid: NET, mechanism_count: 3 }),
      "SubtensorModule.TooManyUIDsPerMechanism",
    );
    const idx1 = mechanismStorageIndex(NET, 1);
    st.Weights.set(c.s, idx1, 0, [[1, 65535]]);
    st.MechanismEmissionSplit.set(c.s, NET, [30000, 35535]);
    assert.equal(run(c, root, "sudo_set_mechanism_count", { netuid: NET, mechanism_count: 1 }), "ok");
    assert.equal(st.Weights.has(c.s, idx1, 0), false);
    assert.equal(st.MechanismEmissionSplit.tryGet(c.s, NET), undefined);
    // The owner's mechanism-count stamp (tx 7) holds for 7200 blocks.
    assert.equal(set(2), "SubtensorModule.TxRateLimitExceeded");
  });

  test("emission split must cover at most every mechanism and sum to 65535", () => {
    const c = chain();
    st.MechanismCountCurrent.set(c.s, NET, 2);
    const set = (maybe_split: number[] | undefined) =>
      run(c, root, "sudo_set_mechanism_emission_split", { netuid: NET, maybe_split });
    assert.equal(set([]), "SubtensorModule.InvalidValue");
    assert.equal(set([1, 2, 65532]), "SubtensorModule.InvalidValue");
    assert.equal(set([30000, 30000]), "SubtensorModule.InvalidValue");
    assert.equal(set([30000, 35535]), "ok");
    assert.deepEqual(st.MechanismEmissionSplit.get(c.s, NET), [30000, 35535]);
    assert.equal(set(undefined), "ok");
    assert.equal(st.MechanismEmissionSplit.tryGet(c.s, NET), undefined);
  });

  test("subnet owner hotkey: owner or root, once per 50400 blocks per subnet", () => {
    const c = chain();
    const hk = new Uint8Array(32).fill(3);
    failsCleanly(c, stranger, "sudo_set_sn_owner_hotkey", { netuid: NET, hotkey: hk }, "BadOrigin");
    assert.equal(run(c, owner, "sudo_set_sn_owner_hotkey", { netuid: NET, hotkey: hk }), "ok");
    assert.deepEqual(st.SubnetOwnerHotkey.get(c.s, NET), hk);
    assert.deepEqual(lastEvent(c), {
      pallet: "SubtensorModule",
      name: "SubnetOwnerHotkeySet",
      value: [NET, hk],
    });
    failsCleanly(
      c,
      root,
      "sudo_set_subnet_owner_hotkey",
      { netuid: NET, hotkey: OWNER },
      "SubtensorModule.TxRateLimitExceeded",
    );
  });
});

describe("sudo_trim_to_max_allowed_uids", () => {
  const hk = (i: number) => new Uint8Array(32).fill(100 + i);
  /** Six neurons with emissions [50, 10, 30, 0, 20, 40], none in immunity. */
  function trimChain() {
    const c = chain();
    st.SubnetworkN.set(c.s, NET, 6);
    st.MinAllowedUids.set(c.s, NET, 1);
    st.ImmunityPeriod.set(c.s, NET, 0);
    for (let uid = 0; uid < 6; uid++) {
      st.Keys.set(c.s, NET, uid, hk(uid));
      st.Uids.set(c.s, NET, hk(uid), uid);
      st.BlockAtRegistration.set(c.s, NET, uid, 10n);
      st.IsNetworkMember.set(c.s, hk(uid), NET, true);
    }
    st.Emission.set(c.s, NET, [50n, 10n, 30n, 0n, 20n, 40n]);
    st.ValidatorPermit.set(c.s, NET, [true, false, true, false, false, true]);
    st.LastUpdate.set(c.s, NET, [1n, 2n, 3n, 4n, 5n, 6n]);
    st.Weights.set(c.s, NET, 5, [
      [1, 100],
      [2, 200],
      [5, 300],
    ]);
    return c;
  }
  const trim = (c: Chain, o: Origin, max_n: number) =>
    run(c, o, "sudo_trim_to_max_allowed_uids", { netuid: NET, max_n });

  test("drops the lowest emitters and compresses the rest to the left", () => {
    const c = trimChain();
    failsCleanly(
      c,
      owner,
      "sudo_trim_to_max_allowed_uids",
      { netuid: NET, max_n: 257 },
      "SubtensorModule.InvalidValue",
    );
    assert.equal(trim(c, owner, 4), "ok");
    assert.equal(st.MaxAllowedUids.get(c.s, NET), 4);
    assert.equal(st.SubnetworkN.get(c.s, NET), 4);
    // Kept old uids 0, 2, 4, 5 → 0, 1, 2, 3.
    assert.deepEqual(
      [0, 1, 2, 3].map((u) => st.Keys.get(c.s, NET, u)[0]),
      [100, 102, 104, 105],
    );
    assert.equal(st.Keys.has(c.s, NET, 4), false);
    assert.equal(st.Uids.get(c.s, NET, hk(5)), 3);
    assert.equal(st.Uids.tryGet(c.s, NET, hk(1)), undefined);
    assert.equal(st.IsNetworkMember.get(c.s, hk(3), NET), false);
    assert.deepEqual(st.Emission.get(c.s, NET), [50n, 30n, 20n, 40n]);
    assert.deepEqual(st.ValidatorPermit.get(c.s, NET), [true, true, false, true]);
    assert.deepEqual(st.LastUpdate.get(c.s, NET), [1n, 3n, 5n, 6n]);
    // Old uid 5's row moved to 3, its target 1 (dropped) removed, 2 → 1, 5 → 3.
    assert.deepEqual(st.Weights.get(c.s, NET, 3), [
      [1, 200],
      [3, 300],
    ]);
    // The owner's trimming limit (tx 9) now holds.
    assert.equal(trim(c, owner, 3), "SubtensorModule.TxRateLimitExceeded");
  });

  test("owner-immune and recently registered neurons are kept", () => {
    const c = trimChain();
    st.OwnedHotkeys.set(c.s, OWNER, [hk(3)]);
    assert.equal(trim(c, root, 4), "ok");
    // uid 3 (emission 0) is the owner's: uids 1 and 4 go instead.
    assert.deepEqual(st.Emission.get(c.s, NET), [50n, 30n, 0n, 40n]);
    assert.equal(st.Uids.get(c.s, NET, hk(3)), 2);
  });

  test("refused when immune neurons would fill 80 % of the slots", () => {
    const c = trimChain();
    st.ImmunityPeriod.set(c.s, NET, 5_000);
    failsCleanly(
      c,
      root,
      "sudo_trim_to_max_allowed_uids",
      { netuid: NET, max_n: 4 },
      "SubtensorModule.TrimmingWouldExceedMaxImmunePercentage",
    );
  });
});
