// subtensor's `SafeFloat` (share-pool crate): a decimal float m·10^e with a u128 mantissa kept in
// (10^20, 10^21]. Stake share pools (`AlphaV2`, `TotalHotkeySharesV2`) store it, so its truncations are consensus.

/** A normalised SafeFloat: `mantissa · 10^exponent`; zero is (0, 0). Immutable. */
export interface SafeFloat {
  readonly mantissa: bigint;
  readonly exponent: bigint;
}

/** `SAFE_FLOAT_MAX`: the largest mantissa (10^21). */
export const SAFE_FLOAT_MAX = 1_000_000_000_000_000_000_000n;
const SAFE_FLOAT_MAX_EXP = 21n;
const MIN_MANTISSA = SAFE_FLOAT_MAX / 10n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

export const SAFE_FLOAT_ZERO: SafeFloat = Object.freeze({ mantissa: 0n, exponent: 0n });

const inI64 = (x: bigint) => x >= I64_MIN && x <= I64_MAX;

/** `cappow10`: 10^e, except that any e above 22 gives 10^22 (enough to zero a mantissa by division). */
function cappow10(e: bigint): bigint {
  if (e > SAFE_FLOAT_MAX_EXP + 1n) return SAFE_FLOAT_MAX * 10n;
  return 10n ** e;
}

/**
 * Bring (m, e) into (10^20, 10^21] by truncating division or multiplication by 10. `undefined` where
 * the exponent would leave i64 (the crate's `normalize` returning false).
 */
function normalize(mantissa: bigint, exponent: bigint): SafeFloat | undefined {
  if (mantissa === 0n) return SAFE_FLOAT_ZERO;
  let m = mantissa;
  let e = exponent;
  while (m > SAFE_FLOAT_MAX) {
    m /= 10n;
    e += 1n;
    if (e > I64_MAX) return undefined;
  }
  while (m <= MIN_MANTISSA) {
    m *= 10n;
    e -= 1n;
    if (e < I64_MIN) return undefined;
  }
  return { mantissa: m, exponent: e };
}

/** `SafeFloat::new(m, e)`: `undefined` for a mantissa above 10^21. */
export function safeFloatNew(mantissa: bigint, exponent: bigint): SafeFloat | undefined {
  if (mantissa < 0n || mantissa > SAFE_FLOAT_MAX || !inI64(exponent)) return undefined;
  return normalize(mantissa, exponent);
}

/** `SafeFloat::from(u64)`. */
export function safeFloatFromU64(value: bigint): SafeFloat {
  return safeFloatNew(value, 0n) ?? SAFE_FLOAT_ZERO;
}

export function safeFloatIsZero(a: SafeFloat): boolean {
  return a.mantissa === 0n;
}

/** `a / b` with 21 extra digits of quotient: `undefined` on a zero divisor or exponent overflow. */
export function safeFloatDiv(a: SafeFloat, b: SafeFloat): SafeFloat | undefined {
  const e = a.exponent - b.exponent - SAFE_FLOAT_MAX_EXP;
  if (!inI64(e) || b.mantissa === 0n) return undefined;
  return normalize((a.mantissa * SAFE_FLOAT_MAX) / b.mantissa, e);
}

/** Align the smaller-exponent operand by truncating division, as `add`/`sub` do. */
function align(a: SafeFloat, b: SafeFloat): [bigint, bigint, bigint] {
  if (a.exponent >= b.exponent) {
    return [a.mantissa, b.mantissa / cappow10(a.exponent - b.exponent), a.exponent];
  }
  return [a.mantissa / cappow10(b.exponent - a.exponent), b.mantissa, b.exponent];
}

export function safeFloatAdd(a: SafeFloat, b: SafeFloat): SafeFloat | undefined {
  if (safeFloatIsZero(a)) return b;
  if (safeFloatIsZero(b)) return a;
  const [m1, m2, e] = align(a, b);
  return normalize(m1 + m2, e);
}

/** `a − b`, floored at 0; subtracting from zero is `undefined` unless both are zero. */
export function safeFloatSub(a: SafeFloat, b: SafeFloat): SafeFloat | undefined {
  if (safeFloatIsZero(a)) return safeFloatIsZero(b) ? SAFE_FLOAT_ZERO : undefined;
  if (safeFloatIsZero(b)) return a;
  const [m1, m2, e] = align(a, b);
  return normalize(m1 > m2 ? m1 - m2 : 0n, e);
}

/** `a · b / c` with one truncating division of the mantissas: `undefined` if c is zero. */
export function safeFloatMulDiv(a: SafeFloat, b: SafeFloat, c: SafeFloat): SafeFloat | undefined {
  if (c.mantissa === 0n) return undefined;
  const ab = a.exponent + b.exponent;
  if (!inI64(ab)) return undefined;
  const e = ab - c.exponent;
  if (!inI64(e)) return undefined;
  return normalize((a.mantissa * b.mantissa) / c.mantissa, e);
}

/** `SafeFloat::gt`, including its shortcut that a two-decade exponent gap decides alone. */
export function safeFloatGt(a: SafeFloat, b: SafeFloat): boolean {
  if (a.exponent === b.exponent) return a.mantissa > b.mantissa;
  if (a.exponent > b.exponent) return a.exponent - b.exponent > 1n || 10n * a.mantissa > b.mantissa;
  return b.exponent - a.exponent > 1n ? false : a.mantissa > 10n * b.mantissa;
}

/** `u64::from(&SafeFloat)`: truncating, saturating at u64::MAX. */
export function safeFloatToU64(a: SafeFloat): bigint {
  let q: bigint;
  if (a.exponent === 0n) q = a.mantissa;
  else if (a.exponent > 0n) q = a.mantissa * cappow10(a.exponent);
  else q = a.mantissa / cappow10(-a.exponent);
  return q > U64_MAX ? U64_MAX : q;
}

/** `SafeFloat::from(U64F64)` for the legacy share maps: integer part plus fraction/2^64. */
export function safeFloatFromU64F64(bits: bigint): SafeFloat {
  if (bits === 0n) return SAFE_FLOAT_ZERO;
  const int = safeFloatNew(bits >> 64n, 0n) ?? SAFE_FLOAT_ZERO;
  const fracNum = safeFloatNew(bits & U64_MAX, 0n) ?? SAFE_FLOAT_ZERO;
  const two64 = safeFloatNew(1n << 64n, 0n) ?? SAFE_FLOAT_ZERO;
  const frac = safeFloatDiv(fracNum, two64) ?? SAFE_FLOAT_ZERO;
  return safeFloatAdd(int, frac) ?? SAFE_FLOAT_ZERO;
}
