// Inputs and outputs of one Yuma epoch, as plain data: the runtime fills them from storage, tests from vectors.
// Amounts and blocks are bigint (u64 on chain); u16 values are numbers; fixed-point values are I32F32 raw bits.

/** A stored sparse row: (uid, value) pairs in stored order. */
export type SparseU16Row = ReadonlyArray<readonly [uid: number, value: number]>;

/** A sparse I32F32 row: parallel arrays of column uids and raw bits, in the order the chain keeps them. */
export interface SparseRow {
  j: number[];
  v: bigint[];
}

export interface EpochHyperparameters {
  kappa: number;
  bondsPenalty: number;
  bondsMovingAverage: bigint;
  yuma3Enabled: boolean;
  liquidAlphaEnabled: boolean;
  alphaLow: number;
  alphaHigh: number;
  alphaSigmoidSteepness: number;
  maxAllowedValidators: number;
  stakeThreshold: bigint;
  /** `TaoWeight`: a u64 fraction of 2^64 − 1. */
  taoWeight: bigint;
  activityCutoffFactorMilli: number;
  commitRevealEnabled: boolean;
}

/** What a mechanism keeps per storage index (`mech · 4096 + netuid`). */
export interface MechanismInputs {
  lastUpdate: bigint[];
  /** Earliest block among each validator's pending, unexpired commits; null = none. */
  commitBlocks: (bigint | null)[];
  weights: SparseU16Row[];
  bonds: SparseU16Row[];
}

/** Inputs shared by every mechanism of a subnet. */
export interface SubnetEpochInputs {
  n: number;
  currentBlock: bigint;
  tempo: number;
  /** `LastMechansimStepBlock`: block of the previous successful epoch, 0 = none. */
  lastMechanismStepBlock: bigint;
  ownerUid: number | null;
  hyperparameters: EpochHyperparameters;
  /** Inherited alpha stake per uid (rao). */
  alphaStake: bigint[];
  /** Inherited root TAO stake per uid (rao). */
  taoStake: bigint[];
  /** Stored `ValidatorPermit` going into the epoch. */
  validatorPermit: boolean[];
  blockAtRegistration: bigint[];
}

export interface EpochInputs extends SubnetEpochInputs, MechanismInputs {
  raoEmission: bigint;
}

export interface MultiMechanismEpochInputs extends SubnetEpochInputs {
  raoEmission: bigint;
  /** u16 parts of 65535 per mechanism, or null for an even split. */
  mechanismEmissionSplit: number[] | null;
  mechanisms: MechanismInputs[];
}

export type EmissionFallback = "active_stake" | "stake" | null;

/**
 * Intermediate values, for finding where two implementations diverge. The matrices (`…Bits` rows) may be
 * getters that build their BigInt rows on first read, so an epoch whose trace nobody reads does not pay.
 */
export interface EpochTrace {
  inactive: boolean[];
  lastTempo: bigint;
  taoWeightU96F32Bits: bigint;
  kappaBits: bigint;
  minorityBits: bigint;
  bondsPenaltyBits: bigint;
  liquidAlphaUsed: boolean;
  emissionSumBits: bigint;
  emissionFallback: EmissionFallback;
  weightsMaskedNormalizedBits: SparseRow[];
  clippedWeightsBits: SparseRow[];
  weightsForBondsBits: SparseRow[];
  bondsPreparedBits: SparseRow[];
  emaBondsColNormalizedBits: SparseRow[];
  normalizedServerEmissionBits: bigint[];
  normalizedValidatorEmissionBits: bigint[];
  normalizedCombinedEmissionBits: bigint[];
}

export interface EpochOutput {
  activityCutoffBlocks: bigint;
  active: boolean[];
  stakeBits: bigint[];
  stakeWeight: number[];
  activeStakeBits: bigint[];
  newValidatorPermit: boolean[];
  consensusBits: bigint[];
  consensus: number[];
  validatorTrustBits: bigint[];
  validatorTrust: number[];
  rankBits: bigint[];
  incentiveBits: bigint[];
  incentive: number[];
  dividendsBits: bigint[];
  dividends: number[];
  serverEmission: bigint[];
  validatorEmission: bigint[];
  emission: bigint[];
  /** Bond rows to store (u16), in stored order; empty for uids without a new permit. */
  bonds: Array<Array<[number, number]>>;
  trace: EpochTrace;
}

/** Netuid-level values after all mechanisms ran (`epoch_with_mechanisms`). */
export interface AggregateOutput {
  serverEmission: bigint[];
  validatorEmission: bigint[];
  dividends: number[];
  stakeWeight: number[];
  emission: bigint[];
  consensus: number[];
  validatorTrust: number[];
  active: boolean[];
  newValidatorPermit: boolean[];
}

export interface MultiMechanismEpochOutput {
  mechanismEmissions: bigint[];
  mechanisms: EpochOutput[];
  aggregate: AggregateOutput;
}
