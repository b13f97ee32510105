// AdminUtils calls: the hyperparameter setters, each with who may call it (root, or the subnet owner where
// the chain allows), its bounds, rate limit and the admin freeze window.
// One table entry per setter; `run` applies HEAD's order: origin, owner rate limit, freeze window, subnet
// existence, bounds, write + events, then the owner's rate-limit stamp.

import { bytesEqual } from "@opentao/primitives";
import { BadOrigin, type CallContext, type DispatchResult, moduleErrors } from "../../frame/dispatch.ts";
import type { State } from "../../frame/state.ts";
import type { CallHandlers } from "../../runtime/handlers.ts";
import { mechanismStorageIndex } from "../subtensor/epoch/storage.ts";
import { storage as st, subtensorPallet } from "../subtensor/pallet.ts";
import { isInAdminFreezeWindow } from "../subtensor/weights/epochClock.ts";
import { adminUtilsPallet } from "./pallet.ts";
import { trimToMaxAllowedUids } from "./trim.ts";

const E = moduleErrors(adminUtilsPallet);
const SE = moduleErrors(subtensorPallet);

/** Runtime constants HEAD's admin checks read (node-subtensor runtime/src/lib.rs, pallet type values). */
export const MIN_BURN_UPPER_BOUND = 1_000_000_000n;
export const MAX_BURN_LOWER_BOUND = 100_000_000n;
export const DEFAULT_MAX_ALLOWED_UIDS = 256;
export const MAX_MECHANISM_COUNT_PER_SUBNET = 16;
export const MIN_IMMUNE_OWNER_UIDS_LIMIT = 1;
export const MAX_IMMUNE_OWNER_UIDS_LIMIT = 10;
export const MIN_COMMIT_REVEAL_PERIODS = 1n;
export const MAX_COMMIT_REVEAL_PERIODS = 100n;
/** Owners may not push bonds_moving_average above this (root may). */
export const OWNER_MAX_BONDS_MOVING_AVERAGE = 975_000n;
/** Rate limits HEAD declares as type values, not storage (mainnet values). */
export const MECHANISM_COUNT_SET_RATE_LIMIT = 7_200n;
export const MECHANISM_EMISSION_RATE_LIMIT = 7_200n;
export const MAX_UIDS_TRIMMING_RATE_LIMIT = 30n * 7_200n;
export const SET_SN_OWNER_HOTKEY_RATE_LIMIT = 50_400n;

/**
 * What rate-limits an owner's call (HEAD's `TransactionType`): a hyperparameter (limit = tempo ·
 * OwnerHyperparamRateLimit, stamped in LastRateLimitedBlock) or one of the per-(owner, subnet) kinds stamped
 * in TransactionKeyLastBlock under their `u16` code.
 */
export type OwnerLimit =
  | { hyperparameter: string }
  | { tx: "SetWeightsVersionKey" | "MechanismCountUpdate" | "MechanismEmission" | "MaxUidsTrimming" };

const TX_CODE = {
  SetWeightsVersionKey: 4,
  MechanismCountUpdate: 7,
  MechanismEmission: 8,
  MaxUidsTrimming: 9,
};

function limitBlocks(s: State, netuid: number, l: OwnerLimit): bigint {
  const tempo = BigInt(st.Tempo.get(s, netuid));
  if ("hyperparameter" in l) return tempo * BigInt(st.OwnerHyperparamRateLimit.get(s));
  switch (l.tx) {
    case "SetWeightsVersionKey":
      return tempo * st.WeightsVersionKeyRateLimit.get(s);
    case "MechanismCountUpdate":
      return MECHANISM_COUNT_SET_RATE_LIMIT;
    case "MechanismEmission":
      return MECHANISM_EMISSION_RATE_LIMIT;
    case "MaxUidsTrimming":
      return MAX_UIDS_TRIMMING_RATE_LIMIT;
  }
}

const hyperparamKey = (netuid: number, h: string) => ({
  type: "OwnerHyperparamUpdate" as const,
  value: [netuid, { type: h }],
});

function lastStamp(s: State, who: Uint8Array, netuid: number, l: OwnerLimit): bigint {
  if ("hyperparameter" in l) return st.LastRateLimitedBlock.get(s, hyperparamKey(netuid, l.hyperparameter));
  return st.TransactionKeyLastBlock.get(s, who, netuid, TX_CODE[l.tx]);
}

/** `check_passes_rate_limit`: never stamped, or at least `limit` blocks since. */
export function passesOwnerLimit(s: State, who: Uint8Array, netuid: number, l: OwnerLimit, now: bigint) {
  const last = lastStamp(s, who, netuid, l);
  return last === 0n || now - last >= limitBlocks(s, netuid, l);
}

function stampOwnerLimit(s: State, who: Uint8Array, netuid: number, l: OwnerLimit, now: bigint) {
  if ("hyperparameter" in l) st.LastRateLimitedBlock.set(s, hyperparamKey(netuid, l.hyperparameter), now);
  else st.TransactionKeyLastBlock.set(s, who, netuid, TX_CODE[l.tx], now);
}

/** `ensure_subnet_owner_or_root`: undefined for root, the owner for the subnet's owner, else BadOrigin. */
function subnetOwnerOrRoot(ctx: CallContext, netuid: number): { owner?: Uint8Array } | undefined {
  if (ctx.origin.kind === "root") return {};
  if (ctx.origin.kind === "signed" && bytesEqual(st.SubnetOwner.get(ctx.state, netuid), ctx.origin.who))
    return { owner: ctx.origin.who };
  return undefined;
}

/** What a setter's bounds check and write see. */
export interface SetterCtx {
  ctx: CallContext;
  s: State;
  now: bigint;
  /** The subnet owner when the owner (not root) is calling. */
  owner?: Uint8Array;
}

// biome-ignore lint/suspicious/noExplicitAny: each setter reads its own decoded call arguments
type Args = any;

export interface Setter {
  /** Absent: root only. "any": no origin check (calls HEAD always refuses). Else owner or root, limited. */
  owner?: OwnerLimit | "unlimited" | "any";
  /** `ensure_admin_window_open(netuid)`: refused in the last AdminFreezeWindow blocks before the epoch. */
  freeze?: boolean;
  /** `if_subnet_exist(netuid)` or AdminUtils.SubnetDoesNotExist. */
  exists?: boolean;
  check?: (c: SetterCtx, a: Args) => DispatchResult;
  /** The writes and events; runs only once every check passed. */
  apply?: (c: SetterCtx, a: Args) => void;
  /** Writes that can still fail part-way (the executive then discards them all). */
  tryApply?: (c: SetterCtx, a: Args) => DispatchResult;
}

/** Run one setter with HEAD's order of checks; the executive discards writes when it fails. */
export function runSetter(def: Setter, ctx: CallContext, a: Args): DispatchResult {
  const s = ctx.state;
  const now = BigInt(ctx.blockNumber);
  const netuid: number | undefined = a?.netuid;
  let owner: Uint8Array | undefined;
  if (def.owner === undefined) {
    if (ctx.origin.kind !== "root") return BadOrigin;
  } else if (def.owner !== "any") {
    const who = subnetOwnerOrRoot(ctx, netuid as number);
    if (!who) return BadOrigin;
    owner = who.owner;
    if (owner && def.owner !== "unlimited" && !passesOwnerLimit(s, owner, netuid as number, def.owner, now))
      return SE.TxRateLimitExceeded;
  }
  if (def.freeze && isInAdminFreezeWindow(s, netuid as number, now))
    return SE.AdminActionProhibitedDuringWeightsWindow;
  if (def.exists && !st.NetworksAdded.get(s, netuid as number)) return E.SubnetDoesNotExist;
  const c: SetterCtx = { ctx, s, now, owner };
  const bad = def.check?.(c, a);
  if (bad) return bad;
  def.apply?.(c, a);
  const failed = def.tryApply?.(c, a);
  if (failed) return failed;
  if (owner && typeof def.owner === "object") stampOwnerLimit(s, owner, netuid as number, def.owner, now);
  return undefined;
}

const ev = (c: SetterCtx, name: string, fields: unknown[]) => c.ctx.deposit("SubtensorModule", name, fields);

/** A per-subnet value: `item[netuid] = a[arg]`, optionally with a SubtensorModule `Event(netuid, value)`. */
function subnetValue(
  // biome-ignore lint/suspicious/noExplicitAny: any netuid-keyed storage map of the setter's value type
  item: { set(s: State, netuid: number, v: any): void },
  arg: string,
  event: string | undefined,
  rule: Omit<Setter, "apply">,
): Setter {
  return {
    ...rule,
    apply: (c, a) => {
      item.set(c.s, a.netuid, a[arg]);
      if (event) ev(c, event, [a.netuid, a[arg]]);
    },
  };
}

/** A chain-wide value: `item = a[arg]`, optionally with a SubtensorModule `Event(value)`; root only. */
function globalValue(
  // biome-ignore lint/suspicious/noExplicitAny: any plain storage value of the setter's value type
  item: { set(s: State, v: any): void },
  arg: string,
  event?: string,
): Setter {
  return {
    apply: (c, a) => {
      item.set(c.s, a[arg]);
      // A one-field event's value is the field itself.
      if (event) c.ctx.deposit("SubtensorModule", event, a[arg]);
    },
  };
}

const hp = (hyperparameter: string): OwnerLimit => ({ hyperparameter });
/** Root-only per-subnet setters that HEAD still guards with the window and existence checks. */
const rootChecked = { freeze: true, exists: true };
const ownerChecked = (h: string) => ({ owner: hp(h), freeze: true, exists: true });

/** `update_mechanism_counts_if_needed`: dropping mechanisms clears their weights, bonds and commits. */
function setMechanismCount(s: State, netuid: number, count: number): void {
  const old = st.MechanismCountCurrent.get(s, netuid);
  if (old === count) return;
  for (let m = count; m < old; m++) {
    const idx = mechanismStorageIndex(netuid, m);
    st.Weights.clear(s, idx);
    st.Incentive.remove(s, idx);
    st.LastUpdate.remove(s, idx);
    st.Bonds.clear(s, idx);
    st.WeightCommits.clear(s, idx);
    st.TimelockedWeightCommits.clear(s, idx);
  }
  st.MechanismCountCurrent.set(s, netuid, count);
  st.MechanismEmissionSplit.remove(s, netuid);
}

const maxUidsOverMechanisms = (maxUids: number, count: number): DispatchResult =>
  maxUids * count > DEFAULT_MAX_ALLOWED_UIDS ? SE.TooManyUIDsPerMechanism : undefined;

/** `do_set_sn_owner_hotkey`: owner or root, once per SET_SN_OWNER_HOTKEY_RATE_LIMIT blocks per subnet. */
const snOwnerHotkey: Setter = {
  owner: "unlimited",
  check: (c, a) => {
    if (!st.NetworksAdded.get(c.s, a.netuid)) return SE.SubnetNotExists;
    const last = st.LastRateLimitedBlock.get(c.s, { type: "SetSNOwnerHotkey", value: a.netuid });
    if (last !== 0n && c.now - last < SET_SN_OWNER_HOTKEY_RATE_LIMIT) return SE.TxRateLimitExceeded;
    return undefined;
  },
  apply: (c, a) => {
    st.LastRateLimitedBlock.set(c.s, { type: "SetSNOwnerHotkey", value: a.netuid }, c.now);
    st.SubnetOwnerHotkey.set(c.s, a.netuid, a.hotkey);
    ev(c, "SubnetOwnerHotkeySet", [a.netuid, a.hotkey]);
  },
};

/** Every AdminUtils call opentao declares, by call name. */
export const adminSetters: Record<string, Setter> = {
  sudo_set_default_take: globalValue(st.MaxDelegateTake, "default_take", "MaxDelegateTakeSet"),
  sudo_set_tx_rate_limit: globalValue(st.TxRateLimit, "tx_rate_limit", "TxRateLimitSet"),
  sudo_set_serving_rate_limit: subnetValue(st.ServingRateLimit, "serving_rate_limit", "ServingRateLimitSet", {
    owner: hp("ServingRateLimit"),
    freeze: true,
  }),
  sudo_set_min_difficulty: subnetValue(st.MinDifficulty, "min_difficulty", "MinDifficultySet", rootChecked),
  sudo_set_max_difficulty: subnetValue(
    st.MaxDifficulty,
    "max_difficulty",
    "MaxDifficultySet",
    ownerChecked("MaxDifficulty"),
  ),
  sudo_set_weights_version_key: subnetValue(
    st.WeightsVersionKey,
    "weights_version_key",
    "WeightsVersionKeySet",
    {
      owner: { tx: "SetWeightsVersionKey" },
      freeze: true,
      exists: true,
    },
  ),
  sudo_set_weights_set_rate_limit: subnetValue(
    st.WeightsSetRateLimit,
    "weights_set_rate_limit",
    "WeightsSetRateLimitSet",
    { exists: true },
  ),
  sudo_set_adjustment_interval: subnetValue(
    st.AdjustmentInterval,
    "adjustment_interval",
    "AdjustmentIntervalSet",
    { exists: true },
  ),
  sudo_set_adjustment_alpha: subnetValue(
    st.AdjustmentAlpha,
    "adjustment_alpha",
    "AdjustmentAlphaSet",
    ownerChecked("AdjustmentAlpha"),
  ),
  sudo_set_immunity_period: subnetValue(
    st.ImmunityPeriod,
    "immunity_period",
    "ImmunityPeriodSet",
    ownerChecked("ImmunityPeriod"),
  ),
  sudo_set_min_allowed_weights: subnetValue(
    st.MinAllowedWeights,
    "min_allowed_weights",
    "MinAllowedWeightSet",
    ownerChecked("MinAllowedWeights"),
  ),
  sudo_set_max_allowed_uids: subnetValue(st.MaxAllowedUids, "max_allowed_uids", "MaxAllowedUidsSet", {
    ...ownerChecked("MaxAllowedUids"),
    check: ({ s }, a) => {
      if (a.max_allowed_uids < st.MinAllowedUids.get(s, a.netuid))
        return E.MaxAllowedUidsLessThanMinAllowedUids;
      if (st.SubnetworkN.get(s, a.netuid) > a.max_allowed_uids) return E.MaxAllowedUIdsLessThanCurrentUIds;
      if (a.max_allowed_uids > DEFAULT_MAX_ALLOWED_UIDS)
        return E.MaxAllowedUidsGreaterThanDefaultMaxAllowedUids;
      return maxUidsOverMechanisms(a.max_allowed_uids, st.MechanismCountCurrent.get(s, a.netuid));
    },
  }),
  sudo_set_kappa: subnetValue(st.Kappa, "kappa", "KappaSet", { exists: true }),
  sudo_set_rho: subnetValue(st.Rho, "rho", undefined, ownerChecked("Rho")),
  sudo_set_activity_cutoff: subnetValue(st.ActivityCutoff, "activity_cutoff", "ActivityCutoffSet", {
    ...ownerChecked("ActivityCutoff"),
    check: ({ s }, a) =>
      a.activity_cutoff < st.MinActivityCutoff.get(s) ? SE.ActivityCutoffTooLow : undefined,
  }),
  sudo_set_network_registration_allowed: subnetValue(
    st.NetworkRegistrationAllowed,
    "registration_allowed",
    "RegistrationAllowed",
    {},
  ),
  // HEAD removed proof-of-work registration: the call fails for every origin.
  sudo_set_network_pow_registration_allowed: {
    owner: "any",
    check: () => E.POWRegistrationDisabled,
    apply: () => {},
  },
  sudo_set_target_registrations_per_interval: subnetValue(
    st.TargetRegistrationsPerInterval,
    "target_registrations_per_interval",
    "RegistrationPerIntervalSet",
    rootChecked,
  ),
  sudo_set_min_burn: subnetValue(st.MinBurn, "min_burn", "MinBurnSet", {
    ...ownerChecked("MinBurn"),
    check: ({ s }, a) =>
      a.min_burn >= MIN_BURN_UPPER_BOUND || a.min_burn >= st.MaxBurn.get(s, a.netuid)
        ? E.ValueNotInBounds
        : undefined,
  }),
  sudo_set_max_burn: subnetValue(st.MaxBurn, "max_burn", "MaxBurnSet", {
    ...ownerChecked("MaxBurn"),
    check: ({ s }, a) =>
      a.max_burn <= MAX_BURN_LOWER_BOUND || a.max_burn <= st.MinBurn.get(s, a.netuid)
        ? E.ValueNotInBounds
        : undefined,
  }),
  sudo_set_difficulty: subnetValue(st.Difficulty, "difficulty", "DifficultySet", rootChecked),
  sudo_set_max_allowed_validators: subnetValue(
    st.MaxAllowedValidators,
    "max_allowed_validators",
    "MaxAllowedValidatorsSet",
    {
      ...rootChecked,
      check: ({ s }, a) =>
        a.max_allowed_validators > st.MaxAllowedUids.get(s, a.netuid)
          ? E.MaxValidatorsLargerThanMaxUIds
          : undefined,
    },
  ),
  sudo_set_bonds_moving_average: {
    owner: hp("BondsMovingAverage"),
    freeze: true,
    // HEAD checks the owner's cap before the subnet's existence.
    check: ({ s, owner }, a) => {
      if (owner && a.bonds_moving_average > OWNER_MAX_BONDS_MOVING_AVERAGE)
        return E.BondsMovingAverageMaxReached;
      return st.NetworksAdded.get(s, a.netuid) ? undefined : E.SubnetDoesNotExist;
    },
    apply: (c, a) => {
      st.BondsMovingAverage.set(c.s, a.netuid, a.bonds_moving_average);
      ev(c, "BondsMovingAverageSet", [a.netuid, a.bonds_moving_average]);
    },
  },
  sudo_set_bonds_penalty: subnetValue(
    st.BondsPenalty,
    "bonds_penalty",
    "BondsPenaltySet",
    ownerChecked("BondsPenalty"),
  ),
  sudo_set_max_registrations_per_block: subnetValue(
    st.MaxRegistrationsPerBlock,
    "max_registrations_per_block",
    "MaxRegistrationsPerBlockSet",
    rootChecked,
  ),
  sudo_set_subnet_owner_cut: globalValue(st.SubnetOwnerCut, "subnet_owner_cut", "SubnetOwnerCutSet"),
  sudo_set_network_rate_limit: globalValue(st.NetworkRateLimit, "rate_limit", "NetworkRateLimitSet"),
  // `apply_tempo_with_cycle_reset`: the new tempo counts from this block.
  sudo_set_tempo: {
    ...rootChecked,
    apply: (c, a) => {
      st.Tempo.set(c.s, a.netuid, a.tempo);
      ev(c, "TempoSet", [a.netuid, a.tempo]);
      st.LastEpochBlock.set(c.s, a.netuid, c.now);
    },
  },
  sudo_set_total_issuance: { owner: "any", check: () => E.Deprecated },
  sudo_set_network_immunity_period: globalValue(
    st.NetworkImmunityPeriod,
    "immunity_period",
    "NetworkImmunityPeriodSet",
  ),
  sudo_set_network_min_lock_cost: globalValue(st.NetworkMinLockCost, "lock_cost", "NetworkMinLockCostSet"),
  sudo_set_subnet_limit: globalValue(st.SubnetLimit, "max_subnets", "SubnetLimitSet"),
  sudo_set_lock_reduction_interval: globalValue(
    st.NetworkLockReductionInterval,
    "interval",
    "NetworkLockCostReductionIntervalSet",
  ),
  sudo_set_rao_recycled: subnetValue(
    st.RAORecycledForRegistration,
    "rao_recycled",
    "RAORecycledForRegistrationSet",
    { exists: true },
  ),
  sudo_set_stake_threshold: globalValue(st.StakeThreshold, "min_stake", "StakeThresholdSet"),
  // DEVIATION: HEAD also runs `clear_small_nominations` when the minimum rises (a forced unstake of every
  // nomination below it); that needs the staking family's unstake and is not done here.
  sudo_set_nominator_min_required_stake: globalValue(st.NominatorMinRequiredStake, "min_stake"),
  sudo_set_tx_delegate_take_rate_limit: globalValue(
    st.TxDelegateTakeRateLimit,
    "tx_rate_limit",
    "TxDelegateTakeRateLimitSet",
  ),
  sudo_set_min_delegate_take: globalValue(st.MinDelegateTake, "take", "MinDelegateTakeSet"),
  sudo_set_commit_reveal_weights_enabled: subnetValue(
    st.CommitRevealWeightsEnabled,
    "enabled",
    "CommitRevealEnabled",
    ownerChecked("CommitRevealEnabled"),
  ),
  sudo_set_liquid_alpha_enabled: subnetValue(st.LiquidAlphaOn, "enabled", undefined, {
    owner: hp("LiquidAlphaEnabled"),
    freeze: true,
  }),
  // `do_set_alpha_values`: liquid alpha must be on; low ≥ 65535/40, low ≤ high, high ≥ 65535/40.
  sudo_set_alpha_values: {
    owner: hp("AlphaValues"),
    freeze: true,
    check: ({ s }, a) => {
      if (!st.LiquidAlphaOn.get(s, a.netuid)) return SE.LiquidAlphaDisabled;
      const min = Math.floor(65535 / 40);
      if (a.alpha_high < min) return SE.AlphaHighTooLow;
      if (a.alpha_low < min || a.alpha_low > a.alpha_high) return SE.AlphaLowOutOfRange;
      return undefined;
    },
    apply: ({ s }, a) => st.AlphaValues.set(s, a.netuid, [a.alpha_low, a.alpha_high]),
  },
  sudo_set_dissolve_network_schedule_duration: globalValue(
    st.DissolveNetworkScheduleDuration,
    "duration",
    "DissolveNetworkScheduleDurationSet",
  ),
  sudo_set_commit_reveal_weights_interval: subnetValue(
    st.RevealPeriodEpochs,
    "interval",
    "CommitRevealPeriodsSet",
    {
      ...ownerChecked("WeightCommitInterval"),
      check: (_, a) =>
        a.interval > MAX_COMMIT_REVEAL_PERIODS
          ? SE.RevealPeriodTooLarge
          : a.interval < MIN_COMMIT_REVEAL_PERIODS
            ? SE.RevealPeriodTooSmall
            : undefined,
    },
  ),
  sudo_set_toggle_transfer: subnetValue(st.TransferToggle, "toggle", "TransferToggle", {
    owner: hp("TransferEnabled"),
    freeze: true,
  }),
  sudo_set_recycle_or_burn: subnetValue(st.RecycleOrBurn, "recycle_or_burn", undefined, {
    owner: hp("RecycleOrBurn"),
    freeze: true,
  }),
  sudo_set_subnet_moving_alpha: globalValue(st.SubnetMovingAlpha, "alpha"),
  sudo_set_subnet_owner_hotkey: snOwnerHotkey,
  sudo_set_sn_owner_hotkey: snOwnerHotkey,
  sudo_set_ema_price_halving_period: subnetValue(st.EMAPriceHalvingBlocks, "ema_halving", undefined, {}),
  sudo_set_alpha_sigmoid_steepness: subnetValue(st.AlphaSigmoidSteepness, "steepness", undefined, {
    ...ownerChecked("AlphaSigmoidSteepness"),
    check: ({ owner }, a) => (owner && a.steepness < 0 ? E.NegativeSigmoidSteepness : undefined),
  }),
  sudo_set_yuma3_enabled: {
    owner: hp("Yuma3Enabled"),
    freeze: true,
    apply: (c, a) => {
      st.Yuma3On.set(c.s, a.netuid, a.enabled);
      c.ctx.deposit("AdminUtils", "Yuma3EnableToggled", { netuid: a.netuid, enabled: a.enabled });
    },
  },
  sudo_set_bonds_reset_enabled: {
    owner: hp("BondsResetEnabled"),
    freeze: true,
    apply: (c, a) => {
      st.BondsResetOn.set(c.s, a.netuid, a.enabled);
      ev(c, "BondsResetOnSet", [a.netuid, a.enabled]);
      c.ctx.deposit("AdminUtils", "BondsResetToggled", { netuid: a.netuid, enabled: a.enabled });
    },
  },
  sudo_set_subtoken_enabled: subnetValue(st.SubtokenEnabled, "subtoken_enabled", undefined, { freeze: true }),
  sudo_set_commit_reveal_version: globalValue(
    st.CommitRevealWeightsVersion,
    "version",
    "CommitRevealVersionSet",
  ),
  sudo_set_owner_immune_neuron_limit: subnetValue(st.ImmuneOwnerUidsLimit, "immune_neurons", undefined, {
    owner: hp("ImmuneNeuronLimit"),
    freeze: true,
    check: (_, a) =>
      a.immune_neurons < MIN_IMMUNE_OWNER_UIDS_LIMIT || a.immune_neurons > MAX_IMMUNE_OWNER_UIDS_LIMIT
        ? SE.InvalidValue
        : undefined,
  }),
  sudo_set_ck_burn: globalValue(st.CKBurn, "burn"),
  sudo_set_admin_freeze_window: globalValue(st.AdminFreezeWindow, "window", "AdminFreezeWindowSet"),
  sudo_set_owner_hparam_rate_limit: globalValue(
    st.OwnerHyperparamRateLimit,
    "epochs",
    "OwnerHyperparamRateLimitSet",
  ),
  // `do_set_mechanism_count`: 1..=min(MaxMechanismCount, 16), and max_uids · count within the UID budget.
  sudo_set_mechanism_count: {
    owner: { tx: "MechanismCountUpdate" },
    freeze: true,
    check: ({ s }, a) => {
      if (!st.NetworksAdded.get(s, a.netuid)) return SE.MechanismDoesNotExist;
      if (a.mechanism_count === 0 || a.mechanism_count > st.MaxMechanismCount.get(s)) return SE.InvalidValue;
      const tooMany = maxUidsOverMechanisms(st.MaxAllowedUids.get(s, a.netuid), a.mechanism_count);
      if (tooMany) return tooMany;
      return a.mechanism_count > MAX_MECHANISM_COUNT_PER_SUBNET ? SE.InvalidValue : undefined;
    },
    apply: ({ s }, a) => setMechanismCount(s, a.netuid, a.mechanism_count),
  },
  // `do_set_emission_split`: a split covers at most every mechanism and sums to exactly 65535; None clears.
  sudo_set_mechanism_emission_split: {
    owner: { tx: "MechanismEmission" },
    freeze: true,
    check: ({ s }, a) => {
      if (!st.NetworksAdded.get(s, a.netuid)) return SE.MechanismDoesNotExist;
      const split: number[] | undefined = a.maybe_split;
      if (split === undefined) return undefined;
      if (split.length === 0 || split.length > st.MechanismCountCurrent.get(s, a.netuid))
        return SE.InvalidValue;
      return split.reduce((x, y) => x + y, 0) === 65535 ? undefined : SE.InvalidValue;
    },
    apply: ({ s }, a) =>
      a.maybe_split === undefined
        ? st.MechanismEmissionSplit.remove(s, a.netuid)
        : st.MechanismEmissionSplit.set(s, a.netuid, a.maybe_split),
  },
  sudo_trim_to_max_allowed_uids: {
    owner: { tx: "MaxUidsTrimming" },
    freeze: true,
    tryApply: ({ s, now }, a) => trimToMaxAllowedUids(s, a.netuid, a.max_n, now),
  },
  sudo_set_min_allowed_uids: subnetValue(st.MinAllowedUids, "min_allowed_uids", "MinAllowedUidsSet", {
    ...rootChecked,
    check: ({ s }, a) => {
      if (a.min_allowed_uids >= st.MaxAllowedUids.get(s, a.netuid))
        return E.MinAllowedUidsGreaterThanMaxAllowedUids;
      if (a.min_allowed_uids >= st.SubnetworkN.get(s, a.netuid))
        return E.MinAllowedUidsGreaterThanCurrentUids;
      return undefined;
    },
  }),
  sudo_set_tao_flow_cutoff: globalValue(st.TaoFlowCutoff, "flow_cutoff"),
  sudo_set_tao_flow_normalization_exponent: {
    check: (_, a) => {
      const one = 1n << 64n;
      return a.exponent.bits < one || a.exponent.bits > 2n * one ? E.InvalidValue : undefined;
    },
    apply: ({ s }, a) => st.FlowNormExponent.set(s, a.exponent),
  },
  sudo_set_tao_flow_smoothing_factor: globalValue(st.FlowEmaSmoothingFactor, "smoothing_factor"),
  sudo_set_max_mechanism_count: {
    check: (_, a) =>
      a.max_mechanism_count === 0 || a.max_mechanism_count > MAX_MECHANISM_COUNT_PER_SUBNET
        ? SE.InvalidValue
        : undefined,
    apply: ({ s }, a) => st.MaxMechanismCount.set(s, a.max_mechanism_count),
  },
  sudo_set_min_non_immune_uids: subnetValue(st.MinNonImmuneUids, "min", "MinNonImmuneUidsSet", {}),
  sudo_set_start_call_delay: globalValue(st.StartCallDelay, "delay", "StartCallDelaySet"),
  sudo_set_coldkey_swap_announcement_delay: globalValue(
    st.ColdkeySwapAnnouncementDelay,
    "duration",
    "ColdkeySwapAnnouncementDelaySet",
  ),
  sudo_set_coldkey_swap_reannouncement_delay: globalValue(
    st.ColdkeySwapReannouncementDelay,
    "duration",
    "ColdkeySwapReannouncementDelaySet",
  ),
};

export const adminUtilsCalls: CallHandlers = Object.fromEntries(
  Object.entries(adminSetters).map(([name, def]) => [
    name,
    (ctx: CallContext, a: Args) => runSetter(def, ctx, a),
  ]),
);
