// The subnet EMA price (`SubnetMovingPrice`, §4.5) that sets each subnet's share of TAO emission.
// Spot prices above 1 enter as 1, and young subnets move slowly (α scaled by b/(b + halving blocks)).

import { I96F32, U64F64 } from "@opentao/primitives";

/** `SubnetMovingAlpha` default: `I96F32::from_num(0.000003)`. */
export const DEFAULT_SUBNET_MOVING_ALPHA = I96F32.fromF64(0.000003);
/** `EMAPriceHalvingBlocks` default: 201,600 blocks (4 weeks). */
export const DEFAULT_EMA_PRICE_HALVING_BLOCKS = 201_600n;

/** Blocks since `start_call`: `now − (FirstEmissionBlockNumber − 1)`, saturating (unset reads as 0). */
export function blocksSinceStartCall(currentBlock: bigint, firstEmissionBlock: bigint | null): bigint {
  const start = firstEmissionBlock === null || firstEmissionBlock === 0n ? 0n : firstEmissionBlock - 1n;
  return currentBlock > start ? currentBlock - start : 0n;
}

/**
 * `update_moving_price`: α = SubnetMovingAlpha · b/(b + h) and ema' = α·min(spot, 1) + (1 − α)·ema, in
 * U64F64, stored as I96F32 (floored). `movingPrice` and `movingAlpha` are I96F32 bits (negative reads 0),
 * `spotPrice` U64F64 bits; returns the new `SubnetMovingPrice` as I96F32 bits.
 */
export function updateMovingPrice(
  movingPrice: bigint,
  spotPrice: bigint,
  movingAlpha: bigint,
  halvingBlocks: bigint,
  blocksSinceStart: bigint,
): bigint {
  const one = U64F64.one;
  const b = U64F64.fromInt(blocksSinceStart);
  const ramp = U64F64.safeDiv(b, U64F64.saturatingAdd(b, U64F64.fromInt(halvingBlocks)));
  const alpha = U64F64.saturatingMul(U64F64.from(I96F32, movingAlpha), ramp);
  const oneMinusAlpha = U64F64.saturatingSub(one, alpha);
  const spotPart = U64F64.saturatingMul(alpha, spotPrice < one ? spotPrice : one);
  const emaPart = U64F64.saturatingMul(oneMinusAlpha, U64F64.from(I96F32, movingPrice));
  return I96F32.from(U64F64, U64F64.saturatingAdd(spotPart, emaPart));
}
