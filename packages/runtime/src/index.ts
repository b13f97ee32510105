// @opentao/runtime: the chain's state-transition function — pure, deterministic, exact, no I/O.
export * from "./chainSpec/index.ts";
export * from "./coinbase/index.ts";
export * from "./epoch/index.ts";
export * from "./errors.ts";
export * from "./extrinsic/index.ts";
export { type DispatchErrorValue, describeError, type Origin } from "./frame/dispatch.ts";
export * from "./frame/index.ts";
export * from "./metadata/index.ts";
export { storage as balancesStorage } from "./pallets/balances/pallet.ts";
export { storage as subtensorStorage } from "./pallets/subtensor/pallet.ts";
export { storage as sudoStorage } from "./pallets/sudo/pallet.ts";
export { storage as swapStorage } from "./pallets/swap/pallet.ts";
export { storage as systemStorage } from "./pallets/system/pallet.ts";
export { MINIMUM_PERIOD_MS, storage as timestampStorage } from "./pallets/timestamp/pallet.ts";
export * from "./pallets/transactionPayment/fees.ts";
export * from "./registration/index.ts";
export {
  extensions,
  pallets,
  runtimeApiId,
  runtimeCall,
  runtimeError,
  runtimeEvent,
  runtimeMetadata,
  runtimeVersion,
  SPEC_VERSION,
  systemEvents,
  TRANSACTION_VERSION,
  TransactionSource,
  TransactionValidity,
} from "./runtime/definition.ts";
export {
  Executive,
  implementedCalls,
  type RuntimeCallValue,
  type RuntimeConfig,
} from "./runtime/executive.ts";
export type { CallHandler, CallHandlers } from "./runtime/handlers.ts";
export * from "./runtime/weights.ts";
export { bittensorRuntimeApis, executeRuntimeApi } from "./runtimeApi/index.ts";
/** Test support: the runtime-API fixture subnet (node e2e tests build a genesis from it). */
export * as runtimeApiFixture from "./runtimeApi/testFixture.ts";
export * from "./staking/index.ts";
export * from "./subnets/index.ts";
export * from "./swap/index.ts";
