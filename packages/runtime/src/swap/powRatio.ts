// safe-bigmath's `pow_ratio_scaled` (rev 013c4998): ⌊(bn/bd)^(en/ed) · scale⌋ on big integers.
// Every balancer swap, limit fill and price target goes through it, so both of its paths are reproduced step for step.

const MAX_EXACT_EXPONENT = 1024n;
const DEFAULT_MAX_ITERS = 4096;
const GUARD_BITS = 24n;
const GUARD = 1n << GUARD_BITS;
const GUARD_MASK = GUARD - 1n;

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

/**
 * Largest r with r^q · den ≤ num. The crate doubles from 1 and then bisects; the answer is unique, so
 * this bisects directly inside the bracket the bit length gives, on ⌊num/den⌋ (for integer r,
 * r^q·den ≤ num ⟺ r^q ≤ ⌊num/den⌋) — the same result with half the big powers.
 */
function nthRootRatioFloor(num: bigint, den: bigint, q: bigint): bigint {
  if (q === 0n) return 0n;
  const n = num / den;
  if (n === 0n) return 0n;
  const e = BigInt(bitLength(n) - 1) / q;
  let low = 1n << e; // low^q ≤ 2^(bits−1) ≤ n
  let high = (1n << (e + 1n)) - 1n; // (high + 1)^q = 2^(q·(e+1)) ≥ 2^bits > n
  while (low < high) {
    const mid = (low + high + 1n) >> 1n;
    if (mid ** q <= n) low = mid;
    else high = mid - 1n;
  }
  return low;
}

/**
 * Drop the guard bits (a power of two, 2^GUARD_BITS): truncate toward zero, then round half away from
 * zero. Done with shifts on the magnitude, which is what truncating division by 2^24 amounts to.
 */
function roundToPrecision(value: bigint): bigint {
  const negative = value < 0n;
  const mag = negative ? -value : value;
  let q = mag >> GUARD_BITS;
  const remainder = mag & GUARD_MASK;
  if (remainder !== 0n && remainder << 1n >= GUARD) q += 1n;
  return negative ? -q : q;
}

const abs = (v: bigint) => (v < 0n ? -v : v);

/**
 * ln(1 + x) for fixed-point x with `shift` fractional bits: Taylor series with the crate's three stopping
 * rules. The crate divides by the scale with floor division; the scale is 2^shift, so that is `>>`.
 */
function ln1p(x: bigint, shift: bigint, maxIters: number): bigint {
  let term = x;
  let result = x;
  let prevRounded = roundToPrecision(result);
  for (let n = 2; n <= maxIters; n++) {
    term = (term * x) >> shift;
    if (term === 0n) break;
    const next = floorDiv(term, BigInt(n));
    if (next === 0n) break;
    result = n % 2 === 0 ? result - next : result + next;
    const rounded = roundToPrecision(result);
    if (abs(next) < GUARD || rounded === prevRounded) break;
    prevRounded = rounded;
  }
  return result;
}

/** e^x for fixed-point x (`shift` fractional bits), same stopping rules; ⌊a/(2^s·n)⌋ = ⌊⌊a/2^s⌋/n⌋. */
function expFixed(x: bigint, shift: bigint, maxIters: number): bigint {
  let term = 1n << shift;
  let result = term;
  let prevRounded = roundToPrecision(result);
  for (let n = 1; n <= maxIters; n++) {
    term = floorDiv((term * x) >> shift, BigInt(n));
    if (term === 0n) break;
    result += term;
    const rounded = roundToPrecision(result);
    if (abs(term) < GUARD || rounded === prevRounded) break;
    prevRounded = rounded;
  }
  return result;
}

/** ln(v) for a positive integer: a mantissa in [0.5, 1.5) through ln1p plus the binary exponent · ln 2. */
function lnInteger(value: bigint, shift: bigint, ln2: bigint, maxIters: number): bigint {
  const scale = 1n << shift;
  let exponent = BigInt(bitLength(value) - 1);
  let mantissa = (value << shift) >> exponent;
  if (mantissa >= scale + (scale >> 1n)) {
    mantissa >>= 1n;
    exponent += 1n;
  }
  return ln1p(mantissa - scale, shift, maxIters) + ln2 * exponent;
}

/**
 * `SafeInt::pow_ratio_scaled(bn, bd, en, ed, precision, scale)`: ≈ (bn/bd)^(en/ed) · scale as an integer,
 * or `null` where the crate returns `None` (a zero denominator, a negative operand).
 *
 * Reduced exponents up to 1024/1024 take the exact path (largest r with r^ed·bd^en ≤ bn^en·scale^ed);
 * anything else the fixed-point ln/exp path with 24 guard bits.
 *
 * PERF: exact path ~10 µs for the balancer's usual 1/1 exponent, but tens of ms for a round weight whose
 * reduced exponent is large (0.327 → 327/1000: a 1000th root of an ~80,000-bit number); the fallback
 * ~0.3 ms at precision 256 (swaps on drifted weights), more at 1024 (limit fills).
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
  const internal = requested + GUARD_BITS;
  const maxIters = Math.max(1, Math.min(DEFAULT_MAX_ITERS, Number(internal) + 128));

  const ln2 = -ln1p(-(1n << (internal - 1n)), internal, maxIters);
  const lnBase = lnInteger(baseNum, internal, ln2, maxIters) - lnInteger(baseDen, internal, ln2, maxIters);
  const lnScaled = floorDiv(lnBase * en, ed);
  const expRequested = roundToPrecision(expFixed(lnScaled, internal, maxIters));
  return (expRequested * scale) >> requested;
}
