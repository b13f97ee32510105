// Validator dividends shared along child-key links (§5.4 A): a child hotkey's dividend is split by stake
// contribution between itself and its parents; parents of another coldkey pay the childkey take and CK burn.

import { U96F32 } from "@opentao/primitives";
import { u16RatioU96F32, u64RatioU96F32 } from "./epochSplit.ts";

export interface ChildStake {
  /** The child hotkey's own alpha on the subnet. */
  readonly alpha: bigint;
  /** The child hotkey's own TAO on root. */
  readonly root: bigint;
  /** Proportions (u64, of 2^64 − 1) the child itself delegates to its own children. */
  readonly childrenProportions: readonly bigint[];
}

export interface ParentStake<K> {
  readonly key: K;
  /** The proportion (u64, of 2^64 − 1) of the parent's stake delegated to this child. */
  readonly proportion: bigint;
  readonly alpha: bigint;
  readonly root: bigint;
  /** Parents owned by the child's coldkey pay neither take nor CK burn. */
  readonly sameColdkeyAsChild: boolean;
}

export interface ParentChildDividends<K> {
  /** `get_self_contribution`: the child's own weighted stake, u64. */
  readonly selfContribution: bigint;
  /** Per parent, in the given order: its dividend after take and burn (u64 floor). */
  readonly toParents: ReadonlyArray<{ readonly key: K; readonly amount: bigint }>;
  /** The child's own dividend: the remainder plus all takes (u64 floor). */
  readonly toChild: bigint;
  /** Σ ⌊CK burn⌋: alpha recycled from `SubnetAlphaOut`. */
  readonly burned: bigint;
}

/**
 * `get_self_contribution`: ⌊alpha·r + root·r·τ⌋ with r = 1 − Σ child proportions (U96F32), τ the
 * normalised `TaoWeight` (U96F32 bits).
 */
export function selfContribution(child: ChildStake, taoWeight: bigint): bigint {
  let remaining = U96F32.one;
  for (const p of child.childrenProportions) remaining = U96F32.saturatingSub(remaining, u64RatioU96F32(p));
  const alpha = U96F32.saturatingMul(U96F32.fromInt(child.alpha), remaining);
  const root = U96F32.saturatingMul(U96F32.saturatingMul(U96F32.fromInt(child.root), remaining), taoWeight);
  return U96F32.toU64(U96F32.saturatingAdd(alpha, root));
}

/**
 * `get_parent_child_dividends_distribution` for one hotkey's dividend (u64). `childkeyTake` is the
 * u16 `ChildkeyTake[hotkey][netuid]`, `ckBurn` and `taoWeight` the raw u64 storage values.
 */
export function parentChildDividends<K>(
  dividend: bigint,
  child: ChildStake,
  parents: readonly ParentStake<K>[],
  childkeyTake: number,
  ckBurn: bigint,
  taoWeight: bigint,
): ParentChildDividends<K> {
  const validating = U96F32.fromInt(dividend);
  let remaining = validating;
  const burnProportion = u64RatioU96F32(ckBurn);
  const takeProportion = u16RatioU96F32(childkeyTake);
  const tau = u64RatioU96F32(taoWeight);

  const self = selfContribution(child, tau);
  let total = U96F32.fromInt(self);
  const contributions: bigint[] = [];
  for (const p of parents) {
    const proportion = u64RatioU96F32(p.proportion);
    const alpha = U96F32.saturatingMul(U96F32.fromInt(p.alpha), proportion);
    const root = U96F32.saturatingMul(U96F32.saturatingMul(U96F32.fromInt(p.root), proportion), tau);
    const combined = U96F32.saturatingAdd(alpha, root);
    total = U96F32.saturatingAdd(total, combined);
    contributions.push(combined);
  }

  let totalChildTake = 0n;
  let burned = 0n;
  const toParents: { key: K; amount: bigint }[] = [];
  parents.forEach((p, i) => {
    const factor = U96F32.checkedDiv(contributions[i]!, total) ?? 0n;
    let emission = U96F32.saturatingMul(validating, factor);
    remaining = U96F32.saturatingSub(remaining, emission);
    if (!p.sameColdkeyAsChild) {
      const burn = U96F32.saturatingMul(burnProportion, emission);
      const take = U96F32.saturatingMul(takeProportion, emission);
      emission = U96F32.saturatingSub(U96F32.saturatingSub(emission, burn), take);
      totalChildTake = U96F32.saturatingAdd(totalChildTake, take);
      burned += U96F32.toU64(burn);
    }
    toParents.push({ key: p.key, amount: U96F32.toU64(emission) });
  });
  const toChild = U96F32.toU64(U96F32.saturatingAdd(remaining, totalChildTake));
  return { selfContribution: self, toParents, toChild, burned };
}
