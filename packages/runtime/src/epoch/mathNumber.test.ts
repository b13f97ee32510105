// Every number-path matrix operation against its BigInt reference in math.ts / liquidAlpha.ts, on random
// sparse matrices with unsorted rows, duplicate and out-of-range columns, explicit zeros and boundary values.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fixedProportionToU16, fixedToFixedU16Proportion, u16ProportionToFixed } from "@opentao/primitives";
import fc from "fast-check";
import {
  liquidAlphaNumber,
  liquidAlphaParams,
  liquidAlphaValuesSparse,
  matEmaLiquidAlpha,
} from "./liquidAlpha.ts";
import {
  colClipSparse,
  inplaceColMaxUpscaleSparse,
  inplaceColNormalizeSparse,
  inplaceRowNormalizeSparse,
  interpolateSparse,
  matEmaAlphaSparse,
  matEmaSparse,
  matmulSparse,
  matmulTransposeSparse,
  matVecMulSparse,
  ONE,
  rowHadamardSparse,
  rowSumSparse,
  weightedMedianColSparse,
} from "./math.ts";
import {
  type Csr,
  CsrBuilder,
  colClip,
  colMaxUpscale,
  colNormalize,
  colNormalizeU16,
  interpolate,
  loadStoredRows,
  matEma,
  matmul,
  matmulTranspose,
  matVecMulRowSum,
  medianKey,
  orderRanks,
  rowHadamard,
  rowNormalizeU16,
  rowSum,
  toSparseRows,
  toU16Rows,
  u16ToProportion,
  weightedMedianColNumber,
  weightedSelect,
} from "./mathNumber.ts";
import type { SparseRow } from "./types.ts";

const runs = { numRuns: 400 };

function toCsr(m: readonly SparseRow[]): Csr {
  const out = new CsrBuilder(
    m.length,
    m.reduce((a, r) => a + r.j.length, 0),
  );
  for (const row of m) {
    row.j.forEach((j, k) => {
      out.push(j, Number(row.v[k]));
    });
    out.endRow();
  }
  return out.finish();
}
const clone = (m: readonly SparseRow[]) => m.map((r) => ({ j: r.j.slice(), v: r.v.slice() }));
const nums = (x: readonly bigint[]) => x.map(Number);

/** Proportion bits in [0, 2^32], weighted toward 0, 1 and tiny values. */
const bits = fc.oneof(
  fc.constant(0n),
  fc.constant(ONE),
  fc.bigInt(0n, ONE),
  fc.bigInt(0n, ONE),
  fc.bigInt(0n, 1000n),
  fc.bigInt(ONE - 1000n, ONE),
);
const u16 = fc.oneof(fc.constant(0), fc.constant(65535), fc.integer({ min: 0, max: 65535 }));

/**
 * `rows` sparse rows over columns [0, columns + 2) (so some are out of range); each row is either sorted
 * and duplicate-free, as the chain stores them, or in arbitrary order with repeats.
 */
function matrix<T>(
  rows: number,
  columns: number,
  value: fc.Arbitrary<T>,
): fc.Arbitrary<{ j: number[]; v: T[] }[]> {
  const entry = fc.tuple(fc.integer({ min: 0, max: columns + 1 }), value);
  const row = fc.tuple(fc.array(entry, { maxLength: columns + 3 }), fc.boolean()).map(([es, messy]) => {
    if (!messy) {
      const seen = new Set<number>();
      es = es.filter(([j]) => !seen.has(j) && !!seen.add(j)).sort((a, b) => a[0] - b[0]);
    }
    return { j: es.map((e) => e[0]), v: es.map((e) => e[1]) };
  });
  return fc.array(row, { minLength: rows, maxLength: rows });
}

/** A square setting: n rows, n columns, plus matrices built from it. */
const dims = fc.record({ rows: fc.integer({ min: 0, max: 9 }), columns: fc.integer({ min: 1, max: 9 }) });
const square = fc.integer({ min: 1, max: 9 });
const bitMatrix = (rows: number, columns: number) => matrix(rows, columns, bits);
const vector = (len: number) => fc.array(bits, { minLength: len, maxLength: len });

describe("compressed rows", () => {
  test("the builder grows past its first capacity and keeps every entry in order", () => {
    const b = new CsrBuilder(3, 1);
    for (let k = 0; k < 100; k++) b.push(k, k * 2 ** 32 + k);
    b.endRow();
    b.push(7, 1);
    const m = b.finish();
    assert.deepStrictEqual(Array.from(m.ptr), [0, 100, 101, 101]);
    assert.deepStrictEqual(Array.from(m.j.subarray(98)), [98, 99, 7]);
    assert.deepStrictEqual(toSparseRows(m)[0].v[99], 99n * 2n ** 32n + 99n);
  });
});

describe("number-path matrix operations equal math.ts", () => {
  test("loading, row normalization and the u16 conversions", () => {
    fc.assert(
      fc.property(
        dims.chain(({ rows, columns }) => fc.tuple(fc.constant(columns), matrix(rows, columns, u16))),
        ([columns, m]) => {
          const stored = m.map((r) => r.j.map((j, k) => [j, r.v[k]] as [number, number]));
          const keep = (i: number, j: number) => j < columns && (i + j) % 3 !== 0;
          const shifted = m.map((r) => ({ j: r.j, v: r.v.map((w) => BigInt(w) << 32n) }));
          const kept = shifted.map((r, i) => {
            const ks = r.j.map((_, k) => k).filter((k) => keep(i, r.j[k]));
            return { j: ks.map((k) => r.j[k]), v: ks.map((k) => r.v[k]) };
          });

          const w = loadStoredRows(stored, m.length, keep);
          rowNormalizeU16(w);
          const ref = clone(kept);
          inplaceRowNormalizeSparse(ref);
          assert.deepStrictEqual(toSparseRows(w), ref);

          const y3 = loadStoredRows(stored, m.length, () => true);
          u16ToProportion(y3);
          assert.deepStrictEqual(
            toSparseRows(y3),
            shifted.map((r) => ({ j: r.j, v: r.v.map(fixedToFixedU16Proportion) })),
          );

          const orig = loadStoredRows(stored, m.length, () => true);
          colNormalizeU16(orig, columns);
          const refOrig = clone(shifted);
          inplaceColNormalizeSparse(refOrig, columns);
          assert.deepStrictEqual(toSparseRows(orig), refOrig);
          assert.deepStrictEqual(
            toU16Rows(y3),
            toSparseRows(y3).map((r) => r.j.map((j, k) => [j, fixedProportionToU16(r.v[k])])),
          );
        },
      ),
      runs,
    );
  });

  test("weighted median per column", () => {
    fc.assert(
      fc.property(
        dims.chain(({ rows, columns }) =>
          fc.tuple(
            fc.constant(columns),
            bitMatrix(rows, columns),
            fc.array(fc.oneof(fc.constant(0n), bits), { minLength: rows, maxLength: rows }),
            bits,
          ),
        ),
        ([columns, m, stake, majority]) => {
          const got = weightedMedianColNumber(stake, toCsr(m), columns, majority);
          const want = weightedMedianColSparse(stake, m, columns, majority);
          assert.deepStrictEqual(got.median.map(BigInt), want.median);
          assert.equal(got.minority, want.minority);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("weighted selection, with and without its sorting fallback, equals sort-and-walk", () => {
    const item = fc.tuple(
      fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 2 ** 32 })),
      bits,
    );
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 40 }),
        fc.bigInt(-(2n ** 33n), 2n ** 33n),
        fc.oneof(fc.constant(0), fc.bigInt(0n, ONE).map(Number)),
        fc.integer({ min: 0, max: 3 }),
        (items, minority, acc, rounds) => {
          const stake = items.map(([, s]) => Number(s));
          const keys = () => Float64Array.from(items, ([score], row) => medianKey(score, row));
          // The oracle: sort by score, walk up, decide at the end of each run of equal scores.
          const order = items.map((_, r) => r).sort((a, b) => items[a][0] - items[b][0]);
          let want = -1;
          let sum = BigInt(acc);
          for (let t = 0; t < order.length && want < 0; t++) {
            sum += items[order[t]][1];
            const last = t + 1 === order.length || items[order[t + 1]][0] !== items[order[t]][0];
            if (last && sum > minority) want = items[order[t]][0];
          }
          const m = Number(minority);
          assert.equal(weightedSelect(keys(), 0, items.length, stake, acc, m), want);
          assert.equal(weightedSelect(keys(), 0, items.length, stake, acc, m, rounds), want);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("clip, row sums, products with vectors", () => {
    fc.assert(
      fc.property(
        dims.chain(({ rows, columns }) =>
          fc.tuple(fc.constant(columns), bitMatrix(rows, columns), vector(columns), vector(rows)),
        ),
        ([columns, m, colVec, rowVec]) => {
          const c = toCsr(m);
          assert.deepStrictEqual(toSparseRows(colClip(c, nums(colVec))), colClipSparse(m, colVec));
          assert.deepStrictEqual(rowSum(c).map(BigInt), rowSumSparse(m));
          assert.deepStrictEqual(
            matmul(c, nums(rowVec), columns).map(BigInt),
            matmulSparse(m, rowVec, columns),
          );
          assert.deepStrictEqual(
            matmulTranspose(c, nums(colVec)).map(BigInt),
            matmulTransposeSparse(m, colVec),
          );
          assert.deepStrictEqual(
            matVecMulRowSum(c, nums(colVec)).map(BigInt),
            rowSumSparse(matVecMulSparse(m, colVec)),
          );
          assert.deepStrictEqual(toSparseRows(rowHadamard(c, nums(rowVec))), rowHadamardSparse(m, rowVec));
        },
      ),
      runs,
    );
  });

  test("column normalization and column-max upscaling", () => {
    fc.assert(
      fc.property(
        dims.chain(({ rows, columns }) => fc.tuple(fc.constant(columns), bitMatrix(rows, columns))),
        ([columns, m]) => {
          const c = toCsr(m);
          colNormalize(c, columns);
          const ref = clone(m);
          inplaceColNormalizeSparse(ref, columns);
          assert.deepStrictEqual(toSparseRows(c), ref);
          const u = toCsr(m);
          colMaxUpscale(u, columns);
          const refU = clone(m);
          inplaceColMaxUpscaleSparse(refU, columns);
          assert.deepStrictEqual(toSparseRows(u), refU);
        },
      ),
      runs,
    );
  });

  test("interpolation between two matrices", () => {
    fc.assert(
      fc.property(
        dims.chain(({ rows, columns }) =>
          fc.tuple(
            fc.constant(columns),
            bitMatrix(rows, columns),
            bitMatrix(rows, columns),
            fc.oneof(fc.constant(0), fc.constant(65535), fc.integer({ min: 0, max: 65535 })),
          ),
        ),
        ([columns, a, b, penalty]) => {
          const ratio = u16ProportionToFixed(penalty);
          const got = interpolate(toCsr(a), toCsr(b), columns, Number(ratio));
          assert.deepStrictEqual(toSparseRows(got), interpolateSparse(a, b, columns, ratio));
        },
      ),
      runs,
    );
  });

  test("bond EMA with a fixed rate", () => {
    fc.assert(
      fc.property(
        square.chain((n) => fc.tuple(bitMatrix(n, n), bitMatrix(n, n), bits)),
        ([newM, oldM, alpha]) => {
          const got = matEma(toCsr(newM), toCsr(oldM), Number(alpha));
          assert.deepStrictEqual(toSparseRows(got), matEmaSparse(newM, oldM, alpha));
        },
      ),
      runs,
    );
  });

  test("bond EMA with liquid alpha (only the alphas it reads, memoized)", () => {
    const steepness = fc.oneof(
      fc.constant(1000),
      fc.integer({ min: -32768, max: 32767 }),
      fc.integer({ min: -3000, max: 3000 }),
    );
    fc.assert(
      fc.property(
        square.chain((n) =>
          fc.tuple(
            bitMatrix(n, n),
            bitMatrix(n, n),
            fc.integer({ min: 0, max: n + 1 }).chain((c) => vector(c)),
            u16,
            u16,
            steepness,
          ),
        ),
        ([newM, oldM, consensus, low, high, steep]) => {
          const params = liquidAlphaParams(u16ProportionToFixed(low), u16ProportionToFixed(high), steep);
          const want = matEmaAlphaSparse(newM, oldM, liquidAlphaValuesSparse(newM, oldM, consensus, params));
          const fast = liquidAlphaNumber(params);
          const got = matEmaLiquidAlpha(toCsr(newM), toCsr(oldM), nums(consensus), fast);
          assert.deepStrictEqual(toSparseRows(got), want);
          // The memo must not change anything: a second pass with the filled memo agrees too.
          assert.deepStrictEqual(
            toSparseRows(matEmaLiquidAlpha(toCsr(newM), toCsr(oldM), nums(consensus), fast)),
            want,
          );
        },
      ),
      { numRuns: 600 },
    );
  });

  test("order ranks compare like the bigints they replace", () => {
    const block = fc.oneof(
      fc.bigInt(0n, 20n),
      fc.constant((1n << 64n) - 1n),
      fc.bigInt(0n, (1n << 64n) - 1n),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 12 }), fc.array(block, { maxLength: 12 }), (xs, ys) => {
        const [rx, ry] = orderRanks(xs, ys);
        xs.forEach((x, a) => {
          ys.forEach((y, b) => {
            assert.equal(rx[a] < ry[b], x < y);
            assert.equal(rx[a] === ry[b], x === y);
          });
        });
      }),
      runs,
    );
  });
});
