// Fixed-point numbers as raw BigInt bits, with substrate-fixed 0.6.0's rounding rules.
// The chain's consensus maths is only reproducible bit for bit if every floor, truncation and clamp matches.

/**
 * A fixed-point type: `totalBits` bits of two's complement (or unsigned) storage, of which `fracBits`
 * are fractional. Values are plain `bigint` raw bits, so arrays of them stay cheap and a value can be
 * passed to any other type's functions after an explicit {@link FixedType.from} conversion.
 *
 * Rounding, as the `fixed`/`substrate-fixed` crates do it:
 * - multiplication floors (arithmetic shift, toward −∞);
 * - division truncates toward zero (Rust integer division);
 * - conversion to a type with fewer fractional bits floors;
 * - `saturating_*` clamp to the type's range, `checked_*` return `undefined` on overflow.
 */
export class FixedType {
  readonly one: bigint;
  readonly min: bigint;
  readonly max: bigint;
  readonly #frac: bigint;

  constructor(
    readonly name: string,
    readonly totalBits: number,
    readonly fracBits: number,
    readonly signed: boolean,
  ) {
    this.#frac = BigInt(fracBits);
    this.one = 1n << this.#frac;
    this.min = signed ? -(1n << BigInt(totalBits - 1)) : 0n;
    this.max = signed ? (1n << BigInt(totalBits - 1)) - 1n : (1n << BigInt(totalBits)) - 1n;
  }

  /** Clamp raw bits into the representable range. */
  saturate(bits: bigint): bigint {
    return bits < this.min ? this.min : bits > this.max ? this.max : bits;
  }

  inRange(bits: bigint): boolean {
    return bits >= this.min && bits <= this.max;
  }

  /** `saturating_from_num(k)` for an integer k. */
  fromInt(k: bigint | number): bigint {
    return this.saturate(BigInt(k) << this.#frac);
  }

  /** `saturating_from_num(x)` where x is another fixed type's raw bits: floors extra fractional bits. */
  from(source: FixedType, bits: bigint): bigint {
    const shift = this.fracBits - source.fracBits;
    const raw = shift >= 0 ? bits << BigInt(shift) : bits >> BigInt(-shift);
    return this.saturate(raw);
  }

  /**
   * An exact rational num/den rounded to nearest, ties to even, as `from_num` does for a float
   * constant. Only used for constants such as 0.5 that are exact anyway.
   */
  fromRatio(num: bigint, den: bigint): bigint {
    if (den === 0n) throw new RangeError(`${this.name}.fromRatio: zero denominator`);
    const scaled = num << this.#frac;
    let q = scaled / den;
    let r = scaled % den;
    if (den < 0n) {
      q = -q;
      r = -r;
    }
    // q truncated toward zero; bring to floor, then round half to even.
    const negRem = r < 0n;
    if (negRem) {
      q -= 1n;
      r += den < 0n ? -den : den;
    }
    const d = den < 0n ? -den : den;
    if (2n * r > d || (2n * r === d && (q & 1n) === 1n)) q += 1n;
    return this.saturate(q);
  }

  /**
   * `saturating_from_num(x)` for a float constant written in the chain's source (0.5, 1.26, 0.000003):
   * the double's exact binary value rounded to nearest, ties to even. The double is decoded from its
   * IEEE-754 bits, so no float arithmetic takes part; NaN and infinities are rejected.
   */
  fromF64(x: number): bigint {
    if (!Number.isFinite(x)) throw new RangeError(`${this.name}.fromF64: ${x} is not finite`);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const hi = view.getUint32(0);
    const lo = view.getUint32(4);
    const negative = hi >>> 31 === 1;
    const exponent = (hi >>> 20) & 0x7ff;
    let mantissa = (BigInt(hi & 0xf_ffff) << 32n) | BigInt(lo);
    // value = mantissa · 2^shift, exactly.
    let shift: number;
    if (exponent === 0) shift = -1074;
    else {
      mantissa |= 1n << 52n;
      shift = exponent - 1075;
    }
    const signed = negative ? -mantissa : mantissa;
    return shift >= 0
      ? this.saturate(signed << BigInt(shift + this.fracBits))
      : this.fromRatio(signed, 1n << BigInt(-shift));
  }

  /** Exact sum (Rust `+`); the caller guarantees no overflow. */
  add(a: bigint, b: bigint): bigint {
    return a + b;
  }

  saturatingAdd(a: bigint, b: bigint): bigint {
    return this.saturate(a + b);
  }

  saturatingSub(a: bigint, b: bigint): bigint {
    return this.saturate(a - b);
  }

  /** Floored product (toward −∞), unclamped. */
  mulRaw(a: bigint, b: bigint): bigint {
    return (a * b) >> this.#frac;
  }

  saturatingMul(a: bigint, b: bigint): bigint {
    return this.saturate((a * b) >> this.#frac);
  }

  checkedMul(a: bigint, b: bigint): bigint | undefined {
    const p = (a * b) >> this.#frac;
    return this.inRange(p) ? p : undefined;
  }

  /** `checked_div`: truncates toward zero; `undefined` on division by zero or overflow. */
  checkedDiv(a: bigint, b: bigint): bigint | undefined {
    if (b === 0n) return undefined;
    const q = (a << this.#frac) / b;
    return this.inRange(q) ? q : undefined;
  }

  /** `safe_div`: like checked_div but 0 where that would fail (subtensor's SafeDiv). */
  safeDiv(a: bigint, b: bigint): bigint {
    return this.checkedDiv(a, b) ?? 0n;
  }

  /** `saturating_div`: truncated quotient, clamped. Division by zero throws, as it panics in Rust. */
  saturatingDiv(a: bigint, b: bigint): bigint {
    if (b === 0n) throw new RangeError(`${this.name}.saturatingDiv: division by zero`);
    return this.saturate((a << this.#frac) / b);
  }

  /** `saturating_to_num::<uN>()`: floor, then clamp to [0, 2^intBits − 1]. */
  toUint(bits: bigint, intBits: number): bigint {
    const v = bits >> this.#frac;
    if (v < 0n) return 0n;
    const max = (1n << BigInt(intBits)) - 1n;
    return v > max ? max : v;
  }

  toU16(bits: bigint): number {
    return Number(this.toUint(bits, 16));
  }

  toU64(bits: bigint): bigint {
    return this.toUint(bits, 64);
  }

  /** `round()` to an integer: nearest, ties away from zero. */
  roundToInt(bits: bigint): bigint {
    const half = this.one >> 1n;
    return bits >= 0n ? (bits + half) >> this.#frac : -((-bits + half) >> this.#frac);
  }

  /** Floor to an integer (unclamped). */
  floorToInt(bits: bigint): bigint {
    return bits >> this.#frac;
  }

  /** Approximate value for display and logs only; never feed it back into consensus maths. */
  toNumber(bits: bigint): number {
    const whole = bits >> this.#frac;
    const frac = bits - (whole << this.#frac);
    return Number(whole) + Number(frac) / Number(this.one);
  }

  /** Exact decimal string of the value (terminates, since the denominator is a power of two). */
  toDecimalString(bits: bigint): string {
    const neg = bits < 0n;
    const abs = neg ? -bits : bits;
    const whole = abs >> this.#frac;
    let frac = abs & (this.one - 1n);
    let digits = "";
    while (frac !== 0n) {
      frac *= 10n;
      digits += (frac >> this.#frac).toString();
      frac &= this.one - 1n;
    }
    return `${neg ? "-" : ""}${whole}${digits ? `.${digits}` : ""}`;
  }
}

export const I32F32 = new FixedType("I32F32", 64, 32, true);
export const U32F32 = new FixedType("U32F32", 64, 32, false);
export const I64F64 = new FixedType("I64F64", 128, 64, true);
export const U64F64 = new FixedType("U64F64", 128, 64, false);
export const I96F32 = new FixedType("I96F32", 128, 32, true);
export const U96F32 = new FixedType("U96F32", 128, 32, false);
export const I110F18 = new FixedType("I110F18", 128, 18, true);
export const U110F18 = new FixedType("U110F18", 128, 18, false);
