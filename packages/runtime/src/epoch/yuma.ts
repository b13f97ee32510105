// The per-mechanism Yuma Consensus epoch (`epoch_mechanism`, subtensor's sparse on-chain path).
// Pure: inputs in, outputs out. Spec: shared/spec/yuma-consensus.md §5; every rounding step is the chain's.

import {
  fixedProportionToU16,
  I32F32,
  I64F64,
  I96F32,
  U96F32,
  u16ProportionToFixed,
} from "@opentao/primitives";
import { inplaceNormalize, inplaceNormalizeUsingSum, isTopkNonzero, sat, sum } from "./math.ts";
import type { EmissionFallback, EpochInputs, EpochOutput, EpochTrace } from "./types.ts";
import { type MatrixStageInputs, matrixStageBigInt, U64_MAX } from "./yumaBigInt.ts";
import { matrixStageNumber, numberStageApplies } from "./yumaNumber.ts";

export { bondsEmaAlpha } from "./yumaBigInt.ts";

/**
 * Which implementation runs the matrix stage: `auto` takes the number path whenever its preconditions
 * hold (always, for inputs the chain can store), `bigint` forces the reference path.
 */
export type EpochPath = "auto" | "bigint";

/** `cutoff = max(1, factor_milli · tempo / 1000)` (`get_activity_cutoff_blocks`). */
export function activityCutoffBlocks(factorMilli: number, tempo: number): bigint {
  const c = (BigInt(factorMilli) * BigInt(tempo)) / 1000n;
  return c < 1n ? 1n : c;
}

/** `get_tao_weight`: TaoWeight / (2^64 − 1) in U96F32. */
export function taoWeightU96F32(taoWeight: bigint): bigint {
  return U96F32.safeDiv(U96F32.fromInt(taoWeight), U96F32.fromInt(U64_MAX));
}

/**
 * Normalized, threshold-filtered stake `S` (§5.2): alpha + root stake · tao weight in I64F64, stakes
 * under the threshold zeroed (except the owner's), normalized, then floored to I32F32.
 */
export function stakeWeights(inputs: EpochInputs, twU96: bigint): bigint[] {
  const { n, ownerUid } = inputs;
  const tw64 = I64F64.from(U96F32, twU96);
  const threshold = inputs.hyperparameters.stakeThreshold;
  const total: bigint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const alpha = I64F64.fromInt(inputs.alphaStake[i] ?? 0n);
    const tao = I64F64.fromInt(inputs.taoStake[i] ?? 0n);
    let s = I64F64.saturatingAdd(alpha, I64F64.saturatingMul(tao, tw64));
    if (ownerUid !== i && I64F64.toU64(s) < threshold) s = 0n;
    total[i] = s;
  }
  const s = sum(total);
  if (s !== 0n) for (let i = 0; i < n; i++) total[i] = I64F64.safeDiv(total[i], s);
  return total.map((x) => I32F32.from(I64F64, x));
}

/** Zero `x_i` where `mask_i` (or where the mask is too short); an empty mask masks nothing (`inplace_mask_vector`). */
function inplaceMaskVector(mask: readonly boolean[], x: bigint[]): void {
  if (mask.length === 0) return;
  for (let i = 0; i < x.length; i++) if (mask[i] ?? true) x[i] = 0n;
}

/** share · rao in I96F32, floored to u64 (saturating). */
function sharesToRao(shares: readonly bigint[], rao: bigint): bigint[] {
  const raoFixed = I96F32.fromInt(rao);
  return shares.map((s) => I96F32.toU64(I96F32.saturatingMul(I96F32.from(I32F32, s), raoFixed)));
}

/** Run one mechanism's epoch. Both paths give the same output, bit for bit; `auto` is much faster. */
export function epochMechanism(inputs: EpochInputs, path: EpochPath = "auto"): EpochOutput {
  const { n, currentBlock, ownerUid, hyperparameters: hp } = inputs;
  const tempo = BigInt(inputs.tempo);

  // §5.1 activity
  const cutoff = activityCutoffBlocks(hp.activityCutoffFactorMilli, inputs.tempo);
  const lastUpdate: bigint[] = Array.from({ length: n }, (_, i) => inputs.lastUpdate[i] ?? 0n);
  const inactive = lastUpdate.map((u) => {
    const t = u + cutoff;
    return (t > U64_MAX ? U64_MAX : t) < currentBlock;
  });
  const active = inactive.map((b) => !b);
  const blockAtRegistration: bigint[] = Array.from(
    { length: n },
    (_, i) => inputs.blockAtRegistration[i] ?? 0n,
  );

  // §5.2 stake
  const twU96 = taoWeightU96F32(hp.taoWeight);
  const stake = stakeWeights(inputs, twU96);

  // §5.3 permits: the stored ones gate this epoch; the new ones are an output.
  const validatorPermits = inputs.validatorPermit.slice();
  if (ownerUid !== null && ownerUid < validatorPermits.length) validatorPermits[ownerUid] = true;
  const validatorForbids = validatorPermits.map((b) => !b);
  const newValidatorPermit = isTopkNonzero(stake, hp.maxAllowedValidators);
  if (ownerUid !== null && ownerUid < newValidatorPermit.length) newValidatorPermit[ownerUid] = true;

  // §5.4 active stake
  const activeStake = stake.slice();
  inplaceMaskVector(inactive, activeStake);
  inplaceMaskVector(validatorForbids, activeStake);
  inplaceNormalize(activeStake);

  // §5.5–§5.9 weights, consensus, trust, incentive, bonds, dividends
  const stage: MatrixStageInputs = {
    inputs,
    hp,
    lastUpdate,
    blockAtRegistration,
    validatorForbids,
    activeStake,
    kappa: u16ProportionToFixed(hp.kappa),
    bondsPenalty: u16ProportionToFixed(hp.bondsPenalty),
    lastTempo:
      inputs.lastMechanismStepBlock === 0n
        ? currentBlock > tempo
          ? currentBlock - tempo
          : 0n
        : inputs.lastMechanismStepBlock + 1n,
  };
  const m =
    path === "auto" && numberStageApplies(inputs) ? matrixStageNumber(stage) : matrixStageBigInt(stage);
  const { consensus, validatorTrust, ranks, incentive, dividends } = m;

  // §5.10 emission shares and the zero-emission fallback
  const combined = incentive.map((x, i) => sat(x + dividends[i]));
  const emissionSum = sum(combined);
  const normalizedServer = incentive.slice();
  let normalizedValidator = dividends.slice();
  let normalizedCombined = combined.slice();
  inplaceNormalizeUsingSum(normalizedServer, emissionSum);
  inplaceNormalizeUsingSum(normalizedValidator, emissionSum);
  inplaceNormalize(normalizedCombined);
  let emissionFallback: EmissionFallback = null;
  if (emissionSum === 0n) {
    const useStake = activeStake.every((x) => x === 0n);
    emissionFallback = useStake ? "stake" : "active_stake";
    normalizedValidator = (useStake ? stake : activeStake).slice();
    normalizedCombined = normalizedValidator.slice();
  }
  const serverEmission = sharesToRao(normalizedServer, inputs.raoEmission);
  const validatorEmission = sharesToRao(normalizedValidator, inputs.raoEmission);
  const emission = sharesToRao(normalizedCombined, inputs.raoEmission);

  const storedBonds = m.bondsU16.map((row, i) => (newValidatorPermit[i] ? row : []));

  const trace = {
    inactive,
    lastTempo: stage.lastTempo,
    taoWeightU96F32Bits: twU96,
    kappaBits: stage.kappa,
    minorityBits: m.minority,
    bondsPenaltyBits: stage.bondsPenalty,
    liquidAlphaUsed: m.liquidAlphaUsed,
    emissionSumBits: emissionSum,
    emissionFallback,
    normalizedServerEmissionBits: normalizedServer,
    normalizedValidatorEmissionBits: normalizedValidator,
    normalizedCombinedEmissionBits: normalizedCombined,
  } as EpochTrace;
  // Copy the matrices' property descriptors, not their values: the number path materializes them lazily.
  Object.defineProperties(trace, Object.getOwnPropertyDescriptors(m.trace));

  return {
    activityCutoffBlocks: cutoff,
    active,
    stakeBits: stake,
    stakeWeight: stake.map(fixedProportionToU16),
    activeStakeBits: activeStake,
    newValidatorPermit,
    consensusBits: consensus,
    consensus: consensus.map(fixedProportionToU16),
    validatorTrustBits: validatorTrust,
    validatorTrust: validatorTrust.map(fixedProportionToU16),
    rankBits: ranks,
    incentiveBits: incentive,
    incentive: incentive.map(fixedProportionToU16),
    dividendsBits: dividends,
    dividends: dividends.map(fixedProportionToU16),
    serverEmission,
    validatorEmission,
    emission,
    bonds: storedBonds,
    trace,
  };
}
