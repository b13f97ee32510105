// Subnet registration economics: the network lock cost and its decay (§9.2).
export {
  DEFAULT_NETWORK_LOCK_REDUCTION_INTERVAL,
  DEFAULT_NETWORK_MIN_LOCK_COST,
  type LockCostInputs,
  lockReductionInterval,
  networkLockCost,
} from "./lockCost.ts";
