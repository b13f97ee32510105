// The subnet registration lock cost (§9.2): it doubles at each registration and decays linearly back
// over one reduction interval, an interval that shrinks with every TAO halving.

import { I64F64 } from "@opentao/primitives";

export const DEFAULT_NETWORK_MIN_LOCK_COST = 1_000_000_000_000n;
export const DEFAULT_NETWORK_LOCK_REDUCTION_INTERVAL = 100_800n;

const U64_MAX = (1n << 64n) - 1n;

/**
 * `get_lock_reduction_interval`: ⌊NetworkLockReductionInterval · (block emission / 10^9)⌋ in I64F64,
 * with the current TAO block emission (§3) in RAO.
 */
export function lockReductionInterval(networkLockReductionInterval: bigint, blockEmission: bigint): bigint {
  const interval = I64F64.fromInt(networkLockReductionInterval);
  const halving = I64F64.checkedDiv(I64F64.fromInt(blockEmission), I64F64.fromInt(1_000_000_000n)) ?? 0n;
  return I64F64.toU64(I64F64.saturatingMul(interval, halving));
}

export interface LockCostInputs {
  /** `NetworkLastLockCost`. */
  readonly lastLock: bigint;
  /** `NetworkMinLockCost`. */
  readonly minLock: bigint;
  /** The block of the last subnet registration (0 = never). */
  readonly lastLockBlock: bigint;
  readonly currentBlock: bigint;
  /** The effective interval from {@link lockReductionInterval}. */
  readonly reductionInterval: bigint;
}

/** `get_network_lock_cost`: max(last·mult − ⌊last/interval⌋·(now − last_block), min), mult 1 before any registration. */
export function networkLockCost(i: LockCostInputs): bigint {
  const mult = i.lastLockBlock === 0n ? 1n : 2n;
  let doubled = i.lastLock * mult;
  if (doubled > U64_MAX) doubled = U64_MAX;
  const perBlock = i.reductionInterval === 0n ? 0n : i.lastLock / i.reductionInterval;
  const elapsed = i.currentBlock > i.lastLockBlock ? i.currentBlock - i.lastLockBlock : 0n;
  let decrement = perBlock * elapsed;
  if (decrement > U64_MAX) decrement = U64_MAX;
  const cost = doubled > decrement ? doubled - decrement : 0n;
  return cost < i.minLock ? i.minLock : cost;
}
