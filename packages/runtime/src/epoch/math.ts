// Sparse I32F32 vector and matrix operations of subtensor's epoch/math.rs, on raw BigInt bits.
// Each function keeps the chain's entry order, zero-entry handling and rounding; the epoch relies on all three.

import type { SparseRow } from "./types.ts";

const FRAC = 32n;
const I32F32_MIN = -(1n << 63n);
const I32F32_MAX = (1n << 63n) - 1n;
export const ONE = 1n << FRAC;

export function sat(x: bigint): bigint {
  return x < I32F32_MIN ? I32F32_MIN : x > I32F32_MAX ? I32F32_MAX : x;
}

/** `saturating_mul`: floored product, clamped. */
export function smul(a: bigint, b: bigint): bigint {
  return sat((a * b) >> FRAC);
}

/** `safe_div`: truncated quotient; 0 on a zero divisor or overflow. */
export function sdiv(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n;
  const q = (a << FRAC) / b;
  return q < I32F32_MIN || q > I32F32_MAX ? 0n : q;
}

export function sum(x: readonly bigint[]): bigint {
  let s = 0n;
  for (const v of x) s += v;
  return s;
}

export function emptyRows(n: number): SparseRow[] {
  return Array.from({ length: n }, () => ({ j: [], v: [] }));
}

/** `inplace_normalize`: divide by the plain sum unless it is zero. */
export function inplaceNormalize(x: bigint[]): void {
  const s = sum(x);
  if (s === 0n) return;
  for (let i = 0; i < x.length; i++) x[i] = sdiv(x[i], s);
}

/** `inplace_normalize_using_sum`. */
export function inplaceNormalizeUsingSum(x: bigint[], s: bigint): void {
  if (s === 0n) return;
  for (let i = 0; i < x.length; i++) x[i] = sdiv(x[i], s);
}

/** `is_topk_nonzero`: non-zero entries among the k largest; ties go to the higher index (stable sort). */
export function isTopkNonzero(x: readonly bigint[], k: number): boolean[] {
  const n = x.length;
  const out = x.map((v) => v !== 0n);
  if (n < k) return out;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => (x[a] < x[b] ? -1 : x[a] > x[b] ? 1 : a - b));
  for (let t = 0; t < n - k; t++) out[idx[t]] = false;
  return out;
}

/** Rows of `mask`ed (or out-of-range) indices become empty: `mask_rows_sparse`. */
export function maskRowsSparse(mask: readonly boolean[], m: readonly SparseRow[]): SparseRow[] {
  return m.map((row, i) => ((mask[i] ?? true) ? { j: [], v: [] } : { j: row.j.slice(), v: row.v.slice() }));
}

/** Drop the diagonal, except entry (keep, keep) when `keep` is given: `mask_diag_sparse[_except_index]`. */
export function maskDiagSparse(m: readonly SparseRow[], keep: number | null): SparseRow[] {
  return m.map((row, i) => filterRow(row, (j) => j !== i || i === keep));
}

/** Drop (i, j) where `maskFn(first[i], second[j])`: `vec_mask_sparse_matrix` (missing entries read 0). */
export function vecMaskSparseMatrix(
  m: readonly SparseRow[],
  first: readonly bigint[],
  second: readonly bigint[],
  maskFn: (a: bigint, b: bigint) => boolean,
): SparseRow[] {
  return m.map((row, i) => {
    const fv = first[i] ?? 0n;
    return filterRow(row, (j) => !maskFn(fv, second[j] ?? 0n));
  });
}

/** Drop (i, j) where `maskFn(scalar, vector[j])`: `scalar_vec_mask_sparse_matrix`. */
export function scalarVecMaskSparseMatrix(
  m: readonly SparseRow[],
  scalar: bigint,
  vector: readonly bigint[],
  maskFn: (a: bigint, b: bigint) => boolean,
): SparseRow[] {
  const dropCol = vector.map((vj) => maskFn(scalar, vj));
  const zeroDrop = maskFn(scalar, 0n);
  return m.map((row) => filterRow(row, (j) => !(dropCol[j] ?? zeroDrop)));
}

function filterRow(row: SparseRow, keep: (j: number) => boolean): SparseRow {
  const out: SparseRow = { j: [], v: [] };
  for (let k = 0; k < row.j.length; k++) {
    if (keep(row.j[k])) {
      out.j.push(row.j[k]);
      out.v.push(row.v[k]);
    }
  }
  return out;
}

/** `inplace_row_normalize_sparse`: rows with a positive sum are divided by it. */
export function inplaceRowNormalizeSparse(m: SparseRow[]): void {
  for (const row of m) {
    const s = sum(row.v);
    if (s > 0n) for (let k = 0; k < row.v.length; k++) row.v[k] = sdiv(row.v[k], s);
  }
}

/** `row_sum_sparse`. */
export function rowSumSparse(m: readonly SparseRow[]): bigint[] {
  return m.map((row) => sum(row.v));
}

/** `inplace_col_normalize_sparse`: column sums with saturating adds; zero-sum columns untouched. */
export function inplaceColNormalizeSparse(m: SparseRow[], columns: number): void {
  const colSum = new Array<bigint>(columns).fill(0n);
  for (const row of m)
    for (let k = 0; k < row.j.length; k++) {
      const j = row.j[k];
      if (j < columns) colSum[j] = sat(colSum[j] + row.v[k]);
    }
  for (const row of m)
    for (let k = 0; k < row.j.length; k++) {
      const d = colSum[row.j[k]] ?? 0n;
      if (d !== 0n) row.v[k] = sdiv(row.v[k], d);
    }
}

/** `inplace_col_max_upscale_sparse`: divide each entry by its column maximum when non-zero. */
export function inplaceColMaxUpscaleSparse(m: SparseRow[], columns: number): void {
  const colMax = new Array<bigint>(columns).fill(0n);
  for (const row of m)
    for (let k = 0; k < row.j.length; k++) {
      const j = row.j[k];
      if (j < columns && colMax[j] < row.v[k]) colMax[j] = row.v[k];
    }
  for (const row of m)
    for (let k = 0; k < row.j.length; k++) {
      const d = colMax[row.j[k]] ?? 0n;
      if (d !== 0n) row.v[k] = sdiv(row.v[k], d);
    }
}

/**
 * `weighted_median_col_sparse`: per column, the κ-stake-weighted median over validators with positive
 * stake. Returns the consensus vector and the `minority` threshold (for the trace).
 *
 * The chain's partition search returns exactly the closed form below (all sums are exact), which we
 * compute by sorting each column's contributed values: the smallest v with Σ_{w ≤ v} s > minority.
 */
export function weightedMedianColSparse(
  stake: readonly bigint[],
  score: readonly SparseRow[],
  columns: number,
  majority: bigint,
): { median: bigint[]; minority: bigint } {
  const rows: number[] = [];
  const useStake: bigint[] = [];
  for (let i = 0; i < stake.length; i++)
    if (stake[i] > 0n) {
      rows.push(i);
      useStake.push(stake[i]);
    }
  inplaceNormalize(useStake);
  const stakeSum = sum(useStake);
  const minority = sat(stakeSum - majority);
  const median = new Array<bigint>(columns).fill(0n);
  const p = rows.length;
  if (p === 0) return { median, minority };

  // Column-major scores of participating rows (0 where a row has no entry; a later entry overwrites).
  const colScores: bigint[][] = Array.from({ length: columns }, () => new Array<bigint>(p).fill(0n));
  for (let k = 0; k < p; k++) {
    const row = score[rows[k]];
    if (!row) continue;
    for (let t = 0; t < row.j.length; t++) {
      const c = row.j[t];
      if (c < columns) colScores[c][k] = row.v[t];
    }
  }
  const order = Array.from({ length: p }, (_, k) => k);
  for (let c = 0; c < columns; c++) {
    const vals = colScores[c];
    order.sort((a, b) => (vals[a] < vals[b] ? -1 : vals[a] > vals[b] ? 1 : 0));
    let acc = 0n;
    let result = vals[order[p - 1]];
    for (let t = 0; t < p; t++) {
      const v = vals[order[t]];
      acc += useStake[order[t]];
      // Only decide at the end of a run of equal values: the condition is on Σ_{w ≤ v}.
      if (t + 1 < p && vals[order[t + 1]] === v) continue;
      if (acc > minority) {
        result = v;
        break;
      }
    }
    median[c] = result;
  }
  return { median, minority };
}

/** `col_clip_sparse`: entries above their column's consensus are lowered to it, or dropped if it is 0. */
export function colClipSparse(m: readonly SparseRow[], threshold: readonly bigint[]): SparseRow[] {
  return m.map((row) => {
    const out: SparseRow = { j: [], v: [] };
    for (let k = 0; k < row.j.length; k++) {
      const j = row.j[k];
      const th = threshold[j] ?? 0n;
      const val = row.v[k];
      if (th < val) {
        if (th > 0n) {
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

/** `matmul_sparse`: result_j = Σ_i vector_i · m_ij (floored products, saturating sums). */
export function matmulSparse(m: readonly SparseRow[], vector: readonly bigint[], columns: number): bigint[] {
  const out = new Array<bigint>(columns).fill(0n);
  for (let i = 0; i < m.length; i++) {
    const scale = vector[i] ?? 0n;
    const row = m[i];
    for (let k = 0; k < row.j.length; k++) {
      const j = row.j[k];
      if (j < columns) out[j] = sat(out[j] + smul(scale, row.v[k]));
    }
  }
  return out;
}

/** `matmul_transpose_sparse`: result_i = Σ_j vector_j · m_ij. */
export function matmulTransposeSparse(m: readonly SparseRow[], vector: readonly bigint[]): bigint[] {
  return m.map((row) => {
    let acc = 0n;
    for (let k = 0; k < row.j.length; k++) acc = sat(acc + smul(vector[row.j[k]] ?? 0n, row.v[k]));
    return acc;
  });
}

/** `mat_vec_mul_sparse`: m_ij · vector_j, dropping zero products. */
export function matVecMulSparse(m: readonly SparseRow[], vector: readonly bigint[]): SparseRow[] {
  return m.map((row) => {
    const out: SparseRow = { j: [], v: [] };
    for (let k = 0; k < row.j.length; k++) {
      const vj = vector[row.j[k]];
      if (vj === undefined) continue;
      const p = smul(row.v[k], vj);
      if (p !== 0n) {
        out.j.push(row.j[k]);
        out.v.push(p);
      }
    }
    return out;
  });
}

/** `row_hadamard_sparse`: m_ij · vector_i. */
export function rowHadamardSparse(m: readonly SparseRow[], vector: readonly bigint[]): SparseRow[] {
  const out: SparseRow[] = [];
  for (let i = 0; i < m.length && i < vector.length; i++) {
    const scale = vector[i];
    out.push({ j: m[i].j.slice(), v: m[i].v.map((x) => smul(x, scale)) });
  }
  return out;
}

function cloneRows(m: readonly SparseRow[]): SparseRow[] {
  return m.map((row) => ({ j: row.j.slice(), v: row.v.slice() }));
}

/**
 * `interpolate_sparse`: A + ratio·(B − A). Ratio 0 and 1 return A or B unchanged (zeros kept); otherwise
 * rows are densified and only positive results kept, in ascending column order.
 */
export function interpolateSparse(
  a: readonly SparseRow[],
  b: readonly SparseRow[],
  columns: number,
  ratio: bigint,
): SparseRow[] {
  if (ratio === 0n) return cloneRows(a);
  if (ratio === ONE) return cloneRows(b);
  if (a.length !== b.length) return cloneRows(b);
  const row1 = new Array<bigint>(columns);
  const row2 = new Array<bigint>(columns);
  return a.map((ra, i) => {
    row1.fill(0n);
    row2.fill(0n);
    for (let k = 0; k < ra.j.length; k++) if (ra.j[k] < columns) row1[ra.j[k]] = ra.v[k];
    const rb = b[i];
    for (let k = 0; k < rb.j.length; k++) if (rb.j[k] < columns) row2[rb.j[k]] = rb.v[k];
    const out: SparseRow = { j: [], v: [] };
    for (let j = 0; j < columns; j++) {
      const v = sat(row1[j] + smul(ratio, sat(row2[j] - row1[j])));
      if (v > 0n) {
        out.j.push(j);
        out.v.push(v);
      }
    }
    return out;
  });
}

/**
 * `mat_ema_sparse`: per row, a dense accumulator of α·new then (1−α)·old (floored, saturating);
 * positive entries kept in ascending column order. The matrix is square: rows = columns = new.length.
 */
export function matEmaSparse(
  newM: readonly SparseRow[],
  oldM: readonly SparseRow[],
  alpha: bigint,
): SparseRow[] {
  const n = newM.length;
  const oneMinusAlpha = sat(ONE - alpha);
  const acc = new Array<bigint>(n);
  return newM.map((nr, i) => {
    acc.fill(0n);
    for (let k = 0; k < nr.j.length; k++) {
      const j = nr.j[k];
      if (j < n) acc[j] = sat(acc[j] + smul(alpha, nr.v[k]));
    }
    const orow = oldM[i];
    if (orow)
      for (let k = 0; k < orow.j.length; k++) {
        const j = orow.j[k];
        if (j < n) acc[j] = sat(acc[j] + smul(oneMinusAlpha, orow.v[k]));
      }
    const out: SparseRow = { j: [], v: [] };
    for (let j = 0; j < n; j++)
      if (acc[j] > 0n) {
        out.j.push(j);
        out.v.push(acc[j]);
      }
    return out;
  });
}

/**
 * `mat_ema_alpha_sparse`: per-entry alphas. Old bonds are decayed into a dense row, then only the
 * columns present in the new row are emitted (in its order), clamped to [0, 1] — bonds on columns the
 * new row lacks are dropped, as on chain.
 */
export function matEmaAlphaSparse(
  newM: readonly SparseRow[],
  oldM: readonly SparseRow[],
  alphas: readonly bigint[][],
): SparseRow[] {
  if (newM.length !== oldM.length || newM.length !== alphas.length) return cloneRows(newM);
  return newM.map((nr, i) => {
    const arow = alphas[i];
    const decayed = new Array<bigint>(arow.length).fill(0n);
    const orow = oldM[i];
    for (let k = 0; k < orow.j.length; k++) {
      const j = orow.j[k];
      if (j < arow.length) decayed[j] = smul(sat(ONE - arow[j]), orow.v[k]);
    }
    const out: SparseRow = { j: [], v: [] };
    for (let k = 0; k < nr.j.length; k++) {
      const j = nr.j[k];
      if (j >= arow.length) continue;
      let inc = smul(arow[j], nr.v[k]);
      if (inc < 0n) inc = 0n;
      let v = sat(decayed[j] + inc);
      if (v > ONE) v = ONE;
      if (v > 0n) {
        out.j.push(j);
        out.v.push(v);
      }
    }
    return out;
  });
}
