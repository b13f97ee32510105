// math.ts's sparse operations on I32F32 bits held in plain JS numbers, for the epoch's number path.
// Same results bit for bit as long as every value is a safe integer; each function states its ranges.

import { divI32F32Number, fixedProportionToU16Number, mulI32F32Number } from "@opentao/primitives";
import type { SparseRow, SparseU16Row } from "./types.ts";

/*
 * Why these are exact: every value below is an integer of magnitude < 2^53, so comparisons, + and − are
 * exact whenever the result stays below 2^53; products and quotients go through the proven helpers of
 * @opentao/primitives (mulI32F32Number, divI32F32Number). The chain's saturating operations clamp at
 * ±2^63, which no value here comes near (yumaNumber.ts bounds every sum by 2^48), so `sat` is the
 * identity and is left out. Entry order, explicit zeros, duplicate columns and out-of-range columns are
 * treated exactly as math.ts treats them.
 */

/** A sparse row of I32F32 raw bits (or raw u16 counts, where a function says so) as safe integers. */
export interface NumRow {
  j: number[];
  v: number[];
}

export const ONE = 2 ** 32;

export function emptyNumRows(n: number): NumRow[] {
  return Array.from({ length: n }, () => ({ j: [], v: [] }));
}

function cloneNumRows(m: readonly NumRow[]): NumRow[] {
  return m.map((row) => ({ j: row.j.slice(), v: row.v.slice() }));
}

/** Rows of bits back to BigInt rows (for the trace). */
export function toBigIntRows(m: readonly NumRow[]): SparseRow[] {
  return m.map((row) => ({ j: row.j.slice(), v: row.v.map(BigInt) }));
}

export function toNumbers(x: readonly bigint[]): number[] {
  return x.map(Number);
}

/** Stored u16 rows as raw u16 counts (not shifted), keeping rows < n, stored order and explicit zeros. */
export function loadSparseU16(
  rows: readonly SparseU16Row[],
  n: number,
  dropColsAtOrAboveN: boolean,
): NumRow[] {
  const out = emptyNumRows(n);
  for (let i = 0; i < n && i < rows.length; i++) {
    const row = rows[i] ?? [];
    const o = out[i];
    for (let k = 0; k < row.length; k++) {
      const [j, w] = row[k];
      if (dropColsAtOrAboveN && j >= n) continue;
      o.j.push(j);
      o.v.push(w);
    }
  }
  return out;
}

/** Keep the entries (i, j) for which `keep(i, j)` holds, in order (all of math.ts's masks are this). */
export function filterNumRows(m: readonly NumRow[], keep: (i: number, j: number) => boolean): NumRow[] {
  return m.map((row, i) => {
    const out: NumRow = { j: [], v: [] };
    for (let k = 0; k < row.j.length; k++)
      if (keep(i, row.j[k])) {
        out.j.push(row.j[k]);
        out.v.push(row.v[k]);
      }
    return out;
  });
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
 * `inplace_row_normalize_sparse` on rows of raw u16 counts w (bits w·2^32), returning bits. A row's bit sum
 * is S·2^32 with S = Σw < 2^31 (caller's precondition, so the chain's sum does not overflow), and
 * sdiv(w·2^32, S·2^32) = trunc(w·2^64 / (S·2^32)) = floor(w·2^32 / S): w·2^32 < 2^48 and S < 2^31, so
 * `Math.floor` is exact (floorDivNumber's range). Rows summing to 0 hold only zeros and stay zero.
 */
export function rowNormalizeU16(m: NumRow[]): void {
  for (const row of m) {
    let s = 0;
    for (const w of row.v) s += w;
    for (let k = 0; k < row.v.length; k++) row.v[k] = s > 0 ? Math.floor((row.v[k] * ONE) / s) : 0;
  }
}

/** Yuma3's bond load: `fixed_to_fixed_u16_proportion(w·2^32)` = floor(w·2^32 / 65535), w·2^32 < 2^48. */
export function u16ToProportionRows(m: NumRow[]): void {
  for (const row of m)
    for (let k = 0; k < row.v.length; k++) row.v[k] = Math.floor((row.v[k] * ONE) / 65_535);
}

/**
 * The original Yuma's `inplace_col_normalize_sparse` right after loading, on raw u16 counts: a column's
 * bit sum is S·2^32 with S = Σw < 2^31 (caller's precondition), so an entry becomes
 * sdiv(w·2^32, S·2^32) = floor(w·2^32 / S) (exact, as in rowNormalizeU16). Columns ≥ `columns` and zero
 * columns keep their bits w·2^32 (< 2^48).
 */
export function colNormalizeU16(m: NumRow[], columns: number): void {
  const colSum = new Float64Array(columns);
  for (const row of m)
    for (let k = 0; k < row.j.length; k++) if (row.j[k] < columns) colSum[row.j[k]] += row.v[k];
  for (const row of m)
    for (let k = 0; k < row.j.length; k++) {
      const j = row.j[k];
      const s = j < columns ? colSum[j] : 0;
      row.v[k] = s > 0 ? Math.floor((row.v[k] * ONE) / s) : row.v[k] * ONE;
    }
}

/** A median sort key: score·2^16 + row (score ≤ 2^32, row < 2^16, so the key is an exact integer < 2^49). */
const KEY = 65_536;
const keyScore = (key: number) => Math.floor(key / KEY);
const keyRow = (key: number) => key - Math.floor(key / KEY) * KEY;

/**
 * `weighted_median_col_sparse` (see math.ts for the closed form). Scores are bits in [0, 2^32], stakes
 * the renormalized participating stakes (bits ≤ 2^32, p ≤ 2^16 of them), so every stake sum is exact.
 *
 * Per column, the (score, row) pairs are packed into one double, score·2^16 + row (< 2^49, exact), and
 * sorted natively; ties in score need no order, since the walk only decides at the end of a run of equal
 * scores. Rows without an entry (or with an explicit 0) form the leading run of zeros.
 */
export function weightedMedianColNumber(
  useStake: readonly number[],
  rows: readonly number[],
  score: readonly NumRow[],
  columns: number,
  minority: number,
): number[] {
  const median = new Array<number>(columns).fill(0);
  const p = rows.length;
  if (p === 0) return median;
  let stakeSum = 0;
  for (const s of useStake) stakeSum += s;

  // Column-major scores of participating rows; a later entry in a row overwrites an earlier one.
  const count = new Int32Array(columns + 1);
  for (const i of rows) for (const j of score[i]?.j ?? []) if (j < columns) count[j + 1]++;
  for (let c = 0; c < columns; c++) count[c + 1] += count[c];
  const start = count.slice(0, columns);
  const fill = count.slice(0, columns);
  const keys = new Float64Array(count[columns]);
  for (let k = 0; k < p; k++) {
    const row = score[rows[k]];
    if (!row) continue;
    for (let t = 0; t < row.j.length; t++) {
      const c = row.j[t];
      if (c >= columns) continue;
      const last = fill[c] - 1;
      const at = last >= start[c] && keyRow(keys[last]) === k ? last : fill[c]++;
      keys[at] = row.v[t] * KEY + k;
    }
  }

  for (let c = 0; c < columns; c++) {
    const col = keys.subarray(start[c], fill[c]).sort();
    // Rows scoring 0 here (absent or an explicit zero) sort first and form one run.
    let first = 0;
    let zeroStake = stakeSum;
    for (let t = 0; t < col.length; t++) {
      if (col[t] < KEY) first = t + 1;
      else zeroStake -= useStake[keyRow(col[t])];
    }
    const zeroRows = p - (col.length - first);
    if (zeroRows > 0 && zeroStake > minority) continue; // the median is 0
    let acc = zeroRows > 0 ? zeroStake : 0;
    let result = col.length > first ? keyScore(col[col.length - 1]) : 0;
    for (let t = first; t < col.length; t++) {
      const v = keyScore(col[t]);
      acc += useStake[keyRow(col[t])];
      // Decide only at the end of a run of equal scores: the condition is on Σ_{w ≤ v}.
      if (t + 1 < col.length && keyScore(col[t + 1]) === v) continue;
      if (acc > minority) {
        result = v;
        break;
      }
    }
    median[c] = result;
  }
  return median;
}

/** `col_clip_sparse`. */
export function colClipNumber(m: readonly NumRow[], threshold: readonly number[]): NumRow[] {
  return m.map((row) => {
    const out: NumRow = { j: [], v: [] };
    for (let k = 0; k < row.j.length; k++) {
      const j = row.j[k];
      const th = threshold[j] ?? 0;
      const val = row.v[k];
      if (th < val) {
        if (th > 0) {
          out.j.push(j);
          out.v.push(th);
        }
      } else {
        out.j.push(j);
        out.v.push(val);
      }
    }
    return out;
  });
}

/** `row_sum_sparse` (sums below 2^48 by the caller's bounds). */
export function rowSumNumber(m: readonly NumRow[]): number[] {
  return m.map((row) => {
    let s = 0;
    for (const v of row.v) s += v;
    return s;
  });
}

/** `matmul_sparse`: result_j = Σ_i vector_i · m_ij, vector and m in [0, 2^32]. */
export function matmulNumber(m: readonly NumRow[], vector: readonly number[], columns: number): number[] {
  const out = new Float64Array(columns);
  for (let i = 0; i < m.length; i++) {
    const scale = vector[i] ?? 0;
    const row = m[i];
    for (let k = 0; k < row.j.length; k++) {
      const j = row.j[k];
      if (j < columns) out[j] += mulI32F32Number(scale, row.v[k]);
    }
  }
  return Array.from(out);
}

/** `matmul_transpose_sparse`: result_i = Σ_j vector_j · m_ij, vector and m in [0, 2^32]. */
export function matmulTransposeNumber(m: readonly NumRow[], vector: readonly number[]): number[] {
  return m.map((row) => {
    let acc = 0;
    for (let k = 0; k < row.j.length; k++) acc += mulI32F32Number(vector[row.j[k]] ?? 0, row.v[k]);
    return acc;
  });
}

/** `row_sum_sparse(mat_vec_mul_sparse(m, vector))`: dropped zero products do not change the sums. */
export function matVecMulRowSumNumber(m: readonly NumRow[], vector: readonly number[]): number[] {
  return m.map((row) => {
    let acc = 0;
    for (let k = 0; k < row.j.length; k++) {
      const vj = vector[row.j[k]];
      if (vj !== undefined) acc += mulI32F32Number(row.v[k], vj);
    }
    return acc;
  });
}

/** `row_hadamard_sparse`: m_ij · vector_i, both in [0, 2^32]. */
export function rowHadamardNumber(m: readonly NumRow[], vector: readonly number[]): NumRow[] {
  const out: NumRow[] = [];
  for (let i = 0; i < m.length && i < vector.length; i++) {
    const scale = vector[i];
    out.push({ j: m[i].j.slice(), v: m[i].v.map((x) => mulI32F32Number(x, scale)) });
  }
  return out;
}

/**
 * `inplace_col_normalize_sparse` on bits in [0, 2^32] whose column sums d stay below 2^51 (the caller
 * bounds them by 2^48): entry → floor(v·2^32 / d) = divI32F32Number(v, d), which for v ≤ d is ≤ 2^32.
 */
export function colNormalizeNumber(m: NumRow[], columns: number): void {
  const colSum = new Float64Array(columns);
  for (const row of m)
    for (let k = 0; k < row.j.length; k++) if (row.j[k] < columns) colSum[row.j[k]] += row.v[k];
  for (const row of m)
    for (let k = 0; k < row.j.length; k++) {
      const d = row.j[k] < columns ? colSum[row.j[k]] : 0;
      if (d !== 0) row.v[k] = divI32F32Number(row.v[k], d);
    }
}

/** `inplace_col_max_upscale_sparse` on bits in [0, 2^32]: entry → floor(v·2^32 / max_col) ≤ 2^32. */
export function colMaxUpscaleNumber(m: NumRow[], columns: number): void {
  const colMax = new Float64Array(columns);
  for (const row of m)
    for (let k = 0; k < row.j.length; k++) {
      const j = row.j[k];
      if (j < columns && colMax[j] < row.v[k]) colMax[j] = row.v[k];
    }
  for (const row of m)
    for (let k = 0; k < row.j.length; k++) {
      const d = row.j[k] < columns ? colMax[row.j[k]] : 0;
      if (d !== 0) row.v[k] = divI32F32Number(row.v[k], d);
    }
}

/**
 * Per-row scratch for the operations that densify a row on chain (`interpolate_sparse`, `mat_ema_sparse`,
 * `mat_ema_alpha_sparse`): dense cells are only ever touched at the row's own columns, and `seen` stamps
 * which cells belong to the current row, so a row costs O(its entries) instead of O(n).
 */
export class RowScratch {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly seen: Int32Array;
  #stamp = 0;
  constructor(columns: number) {
    this.a = new Float64Array(columns);
    this.b = new Float64Array(columns);
    this.seen = new Int32Array(columns);
  }
  /** A fresh stamp for the next row (cells whose `seen` differs read as empty). */
  nextRow(): number {
    return ++this.#stamp;
  }
}

function isStrictlyAscending(js: readonly number[]): boolean {
  for (let k = 1; k < js.length; k++) if (js[k] <= js[k - 1]) return false;
  return true;
}

/**
 * The distinct columns < `columns` of two rows, ascending: the order in which the chain's dense row is
 * read back. Two sorted rows are merged; otherwise the columns are collected (deduplicated with the
 * scratch stamp, which this call consumes) and sorted.
 */
export function unionColumns(
  ja: readonly number[],
  jb: readonly number[],
  columns: number,
  scratch: RowScratch,
): number[] {
  const out: number[] = [];
  if (isStrictlyAscending(ja) && isStrictlyAscending(jb)) {
    let x = 0;
    let y = 0;
    while (x < ja.length || y < jb.length) {
      const j = y >= jb.length || (x < ja.length && ja[x] < jb[y]) ? ja[x++] : jb[y++];
      if (j >= columns) break; // both rows are sorted: every later column is out of range too
      if (out.length === 0 || out[out.length - 1] !== j) out.push(j);
    }
    return out;
  }
  const stamp = scratch.nextRow();
  for (const js of [ja, jb])
    for (const j of js)
      if (j < columns && scratch.seen[j] !== stamp) {
        scratch.seen[j] = stamp;
        out.push(j);
      }
  return out.sort((p, q) => p - q);
}

/**
 * `interpolate_sparse`: A + ratio·(B − A), ratio ∈ (0, 1) as bits, A and B in [0, 2^32]. Only columns
 * present in either row can be positive (elsewhere both cells are 0), so those are the only ones computed,
 * ascending; a later duplicate entry overwrites, as in the dense row. The product of ratio and a negative
 * difference floors toward −∞ (mulI32F32Number), and the result lies in [min(a, b), max(a, b)].
 */
export function interpolateNumber(
  a: readonly NumRow[],
  b: readonly NumRow[],
  columns: number,
  ratio: number,
): NumRow[] {
  if (ratio === 0) return cloneNumRows(a);
  if (ratio === ONE) return cloneNumRows(b);
  if (a.length !== b.length) return cloneNumRows(b);
  const scratch = new RowScratch(columns);
  return a.map((ra, i) => {
    const rb = b[i];
    const cols = unionColumns(ra.j, rb.j, columns, scratch);
    const { a: row1, b: row2 } = scratch;
    for (const j of cols) row1[j] = row2[j] = 0;
    for (let k = 0; k < ra.j.length; k++) if (ra.j[k] < columns) row1[ra.j[k]] = ra.v[k];
    for (let k = 0; k < rb.j.length; k++) if (rb.j[k] < columns) row2[rb.j[k]] = rb.v[k];
    const out: NumRow = { j: [], v: [] };
    for (const j of cols) {
      const v = row1[j] + mulI32F32Number(ratio, row2[j] - row1[j]);
      if (v > 0) {
        out.j.push(j);
        out.v.push(v);
      }
    }
    return out;
  });
}

/**
 * `mat_ema_sparse`: per row Σ α·new + Σ (1−α)·old per column, positive cells in ascending column order.
 * α ∈ [0, 2^32] and entries < `n` in [0, 2^32] (caller's precondition); cells outside the two rows'
 * columns stay 0 and are never emitted, so only the union of their columns is visited.
 */
export function matEmaNumber(newM: readonly NumRow[], oldM: readonly NumRow[], alpha: number): NumRow[] {
  const n = newM.length;
  const oneMinusAlpha = ONE - alpha;
  const scratch = new RowScratch(n);
  const acc = scratch.a;
  return newM.map((nr, i) => {
    const orow = oldM[i] ?? { j: [], v: [] };
    const cols = unionColumns(nr.j, orow.j, n, scratch);
    for (const j of cols) acc[j] = 0;
    for (let k = 0; k < nr.j.length; k++) if (nr.j[k] < n) acc[nr.j[k]] += mulI32F32Number(alpha, nr.v[k]);
    for (let k = 0; k < orow.j.length; k++)
      if (orow.j[k] < n) acc[orow.j[k]] += mulI32F32Number(oneMinusAlpha, orow.v[k]);
    const out: NumRow = { j: [], v: [] };
    for (const j of cols)
      if (acc[j] > 0) {
        out.j.push(j);
        out.v.push(acc[j]);
      }
    return out;
  });
}

/** Rows of bits to stored u16 rows (`fixed_proportion_to_u16`, bits < 2^37). */
export function toU16RowsNumber(m: readonly NumRow[]): Array<Array<[number, number]>> {
  return m.map((row) => row.j.map((j, k) => [j, fixedProportionToU16Number(row.v[k])] as [number, number]));
}
