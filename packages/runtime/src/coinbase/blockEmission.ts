// Block emission from issuance (§3): 1 TAO per block, halved each time issuance closes half the remaining
// gap to 21M. The same curve gives every subnet's alpha emission from its alpha issuance.

import { I96F32 } from "@opentao/primitives";

/** `TotalSupply` = 21,000,000 TAO in RAO: emission is 0 from here on. */
export const TOTAL_SUPPLY = 21_000_000_000_000_000n;
/** `DefaultBlockEmission`: 1 TAO per block before any halving. */
export const DEFAULT_BLOCK_EMISSION = 1_000_000_000n;

export interface BlockEmission {
  /** RAO (or alpha-RAO) per block. */
  readonly emission: bigint;
  /** Halvings applied, ⌊log2(1/(1 − issuance/21e15))⌋; `null` at or above the supply cap (short-circuit). */
  readonly halvings: number | null;
}

/**
 * `get_block_emission_for_issuance`: substrate-fixed's I96F32 arithmetic, with `log2`'s integer part
 * found by repeated *rounded* halving (`rs`), which decides the result within an ulp of a threshold.
 *
 * PERF: a handful of bigint operations; called once per block for TAO and once per emitting subnet.
 */
export function blockEmissionForIssuance(issuance: bigint): BlockEmission {
  if (issuance >= TOTAL_SUPPLY) return { emission: 0n, halvings: null };
  const one = I96F32.one;
  // q = issuance / (2 · 10.5e15), 1 − q, then 1 / (1 − q): truncating I96F32 divisions.
  const q = I96F32.checkedDiv(I96F32.fromInt(issuance), I96F32.fromInt(TOTAL_SUPPLY)) ?? 0n;
  const x = I96F32.checkedDiv(one, one - q) ?? 0n;
  let halvings = 0;
  let bits = x;
  const two = 2n * one;
  while (bits >= two) {
    halvings += 1;
    bits = (bits >> 1n) + (bits & 1n);
  }
  // 1 / 2^n, then times DefaultBlockEmission, floored to u64.
  let multiplier = one;
  for (let i = 0; i < halvings; i++) multiplier = I96F32.saturatingMul(multiplier, two);
  const percentage = I96F32.safeDiv(one, multiplier);
  const emission = I96F32.toU64(I96F32.saturatingMul(percentage, I96F32.fromInt(DEFAULT_BLOCK_EMISSION)));
  return { emission, halvings };
}
