// The coinbase's economics (§3–5): block emission, the split of TAO across subnets, injection and chain
// buys, the EMA price, and the division of alpha among owner, miners, validators, parents and root.
export {
  type EmitInputs,
  type EmitResult,
  type EmittingSubnet,
  emitToSubnets,
  rootProportion,
  type SubnetEmission,
  type SubnetTerms,
  subnetTerms,
} from "./allocation.ts";
export {
  type BlockEmission,
  blockEmissionForIssuance,
  DEFAULT_BLOCK_EMISSION,
  TOTAL_SUPPLY,
} from "./blockEmission.ts";
export {
  type AlphaOutSplit,
  applyDelegateTake,
  calculateDividendDistribution,
  type DividendDistribution,
  type HotkeyStake,
  splitAlphaOut,
  type TakeSplit,
  u16RatioU96F32,
  u64RatioU96F32,
} from "./epochSplit.ts";
export {
  blocksSinceStartCall,
  DEFAULT_EMA_PRICE_HALVING_BLOCKS,
  DEFAULT_SUBNET_MOVING_ALPHA,
  updateMovingPrice,
} from "./movingPrice.ts";
export {
  type ChildStake,
  type ParentChildDividends,
  type ParentStake,
  parentChildDividends,
  selfContribution,
} from "./parentChild.ts";
export {
  emissionShares,
  movingPriceU64F64,
  rootSellFlag,
  type SubnetShareInputs,
  subnetBlockEmissions,
} from "./subnetEmissions.ts";
