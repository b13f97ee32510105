// Liquid alpha (Yuma3): a per-(validator, miner) bond EMA rate from a sigmoid of how far the validator's
// weight sits above consensus (buying) or below its bond (selling). Mirrors run_epoch.rs's sparse path.

import { expI32F32, I32F32 } from "@opentao/primitives";
import { ONE, sat, smul } from "./math.ts";
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

/** `alpha_sigmoid(consensus, weight, bond)`. */
export function alphaSigmoid(consensus: bigint, weight: bigint, bond: bigint, p: LiquidAlphaParams): bigint {
  const buy = clamp(sat(weight - consensus), 0n, ONE);
  const sell = clamp(sat(bond - weight), 0n, ONE);
  const d = weight >= bond ? buy : sell;
  const x = smul(p.steepnessOverMinus100, sat(d - HALF));
  const sigmoid = I32F32.saturatingDiv(ONE, sat(ONE + expSafe(x)));
  const alpha = sat(p.low + smul(sigmoid, sat(p.high - p.low)));
  return clamp(alpha, p.low, p.high);
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
