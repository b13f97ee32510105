// Staking economics (§7): swaps through a subnet's pool applied to its reserves, and the per-hotkey
// share pool that tracks each coldkey's alpha.
export {
  canUpdateValueForOne,
  EMPTY_SHARE_POOL,
  type HotkeySharePool,
  shareValue,
  updateValueForAll,
  updateValueForOne,
} from "./sharePool.ts";
export {
  type PoolSwap,
  type StakeIntoSubnetResult,
  type StakePosition,
  type SubnetPool,
  stakeIntoSubnet,
  swapAlphaForTao,
  swapTaoForAlpha,
  type UnstakeFromSubnetResult,
  unstakeFromSubnet,
} from "./stakeUtils.ts";
