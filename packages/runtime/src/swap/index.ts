// The swap pallet's maths (HEAD: weighted balancer pool): the power function, pool primitives, one swap
// order and the slippage helpers. Pure functions over reserves, weights and prices.
export {
  balancerExpScaled,
  balancerPrice,
  baseDeltaIn,
  DEFAULT_QUOTE_WEIGHT_PARTS,
  initWeightFromPrice,
  isValidQuoteWeight,
  MIN_WEIGHT_PARTS,
  quoteDeltaIn,
  updateWeightsForAddedLiquidity,
} from "./balancer.ts";
export { powRatioScaled } from "./powRatio.ts";
export {
  applySwapToReserves,
  DEFAULT_MINIMUM_RESERVE,
  limitPriceFromRao,
  MAX_PRICE_RAO,
  MAX_SWAP_INPUT_RESERVE_MULTIPLIER,
  MIN_PRICE_RAO,
  maxAmountAdd,
  maxAmountAddStable,
  maxAmountMoveDynamic,
  maxAmountRemove,
  maxAmountRemoveStable,
  type PoolReserves,
  poolPrice,
  type SwapOptions,
  type SwapResult,
  type SwapSide,
  swap,
  swapFee,
  swapOutput,
} from "./swap.ts";
