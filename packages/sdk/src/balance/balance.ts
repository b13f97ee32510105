// Balances as bigint RAO (1 TAO = 10^9 RAO) carrying a unit symbol (τ, or a subnet's alpha symbol), with exact
// arithmetic and parsing, and display strings identical to btcli's and the Python SDK's (float rounding included).

export const RAO_PER_TAO = 1_000_000_000n;
export const TAO_DECIMALS = 9;
/** τ (U+03C4), the TAO currency symbol of btcli and the SDK. */
export const TAO_SYMBOL = "\u03c4";
/** ρ (U+03C1), the RAO symbol. */
export const RAO_SYMBOL = "\u03c1";

const LRM = "\u200e";
/** btcli's UNITS[0] is upper-case Tau (U+03A4); its Balance.__str__ puts only that symbol first. */
const BTCLI_UNIT_ZERO = "\u03a4";

export type BalanceErrorCode = "InvalidAmount" | "UnitMismatch" | "DivisionByZero";

export class BalanceError extends Error {
  override readonly name = "BalanceError";
  constructor(
    readonly code: BalanceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface FormatOptions {
  /** Digits after the point, default 4 (btcli). Rounded half-to-even on the exact RAO value. */
  decimals?: number;
  /** Where the unit symbol goes: after the number with a space (default, btcli), before it, or nowhere. */
  symbol?: "after" | "before" | "none";
  /** Thousands separators, default true. */
  grouping?: boolean;
}

const NUMBER_RE = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Integer division rounded half to even (den > 0, num ≥ 0). */
function divRoundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twice = (num % den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/**
 * The double nearest to num/den (num ≥ 0, den > 0), as Python's int/int true division computes it, returned
 * exactly as mantissa × 2^exponent. Exported for tests only.
 */
export function nearestDouble(num: bigint, den: bigint): { mantissa: bigint; exponent: number } {
  if (num === 0n) return { mantissa: 0n, exponent: 0 };
  const shift = 55 - (bitLength(num) - bitLength(den));
  const n = shift >= 0 ? num << BigInt(shift) : num;
  const d = shift >= 0 ? den : den << BigInt(-shift);
  const q = n / d;
  const inexact = n % d !== 0n;
  const extra = bitLength(q) - 53;
  let mantissa = q >> BigInt(extra);
  const rest = q & ((1n << BigInt(extra)) - 1n);
  const half = 1n << BigInt(extra - 1);
  if (rest > half || (rest === half && (inexact || (mantissa & 1n) === 1n))) mantissa += 1n;
  return { mantissa, exponent: extra - shift };
}

/** Python's `f"{rao / 10**9:,.{decimals}f}"`: float division, then correct half-even rounding of the double. */
function pythonFloatFormat(rao: bigint, decimals: number): string {
  const negative = rao < 0n;
  const { mantissa, exponent } = nearestDouble(negative ? -rao : rao, RAO_PER_TAO);
  const scale = 10n ** BigInt(decimals);
  const scaled =
    exponent >= 0
      ? (mantissa << BigInt(exponent)) * scale
      : divRoundHalfEven(mantissa * scale, 1n << BigInt(-exponent));
  return (negative ? "-" : "") + digitsWithPoint(scaled, decimals, true);
}

function digitsWithPoint(scaled: bigint, decimals: number, grouping: boolean): string {
  const text = scaled.toString().padStart(decimals + 1, "0");
  const int = text.slice(0, text.length - decimals);
  const frac = text.slice(text.length - decimals);
  const intPart = grouping ? groupThousands(int) : int;
  return decimals > 0 ? `${intPart}.${frac}` : intPart;
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 30) {
    throw new RangeError(`decimals must be an integer from 0 to 30, got ${decimals}`);
  }
}

/**
 * Exact decimal text → RAO. `rounding: "exact"` rejects more than 9 significant decimals; `"nearest"` rounds
 * half to even (used for JS numbers, whose shortest text may carry float noise).
 */
function decimalToRao(text: string, rounding: "exact" | "nearest"): bigint {
  const m = NUMBER_RE.exec(text);
  if (m === null || (m[2] === undefined && (m[3] === undefined || m[3] === ""))) {
    throw new BalanceError("InvalidAmount", `"${text}" is not a decimal amount`);
  }
  const intDigits = (m[2] ?? "0").replaceAll(",", "");
  const fracDigits = m[3] ?? "";
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) {
    throw new BalanceError("InvalidAmount", `"${text}" has an out-of-range exponent`);
  }
  // value = digits × 10^(exp − fracDigits.length); RAO = value × 10^9.
  const digits = BigInt(intDigits + fracDigits);
  const power = exp - fracDigits.length + TAO_DECIMALS;
  let rao: bigint;
  if (power >= 0) {
    rao = digits * 10n ** BigInt(power);
  } else {
    const den = 10n ** BigInt(-power);
    if (rounding === "exact" && digits % den !== 0n) {
      throw new BalanceError(
        "InvalidAmount",
        `"${text}" has more than ${TAO_DECIMALS} decimals (1 RAO = 10^-9 TAO)`,
      );
    }
    rao = divRoundHalfEven(digits, den);
  }
  return m[1] === "-" ? -rao : rao;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export class Balance {
  /** The amount in RAO (or in the alpha token's 10^-9 units). */
  readonly rao: bigint;
  /** Unit symbol: τ for TAO, a subnet's symbol for its alpha. */
  readonly unit: string;

  private constructor(rao: bigint, unit: string) {
    this.rao = rao;
    this.unit = unit;
  }

  static fromRao(rao: bigint | number | string, unit: string = TAO_SYMBOL): Balance {
    if (typeof rao === "bigint") return new Balance(rao, unit);
    if (typeof rao === "number") {
      if (!Number.isSafeInteger(rao)) {
        throw new BalanceError("InvalidAmount", `${rao} RAO is not a safe integer; pass a bigint`);
      }
      return new Balance(BigInt(rao), unit);
    }
    if (!/^[+-]?\d+$/.test(rao.trim()))
      throw new BalanceError("InvalidAmount", `"${rao}" is not an integer RAO amount`);
    return new Balance(BigInt(rao.trim()), unit);
  }

  /**
   * From a TAO (or alpha) amount. Strings are exact (more than 9 decimals is an error); numbers are read
   * from their shortest decimal form and rounded to the nearest RAO, so `0.3` is 300 000 000 RAO.
   */
  static fromTao(tao: string | number | bigint, unit: string = TAO_SYMBOL): Balance {
    if (typeof tao === "bigint") return new Balance(tao * RAO_PER_TAO, unit);
    if (typeof tao === "number") {
      if (!Number.isFinite(tao)) throw new BalanceError("InvalidAmount", `${tao} is not a finite amount`);
      return new Balance(decimalToRao(String(tao), "nearest"), unit);
    }
    return new Balance(decimalToRao(tao.trim(), "exact"), unit);
  }

  /**
   * Parses what a person types or what {@link Balance.format} prints: `1.5`, `1,234.5`, `τ1.5`, `1.5 τ`,
   * `1e-3`, with the unit's own symbol (only) before or after; btcli's invisible U+200E marks are ignored.
   */
  static parse(text: string, unit: string = TAO_SYMBOL): Balance {
    let body = text.replace(/[\u200e\u200f]/g, "").trim();
    const symbol = escapeRe(unit);
    const withSymbol = new RegExp(`^${symbol}\\s*(.*)$|^(.*?)\\s*${symbol}$`, "s").exec(body);
    if (withSymbol !== null) body = (withSymbol[1] ?? withSymbol[2]).trim();
    return new Balance(decimalToRao(body, "exact"), unit);
  }

  static zero(unit: string = TAO_SYMBOL): Balance {
    return new Balance(0n, unit);
  }

  /** The amount in TAO as a float, for display and simulation only (inexact beyond 2^53 RAO). */
  get tao(): number {
    return Number(this.rao) / 1e9;
  }

  withUnit(unit: string): Balance {
    return new Balance(this.rao, unit);
  }

  #same(other: Balance): bigint {
    if (other.unit !== this.unit) {
      throw new BalanceError("UnitMismatch", `cannot combine ${this.unit} and ${other.unit} amounts`);
    }
    return other.rao;
  }

  add(other: Balance): Balance {
    return new Balance(this.rao + this.#same(other), this.unit);
  }

  sub(other: Balance): Balance {
    return new Balance(this.rao - this.#same(other), this.unit);
  }

  /** Multiplies by an integer factor. */
  mul(factor: bigint | number): Balance {
    if (typeof factor === "number" && !Number.isSafeInteger(factor)) {
      throw new BalanceError("InvalidAmount", `factor ${factor} is not an integer; scale with mulDiv`);
    }
    return new Balance(this.rao * BigInt(factor), this.unit);
  }

  /** Divides by an integer, truncating toward zero (bigint division). */
  div(divisor: bigint | number): Balance {
    const d = BigInt(divisor);
    if (d === 0n) throw new BalanceError("DivisionByZero", "division of a balance by zero");
    return new Balance(this.rao / d, this.unit);
  }

  /** this × numerator / denominator with one truncation at the end (e.g. proportional shares). */
  mulDiv(numerator: bigint, denominator: bigint): Balance {
    if (denominator === 0n) throw new BalanceError("DivisionByZero", "division of a balance by zero");
    return new Balance((this.rao * numerator) / denominator, this.unit);
  }

  neg(): Balance {
    return new Balance(-this.rao, this.unit);
  }

  abs(): Balance {
    return new Balance(this.rao < 0n ? -this.rao : this.rao, this.unit);
  }

  compare(other: Balance): -1 | 0 | 1 {
    const o = this.#same(other);
    return this.rao < o ? -1 : this.rao > o ? 1 : 0;
  }

  eq(other: Balance): boolean {
    return this.compare(other) === 0;
  }
  lt(other: Balance): boolean {
    return this.compare(other) < 0;
  }
  lte(other: Balance): boolean {
    return this.compare(other) <= 0;
  }
  gt(other: Balance): boolean {
    return this.compare(other) > 0;
  }
  gte(other: Balance): boolean {
    return this.compare(other) >= 0;
  }
  isZero(): boolean {
    return this.rao === 0n;
  }

  static min(a: Balance, b: Balance): Balance {
    return a.lte(b) ? a : b;
  }
  static max(a: Balance, b: Balance): Balance {
    return a.gte(b) ? a : b;
  }

  /** Exact decimal text with all 9 decimals and no grouping or symbol, e.g. `1.500000000`; parses back losslessly. */
  toDecimalString(): string {
    const negative = this.rao < 0n;
    return (negative ? "-" : "") + digitsWithPoint(negative ? -this.rao : this.rao, TAO_DECIMALS, false);
  }

  /** Display text from the exact RAO value (no float rounding): default `1,234.5000 τ`. */
  format(options: FormatOptions = {}): string {
    const decimals = options.decimals ?? 4;
    checkDecimals(decimals);
    const negative = this.rao < 0n;
    const magnitude = negative ? -this.rao : this.rao;
    const scaled =
      decimals >= TAO_DECIMALS
        ? magnitude * 10n ** BigInt(decimals - TAO_DECIMALS)
        : divRoundHalfEven(magnitude, 10n ** BigInt(TAO_DECIMALS - decimals));
    const number =
      (negative && scaled !== 0n ? "-" : "") + digitsWithPoint(scaled, decimals, options.grouping ?? true);
    const symbol = options.symbol ?? "after";
    if (symbol === "none") return number;
    return symbol === "before" ? `${this.unit}${number}` : `${number} ${this.unit}`;
  }

  /**
   * Exactly what btcli 9.x's `str(Balance)` prints: `‎1,234.5000 τ‎` (4 decimals of the float value, wrapped
   * in U+200E marks); only btcli's upper-case `Τ` unit goes first, as `Τ 1,234.5000`.
   */
  toBtcliString(): string {
    const number = pythonFloatFormat(this.rao, 4);
    return this.unit === BTCLI_UNIT_ZERO ? `${this.unit} ${number}` : `${LRM}${number} ${this.unit}${LRM}`;
  }

  /** Exactly what the Python SDK's `str(Balance)` prints: `τ1,234.500000000`, alpha as `‎1.000000000α‎`. */
  toSdkString(): string {
    const number = pythonFloatFormat(this.rao, 9);
    return this.unit === TAO_SYMBOL ? `${this.unit}${number}` : `${LRM}${number}${this.unit}${LRM}`;
  }

  /** `1.5000 τ` — btcli's text without its invisible direction marks, from the exact value. */
  toString(): string {
    return this.format();
  }

  /** RAO as a decimal string (JSON has no bigint) plus the unit. */
  toJSON(): { rao: string; unit: string } {
    return { rao: this.rao.toString(), unit: this.unit };
  }
}
