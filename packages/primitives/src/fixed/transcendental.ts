// substrate-fixed's `transcendental::exp`, reproduced on I32F32 raw bits.
// Liquid alpha feeds its result into stored bonds, so the Taylor loop's exact rounding matters.

import { I32F32 } from "./fixed.ts";

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
