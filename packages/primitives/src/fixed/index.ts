// Fixed-point types of the substrate-fixed crate on BigInt raw bits, and the chain's u16 proportions.
export { FixedType, I32F32, I64F64, I96F32, I110F18, U32F32, U64F64, U96F32, U110F18 } from "./fixed.ts";
export {
  divI32F32Number,
  fixedProportionToU16Number,
  floorDivNumber,
  mulI32F32Number,
} from "./number.ts";
export { fixedProportionToU16, fixedToFixedU16Proportion, u16ProportionToFixed } from "./proportion.ts";
export { E_I32F32_BITS, EXP_NUMBER_LIMIT_BITS, expI32F32, expI32F32Number } from "./transcendental.ts";
