// sp-arithmetic's `Perquintill` (parts of 10^18) as a plain bigint, with the rounding the chain uses.
// The swap pallet stores each pool's quote weight as one, so every swap result depends on these floors.

/** Parts in one whole: `Perquintill::ACCURACY`. */
export const PERQUINTILL_ONE = 1_000_000_000_000_000_000n;

/**
 * `Perquintill::from_rational(p, q)`: ⌊p·10^18 / q⌋, rounding down. sp-arithmetic answers 1 (all parts)
 * where the ratio is not a fraction in [0, 1] — `q = 0` or `p > q` — and so does this.
 */
export function perquintillFromRational(p: bigint, q: bigint): bigint {
  if (p < 0n || q < 0n) throw new RangeError("perquintillFromRational: negative operand");
  if (q === 0n || p > q) return PERQUINTILL_ONE;
  return (p * PERQUINTILL_ONE) / q;
}

/** `ONE.saturating_sub(p)`: the complementary weight, floored at 0. */
export function perquintillComplement(parts: bigint): bigint {
  return parts >= PERQUINTILL_ONE ? 0n : PERQUINTILL_ONE - parts;
}
