// Each emitting subnet's share of the block's TAO (§4.3, HEAD rule): EMA price share, weighted by the part
// of last epoch's miner incentive not withheld by the owner, then renormalised over emission-enabled subnets.

import { I96F32, U64F64, U96F32 } from "@opentao/primitives";

export interface SubnetShareInputs<K> {
  readonly netuid: K;
  /** `SubnetMovingPrice` (I96F32 bits; negative reads as 0). Root and stable subnets read 1.0. */
  readonly movingPrice: bigint;
  /** `MinerBurned` (U96F32 bits): withheld / total miner incentive of the last epoch. */
  readonly minerBurned: bigint;
  /** `SubnetEmissionEnabled`. */
  readonly emissionEnabled: boolean;
}

/** `get_moving_alpha_price` as U64F64 bits from the stored I96F32. */
export function movingPriceU64F64(movingPrice: bigint): bigint {
  return U64F64.from(I96F32, movingPrice);
}

/**
 * `get_shares`: share_i = p_i / Σp (U64F64, 0 on failure), weighted by (1 − min(MinerBurned_i, 1)) and
 * renormalised; if every weight is 0 the plain price shares stand. Same order as the input.
 */
export function emissionShares<K>(subnets: readonly SubnetShareInputs<K>[]): bigint[] {
  const one = U64F64.one;
  const prices = subnets.map((s) => movingPriceU64F64(s.movingPrice));
  const total = prices.reduce((acc, p) => U64F64.saturatingAdd(acc, p), 0n);
  const priceShares = prices.map((p) => U64F64.checkedDiv(p, total) ?? 0n);
  const weighted = priceShares.map((share, i) => {
    const burnedRaw = U64F64.from(U96F32, subnets[i]!.minerBurned);
    const burned = burnedRaw < one ? burnedRaw : one;
    return U64F64.saturatingMul(share, U64F64.saturatingSub(one, burned));
  });
  const totalWeight = weighted.reduce((acc, w) => U64F64.saturatingAdd(acc, w), 0n);
  return totalWeight > 0n ? weighted.map((w) => U64F64.safeDiv(w, totalWeight)) : priceShares;
}

/**
 * `get_subnet_block_emissions`: TAO emission per subnet as U96F32 bits. If any subnet has emission
 * disabled, enabled shares are renormalised over the enabled ones and disabled subnets get 0.
 */
export function subnetBlockEmissions<K>(
  subnets: readonly SubnetShareInputs<K>[],
  shares: readonly bigint[],
  blockEmission: bigint,
): bigint[] {
  const hasDisabled = subnets.some((s) => !s.emissionEnabled);
  const enabledSum = subnets.reduce(
    (acc, s, i) => (s.emissionEnabled ? U64F64.saturatingAdd(acc, shares[i]!) : acc),
    0n,
  );
  const emission = U64F64.fromInt(blockEmission);
  return subnets.map((s, i) => {
    let share = shares[i]!;
    if (hasDisabled) share = s.emissionEnabled && enabledSum > 0n ? U64F64.safeDiv(share, enabledSum) : 0n;
    return U96F32.from(U64F64, U64F64.saturatingMul(emission, share));
  });
}

/** `get_network_root_sell_flag`: root stakers earn alpha only while Σ EMA prices exceeds 1. */
export function rootSellFlag(movingPrices: readonly bigint[]): boolean {
  const total = movingPrices.reduce((acc, p) => U64F64.saturatingAdd(acc, movingPriceU64F64(p)), 0n);
  return total > U64F64.one;
}
