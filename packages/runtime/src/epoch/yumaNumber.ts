// The epoch's matrix stage on I32F32 bits held in JS numbers: the fast path, bit for bit equal to yumaBigInt.ts.
// `numberStageApplies` checks the few bounds that keep every value a safe integer; otherwise the BigInt path runs.

import { u16ProportionToFixed } from "@opentao/primitives";
import { liquidAlphaNumber, liquidAlphaParams, matEmaLiquidAlpha } from "./liquidAlpha.ts";
import { inplaceNormalize, sat } from "./math.ts";
import {
  type Csr,
  colClip,
  colMaxUpscale,
  colNormalize,
  colNormalizeU16,
  copyCsr,
  interpolate,
  loadStoredRows,
  matEma,
  matmul,
  matmulTranspose,
  matVecMulRowSum,
  orderRanks,
  rowHadamard,
  rowNormalizeU16,
  rowSum,
  toSparseRows,
  toU16Rows,
  u16ToProportion,
  weightedMedianColNumber,
} from "./mathNumber.ts";
import type { EpochInputs, SparseU16Row } from "./types.ts";
import {
  bondsEmaAlpha,
  type MatrixStageInputs,
  type MatrixStageOutput,
  type MatrixTrace,
  U64_MAX,
} from "./yumaBigInt.ts";

/*
 * Range argument. With the bounds `numberStageApplies` checks —
 *   (1) n ≤ 2^16, every stored value an integer u16 and every stored column an integer in [0, 2^16);
 *   (2) per weight row, Σ u16 over columns < n is below 2^31, and for the original Yuma the same per bond
 *       column (so the chain's I32F32 row/column sums of w·2^32 cannot overflow);
 *   (3) no stored row holds more than 2^16 entries, and no column < n more than 2^16 of a matrix's entries;
 *   (4) the fixed EMA rate α, where used, lies in [0, 1]; the sigmoid steepness / −100 below 2^52 bits —
 * every matrix after loading holds bits in [0, 2^32]: row-normalized weights, their clip at consensus and
 * the interpolation between the two; Yuma3 bonds (u16/65535); EMAs of such values with rates in [0, 1];
 * stake-weighted and column-normalized deltas. (The original Yuma's bonds at columns ≥ n stay unnormalized,
 * below 2^48, and are never multiplied.) Every vector is a normalized stake, a consensus, or a sum of at
 * most 2^16 such bits, hence ≤ 2^48: every sum is exact, no saturating operation can saturate, every
 * product of two values is in mulI32F32Number's range, and every column sum divides in divI32F32Number's.
 */

const TWO16 = 65_536;
const TWO31 = 2 ** 31;

function isU16(x: number): boolean {
  return Number.isInteger(x) && x >= 0 && x < TWO16;
}

/** Whether stored rows satisfy bounds (1)–(3), with the per-row and/or per-column u16 sums of (2). */
function storedRowsFit(
  rows: readonly SparseU16Row[],
  n: number,
  rowSums: boolean,
  colSums: boolean,
): boolean {
  const colCount = new Int32Array(n);
  const colSum = colSums ? new Float64Array(n) : null;
  for (let i = 0; i < n && i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (row.length > TWO16) return false;
    let s = 0;
    for (let k = 0; k < row.length; k++) {
      const j = row[k][0];
      const w = row[k][1];
      if (!isU16(j) || !isU16(w)) return false;
      if (j < n) {
        if (++colCount[j] > TWO16) return false;
        s += w;
        if (colSum) colSum[j] += w;
      }
    }
    if (rowSums && s >= TWO31) return false;
  }
  return colSum === null || colSum.every((s) => s < TWO31);
}

/** Whether the number path is exact for these inputs (see the range argument above). */
export function numberStageApplies(inputs: EpochInputs): boolean {
  const { n, hyperparameters: hp } = inputs;
  if (n > TWO16) return false;
  if (!storedRowsFit(inputs.weights, n, true, false)) return false;
  if (!storedRowsFit(inputs.bonds, n, false, !hp.yuma3Enabled)) return false;
  // The fixed rate is also what Yuma3 uses when liquid alpha is on but every consensus is 0.
  const alpha = bondsEmaAlpha(hp.bondsMovingAverage);
  if (alpha < 0n || alpha > 1n << 32n) return false;
  const steep = liquidAlphaParams(0n, 0n, hp.alphaSigmoidSteepness).steepnessOverMinus100;
  if (steep >= 1n << 52n || steep <= -(1n << 52n)) return false;
  return true;
}

/** A trace whose matrices are converted to BigInt rows only when first read. */
function lazyTrace(m: Record<keyof MatrixTrace, Csr>): MatrixTrace {
  const trace = {} as MatrixTrace;
  for (const key of Object.keys(m) as Array<keyof MatrixTrace>) {
    let rows: MatrixTrace[typeof key] | undefined;
    Object.defineProperty(trace, key, {
      enumerable: true,
      get: () => {
        rows ??= toSparseRows(m[key]);
        return rows;
      },
    });
  }
  return trace;
}

/** §5.5–§5.9 on numbers, in the chain's order; the steps mirror matrixStageBigInt one for one. */
export function matrixStageNumber(s: MatrixStageInputs): MatrixStageOutput {
  const { inputs, hp, activeStake } = s;
  const { n, ownerUid } = inputs;
  const activeStakeN = activeStake.map(Number);

  // §5.5 weights (raw u16 counts until normalized). The chain's four masks (rows without a permit, the
  // diagonal, weights older than the target's registration, commits before it) each drop single entries
  // and keep the order, so one pass with their conjunction keeps the same entries in the same order.
  // Block numbers are compared through their ranks (exact, and numbers even for u64::MAX).
  const commitBlocks = Array.from({ length: n }, (_, i) => inputs.commitBlocks[i] ?? U64_MAX);
  const [lastUpdate, registered, committed] = orderRanks(s.lastUpdate, s.blockAtRegistration, commitBlocks);
  const weights = loadStoredRows(
    inputs.weights,
    n,
    (i, j) =>
      j < n &&
      !(s.validatorForbids[i] ?? true) &&
      (j !== i || i === ownerUid) &&
      !(lastUpdate[i] <= registered[j]) &&
      !(hp.commitRevealEnabled && committed[i] < registered[j]),
  );
  rowNormalizeU16(weights);

  // §5.6 consensus
  const { median: consensus, minority } = weightedMedianColNumber(activeStake, weights, n, s.kappa);

  // §5.7 clipping, trust, rank, incentive
  const clippedWeights = colClip(weights, consensus);
  const validatorTrust = rowSum(clippedWeights);
  const ranks = matmul(clippedWeights, activeStakeN, n);
  const incentive = ranks.map(BigInt);
  inplaceNormalize(incentive);
  const incentiveN = incentive.map(Number);

  // §5.8 weights for bonds
  const weightsForBonds = interpolate(weights, clippedWeights, n, Number(s.bondsPenalty));

  // §5.9 bonds and dividends
  const dropCol = s.blockAtRegistration.map((reg) => s.lastTempo <= reg);
  const zeroDrop = s.lastTempo <= 0n;
  const bonds = loadStoredRows(inputs.bonds, n, (_i, j) => !(dropCol[j] ?? zeroDrop));
  let dividends: bigint[];
  let emaBondsColNormalized: Csr;
  let bondsU16: Array<Array<[number, number]>>;
  let liquidAlphaUsed = false;
  if (hp.yuma3Enabled) {
    u16ToProportion(bonds);
    liquidAlphaUsed = hp.liquidAlphaEnabled && consensus.some((c) => c !== 0);
    const params = liquidAlphaParams(
      u16ProportionToFixed(hp.alphaLow),
      u16ProportionToFixed(hp.alphaHigh),
      hp.alphaSigmoidSteepness,
    );
    const emaBonds = liquidAlphaUsed
      ? matEmaLiquidAlpha(weightsForBonds, bonds, consensus, liquidAlphaNumber(params))
      : matEma(weightsForBonds, bonds, Number(bondsEmaAlpha(hp.bondsMovingAverage)));
    // The stored bonds are the EMA itself; the dividends use its column-normalized form, in place.
    bondsU16 = toU16Rows(emaBonds);
    emaBondsColNormalized = emaBonds;
    colNormalize(emaBondsColNormalized, n);
    const totalBondsPerValidator = matVecMulRowSum(emaBondsColNormalized, incentiveN);
    dividends = totalBondsPerValidator.map((t, i) => {
      const p = (BigInt(t) * (activeStake[i] ?? 0n)) >> 32n;
      return p === sat(p) ? p : 0n; // checked_mul: 0 on overflow
    });
    inplaceNormalize(dividends);
  } else {
    colNormalizeU16(bonds, n);
    const bondsDelta = rowHadamard(weightsForBonds, activeStakeN);
    colNormalize(bondsDelta, n);
    const emaBonds = matEma(bondsDelta, bonds, Number(bondsEmaAlpha(hp.bondsMovingAverage)));
    colNormalize(emaBonds, n);
    emaBondsColNormalized = copyCsr(emaBonds);
    dividends = matmulTranspose(emaBonds, incentiveN).map(BigInt);
    inplaceNormalize(dividends);
    colMaxUpscale(emaBonds, n);
    bondsU16 = toU16Rows(emaBonds);
  }

  return {
    consensus: consensus.map(BigInt),
    minority,
    validatorTrust: validatorTrust.map(BigInt),
    ranks: ranks.map(BigInt),
    incentive,
    dividends,
    liquidAlphaUsed,
    bondsU16,
    trace: lazyTrace({
      weightsMaskedNormalizedBits: weights,
      clippedWeightsBits: clippedWeights,
      weightsForBondsBits: weightsForBonds,
      bondsPreparedBits: bonds,
      emaBondsColNormalizedBits: emaBondsColNormalized,
    }),
  };
}
