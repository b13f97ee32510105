// substrate-fixed's `transcendental::exp`, reproduced on I32F32 raw bits.
// Liquid alpha feeds its result into stored bonds, so the Taylor loop's exact rounding matters.

import { I32F32 } from "./fixed.ts";
import { divI32F32Number, floorDivNumber, mulI32F32Number } from "./number.ts";

/** e as substrate-fixed stores it (23 fractional bits), widened to I32F32: 22_802_600 · 2^9. */
export const E_I32F32_BITS = 11_674_931_200n;

/**
 * `exp::<I32F32, I32F32>(x)`: 1 + y + Σ_{i=2}^{31} y^i/i! with y = |x|, each term floored on the
 * multiply and truncated on the divide, then inverted (truncating) for negative x. Returns `undefined`
 * where the crate returns `Err` (an intermediate overflow).
 */
export function expI32F32(x: bigint): bigint | undefined {
  const one = I32F32.one;
  if (x === 0n) return one;
  if (x === one) return E_I32F32_BITS;
  const y = x < 0n ? -x : x;
  if (!I32F32.inRange(y)) return undefined;
  let result = y + one;
  if (!I32F32.inRange(result)) return undefined;
  let term = y;
  // The crate iterates i in 2..frac_nbits (= 32), i.e. 2..=31.
  for (let i = 2n; i < 32n; i++) {
    const t = I32F32.checkedMul(term, y);
    if (t === undefined) return undefined;
    const d = I32F32.checkedDiv(t, i << 32n);
    if (d === undefined) return undefined;
    term = d;
    result += term;
    if (!I32F32.inRange(result)) return undefined;
  }
  if (x < 0n) return I32F32.checkedDiv(one, result);
  return result;
}

/** Largest |x| (13.0 in I32F32 bits) that {@link expI32F32Number} accepts. */
export const EXP_NUMBER_LIMIT_BITS = 13 * 2 ** 32;

/**
 * {@link expI32F32} on a number, for |x| ≤ 13 (x in I32F32 bits): the same Taylor loop with the same
 * floors, every step exact.
 *
 * Proof that every intermediate is a safe integer: with y = |x| ≤ 13·2^32, term i holds at most
 * y^i / i! in real value (floors only lower it), whose maximum over i is 13^13/13! < 2^16, so terms are
 * below 2^48 bits; the sum is at most e^13 < 2^19, i.e. below 2^51 bits. So
 * - `I32F32.checkedMul(term, y)` = floor(term·y / 2^32) = mulI32F32Number(term, y) (y < 2^37,
 *   term < 2^53, result < 2^52) and never overflows;
 * - `checkedDiv(t, i·2^32)` = trunc(t·2^32 / (i·2^32)) = floor(t / i) for t ≥ 0 = floorDivNumber(t, i);
 * - for x < 0, `checkedDiv(1, result)` = floor(2^64 / result) = divI32F32Number(2^32, result) with
 *   2^32 ≤ result < 2^51.
 * Once a term is 0 every later term is 0 (floor(0·y) = 0), so the loop may stop there.
 */
export function expI32F32Number(x: number): number {
  if (!(Math.abs(x) <= EXP_NUMBER_LIMIT_BITS)) throw new RangeError(`expI32F32Number: |x| > 13 (${x} bits)`);
  const one = 2 ** 32;
  if (x === 0) return one;
  if (x === one) return Number(E_I32F32_BITS);
  const y = Math.abs(x);
  let result = y + one;
  let term = y;
  for (let i = 2; i < 32 && term !== 0; i++) {
    term = floorDivNumber(mulI32F32Number(term, y), i);
    result += term;
  }
  return x < 0 ? divI32F32Number(one, result) : result;
}
