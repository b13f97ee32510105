// Fixed-point types of the substrate-fixed crate on BigInt raw bits, the chain's u16 proportions,
// sp-arithmetic's Perquintill and the share pool's SafeFloat.
export { FixedType, I32F32, I64F64, I96F32, I110F18, U32F32, U64F64, U96F32, U110F18 } from "./fixed.ts";
export {
  divI32F32Number,
  fixedProportionToU16Number,
  floorDivNumber,
  mulI32F32Number,
} from "./number.ts";
export { PERQUINTILL_ONE, perquintillComplement, perquintillFromRational } from "./perquintill.ts";
export { fixedProportionToU16, fixedToFixedU16Proportion, u16ProportionToFixed } from "./proportion.ts";
export {
  SAFE_FLOAT_MAX,
  SAFE_FLOAT_ZERO,
  type SafeFloat,
  safeFloatAdd,
  safeFloatDiv,
  safeFloatFromU64,
  safeFloatFromU64F64,
  safeFloatGt,
  safeFloatIsZero,
  safeFloatMulDiv,
  safeFloatNew,
  safeFloatSub,
  safeFloatToU64,
} from "./safeFloat.ts";
export { E_I32F32_BITS, EXP_NUMBER_LIMIT_BITS, expI32F32, expI32F32Number } from "./transcendental.ts";
