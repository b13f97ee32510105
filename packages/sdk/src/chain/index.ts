// Chain client: connection, typed calls with structured outcomes, runtime-API reads and weight normalisation.
export {
  type ChainError,
  type ChainEvent,
  dispatchErrorInfo,
  type EventRecordLike,
  type ExtrinsicOutcome,
  extrinsicOutcome,
} from "./outcome.ts";
export * from "./runtimeTypes.ts";
export { ScaleError, ScaleReader, scaleEncode } from "./scale.ts";
export { type AccountSigner, pjsSigner } from "./signer.ts";
export {
  type AccountLike,
  ChainClientError,
  type ConnectOptions,
  intToIp,
  ipToInt,
  type LimitOptions,
  SUBNET_IDENTITY_FIELDS,
  type SubmitOptions,
  type SubmitResult,
  type SubnetIdentityField,
  Subtensor,
  type WaitFor,
  weightsCommitHash,
} from "./subtensor.ts";
export {
  convertWeightsAndUidsForEmit,
  normalizeMaxWeight,
  pyRound,
  U16_MAX,
  WeightsError,
} from "./weights.ts";
