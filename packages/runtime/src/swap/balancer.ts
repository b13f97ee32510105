// The weighted ("balancer") pool of the swap pallet at spec 425: price, swap exponent, limit deltas and
// re-weighting on protocol injection. Reserves are u64 RAO, weights Perquintill parts, prices U64F64 bits.

import { PERQUINTILL_ONE, perquintillComplement, perquintillFromRational, U64F64 } from "@opentao/primitives";
import { fail, type OpResult, ok } from "../errors.ts";
import { powRatioScaled } from "./powRatio.ts";

/** Both weights must stay at or above 0.01 (`MIN_WEIGHT`). */
export const MIN_WEIGHT_PARTS = PERQUINTILL_ONE / 100n;
/** Quote weight of a pool that was never re-weighted: `Perquintill::from_rational(1, 2)`. */
export const DEFAULT_QUOTE_WEIGHT_PARTS = PERQUINTILL_ONE / 2n;

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const SCALE = 1_000_000_000_000_000_000n;
const ONE = U64F64.one;

/** `Balancer::check_constraints`: both the quote weight and its complement are ≥ 0.01. */
export function isValidQuoteWeight(quoteParts: bigint): boolean {
  return quoteParts >= MIN_WEIGHT_PARTS && perquintillComplement(quoteParts) >= MIN_WEIGHT_PARTS;
}

/**
 * `Balancer::calculate_price(x, y)`: (w_base / w_quote) · (tao / alpha) as U64F64, two truncating
 * divisions and one floored multiply; 0 when the alpha reserve is 0.
 */
export function balancerPrice(quoteParts: bigint, alphaReserve: bigint, taoReserve: bigint): bigint {
  const w1 = U64F64.fromInt(perquintillComplement(quoteParts));
  const w2 = U64F64.fromInt(quoteParts);
  const ratio = U64F64.safeDiv(U64F64.fromInt(taoReserve), U64F64.fromInt(alphaReserve));
  return U64F64.saturatingMul(U64F64.safeDiv(w1, w2), ratio);
}

/**
 * `Balancer::exp_scaled(x, dx, base_quote)`: (x / (x + dx))^(w_a / w_b) as U64F64, where (a, b) is
 * (base, quote) when `baseQuote`, else (quote, base). `x + dx` saturates in u64; a result above 1 is
 * capped for non-negative dx; an integer power that does not fit u64 gives 0, as on chain.
 */
export function balancerExpScaled(quoteParts: bigint, x: bigint, dx: bigint, baseQuote: boolean): bigint {
  let xPlusDx = x + dx;
  if (xPlusDx > U64_MAX) xPlusDx = U64_MAX;
  if (xPlusDx < 0n) xPlusDx = 0n;
  if (xPlusDx === 0n) return 0n;
  const w1 = perquintillComplement(quoteParts);
  const w2 = quoteParts;
  const r = baseQuote
    ? powRatioScaled(x, xPlusDx, w1, w2, 256, SCALE)
    : powRatioScaled(x, xPlusDx, w2, w1, 256, SCALE);
  if (r === null || r < 0n || r > U64_MAX) return 0n;
  const e = U64F64.safeDiv(U64F64.fromInt(r), U64F64.fromInt(SCALE));
  return dx >= 0n && e > ONE ? ONE : e;
}

/** ⌊reserve · (P(num, den, w, 10^18, 1024, 10^18)/10^18 − 1)⌋: the input that moves the price to a limit. */
function deltaToPrice(num: bigint, den: bigint, weightParts: bigint, reserve: bigint): bigint {
  const p = powRatioScaled(num, den, weightParts, PERQUINTILL_ONE, 1024, SCALE);
  if (p === null) return 0n;
  const pFixed = p > U64_MAX ? U64F64.fromInt(U64_MAX) : p < 0n ? 0n : U64F64.fromInt(p);
  const factor = U64F64.saturatingSub(U64F64.safeDiv(pFixed, U64F64.fromInt(SCALE)), ONE);
  return U64F64.toU64(U64F64.saturatingMul(U64F64.fromInt(reserve), factor));
}

/**
 * `calculate_quote_delta_in`: TAO that lifts the price from `currentPrice` to `targetPrice` (U64F64 bits,
 * used raw as the ratio operands): ⌊tao · ((target/current)^w_base − 1)⌋, 0 when the target is not above.
 */
export function quoteDeltaIn(
  quoteParts: bigint,
  currentPrice: bigint,
  targetPrice: bigint,
  taoReserve: bigint,
): bigint {
  return deltaToPrice(targetPrice, currentPrice, perquintillComplement(quoteParts), taoReserve);
}

/** `calculate_base_delta_in`: alpha that pushes the price down to `targetPrice`: ⌊alpha · ((cur/target)^w_quote − 1)⌋. */
export function baseDeltaIn(
  quoteParts: bigint,
  currentPrice: bigint,
  targetPrice: bigint,
  alphaReserve: bigint,
): bigint {
  return deltaToPrice(currentPrice, targetPrice, quoteParts, alphaReserve);
}

/** u128 `saturating_*`: clamp a product of reserves. */
const u128 = (v: bigint) => (v > U128_MAX ? U128_MAX : v);

/** ⌊value · parts / 10^18 + 1/2⌋ (round half up), clamped to u128. */
function mulPerquintillRound(parts: bigint, value: bigint): bigint {
  return u128((value * parts + PERQUINTILL_ONE / 2n) / PERQUINTILL_ONE);
}

/**
 * `update_weights_for_added_liquidity`: the quote weight that keeps the spot price unchanged when
 * (taoDelta, alphaDelta) are added to the current reserves. `ReservesOutOfBalance` where the new weight
 * leaves [0.01, 0.99] (the chain then injects nothing).
 */
export function updateWeightsForAddedLiquidity(
  quoteParts: bigint,
  taoReserve: bigint,
  alphaReserve: bigint,
  taoDelta: bigint,
  alphaDelta: bigint,
): OpResult<bigint, "ReservesOutOfBalance"> {
  const q1 = mulPerquintillRound(
    perquintillComplement(quoteParts),
    u128(taoReserve * (alphaReserve + alphaDelta)),
  );
  const q2 = mulPerquintillRound(quoteParts, u128(alphaReserve * (taoReserve + taoDelta)));
  const sum = u128(q1 + q2);
  const next = sum !== 0n ? perquintillFromRational(q2, sum) : DEFAULT_QUOTE_WEIGHT_PARTS;
  return isValidQuoteWeight(next) ? ok(next) : fail("ReservesOutOfBalance");
}

/**
 * `maybe_initialize_palswap(netuid, Some(price))`: the quote weight y / (p·x + y) that makes the current
 * reserves quote `price` (U64F64), with p·x split into ⌊p⌋·x + ⌊frac(p)·x⌋ as the chain does.
 */
export function initWeightFromPrice(
  taoReserve: bigint,
  alphaReserve: bigint,
  price: bigint,
): OpResult<bigint, "ReservesOutOfBalance"> {
  const pxHigh = U64F64.toU64(price) * alphaReserve;
  const frac = price & (ONE - 1n);
  const pxLow = U64F64.toUint(U64F64.saturatingMul(U64F64.fromInt(alphaReserve), frac), 128);
  const denominator = u128(pxHigh + pxLow + taoReserve);
  if (denominator === 0n) return fail("ReservesOutOfBalance");
  const quote = perquintillFromRational(taoReserve, denominator);
  return isValidQuoteWeight(quote) ? ok(quote) : fail("ReservesOutOfBalance");
}
