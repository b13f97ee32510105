// @opentao/runtime: the chain's state-transition function — pure, deterministic, exact, no I/O.
export * from "./chainSpec/index.ts";
export * from "./coinbase/index.ts";
export * from "./epoch/index.ts";
export * from "./errors.ts";
export * from "./extrinsic/index.ts";
export * from "./frame/index.ts";
export * from "./metadata/index.ts";
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
  TRANSACTION_VERSION,
} from "./runtime/definition.ts";
export * from "./staking/index.ts";
export * from "./subnets/index.ts";
export * from "./swap/index.ts";
