// Liquid alpha (Yuma3): a per-(validator, miner) bond EMA rate from a sigmoid of how far the validator's
// weight sits above consensus (buying) or below its bond (selling). Mirrors run_epoch.rs's sparse path.

import {
  divI32F32Number,
  EXP_NUMBER_LIMIT_BITS,
  expI32F32,
  expI32F32Number,
  I32F32,
  mulI32F32Number,
} from "@opentao/primitives";
import { ONE, sat, smul } from "./math.ts";
import { type Csr, CsrBuilder, copyCsr, RowScratch, unionColumns } from "./mathNumber.ts";
import type { SparseRow } from "./types.ts";

const HALF = ONE >> 1n;
const EXP_MIN = -20n * ONE;
const EXP_MAX = 20n * ONE;
const I32F32_MAX = (1n << 63n) - 1n;

/** `clamp_value`: `min(high)` then `max(low)`, so low wins if the bounds cross. */
function clamp(v: bigint, lo: bigint, hi: bigint): bigint {
  const r = v < hi ? v : hi;
  return r > lo ? r : lo;
}

/** `exp_safe`: exp of the input clamped to [−20, 20]; an error becomes 0 (x ≤ 0) or the maximum. */
export function expSafe(x: bigint): bigint {
  const safe = x < EXP_MIN ? EXP_MIN : x > EXP_MAX ? EXP_MAX : x;
  const r = expI32F32(safe);
  if (r !== undefined) return r;
  return safe <= 0n ? 0n : I32F32_MAX;
}

export interface LiquidAlphaParams {
  low: bigint;
  high: bigint;
  /** `I32F32(steepness) / −100`, truncated — precomputed once per epoch. */
  steepnessOverMinus100: bigint;
}

export function liquidAlphaParams(low: bigint, high: bigint, steepness: number): LiquidAlphaParams {
  return {
    low,
    high,
    steepnessOverMinus100: I32F32.saturatingDiv(I32F32.fromInt(steepness), I32F32.fromInt(-100)),
  };
}

/**
 * `alpha_sigmoid`'s input: how far the weight sits above consensus (buying) or, when the validator is
 * selling, below its bond; in [0, 1].
 */
function alphaDistance(consensus: bigint, weight: bigint, bond: bigint): bigint {
  const buy = clamp(sat(weight - consensus), 0n, ONE);
  const sell = clamp(sat(bond - weight), 0n, ONE);
  return weight >= bond ? buy : sell;
}

/** The rest of `alpha_sigmoid`: low + σ(steepness·(d − ½)/−100)·(high − low), clamped to [low, high]. */
export function alphaFromDistance(d: bigint, p: LiquidAlphaParams): bigint {
  const x = smul(p.steepnessOverMinus100, sat(d - HALF));
  const sigmoid = I32F32.saturatingDiv(ONE, sat(ONE + expSafe(x)));
  const alpha = sat(p.low + smul(sigmoid, sat(p.high - p.low)));
  return clamp(alpha, p.low, p.high);
}

/** `alpha_sigmoid(consensus, weight, bond)`. */
export function alphaSigmoid(consensus: bigint, weight: bigint, bond: bigint, p: LiquidAlphaParams): bigint {
  return alphaFromDistance(alphaDistance(consensus, weight, bond), p);
}

/**
 * `compute_liquid_alpha_values_sparse`: an alpha for every row and every column. The weight and bond of
 * column j are found by one forward walk that assumes ascending uids; an out-of-order entry is passed
 * over and reads as 0, exactly as the chain's peekable merge does.
 */
export function liquidAlphaValuesSparse(
  weights: readonly SparseRow[],
  bonds: readonly SparseRow[],
  consensus: readonly bigint[],
  p: LiquidAlphaParams,
): bigint[][] {
  if (weights.length !== bonds.length) return [];
  const columns = consensus.length;
  return weights.map((wr, i) => {
    const br = bonds[i];
    const out = new Array<bigint>(columns);
    let wi = 0;
    let bi = 0;
    for (let j = 0; j < columns; j++) {
      let weight = 0n;
      while (wi < wr.j.length) {
        if (wr.j[wi] < j) wi++;
        else {
          if (wr.j[wi] === j) weight = wr.v[wi];
          break;
        }
      }
      let bond = 0n;
      while (bi < br.j.length) {
        if (br.j[bi] < j) bi++;
        else {
          if (br.j[bi] === j) bond = br.v[bi];
          break;
        }
      }
      out[j] = alphaSigmoid(consensus[j], weight, bond, p);
    }
    return out;
  });
}

// ---- number path ------------------------------------------------------------------------------------

const ONE_N = 2 ** 32;
const HALF_N = 2 ** 31;
const EXP_LIMIT_N = 20 * ONE_N;

/** Slots of the alpha memo (a power of two). */
const MEMO_SLOTS = 4096;

/**
 * Liquid-alpha parameters as numbers, with a per-epoch memo of alpha by distance: alpha depends on nothing
 * else, and the distance is very often 0 (a weight at or below consensus that does not sell, which
 * bonds_penalty = 1 guarantees) or repeats. The memo is direct-mapped (slot = d mod 4096, one distance per
 * slot): a hit costs two array reads, and a miss costs no allocation, unlike a Map keyed by doubles.
 */
export interface LiquidAlphaNumber {
  readonly low: number;
  readonly high: number;
  readonly steepness: number;
  readonly memoDistance: Float64Array;
  readonly memoAlpha: Float64Array;
}

/** Requires |steepnessOverMinus100| < 2^52 bits (any i16 steepness gives < 2^41). */
export function liquidAlphaNumber(p: LiquidAlphaParams): LiquidAlphaNumber {
  return {
    low: Number(p.low),
    high: Number(p.high),
    steepness: Number(p.steepnessOverMinus100),
    memoDistance: new Float64Array(MEMO_SLOTS).fill(-1),
    memoAlpha: new Float64Array(MEMO_SLOTS),
  };
}

/**
 * {@link alphaFromDistance} on numbers, for d, low and high in [0, 2^32]:
 * - x = floor((d − ½)·s / 2^32) with |d − ½| ≤ 2^31 < 2^37 and |s| < 2^52, so |x| < 2^51 (no saturation);
 * - for |x| ≤ 13 the exp is expI32F32Number, and σ = floor(2^64 / (2^32 + e)) = divI32F32Number(2^32,
 *   2^32 + e) with 2^32 + e < 2^51; beyond 13 (only for steep sigmoids) the BigInt exp decides σ ≤ 2^32;
 * - low + σ·(high − low) has σ ≤ 2^32 and |high − low| ≤ 2^32, so it stays within [0, 2^33].
 */
function alphaFromDistanceNumber(d: number, p: LiquidAlphaNumber): number {
  const slot = d & (MEMO_SLOTS - 1); // d mod 4096: & reduces d (< 2^53) modulo 2^32 first
  if (p.memoDistance[slot] === d) return p.memoAlpha[slot];
  let x = mulI32F32Number(d - HALF_N, p.steepness);
  x = x < -EXP_LIMIT_N ? -EXP_LIMIT_N : x > EXP_LIMIT_N ? EXP_LIMIT_N : x;
  const sigmoid =
    Math.abs(x) <= EXP_NUMBER_LIMIT_BITS
      ? divI32F32Number(ONE_N, ONE_N + expI32F32Number(x))
      : Number(I32F32.saturatingDiv(ONE, sat(ONE + expSafe(BigInt(x)))));
  const alpha = p.low + mulI32F32Number(sigmoid, p.high - p.low);
  const clamped = Math.max(Math.min(alpha, p.high), p.low);
  p.memoDistance[slot] = d;
  p.memoAlpha[slot] = clamped;
  return clamped;
}

/**
 * `mat_ema_alpha_sparse(new, old, compute_liquid_alpha_values_sparse(new, old, consensus))` in one pass,
 * with the weights the chain passes (the new matrix itself). Bits in [0, 2^32]; `columns` = consensus length.
 *
 * Only alphas at the new row's own columns are ever read (decayed cells are read back only there), so only
 * those are computed. Walking just those columns in ascending order meets the same weight and bond as the
 * chain's walk over every column: a walk step only skips entries below the current column, and columns
 * only grow, so skipping to j and then to j' ≥ j skips exactly what skipping straight to j' does.
 * A decayed cell is the last old entry at that column times (1 − alpha), or 0.
 */
export function matEmaLiquidAlpha(
  newM: Csr,
  oldM: Csr,
  consensus: readonly number[],
  p: LiquidAlphaNumber,
): Csr {
  if (newM.rows !== oldM.rows) return copyCsr(newM);
  const columns = consensus.length;
  const scratch = new RowScratch(columns);
  const { a: alphaAt, b: oldAt, seen, cols } = scratch;
  const out = new CsrBuilder(newM.rows, newM.j.length);
  for (let i = 0; i < newM.rows; i++) {
    const w0 = newM.ptr[i];
    const w1 = newM.ptr[i + 1];
    const b1 = oldM.ptr[i + 1];
    // The chain's merge walk, restricted to the columns that are read.
    const count = unionColumns(newM, null, i, scratch);
    let w = w0;
    let b = oldM.ptr[i];
    for (let t = 0; t < count; t++) {
      const j = cols[t];
      while (w < w1 && newM.j[w] < j) w++;
      while (b < b1 && oldM.j[b] < j) b++;
      const weight = w < w1 && newM.j[w] === j ? newM.v[w] : 0;
      const bond = b < b1 && oldM.j[b] === j ? oldM.v[b] : 0;
      const buy = Math.max(Math.min(weight - consensus[j], ONE_N), 0);
      const sell = Math.max(Math.min(bond - weight, ONE_N), 0);
      alphaAt[j] = alphaFromDistanceNumber(weight >= bond ? buy : sell, p);
    }
    const stamp = scratch.nextStamp();
    for (let k = oldM.ptr[i]; k < b1; k++)
      if (oldM.j[k] < columns) {
        oldAt[oldM.j[k]] = oldM.v[k];
        seen[oldM.j[k]] = stamp;
      }
    for (let k = w0; k < w1; k++) {
      const j = newM.j[k];
      if (j >= columns) continue;
      const alpha = alphaAt[j];
      const decayed = seen[j] === stamp ? mulI32F32Number(ONE_N - alpha, oldAt[j]) : 0;
      const inc = Math.max(mulI32F32Number(alpha, newM.v[k]), 0);
      const v = Math.min(decayed + inc, ONE_N);
      if (v > 0) out.push(j, v);
    }
    out.endRow();
  }
  return out.finish();
}
