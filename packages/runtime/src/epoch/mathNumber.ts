// math.ts's sparse operations on I32F32 bits held in plain JS numbers, for the epoch's number path.
// Matrices are compressed rows over typed arrays: few allocations and nothing for the garbage collector to trace.

import { divI32F32Number, fixedProportionToU16Number, mulI32F32Number } from "@opentao/primitives";
import { inplaceNormalize, sat, sum } from "./math.ts";
import type { SparseRow, SparseU16Row } from "./types.ts";

/*
 * Why these are exact: every value is an integer of magnitude < 2^53, so comparisons, + and − are exact
 * whenever the result stays below 2^53; products and quotients go through the proven helpers of
 * @opentao/primitives (mulI32F32Number, divI32F32Number). The chain's saturating operations clamp at
 * ±2^63, which no value here comes near (yumaNumber.ts bounds every sum by 2^48), so `sat` is the identity
 * and is left out. Entry order, explicit zeros, duplicate columns and out-of-range columns are treated
 * exactly as math.ts treats them; each function names the math.ts function it reproduces.
 */

export const ONE = 2 ** 32;

/**
 * A sparse matrix in compressed rows: row i holds the entries k ∈ [ptr[i], ptr[i + 1]), in the chain's
 * order, with column j[k] and value v[k] (I32F32 bits, or raw u16 counts where a function says so).
 * `ptr` and `j` are never written once built (copies share them); in-place operations rewrite `v` only.
 */
export interface Csr {
  readonly rows: number;
  readonly ptr: Int32Array;
  readonly j: Int32Array;
  readonly v: Float64Array;
}

/** Appends entries row by row; `capacity` is a first guess, the arrays double when it is exceeded. */
export class CsrBuilder {
  readonly ptr: Int32Array;
  #j: Int32Array;
  #v: Float64Array;
  #nnz = 0;
  #row = 0;
  constructor(
    readonly rows: number,
    capacity: number,
  ) {
    this.ptr = new Int32Array(rows + 1);
    this.#j = new Int32Array(Math.max(capacity, 16));
    this.#v = new Float64Array(Math.max(capacity, 16));
  }
  push(j: number, v: number): void {
    if (this.#nnz === this.#j.length) this.#grow();
    this.#j[this.#nnz] = j;
    this.#v[this.#nnz++] = v;
  }
  #grow(): void {
    const j = new Int32Array(this.#j.length * 2);
    const v = new Float64Array(this.#v.length * 2);
    j.set(this.#j);
    v.set(this.#v);
    this.#j = j;
    this.#v = v;
  }
  endRow(): void {
    this.ptr[++this.#row] = this.#nnz;
  }
  /** The matrix so far; rows not ended yet are empty. */
  finish(): Csr {
    while (this.#row < this.rows) this.endRow();
    const nnz = this.#nnz;
    return { rows: this.rows, ptr: this.ptr, j: this.#j.subarray(0, nnz), v: this.#v.subarray(0, nnz) };
  }
}

/** The same entries with fresh values (`m` is left alone). */
export function copyCsr(m: Csr): Csr {
  return { rows: m.rows, ptr: m.ptr, j: m.j, v: m.v.slice() };
}

/** Stored rows i < n as raw u16 counts, keeping the entries with `keep(i, j)`, in stored order. */
export function loadStoredRows(
  stored: readonly SparseU16Row[],
  n: number,
  keep: (i: number, j: number) => boolean,
): Csr {
  const rows = Math.min(n, stored.length);
  let capacity = 0;
  for (let i = 0; i < rows; i++) capacity += stored[i]?.length ?? 0;
  const out = new CsrBuilder(n, capacity);
  for (let i = 0; i < rows; i++) {
    const row = stored[i] ?? [];
    for (let k = 0; k < row.length; k++) {
      const entry = row[k];
      if (keep(i, entry[0])) out.push(entry[0], entry[1]);
    }
    out.endRow();
  }
  return out.finish();
}

/** BigInt rows (the trace's shape). */
export function toSparseRows(m: Csr): SparseRow[] {
  const out: SparseRow[] = [];
  for (let i = 0; i < m.rows; i++) {
    const row: SparseRow = { j: [], v: [] };
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) {
      row.j.push(m.j[k]);
      row.v.push(BigInt(m.v[k]));
    }
    out.push(row);
  }
  return out;
}

/** Stored u16 rows (`fixed_proportion_to_u16` per entry, bits < 2^37). */
export function toU16Rows(m: Csr): Array<Array<[number, number]>> {
  const out = new Array<Array<[number, number]>>(m.rows);
  for (let i = 0; i < m.rows; i++) {
    const k0 = m.ptr[i];
    const row = new Array<[number, number]>(m.ptr[i + 1] - k0); // sized up front: no regrowth
    for (let t = 0; t < row.length; t++) row[t] = [m.j[k0 + t], fixedProportionToU16Number(m.v[k0 + t])];
    out[i] = row;
  }
  return out;
}

/**
 * Numbers that order exactly as the given bigints do (equal values get equal numbers), across all the
 * vectors passed: the rank of each value among the distinct values. Lets the masks compare block numbers
 * (u64, possibly u64::MAX) as numbers.
 */
export function orderRanks(...vectors: ReadonlyArray<readonly bigint[]>): number[][] {
  const distinct = [...new Set(vectors.flat())].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(distinct.map((v, k) => [v, k]));
  return vectors.map((xs) => xs.map((x) => rank.get(x)!));
}

/**
 * `inplace_row_normalize_sparse` on raw u16 counts w (bits w·2^32), leaving bits. A row's bit sum is S·2^32
 * with S = Σw < 2^31 (caller's precondition, so the chain's sum cannot overflow), and
 * sdiv(w·2^32, S·2^32) = trunc(w·2^64 / (S·2^32)) = floor(w·2^32 / S), where w·2^32 ≤ 2^48 and S < 2^31
 * keep `Math.floor` exact (floorDivNumber's range). A row summing to 0 holds only zeros and stays zero.
 */
export function rowNormalizeU16(m: Csr): void {
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) s += m.v[k];
    if (s > 0) for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) m.v[k] = Math.floor((m.v[k] * ONE) / s);
  }
}

/** Yuma3's bond load on raw u16 counts: `fixed_to_fixed_u16_proportion(w·2^32)` = floor(w·2^32 / 65535). */
export function u16ToProportion(m: Csr): void {
  for (let k = 0; k < m.v.length; k++) m.v[k] = Math.floor((m.v[k] * ONE) / 65_535);
}

/**
 * The original Yuma's `inplace_col_normalize_sparse` right after loading, on raw u16 counts: a column's bit
 * sum is S·2^32 with S = Σw < 2^31 (caller's precondition), so an entry becomes floor(w·2^32 / S), exact
 * as in rowNormalizeU16. Columns ≥ `columns` and zero columns keep their bits w·2^32 (< 2^48).
 */
export function colNormalizeU16(m: Csr, columns: number): void {
  const colSum = new Float64Array(columns);
  for (let k = 0; k < m.j.length; k++) if (m.j[k] < columns) colSum[m.j[k]] += m.v[k];
  for (let k = 0; k < m.j.length; k++) {
    const s = m.j[k] < columns ? colSum[m.j[k]] : 0;
    m.v[k] = s > 0 ? Math.floor((m.v[k] * ONE) / s) : m.v[k] * ONE;
  }
}

/** A median sort key: score·2^16 + row (score ≤ 2^32, row < 2^16, so an exact integer < 2^49). */
const KEY = 65_536;
export const medianKey = (score: number, row: number) => score * KEY + row;
const keyScore = (key: number) => Math.floor(key / KEY);
const keyRow = (key: number) => key - Math.floor(key / KEY) * KEY;

/**
 * `weighted_median_col_sparse`: the κ-stake-weighted median of each column over the validators with
 * positive stake, and the `minority` threshold. The participating stakes are renormalized in BigInt, as
 * math.ts does, then read as numbers (bits ≤ 2^32, so with at most 2^16 rows every stake sum is exact).
 */
export function weightedMedianColNumber(
  stake: readonly bigint[],
  score: Csr,
  columns: number,
  majority: bigint,
): { median: number[]; minority: bigint } {
  const rows: number[] = [];
  const useStake: bigint[] = [];
  for (let i = 0; i < stake.length; i++)
    if (stake[i] > 0n) {
      rows.push(i);
      useStake.push(stake[i]);
    }
  inplaceNormalize(useStake);
  const minority = sat(sum(useStake) - majority);
  return { median: medianOfColumns(useStake.map(Number), rows, score, columns, Number(minority)), minority };
}

/**
 * The closed form of math.ts's weightedMedianColSparse over the participating `rows` with stakes
 * `useStake`, scores in [0, 2^32]: per column, the smallest score v with Σ_{score ≤ v} stake > minority,
 * else the largest score. Rows without an entry (or with an explicit 0) score 0; a later entry of a row
 * overwrites an earlier one. Per column, each (score, row) pair is packed into one double key.
 */
function medianOfColumns(
  useStake: readonly number[],
  rows: readonly number[],
  score: Csr,
  columns: number,
  minority: number,
): number[] {
  const median = new Array<number>(columns).fill(0);
  const p = rows.length;
  if (p === 0) return median;
  let stakeSum = 0;
  for (const s of useStake) stakeSum += s;

  // Column-major keys of the participating rows' entries.
  const start = new Int32Array(columns + 1);
  for (const i of rows)
    if (i < score.rows)
      for (let k = score.ptr[i]; k < score.ptr[i + 1]; k++) if (score.j[k] < columns) start[score.j[k] + 1]++;
  for (let c = 0; c < columns; c++) start[c + 1] += start[c];
  const fill = start.slice(0, columns);
  const keys = new Float64Array(start[columns]);
  for (let r = 0; r < p; r++) {
    const i = rows[r];
    if (i >= score.rows) continue;
    for (let k = score.ptr[i]; k < score.ptr[i + 1]; k++) {
      const c = score.j[k];
      if (c >= columns) continue;
      const last = fill[c] - 1;
      const at = last >= start[c] && keyRow(keys[last]) === r ? last : fill[c]++;
      keys[at] = medianKey(score.v[k], r);
    }
  }

  for (let c = 0; c < columns; c++) {
    // Move the positive scores to the front; every other row scores 0 and they form one leading run.
    let positive = start[c];
    let zeroStake = stakeSum;
    let max = 0;
    for (let t = start[c]; t < fill[c]; t++)
      if (keys[t] >= KEY) {
        zeroStake -= useStake[keyRow(keys[t])];
        max = Math.max(max, keyScore(keys[t]));
        keys[positive++] = keys[t];
      }
    const zeroRows = p - (positive - start[c]);
    if (zeroRows > 0 && zeroStake > minority) continue; // the median is 0
    const v = weightedSelect(keys, start[c], positive, useStake, zeroRows > 0 ? zeroStake : 0, minority);
    median[c] = v >= 0 ? v : max;
  }
  return median;
}

/**
 * The smallest score v among keys[lo, hi) with acc + Σ_{score ≤ v} stake > minority, or −1 if there is
 * none (acc: the stake of the rows scoring below all of them). Quickselect: a three-way partition around a
 * pivot score splits the range into <, = and > pivot; the answer lies in the lower part if that is not
 * empty and its stake already crosses the threshold, is the pivot if the equal part does, else lies above. Stakes
 * are summed exactly, and equal scores are decided together, as the chain's walk does at the end of a run.
 * Adversarial pivots cannot make it quadratic: after 2·log2(length) + 8 rounds the rest is sorted and walked.
 */
export function weightedSelect(
  keys: Float64Array,
  lo: number,
  hi: number,
  stake: readonly number[],
  acc: number,
  minority: number,
  rounds = 2 * Math.log2(hi - lo + 1) + 8,
): number {
  while (lo < hi) {
    if (--rounds < 0) return walkSorted(keys.subarray(lo, hi).sort(), stake, acc, minority);
    const pivot = keyScore(keys[(lo + hi) >>> 1]);
    let lt = lo; // [lo, lt) < pivot, [lt, i) = pivot, [gt, hi) > pivot
    let i = lo;
    let gt = hi;
    let below = 0;
    let equal = 0;
    while (i < gt) {
      const key = keys[i];
      const s = keyScore(key);
      if (s < pivot) {
        below += stake[keyRow(key)];
        keys[i++] = keys[lt];
        keys[lt++] = key;
      } else if (s > pivot) {
        keys[i] = keys[--gt];
        keys[gt] = key;
      } else {
        equal += stake[keyRow(key)];
        i++;
      }
    }
    if (lt > lo && acc + below > minority) hi = lt;
    else if (acc + below + equal > minority) return pivot;
    else {
      acc += below + equal;
      lo = gt;
    }
  }
  return -1;
}

/**
 * {@link weightedSelect} on sorted keys: the score of the first key where the running stake crosses the
 * threshold (every lower score's cumulative stake is at most the sum before that key, so it is minimal).
 */
function walkSorted(sorted: Float64Array, stake: readonly number[], acc: number, minority: number): number {
  for (const key of sorted) {
    acc += stake[keyRow(key)];
    if (acc > minority) return keyScore(key);
  }
  return -1;
}

/** `col_clip_sparse`: entries above their column's threshold are lowered to it, or dropped if it is 0. */
export function colClip(m: Csr, threshold: readonly number[]): Csr {
  const out = new CsrBuilder(m.rows, m.j.length);
  for (let i = 0; i < m.rows; i++) {
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) {
      const th = threshold[m.j[k]] ?? 0;
      if (th >= m.v[k]) out.push(m.j[k], m.v[k]);
      else if (th > 0) out.push(m.j[k], th);
    }
    out.endRow();
  }
  return out.finish();
}

/** `row_sum_sparse` (sums below 2^48 by the caller's bounds). */
export function rowSum(m: Csr): number[] {
  const out = new Array<number>(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) s += m.v[k];
    out[i] = s;
  }
  return out;
}

/** `matmul_sparse`: result_j = Σ_i vector_i · m_ij, vector and m in [0, 2^32]. */
export function matmul(m: Csr, vector: readonly number[], columns: number): number[] {
  const out = new Float64Array(columns);
  for (let i = 0; i < m.rows; i++) {
    const scale = vector[i] ?? 0;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++)
      if (m.j[k] < columns) out[m.j[k]] += mulI32F32Number(scale, m.v[k]);
  }
  return Array.from(out);
}

/** `matmul_transpose_sparse`: result_i = Σ_j vector_j · m_ij, vector and m in [0, 2^32]. */
export function matmulTranspose(m: Csr, vector: readonly number[]): number[] {
  const out = new Array<number>(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let acc = 0;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) acc += mulI32F32Number(vector[m.j[k]] ?? 0, m.v[k]);
    out[i] = acc;
  }
  return out;
}

/** `row_sum_sparse(mat_vec_mul_sparse(m, vector))`: the zero products it drops do not change the sums. */
export function matVecMulRowSum(m: Csr, vector: readonly number[]): number[] {
  const out = new Array<number>(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let acc = 0;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++)
      if (m.j[k] < vector.length) acc += mulI32F32Number(m.v[k], vector[m.j[k]]);
    out[i] = acc;
  }
  return out;
}

/** `row_hadamard_sparse`: m_ij · vector_i, both in [0, 2^32]. */
export function rowHadamard(m: Csr, vector: readonly number[]): Csr {
  const rows = Math.min(m.rows, vector.length);
  const ptr = m.ptr.slice(0, rows + 1);
  const nnz = ptr[rows];
  const v = new Float64Array(nnz);
  for (let i = 0; i < rows; i++)
    for (let k = ptr[i]; k < ptr[i + 1]; k++) v[k] = mulI32F32Number(m.v[k], vector[i]);
  return { rows, ptr, j: m.j.subarray(0, nnz), v };
}

/**
 * `inplace_col_normalize_sparse` on bits in [0, 2^32] whose column sums d stay below 2^51 (the caller
 * bounds them by 2^48): entry → floor(v·2^32 / d) = divI32F32Number(v, d), which for v ≤ d is ≤ 2^32.
 */
export function colNormalize(m: Csr, columns: number): void {
  const colSum = new Float64Array(columns);
  for (let k = 0; k < m.j.length; k++) if (m.j[k] < columns) colSum[m.j[k]] += m.v[k];
  for (let k = 0; k < m.j.length; k++) {
    const d = m.j[k] < columns ? colSum[m.j[k]] : 0;
    if (d !== 0) m.v[k] = divI32F32Number(m.v[k], d);
  }
}

/** `inplace_col_max_upscale_sparse` on bits in [0, 2^32]: entry → floor(v·2^32 / column max) ≤ 2^32. */
export function colMaxUpscale(m: Csr, columns: number): void {
  const colMax = new Float64Array(columns);
  for (let k = 0; k < m.j.length; k++) {
    const j = m.j[k];
    if (j < columns && colMax[j] < m.v[k]) colMax[j] = m.v[k];
  }
  for (let k = 0; k < m.j.length; k++) {
    const d = m.j[k] < columns ? colMax[m.j[k]] : 0;
    if (d !== 0) m.v[k] = divI32F32Number(m.v[k], d);
  }
}

/**
 * Per-row scratch for the operations that densify a row on chain (`interpolate_sparse`, `mat_ema_sparse`,
 * `mat_ema_alpha_sparse`). Dense cells are only touched at the row's own columns, and `seen` stamps which
 * cells belong to the current row, so a row costs O(its entries) instead of O(columns).
 */
export class RowScratch {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly seen: Int32Array;
  /** Output of {@link unionColumns}. */
  readonly cols: Int32Array;
  #stamp = 0;
  constructor(readonly columns: number) {
    this.a = new Float64Array(columns);
    this.b = new Float64Array(columns);
    this.seen = new Int32Array(columns);
    this.cols = new Int32Array(columns);
  }
  /** A fresh stamp (cells whose `seen` differs are not the current row's). */
  nextStamp(): number {
    return ++this.#stamp;
  }
}

const EMPTY_ROW: Csr = { rows: 0, ptr: new Int32Array(1), j: new Int32Array(0), v: new Float64Array(0) };

function rowIsStrictlyAscending(m: Csr, i: number): boolean {
  for (let k = m.ptr[i] + 1; k < m.ptr[i + 1]; k++) if (m.j[k] <= m.j[k - 1]) return false;
  return true;
}

/**
 * The distinct columns < `scratch.columns` of row i of `a` and (optionally) of `b`, ascending, written to
 * `scratch.cols`; returns how many. This is the order in which the chain reads a dense row back. Sorted
 * rows are merged; otherwise the columns are collected (deduplicated with a fresh stamp) and sorted.
 */
export function unionColumns(a: Csr, b: Csr | null, i: number, scratch: RowScratch): number {
  const { cols, columns } = scratch;
  const a0 = a.ptr[i];
  const a1 = a.ptr[i + 1];
  const other = b !== null && i < b.rows ? b : EMPTY_ROW;
  const b0 = other === EMPTY_ROW ? 0 : other.ptr[i];
  const b1 = other === EMPTY_ROW ? 0 : other.ptr[i + 1];
  let count = 0;
  if (rowIsStrictlyAscending(a, i) && (b0 === b1 || rowIsStrictlyAscending(other, i))) {
    let x = a0;
    let y = b0;
    while (x < a1 || y < b1) {
      const j = y >= b1 || (x < a1 && a.j[x] < other.j[y]) ? a.j[x++] : other.j[y++];
      if (j >= columns) break; // both rows are sorted: every later column is out of range too
      if (count === 0 || cols[count - 1] !== j) cols[count++] = j;
    }
    return count;
  }
  const stamp = scratch.nextStamp();
  const collect = (m: Csr, k0: number, k1: number) => {
    for (let k = k0; k < k1; k++) {
      const j = m.j[k];
      if (j < columns && scratch.seen[j] !== stamp) {
        scratch.seen[j] = stamp;
        cols[count++] = j;
      }
    }
  };
  collect(a, a0, a1);
  collect(other, b0, b1);
  cols.subarray(0, count).sort();
  return count;
}

/**
 * `interpolate_sparse`: A + ratio·(B − A), ratio ∈ (0, 1) as bits, A and B in [0, 2^32]. Only columns
 * present in either row can be positive (elsewhere both dense cells are 0), so only those are computed,
 * ascending; a later duplicate entry overwrites, as in the dense row. The product of ratio and a negative
 * difference floors toward −∞ (mulI32F32Number), and the result lies in [min(a, b), max(a, b)].
 */
export function interpolate(a: Csr, b: Csr, columns: number, ratio: number): Csr {
  if (ratio === 0) return copyCsr(a);
  if (ratio === ONE || a.rows !== b.rows) return copyCsr(b);
  const scratch = new RowScratch(columns);
  const { a: row1, b: row2, cols } = scratch;
  const out = new CsrBuilder(a.rows, Math.max(a.j.length, b.j.length));
  for (let i = 0; i < a.rows; i++) {
    const count = unionColumns(a, b, i, scratch);
    for (let t = 0; t < count; t++) row1[cols[t]] = row2[cols[t]] = 0;
    for (let k = a.ptr[i]; k < a.ptr[i + 1]; k++) if (a.j[k] < columns) row1[a.j[k]] = a.v[k];
    for (let k = b.ptr[i]; k < b.ptr[i + 1]; k++) if (b.j[k] < columns) row2[b.j[k]] = b.v[k];
    for (let t = 0; t < count; t++) {
      const j = cols[t];
      const v = row1[j] + mulI32F32Number(ratio, row2[j] - row1[j]);
      if (v > 0) out.push(j, v);
    }
    out.endRow();
  }
  return out.finish();
}

/**
 * `mat_ema_sparse`: per row Σ α·new + Σ (1−α)·old per column, positive cells in ascending column order.
 * α ∈ [0, 2^32], entries at columns < rows in [0, 2^32] (caller's precondition). Cells outside the two
 * rows' columns stay 0 and are never emitted, so only the union of their columns is visited.
 */
export function matEma(newM: Csr, oldM: Csr, alpha: number): Csr {
  const n = newM.rows;
  const oneMinusAlpha = ONE - alpha;
  const scratch = new RowScratch(n);
  const { a: acc, cols } = scratch;
  const out = new CsrBuilder(n, Math.max(newM.j.length, oldM.j.length));
  for (let i = 0; i < n; i++) {
    const count = unionColumns(newM, oldM, i, scratch);
    for (let t = 0; t < count; t++) acc[cols[t]] = 0;
    for (let k = newM.ptr[i]; k < newM.ptr[i + 1]; k++)
      if (newM.j[k] < n) acc[newM.j[k]] += mulI32F32Number(alpha, newM.v[k]);
    if (i < oldM.rows)
      for (let k = oldM.ptr[i]; k < oldM.ptr[i + 1]; k++)
        if (oldM.j[k] < n) acc[oldM.j[k]] += mulI32F32Number(oneMinusAlpha, oldM.v[k]);
    for (let t = 0; t < count; t++) if (acc[cols[t]] > 0) out.push(cols[t], acc[cols[t]]);
    out.endRow();
  }
  return out.finish();
}
