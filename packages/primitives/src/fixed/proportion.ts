// Conversions between the chain's u16 proportions (value / 65535) and I32F32, as subtensor's math.rs has them.

import { I32F32 } from "./fixed.ts";

const U16_MAX_FIXED = I32F32.fromInt(65535);

/** `u16_proportion_to_fixed`: trunc(x · 2^32 / 65535) bits. */
export function u16ProportionToFixed(x: number): bigint {
  return I32F32.safeDiv(I32F32.fromInt(x), U16_MAX_FIXED);
}

/** `fixed_proportion_to_u16`: min(65535, floor(bits · 65535 / 2^32)), negative → 0. */
export function fixedProportionToU16(bits: bigint): number {
  return I32F32.toU16(I32F32.saturatingMul(bits, U16_MAX_FIXED));
}

/** `fixed_to_fixed_u16_proportion`: a fixed value holding a raw u16, read as a proportion. */
export function fixedToFixedU16Proportion(bits: bigint): bigint {
  return I32F32.safeDiv(bits, U16_MAX_FIXED);
}
