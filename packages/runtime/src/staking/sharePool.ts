// The per-(hotkey, netuid) stake share pool (§7.6): `TotalHotkeyAlpha` is the pool's value,
// `TotalHotkeySharesV2` its share denominator and `AlphaV2[(hotkey, coldkey, netuid)]` each coldkey's shares.

import {
  SAFE_FLOAT_ZERO,
  type SafeFloat,
  safeFloatAdd,
  safeFloatFromU64,
  safeFloatIsZero,
  safeFloatMulDiv,
  safeFloatSub,
  safeFloatToU64,
} from "@opentao/primitives";

/** The hotkey-level numbers of one share pool. */
export interface HotkeySharePool {
  /** `TotalHotkeyAlpha[hotkey][netuid]`: alpha owned by all of the hotkey's nominators together. */
  readonly totalAlpha: bigint;
  /** `TotalHotkeySharesV2[hotkey][netuid]`. */
  readonly denominator: SafeFloat;
}

export const EMPTY_SHARE_POOL: HotkeySharePool = Object.freeze({
  totalAlpha: 0n,
  denominator: SAFE_FLOAT_ZERO,
});

const U64_MAX = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;

/** The alpha a coldkey's shares are worth: ⌊totalAlpha · share / denominator⌋ (0 for an empty pool). */
export function shareValue(pool: HotkeySharePool, share: SafeFloat): bigint {
  const r = safeFloatMulDiv(safeFloatFromU64(pool.totalAlpha), share, pool.denominator);
  return r === undefined ? 0n : safeFloatToU64(r);
}

/** Shares worth |update| alpha at the current rate: |update| · denominator / totalAlpha. */
function sharesPerUpdate(pool: HotkeySharePool, update: bigint): SafeFloat {
  const magnitude = update < 0n ? -update : update;
  return (
    safeFloatMulDiv(safeFloatFromU64(magnitude), pool.denominator, safeFloatFromU64(pool.totalAlpha)) ??
    SAFE_FLOAT_ZERO
  );
}

/** `update_value_for_all`: emission paid to the hotkey raises every nominator's value, no new shares. */
export function updateValueForAll(pool: HotkeySharePool, update: bigint): HotkeySharePool {
  const v = pool.totalAlpha + update;
  return { ...pool, totalAlpha: v < 0n ? 0n : v > U64_MAX ? U64_MAX : v };
}

/**
 * `sim_update_value_for_one`: false where adding `update` to a non-empty pool would mint zero shares
 * (the chain then refuses the stake with `InsufficientLiquidity`).
 */
export function canUpdateValueForOne(pool: HotkeySharePool, update: bigint): boolean {
  if (pool.denominator.mantissa === 0n) return true;
  return !safeFloatIsZero(sharesPerUpdate(pool, update));
}

/**
 * `update_value_for_one`: add (or, for a negative update, remove) `update` alpha (an i64) to one
 * coldkey's position. The first staker of an empty pool gets shares equal to its alpha. A SafeFloat
 * overflow keeps the old share or denominator, as the chain does.
 */
export function updateValueForOne(
  pool: HotkeySharePool,
  share: SafeFloat,
  update: bigint,
): { pool: HotkeySharePool; share: SafeFloat } {
  if (update > I64_MAX || update < -I64_MAX - 1n)
    throw new RangeError("updateValueForOne: update is not an i64");
  // Adding nothing mints no shares (a non-empty pool and the share come back as they were, an empty pool as
  // zero): the coinbase pays zero to most hotkeys of an epoch, so this is the common case.
  if (update === 0n)
    return safeFloatIsZero(pool.denominator)
      ? { pool: { ...pool, denominator: SAFE_FLOAT_ZERO }, share: SAFE_FLOAT_ZERO }
      : { pool, share: safeFloatIsZero(share) ? SAFE_FLOAT_ZERO : share };
  let denominator: SafeFloat;
  let newShare: SafeFloat;
  if (safeFloatIsZero(pool.denominator)) {
    const initial = safeFloatFromU64(update < 0n ? -update : update);
    denominator = initial;
    newShare = initial;
  } else {
    const delta = sharesPerUpdate(pool, update);
    if (update > 0n) {
      denominator = safeFloatAdd(pool.denominator, delta) ?? pool.denominator;
      newShare = safeFloatAdd(share, delta) ?? share;
    } else {
      denominator = safeFloatSub(pool.denominator, delta) ?? pool.denominator;
      newShare = safeFloatSub(share, delta) ?? share;
    }
  }
  return { pool: updateValueForAll({ ...pool, denominator }, update), share: newShare };
}
