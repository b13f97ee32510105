// The epoch's matrix stage (weights → consensus → bonds → dividends) on BigInt bits: the reference path.
// Straight transcription of epoch_mechanism with math.ts; yumaNumber.ts must agree with it bit for bit.

import {
  fixedProportionToU16,
  fixedToFixedU16Proportion,
  I32F32,
  I64F64,
  u16ProportionToFixed,
} from "@opentao/primitives";
import { liquidAlphaParams, liquidAlphaValuesSparse } from "./liquidAlpha.ts";
import {
  colClipSparse,
  emptyRows,
  inplaceColMaxUpscaleSparse,
  inplaceColNormalizeSparse,
  inplaceNormalize,
  inplaceRowNormalizeSparse,
  interpolateSparse,
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
  vecMaskSparseMatrix,
  weightedMedianColSparse,
} from "./math.ts";
import type { EpochHyperparameters, EpochInputs, EpochTrace, SparseRow, SparseU16Row } from "./types.ts";

export const U64_MAX = (1n << 64n) - 1n;

/** `1 − bonds_moving_average / 10^6` as I32F32 (the fixed, non-liquid bond EMA rate). */
export function bondsEmaAlpha(bondsMovingAverage: bigint): bigint {
  const bma64 = I64F64.safeDiv(I64F64.fromInt(bondsMovingAverage), I64F64.fromInt(1_000_000n));
  return I32F32.saturatingSub(ONE, I32F32.from(I64F64, bma64));
}

/** What the matrix stage needs from the vector prelude of the epoch (§5.1–§5.4). */
export interface MatrixStageInputs {
  inputs: EpochInputs;
  hp: EpochHyperparameters;
  lastUpdate: bigint[];
  blockAtRegistration: bigint[];
  validatorForbids: boolean[];
  activeStake: bigint[];
  kappa: bigint;
  bondsPenalty: bigint;
  lastTempo: bigint;
}

/** The matrices of the trace (§5.5–§5.9). */
export type MatrixTrace = Pick<
  EpochTrace,
  | "weightsMaskedNormalizedBits"
  | "clippedWeightsBits"
  | "weightsForBondsBits"
  | "bondsPreparedBits"
  | "emaBondsColNormalizedBits"
>;

export interface MatrixStageOutput {
  consensus: bigint[];
  minority: bigint;
  validatorTrust: bigint[];
  ranks: bigint[];
  incentive: bigint[];
  dividends: bigint[];
  liquidAlphaUsed: boolean;
  /** New bond rows as u16, for every uid (the caller keeps only permitted ones). */
  bondsU16: Array<Array<[number, number]>>;
  trace: MatrixTrace;
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

const recentlyRegistered = (lastTempo: bigint, registered: bigint) => lastTempo <= registered;

/** §5.5–§5.9 on BigInt bits, exactly as the chain orders the operations. */
export function matrixStageBigInt(s: MatrixStageInputs): MatrixStageOutput {
  const { inputs, hp, activeStake, lastTempo, blockAtRegistration } = s;
  const { n, ownerUid } = inputs;

  // §5.5 weights and their masks
  let weights = loadSparse(inputs.weights, n, true);
  weights = maskRowsSparse(s.validatorForbids, weights);
  weights = maskDiagSparse(weights, ownerUid);
  weights = vecMaskSparseMatrix(
    weights,
    s.lastUpdate,
    blockAtRegistration,
    (updated, registered) => updated <= registered,
  );
  if (hp.commitRevealEnabled) {
    const commitBlocks = Array.from({ length: n }, (_, i) => inputs.commitBlocks[i] ?? U64_MAX);
    weights = vecMaskSparseMatrix(weights, commitBlocks, blockAtRegistration, (cb, reg) => cb < reg);
  }
  inplaceRowNormalizeSparse(weights);

  // §5.6 consensus
  const { median: consensus, minority } = weightedMedianColSparse(activeStake, weights, n, s.kappa);

  // §5.7 clipping, trust, rank, incentive
  const clippedWeights = colClipSparse(weights, consensus);
  const validatorTrust = rowSumSparse(clippedWeights);
  const ranks = matmulSparse(clippedWeights, activeStake, n);
  const incentive = ranks.slice();
  inplaceNormalize(incentive);

  // §5.8 weights for bonds
  const weightsForBonds = interpolateSparse(weights, clippedWeights, n, s.bondsPenalty);

  // §5.9 bonds and dividends
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

  return {
    consensus,
    minority,
    validatorTrust,
    ranks,
    incentive,
    dividends,
    liquidAlphaUsed,
    bondsU16: toU16Rows(emaBonds),
    trace: {
      weightsMaskedNormalizedBits: weights,
      clippedWeightsBits: clippedWeights,
      weightsForBondsBits: weightsForBonds,
      bondsPreparedBits: bondsPrepared,
      emaBondsColNormalizedBits: emaBondsColNormalized,
    },
  };
}
