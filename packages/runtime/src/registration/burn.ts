// The neuron registration price (`Burn`, §8.2): it decays every block by a Q32 factor that halves it every
// `BurnHalfLife` blocks and jumps by `BurnIncreaseMult` on each registration; plus the F393 interval rule (§8.3).

import { U64F64, U110F18 } from "@opentao/primitives";

export const DEFAULT_BURN_HALF_LIFE = 360;
/** `BurnIncreaseMult` default: `U64F64::from_num(1.26)`. */
export const DEFAULT_BURN_INCREASE_MULT = U64F64.fromF64(1.26);
export const DEFAULT_MIN_BURN = 500_000n;
export const DEFAULT_MAX_BURN = 100_000_000_000n;

const U64_MAX = (1n << 64n) - 1n;
const Q32_ONE = 1n << 32n;

export interface BurnBounds {
  /** `MinBurn[netuid]`. */
  readonly minBurn: bigint;
  /** `MaxBurn[netuid]`. */
  readonly maxBurn: bigint;
}

function clamp(value: bigint, b: BurnBounds): bigint {
  if (value < b.minBurn) return b.minBurn;
  return value > b.maxBurn ? b.maxBurn : value;
}

/** `mul_by_q32`: ⌊value · factor / 2^32⌋, clamped to u64. */
export function mulByQ32(value: bigint, factorQ32: bigint): bigint {
  const r = (value * factorQ32) >> 32n;
  return r > U64_MAX ? U64_MAX : r;
}

/** `pow_q32`: base^exp in Q32 by repeated squaring, every product floored by `mulByQ32`. */
export function powQ32(baseQ32: bigint, exp: number): bigint {
  let result = Q32_ONE;
  let factor = baseQ32;
  let power = exp;
  while (power > 0) {
    if ((power & 1) === 1) result = mulByQ32(result, factor);
    power >>>= 1;
    if (power > 0) factor = mulByQ32(factor, factor);
  }
  return result;
}

const decayFactorCache = new Map<number, bigint>();

/**
 * `decay_factor_q32`: the largest Q32 factor f < 1 with powQ32(f, halfLife) ≤ 0.5 (binary search over
 * [0, 2^32)); 1.0 for a half-life of 0. Cached per half-life: the same few values recur every block.
 */
export function decayFactorQ32(halfLife: number): bigint {
  if (halfLife === 0) return Q32_ONE;
  const cached = decayFactorCache.get(halfLife);
  if (cached !== undefined) return cached;
  const half = 1n << 31n;
  let lo = 0n;
  let hi = Q32_ONE;
  while (lo + 1n < hi) {
    const mid = lo + ((hi - lo) >> 1n);
    if (powQ32(mid, halfLife) > half) hi = mid;
    else lo = mid;
  }
  decayFactorCache.set(halfLife, lo);
  return lo;
}

/**
 * One block of `update_registration_prices_for_networks` for one subnet: decay by the per-block factor
 * (only when `halfLife > 0` and the block is past 1), then clamp to [MinBurn, MaxBurn].
 */
export function decayBurn(burn: bigint, halfLife: number, currentBlock: bigint, bounds: BurnBounds): bigint {
  const decayed = halfLife > 0 && currentBlock > 1n ? mulByQ32(burn, decayFactorQ32(halfLife)) : burn;
  return clamp(decayed, bounds);
}

/** `bump_registration_price_after_registration`: ⌊Burn · max(BurnIncreaseMult, 1)⌋ (U64F64), clamped. */
export function bumpBurn(burn: bigint, increaseMult: bigint, bounds: BurnBounds): bigint {
  const mult = increaseMult > U64F64.one ? increaseMult : U64F64.one;
  return clamp(U64F64.toU64(U64F64.saturatingMul(U64F64.fromInt(burn), mult)), bounds);
}

/**
 * F393's `upgraded_burn` / `upgraded_difficulty` (one formula): α·v + (1 − α)·v·(n + T)/(2T) in U110F18
 * with α = adjustmentAlpha / (2^64 − 1), clamped to [min, max] (the bounds win on equality).
 */
export function legacyUpgradedValue(
  current: bigint,
  registrationsThisInterval: number,
  targetRegistrationsPerInterval: number,
  adjustmentAlpha: bigint,
  min: bigint,
  max: bigint,
): bigint {
  const u16 = (v: number) => (v > 65535 ? 65535 : v);
  const F = U110F18;
  const updated = F.safeDiv(
    F.saturatingMul(
      F.fromInt(current),
      F.fromInt(u16(registrationsThisInterval + targetRegistrationsPerInterval)),
    ),
    F.fromInt(u16(targetRegistrationsPerInterval + targetRegistrationsPerInterval)),
  );
  const alpha = F.safeDiv(F.fromInt(adjustmentAlpha), F.fromInt(U64_MAX));
  const next = F.saturatingAdd(
    F.saturatingMul(alpha, F.fromInt(current)),
    F.saturatingMul(F.saturatingSub(F.one, alpha), updated),
  );
  if (next >= F.fromInt(max)) return max;
  if (next <= F.fromInt(min)) return min;
  return F.toU64(next);
}
