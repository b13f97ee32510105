// The epoch's sparse maths: the closed-form weighted median against the chain's partition search,
// permit selection ties, and the emission split.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { inplaceNormalize, isTopkNonzero, ONE, weightedMedianColSparse } from "./math.ts";
import { splitEmissions } from "./mechanisms.ts";
import type { SparseRow } from "./types.ts";

/**
 * The chain's `weighted_median`, written out as the spec describes it: a deterministic partition search
 * with the middle element (in current order) as pivot. Kept here only as the judge of our closed form.
 */
function partitionSearchMedian(stake: bigint[], score: bigint[], minority: bigint, stakeSum: bigint): bigint {
  let current = stake.map((_, i) => i);
  let lo = 0n;
  let hi = stakeSum;
  for (let iter = 0; iter <= stake.length; iter++) {
    if (current.length === 0) return 0n;
    if (current.length === 1) return score[current[0]];
    const pivot = score[current[Math.floor(current.length / 2)]];
    const lower: number[] = [];
    const upper: number[] = [];
    let loStake = 0n;
    let hiStake = 0n;
    for (const idx of current) {
      if (score[idx] === pivot) continue;
      if (score[idx] < pivot) {
        loStake += stake[idx];
        lower.push(idx);
      } else {
        hiStake += stake[idx];
        upper.push(idx);
      }
    }
    if (minority < lo + loStake && lower.length > 0) {
      current = lower;
      hi = lo + loStake;
    } else if (hi - hiStake <= minority && upper.length > 0) {
      current = upper;
      lo = hi - hiStake;
    } else return pivot;
  }
  return 0n;
}

describe("weighted median", () => {
  test("property: closed form equals the partition search on random columns", () => {
    const arb = fc.record({
      stakes: fc.array(fc.bigInt(0n, ONE), { minLength: 1, maxLength: 12 }),
      // Few distinct values so ties and duplicates are common.
      scores: fc.array(
        fc.array(fc.constantFrom(0n, 1n, ONE / 4n, ONE / 3n, ONE / 2n, ONE), {
          minLength: 12,
          maxLength: 12,
        }),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      kappa: fc.constantFrom(0n, 1n, 2147450879n, ONE / 2n, ONE - 1n, ONE),
    });
    fc.assert(
      fc.property(arb, ({ stakes, scores, kappa }) => {
        const n = stakes.length;
        const columns = scores.length;
        const rows: SparseRow[] = stakes.map((_, i) => ({
          j: scores.map((_, c) => c),
          v: scores.map((col) => col[i]),
        }));
        const { median, minority } = weightedMedianColSparse(stakes, rows, columns, kappa);
        const use = stakes.filter((s) => s > 0n);
        inplaceNormalize(use);
        const useSum = use.reduce((a, b) => a + b, 0n);
        const useIdx = stakes.flatMap((s, i) => (s > 0n ? [i] : []));
        for (let c = 0; c < columns; c++) {
          const colScores = useIdx.map((i) => scores[c][i]);
          const want = use.length === 0 ? 0n : partitionSearchMedian(use, colScores, minority, useSum);
          assert.equal(median[c], want, `column ${c} of ${n} rows`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("50/50 stake with default kappa takes the higher weight", () => {
    const rows: SparseRow[] = [
      { j: [0], v: [ONE / 4n] },
      { j: [0], v: [ONE / 2n] },
    ];
    const { median } = weightedMedianColSparse([ONE / 2n, ONE / 2n], rows, 1, 2147450879n);
    assert.equal(median[0], ONE / 2n);
  });

  test("no participating stake gives zero consensus", () => {
    const { median } = weightedMedianColSparse(
      [0n, 0n],
      [
        { j: [0], v: [ONE] },
        { j: [], v: [] },
      ],
      1,
      ONE / 2n,
    );
    assert.deepEqual(median, [0n]);
  });
});

describe("validator permits", () => {
  test("top-k keeps the largest non-zero stakes; equal stakes go to the higher uid", () => {
    assert.deepEqual(isTopkNonzero([5n, 5n, 5n, 1n], 2), [false, true, true, false]);
    assert.deepEqual(isTopkNonzero([0n, 3n, 0n], 5), [false, true, false]);
    assert.deepEqual(isTopkNonzero([0n, 0n, 7n], 2), [false, false, true]);
  });
});

describe("emission split across mechanisms", () => {
  test("uneven split with the remainder to mechanism 0", () => {
    assert.deepEqual(splitEmissions(1_000_000_000n, 2, [16383, 49152]), [249_988_556n, 750_011_444n]);
  });
  test("even split and missing parts", () => {
    assert.deepEqual(splitEmissions(10n, 3, null), [4n, 3n, 3n]);
    assert.deepEqual(splitEmissions(100n, 2, [65535]), [100n, 0n]);
  });
  test("property: the parts add up to the whole when the split sums to at most 65535", () => {
    fc.assert(
      fc.property(
        fc.bigInt(0n, (1n << 64n) - 1n),
        fc.integer({ min: 1, max: 16 }),
        fc.option(fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 16 })),
        (rao, count, split) => {
          // The chain's setter only accepts splits summing to 65535; larger ones over-allocate.
          fc.pre(split === null || split.reduce((a, b) => a + b, 0) <= 65535);
          return splitEmissions(rao, count, split).reduce((a, b) => a + b, 0n) === rao;
        },
      ),
    );
  });
});
