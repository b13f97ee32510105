// The per-mechanism Yuma Consensus epoch (`epoch_mechanism`, subtensor's sparse on-chain path).
// Pure: inputs in, outputs out. Spec: shared/spec/yuma-consensus.md §5; every rounding step is the chain's.

import {
  fixedProportionToU16,
  fixedToFixedU16Proportion,
  I32F32,
  I64F64,
  I96F32,
  U96F32,
  u16ProportionToFixed,
} from "@opentao/primitives";
import { liquidAlphaParams, liquidAlphaValuesSparse } from "./liquidAlpha.ts";
import {
  colClipSparse,
  emptyRows,
  inplaceColMaxUpscaleSparse,
  inplaceColNormalizeSparse,
  inplaceNormalize,
  inplaceNormalizeUsingSum,
  inplaceRowNormalizeSparse,
  interpolateSparse,
  isTopkNonzero,
  maskDiagSparse,
  maskRowsSparse,
  matEmaAlphaSparse,
  matEmaSparse,
  matmulSparse,
  matmulTransposeSparse,
  matVecMulSparse,
  ONE,
  rowHadamardSparse,
  rowSumSparse,
  sat,
  scalarVecMaskSparseMatrix,
  sum,
  vecMaskSparseMatrix,
  weightedMedianColSparse,
} from "./math.ts";
import type { EmissionFallback, EpochInputs, EpochOutput, SparseRow, SparseU16Row } from "./types.ts";

const U64_MAX = (1n << 64n) - 1n;

/** `cutoff = max(1, factor_milli · tempo / 1000)` (`get_activity_cutoff_blocks`). */
export function activityCutoffBlocks(factorMilli: number, tempo: number): bigint {
  const c = (BigInt(factorMilli) * BigInt(tempo)) / 1000n;
  return c < 1n ? 1n : c;
}

/** `get_tao_weight`: TaoWeight / (2^64 − 1) in U96F32. */
export function taoWeightU96F32(taoWeight: bigint): bigint {
  return U96F32.safeDiv(U96F32.fromInt(taoWeight), U96F32.fromInt(U64_MAX));
}

/** `1 − bonds_moving_average / 10^6` as I32F32 (the fixed, non-liquid bond EMA rate). */
export function bondsEmaAlpha(bondsMovingAverage: bigint): bigint {
  const bma64 = I64F64.safeDiv(I64F64.fromInt(bondsMovingAverage), I64F64.fromInt(1_000_000n));
  return I32F32.saturatingSub(ONE, I32F32.from(I64F64, bma64));
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

/** Stored u16 rows to I32F32 rows, keeping rows < n, stored order and explicit zeros. */
function loadSparse(rows: readonly SparseU16Row[], n: number, dropColsAtOrAboveN: boolean): SparseRow[] {
  const out = emptyRows(n);
  for (let i = 0; i < n && i < rows.length; i++) {
    const row = rows[i] ?? [];
    for (const [j, w] of row) {
      if (dropColsAtOrAboveN && j >= n) continue;
      out[i].j.push(j);
      out[i].v.push(BigInt(w) << 32n);
    }
  }
  return out;
}

function toU16Rows(m: readonly SparseRow[]): Array<Array<[number, number]>> {
  return m.map((row) => row.j.map((j, k) => [j, fixedProportionToU16(row.v[k])] as [number, number]));
}

/** share · rao in I96F32, floored to u64 (saturating). */
function sharesToRao(shares: readonly bigint[], rao: bigint): bigint[] {
  const raoFixed = I96F32.fromInt(rao);
  return shares.map((s) => I96F32.toU64(I96F32.saturatingMul(I96F32.from(I32F32, s), raoFixed)));
}

/** Run one mechanism's epoch. */
export function epochMechanism(inputs: EpochInputs): EpochOutput {
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

  // §5.5 weights and their masks
  let weights = loadSparse(inputs.weights, n, true);
  weights = maskRowsSparse(validatorForbids, weights);
  weights = maskDiagSparse(weights, ownerUid);
  weights = vecMaskSparseMatrix(
    weights,
    lastUpdate,
    blockAtRegistration,
    (updated, registered) => updated <= registered,
  );
  if (hp.commitRevealEnabled) {
    const commitBlocks = Array.from({ length: n }, (_, i) => inputs.commitBlocks[i] ?? U64_MAX);
    weights = vecMaskSparseMatrix(weights, commitBlocks, blockAtRegistration, (cb, reg) => cb < reg);
  }
  inplaceRowNormalizeSparse(weights);

  // §5.6 consensus
  const kappa = u16ProportionToFixed(hp.kappa);
  const { median: consensus, minority } = weightedMedianColSparse(activeStake, weights, n, kappa);

  // §5.7 clipping, trust, rank, incentive
  const clippedWeights = colClipSparse(weights, consensus);
  const validatorTrust = rowSumSparse(clippedWeights);
  const ranks = matmulSparse(clippedWeights, activeStake, n);
  const incentive = ranks.slice();
  inplaceNormalize(incentive);

  // §5.8 weights for bonds
  const bondsPenalty = u16ProportionToFixed(hp.bondsPenalty);
  const weightsForBonds = interpolateSparse(weights, clippedWeights, n, bondsPenalty);

  // §5.9 bonds and dividends
  const lastTempo =
    inputs.lastMechanismStepBlock === 0n
      ? currentBlock > tempo
        ? currentBlock - tempo
        : 0n
      : inputs.lastMechanismStepBlock + 1n;
  const recentlyRegistered = (lt: bigint, registered: bigint) => lt <= registered;
  let dividends: bigint[];
  let emaBonds: SparseRow[];
  let bondsPrepared: SparseRow[];
  let emaBondsColNormalized: SparseRow[];
  let liquidAlphaUsed = false;
  if (hp.yuma3Enabled) {
    let bonds = loadSparse(inputs.bonds, n, false);
    for (const row of bonds)
      for (let k = 0; k < row.v.length; k++) row.v[k] = fixedToFixedU16Proportion(row.v[k]);
    bonds = scalarVecMaskSparseMatrix(bonds, lastTempo, blockAtRegistration, recentlyRegistered);
    bondsPrepared = bonds;
    liquidAlphaUsed = hp.liquidAlphaEnabled && consensus.some((c) => c !== 0n);
    if (liquidAlphaUsed) {
      const params = liquidAlphaParams(
        u16ProportionToFixed(hp.alphaLow),
        u16ProportionToFixed(hp.alphaHigh),
        hp.alphaSigmoidSteepness,
      );
      const alphas = liquidAlphaValuesSparse(weightsForBonds, bonds, consensus, params);
      emaBonds = matEmaAlphaSparse(weightsForBonds, bonds, alphas);
    } else {
      emaBonds = matEmaSparse(weightsForBonds, bonds, bondsEmaAlpha(hp.bondsMovingAverage));
    }
    emaBondsColNormalized = emaBonds.map((r) => ({ j: r.j.slice(), v: r.v.slice() }));
    inplaceColNormalizeSparse(emaBondsColNormalized, n);
    const totalBondsPerValidator = rowSumSparse(matVecMulSparse(emaBondsColNormalized, incentive));
    dividends = totalBondsPerValidator.map((t, i) => {
      const p = (t * (activeStake[i] ?? 0n)) >> 32n;
      return p === sat(p) ? p : 0n; // checked_mul: 0 on overflow
    });
    inplaceNormalize(dividends);
  } else {
    let bonds = loadSparse(inputs.bonds, n, false);
    bonds = scalarVecMaskSparseMatrix(bonds, lastTempo, blockAtRegistration, recentlyRegistered);
    inplaceColNormalizeSparse(bonds, n);
    bondsPrepared = bonds;
    const bondsDelta = rowHadamardSparse(weightsForBonds, activeStake);
    inplaceColNormalizeSparse(bondsDelta, n);
    emaBonds = matEmaSparse(bondsDelta, bonds, bondsEmaAlpha(hp.bondsMovingAverage));
    inplaceColNormalizeSparse(emaBonds, n);
    emaBondsColNormalized = emaBonds.map((r) => ({ j: r.j.slice(), v: r.v.slice() }));
    dividends = matmulTransposeSparse(emaBonds, incentive);
    inplaceNormalize(dividends);
    inplaceColMaxUpscaleSparse(emaBonds, n);
  }

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

  const storedBonds = toU16Rows(emaBonds).map((row, i) => (newValidatorPermit[i] ? row : []));

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
    trace: {
      inactive,
      lastTempo,
      taoWeightU96F32Bits: twU96,
      kappaBits: kappa,
      minorityBits: minority,
      bondsPenaltyBits: bondsPenalty,
      liquidAlphaUsed,
      emissionSumBits: emissionSum,
      emissionFallback,
      weightsMaskedNormalizedBits: weights,
      clippedWeightsBits: clippedWeights,
      weightsForBondsBits: weightsForBonds,
      bondsPreparedBits: bondsPrepared,
      emaBondsColNormalizedBits: emaBondsColNormalized,
      normalizedServerEmissionBits: normalizedServer,
      normalizedValidatorEmissionBits: normalizedValidator,
      normalizedCombinedEmissionBits: normalizedCombined,
    },
  };
}
