// How a subnet's alpha emission is carved up (§4.7 steps 8–13, §5.4 B–C): owner cut, miners, validators
// and root stakers per block, then at the epoch each validator's local/root dividend split and its take.

import { U96F32 } from "@opentao/primitives";

const HALF = U96F32.fromF64(0.5);
const U16_MAX_FIXED = U96F32.fromInt(65535);
const U64_MAX_FIXED = U96F32.fromInt((1n << 64n) - 1n);

/** A u16-normalised ratio (takes, owner cut): value / 65535 as U96F32. */
export function u16RatioU96F32(value: number): bigint {
  return U96F32.safeDiv(U96F32.fromInt(value), U16_MAX_FIXED);
}

/** A u64-normalised ratio (`TaoWeight`, `CKBurn`, child proportions): value / (2^64 − 1) as U96F32. */
export function u64RatioU96F32(value: bigint): bigint {
  return U96F32.safeDiv(U96F32.fromInt(value), U64_MAX_FIXED);
}

export interface AlphaOutSplit {
  /** `tou64(alpha_out)`: minted into `SubnetAlphaOut` (the pending amounts are carved out of it). */
  readonly alphaCreated: bigint;
  readonly pendingOwnerCut: bigint;
  readonly pendingServer: bigint;
  readonly pendingValidator: bigint;
  /** Added to `PendingRootAlphaDivs` when root selling is on, else 0. */
  readonly pendingRootAlpha: bigint;
  /** Recycled from `SubnetAlphaOut` when root selling is off, else 0. */
  readonly rootAlphaRecycled: bigint;
}

/**
 * The per-subnet tail of `emit_to_subnets`: owner cut (if enabled), then of the rest half to miners,
 * half to validators of which `rootProportion` (U96F32, recomputed after the injection) goes to root.
 * `alphaOut` and `ownerCut` are U96F32 bits (the chain's `alpha_out_i` and `get_float_subnet_owner_cut`).
 */
export function splitAlphaOut(
  alphaOut: bigint,
  ownerCut: bigint,
  ownerCutEnabled: boolean,
  rootProportion: bigint,
  rootSell: boolean,
): AlphaOutSplit {
  const alphaCreated = U96F32.toU64(alphaOut);
  let rest = alphaOut;
  let pendingOwnerCut = 0n;
  if (ownerCutEnabled) {
    const cut = U96F32.saturatingMul(rest, ownerCut);
    rest = U96F32.saturatingSub(rest, cut);
    pendingOwnerCut = U96F32.toU64(cut);
  }
  const rootAlpha = U96F32.saturatingMul(U96F32.saturatingMul(rootProportion, rest), HALF);
  const server = U96F32.saturatingMul(rest, HALF);
  const validator = U96F32.saturatingSub(U96F32.saturatingSub(rest, server), rootAlpha);
  const root = U96F32.toU64(rootAlpha);
  return {
    alphaCreated,
    pendingOwnerCut,
    pendingServer: U96F32.toU64(server),
    pendingValidator: U96F32.toU64(validator),
    pendingRootAlpha: rootSell ? root : 0n,
    rootAlphaRecycled: rootSell ? 0n : root,
  };
}

export interface HotkeyStake {
  /** The hotkey's own alpha on this subnet (`TotalHotkeyAlpha`). */
  readonly alpha: bigint;
  /** The hotkey's own TAO on root. */
  readonly root: bigint;
}

export interface DividendDistribution<K> {
  /** Per hotkey: its share of the validator alpha (U96F32). */
  readonly alphaDividends: Map<K, bigint>;
  /** Per hotkey: its share of the root alpha (U96F32). */
  readonly rootAlphaDividends: Map<K, bigint>;
}

/**
 * `calculate_dividend_distribution`: split each hotkey's dividend D (U96F32) into a root part
 * D·(τ·root)/(alpha + τ·root) and a local part, then hand out `pendingAlpha` pro rata to the local parts
 * and `pendingRootAlpha` pro rata to the root parts. Hotkeys without a stake entry are skipped. The
 * returned maps keep the order of `dividends` (the chain iterates hotkeys in key order; sums are exact).
 */
export function calculateDividendDistribution<K>(
  pendingAlpha: bigint,
  pendingRootAlpha: bigint,
  taoWeight: bigint,
  stakes: ReadonlyMap<K, HotkeyStake>,
  dividends: ReadonlyMap<K, bigint>,
): DividendDistribution<K> {
  const rootDivs = new Map<K, bigint>();
  const alphaDivs = new Map<K, bigint>();
  let totalRoot = 0n;
  let totalAlpha = 0n;
  for (const [hotkey, dividend] of dividends) {
    const stake = stakes.get(hotkey);
    if (stake === undefined) continue;
    const rootAlpha = U96F32.saturatingMul(U96F32.fromInt(stake.root), taoWeight);
    const total = U96F32.saturatingAdd(U96F32.fromInt(stake.alpha), rootAlpha);
    const rootProp = U96F32.checkedDiv(rootAlpha, total) ?? 0n;
    const r = U96F32.saturatingMul(dividend, rootProp);
    const a = U96F32.saturatingSub(dividend, r);
    alphaDivs.set(hotkey, U96F32.saturatingAdd(alphaDivs.get(hotkey) ?? 0n, a));
    totalAlpha = U96F32.saturatingAdd(totalAlpha, a);
    rootDivs.set(hotkey, U96F32.saturatingAdd(rootDivs.get(hotkey) ?? 0n, r));
    totalRoot = U96F32.saturatingAdd(totalRoot, r);
  }
  const rootAlphaDividends = new Map<K, bigint>();
  for (const [hotkey, r] of rootDivs) {
    const share = U96F32.checkedDiv(r, totalRoot) ?? 0n;
    rootAlphaDividends.set(hotkey, U96F32.saturatingMul(U96F32.fromInt(pendingRootAlpha), share));
  }
  const alphaDividends = new Map<K, bigint>();
  for (const [hotkey, a] of alphaDivs) {
    const share = U96F32.checkedDiv(a, totalAlpha) ?? 0n;
    alphaDividends.set(hotkey, U96F32.saturatingMul(U96F32.fromInt(pendingAlpha), share));
  }
  return { alphaDividends, rootAlphaDividends };
}

export interface TakeSplit {
  /** `tou64(take)`: staked to (hotkey, owner coldkey). */
  readonly takeToOwner: bigint;
  /** `tou64(dividends − take)`: added to the hotkey's pool, shared by all its nominators. */
  readonly toAllNominators: bigint;
}

/** The delegate take on one hotkey's dividends (U96F32 bits), `Delegates[hotkey]` as a u16 ratio. */
export function applyDelegateTake(dividends: bigint, delegateTake: number): TakeSplit {
  const take = U96F32.saturatingMul(u16RatioU96F32(delegateTake), dividends);
  return {
    takeToOwner: U96F32.toU64(take),
    toAllNominators: U96F32.toU64(U96F32.saturatingSub(dividends, take)),
  };
}
