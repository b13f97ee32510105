// The Yuma Consensus epoch: a pure function from a subnet's epoch inputs to incentive, dividends, bonds
// and emission shares, bit-exact with subtensor. The runtime's coinbase feeds it from storage.

export { DEFAULT_EPOCH_HYPERPARAMETERS } from "./defaults.ts";
export { epochWithMechanisms, splitEmissions } from "./mechanisms.ts";
export type * from "./types.ts";
export {
  encodeEpochOutput,
  encodeMultiMechanismOutput,
  jsonInt,
  type ParsedStepInputs,
  parseStepInputs,
  parseVectorFile,
  VectorFormatError,
} from "./vectorFormat.ts";
export {
  activityCutoffBlocks,
  bondsEmaAlpha,
  type EpochPath,
  epochMechanism,
  stakeWeights,
  taoWeightU96F32,
} from "./yuma.ts";
