// safe-bigmath's `pow_ratio_scaled` (rev 013c4998): ⌊(bn/bd)^(en/ed) · scale⌋ on big integers.
// Every balancer swap, limit fill and price target goes through it, so both of its paths are reproduced step for step.

const MAX_EXACT_EXPONENT = 1024n;
const DEFAULT_MAX_ITERS = 4096;
const GUARD_BITS = 24n;

/** Floor division (toward −∞); BigInt `/` truncates toward zero. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Largest r with r^q · den ≤ num: doubling for an upper bound, then binary search. */
function nthRootRatioFloor(num: bigint, den: bigint, q: bigint): bigint {
  if (q === 0n) return 0n;
  let low = 0n;
  let high = 1n;
  while (high ** q * den <= num) high <<= 1n;
  while (low < high) {
    const mid = (low + high + 1n) >> 1n;
    if (mid ** q * den <= num) low = mid;
    else high = mid - 1n;
  }
  return low;
}

/** Drop the guard bits: truncate, then round half away from zero. */
function roundToPrecision(value: bigint, guard: bigint): bigint {
  const truncated = value / guard;
  const remainder = value % guard;
  if (remainder === 0n) return truncated;
  const abs = remainder < 0n ? -remainder : remainder;
  return abs << 1n >= guard ? truncated + (remainder < 0n ? -1n : 1n) : truncated;
}

const abs = (v: bigint) => (v < 0n ? -v : v);

/** ln(1 + x) for fixed-point x (scale I): Taylor series with the crate's three stopping rules. */
function ln1p(x: bigint, scale: bigint, guard: bigint, maxIters: number): bigint {
  let term = x;
  let result = x;
  let prevRounded = roundToPrecision(result, guard);
  for (let n = 2; n <= maxIters; n++) {
    term = floorDiv(term * x, scale);
    if (term === 0n) break;
    const next = floorDiv(term, BigInt(n));
    if (next === 0n) break;
    result = n % 2 === 0 ? result - next : result + next;
    const rounded = roundToPrecision(result, guard);
    if (abs(next) < guard || rounded === prevRounded) break;
    prevRounded = rounded;
  }
  return result;
}

/** e^x for fixed-point x (scale I), same stopping rules. */
function expFixed(x: bigint, scale: bigint, guard: bigint, maxIters: number): bigint {
  let term = scale;
  let result = scale;
  let prevRounded = roundToPrecision(result, guard);
  for (let n = 1; n <= maxIters; n++) {
    term = floorDiv(term * x, scale * BigInt(n));
    if (term === 0n) break;
    result += term;
    const rounded = roundToPrecision(result, guard);
    if (abs(term) < guard || rounded === prevRounded) break;
    prevRounded = rounded;
  }
  return result;
}

/** ln(v) for a positive integer: a mantissa in [0.5, 1.5) through ln1p plus the binary exponent · ln 2. */
function lnInteger(
  value: bigint,
  internalPrecision: bigint,
  scale: bigint,
  guard: bigint,
  ln2: bigint,
  maxIters: number,
): bigint {
  let shift = BigInt(bitLength(value) - 1);
  let mantissa = (value << internalPrecision) >> shift;
  if (mantissa >= scale + (scale >> 1n)) {
    mantissa >>= 1n;
    shift += 1n;
  }
  return ln1p(mantissa - scale, scale, guard, maxIters) + ln2 * shift;
}

/**
 * `SafeInt::pow_ratio_scaled(bn, bd, en, ed, precision, scale)`: ≈ (bn/bd)^(en/ed) · scale as an integer,
 * or `null` where the crate returns `None` (a zero denominator, a negative operand).
 *
 * Reduced exponents up to 1024/1024 take the exact path (largest r with r^ed·bd^en ≤ bn^en·scale^ed);
 * anything else the fixed-point ln/exp path with 24 guard bits.
 *
 * PERF: exact path ~µs for the balancer's 1/1 exponent; the fallback ~1–3 ms at precision 256.
 */
export function powRatioScaled(
  baseNum: bigint,
  baseDen: bigint,
  expNum: bigint,
  expDen: bigint,
  precision: number,
  scale: bigint,
): bigint | null {
  if (baseDen === 0n || expDen === 0n) return null;
  if (baseNum === 0n) return 0n;
  if (scale < 0n || baseNum < 0n || baseDen < 0n || expNum < 0n || expDen < 0n) return null;
  if (expNum === 0n) return scale;

  const g = gcd(expNum, expDen);
  const en = expNum / g;
  const ed = expDen / g;

  if (en <= MAX_EXACT_EXPONENT && ed <= MAX_EXACT_EXPONENT) {
    return nthRootRatioFloor(baseNum ** en * scale ** ed, baseDen ** en, ed);
  }

  const requested = BigInt(Math.max(precision, 32, bitLength(scale) + 8));
  const internalPrecision = requested + GUARD_BITS;
  const maxIters = Math.max(1, Math.min(DEFAULT_MAX_ITERS, Number(internalPrecision) + 128));
  const targetScale = 1n << requested;
  const guard = 1n << GUARD_BITS;
  const internalScale = targetScale << GUARD_BITS;

  const ln2 = -ln1p(-(internalScale >> 1n), internalScale, guard, maxIters);
  const lnBase =
    lnInteger(baseNum, internalPrecision, internalScale, guard, ln2, maxIters) -
    lnInteger(baseDen, internalPrecision, internalScale, guard, ln2, maxIters);
  const lnScaled = floorDiv(lnBase * en, ed);
  const expRequested = roundToPrecision(expFixed(lnScaled, internalScale, guard, maxIters), guard);
  return floorDiv(expRequested * scale, targetScale);
}
