// I32F32 floored products and truncated quotients on raw bits held in plain JS numbers, for hot loops.
// Exact, not approximate: each function states the ranges in which every intermediate is an exact integer.

/*
 * Ground rules the proofs below rely on (IEEE 754 doubles, round to nearest):
 * - every integer of magnitude ≤ 2^53 is representable, so +, −, × of integers whose exact result has
 *   magnitude ≤ 2^53 is exact;
 * - multiplying or dividing by a power of two is exact (no underflow or overflow happens here), and
 *   Math.floor of an exactly represented value is exact;
 * - so splitting an integer 0 ≤ x < 2^53 as h = floor(x / 2^k), l = x − h·2^k is exact (h·2^k ≤ x); it
 *   avoids `%`, which is exact too but compiles to a slow fmod call;
 * - rounding is monotone: u ≤ v implies fl(u) ≤ fl(v), and fl(k) = k for a representable k.
 */

const TWO16 = 65_536;
const TWO32 = 4_294_967_296;

/**
 * floor(n / d) for integers 0 ≤ n, 0 < d with n + d ≤ 2^53: plain `Math.floor(n / d)` is exact there.
 *
 * Proof: let f = floor(n/d). f is representable and f ≤ n/d, so fl(n/d) ≥ f. If n/d is an integer it is
 * representable and nothing rounds. Otherwise r = (f + 1)·d − n ∈ [1, d − 1], so n/d lies at least 1/d
 * below f + 1. With 2^k ≤ f + 1 < 2^(k+1), the doubles just below f + 1 are at most 2^(k−52) apart, so
 * fl(n/d) could reach f + 1 only if 1/d ≤ 2^(k−53), i.e. d·2^k ≥ 2^53. But d·2^k ≤ d·(f + 1) = n + r
 * < n + d ≤ 2^53. Hence f ≤ fl(n/d) < f + 1 and the floor is f.
 */
export function floorDivNumber(n: number, d: number): number {
  return Math.floor(n / d);
}

/**
 * floor(a·b / 2^32) for integers 0 ≤ a < 2^37 and 0 ≤ b < 2^53 whose result is below 2^53.
 *
 * Proof: split a = ah·2^16 + al (al < 2^16, ah < 2^21) and b = bh·2^32 + bl (bl < 2^32, bh < 2^21). Then
 *   a·b / 2^32 = ah·bh·2^16 + al·bh + (ah·bl·2^16 + al·bl) / 2^32.
 * m = ah·bl < 2^53 is exact; split m = mh·2^16 + ml, so ah·bl·2^16 = mh·2^32 + ml·2^16 and
 *   floor(a·b / 2^32) = ah·bh·2^16 + al·bh + mh + floor((ml·2^16 + al·bl) / 2^32),
 * where ml·2^16 < 2^32 and al·bl < 2^48 are exact and their sum is below 2^49. Every summand is a
 * non-negative integer no larger than the result (< 2^53), so every product and partial sum is exact.
 */
function mulFloorUnsigned(a: number, b: number): number {
  const ah = Math.floor(a / TWO16);
  const al = a - ah * TWO16;
  const bh = Math.floor(b / TWO32);
  const bl = b - bh * TWO32;
  const m = ah * bl;
  const mh = Math.floor(m / TWO16);
  const ml = m - mh * TWO16;
  return ah * bh * TWO16 + al * bh + mh + Math.floor((ml * TWO16 + al * bl) / TWO32);
}

/**
 * I32F32 `a * b` as substrate-fixed computes it before saturation: floor(a·b / 2^32), toward −∞.
 * Exact for integers with min(|a|, |b|) < 2^37, max(|a|, |b|) < 2^53 and |result| < 2^53 − 1 (the
 * caller proves the range; no clamping happens here).
 *
 * Negative products: floor(−x) = −ceil(x) = −floor(x) − [x ∉ ℤ], and x = |a·b| / 2^32 is an integer
 * exactly when a·b ≡ 0 (mod 2^32), which `Math.imul` decides exactly (ToInt32 reduces each integer
 * operand modulo 2^32, and imul returns the product modulo 2^32).
 */
export function mulI32F32Number(a: number, b: number): number {
  const ua = a < 0 ? -a : a;
  const ub = b < 0 ? -b : b;
  const u = ua <= ub ? mulFloorUnsigned(ua, ub) : mulFloorUnsigned(ub, ua);
  if (a < 0 === b < 0 || a === 0 || b === 0) return u;
  return Math.imul(a, b) === 0 ? -u : -u - 1;
}

/**
 * floor(a·2^32 / d): the I32F32 quotient a / d (checked_div / safe_div truncate toward zero, which is the
 * floor here) for integers 0 ≤ a < 2^52 and 0 < d < 2^51 whose quotient is below 2^36.
 *
 * Proof: let x = a·2^32/d and q = floor(x). a·2^32 is exact (a power-of-two scaling), so the double
 * quotient is x·(1 + δ) with |δ| ≤ 2^-53, less than 2^36·2^-53 = 2^-17 away from x; it is also ≥ q, as q
 * is representable and rounding is monotone. So its floor e is q or q + 1. The remainder r = a·2^32 − e·d
 * decides which, computed exactly: e·d = h·2^32 + l with h = floor(e·d / 2^32) = mulI32F32Number(e, d)
 * (e < 2^37, d < 2^53, h ≤ a + d/2^32 < 2^53) and l = e·d mod 2^32 = Math.imul(e, d) >>> 0 (ToInt32
 * reduces each operand modulo 2^32). Then r = (a − h)·2^32 − l with r ∈ [−d, d), so
 * |a − h|·2^32 ≤ |r| + l < 2^52: both steps are exact, and r < 0 exactly when e = q + 1.
 */
export function divI32F32Number(a: number, d: number): number {
  const e = Math.floor((a * TWO32) / d);
  const r = (a - mulI32F32Number(e, d)) * TWO32 - (Math.imul(e, d) >>> 0);
  return r < 0 ? e - 1 : e;
}

/**
 * `fixed_proportion_to_u16` on a number: min(65535, floor(bits · 65535 / 2^32)), negative → 0.
 * Exact for |bits| < 2^37 (bits·65535 < 2^53, and dividing by 2^32 is exact).
 */
export function fixedProportionToU16Number(bits: number): number {
  if (bits <= 0) return 0;
  const u = Math.floor((bits * 65_535) / TWO32);
  return u > 65_535 ? 65_535 : u;
}
