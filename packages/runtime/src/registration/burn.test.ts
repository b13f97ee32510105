// Registration price dynamics beyond the vectors: the Q32 decay factor's defining inequality, halving over
// one half-life, clamps, and the F393 interval rule's limits.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { U64F64 } from "@opentao/primitives";
import fc from "fast-check";
import {
  bumpBurn,
  DEFAULT_BURN_INCREASE_MULT,
  decayBurn,
  decayFactorQ32,
  legacyUpgradedValue,
  mulByQ32,
  powQ32,
} from "./burn.ts";

const Q32 = 1n << 32n;
const HALF = 1n << 31n;
const U64_MAX = (1n << 64n) - 1n;
const OPEN = { minBurn: 0n, maxBurn: U64_MAX };

describe("burn decay", () => {
  test("the factor is the largest f with f^h ≤ 0.5 under floored Q32 squaring", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 36_100 }), (h) => {
        const f = decayFactorQ32(h);
        assert.ok(f < Q32);
        assert.ok(powQ32(f, h) <= HALF);
        assert.ok(powQ32(f + 1n, h) > HALF);
      }),
      { numRuns: 30 },
    );
    assert.equal(decayFactorQ32(0), Q32);
    assert.equal(decayFactorQ32(1), HALF);
  });

  test("one half-life of decay roughly halves the price, and decay never raises it", () => {
    fc.assert(
      fc.property(fc.bigInt(1_000_000n, 1n << 50n), fc.integer({ min: 1, max: 2000 }), (burn, h) => {
        let b = burn;
        for (let i = 0; i < h; i++) {
          const next = decayBurn(b, h, 2n + BigInt(i), OPEN);
          assert.ok(next <= b);
          b = next;
        }
        // The factor was chosen with floored squarings, so the exact f^h may exceed 1/2 by about h·2^-32;
        // the per-block floors only lose. Hence ≈ half, within those two error terms.
        assert.ok(b <= burn / 2n + (burn * BigInt(h)) / Q32 + 1n, `${burn} → ${b}`);
        assert.ok(b + BigInt(h) + burn / 1000n >= burn / 2n, `${burn} → ${b}`);
      }),
      { numRuns: 20 },
    );
  });

  test("no decay in blocks 0 and 1 or with half-life 0; clamps apply either way", () => {
    assert.equal(decayBurn(1000n, 360, 1n, OPEN), 1000n);
    assert.equal(decayBurn(1000n, 0, 50n, OPEN), 1000n);
    assert.equal(decayBurn(1000n, 0, 50n, { minBurn: 2000n, maxBurn: 3000n }), 2000n);
    assert.equal(mulByQ32(U64_MAX, 2n * Q32), U64_MAX);
  });
});

describe("burn bump", () => {
  test("multipliers below 1 count as 1; the default 1.26 is exact on round amounts", () => {
    assert.equal(bumpBurn(1000n, U64F64.fromF64(0.5), OPEN), 1000n);
    assert.equal(bumpBurn(1_000_000_000n, DEFAULT_BURN_INCREASE_MULT, OPEN), 1_260_000_000n);
    assert.equal(bumpBurn(U64_MAX, DEFAULT_BURN_INCREASE_MULT, { minBurn: 0n, maxBurn: 7n }), 7n);
  });

  test("a bump never lowers the price and stays within the bounds", () => {
    fc.assert(
      fc.property(
        fc.bigInt(0n, 1n << 60n),
        fc.bigInt(0n, 4n << 64n),
        fc.bigInt(0n, 1n << 40n),
        (burn, mult, min) => {
          const bounds = { minBurn: min, maxBurn: min + (1n << 50n) };
          const b = bumpBurn(burn, mult, bounds);
          assert.ok(b >= bounds.minBurn && b <= bounds.maxBurn);
          if (burn >= bounds.minBurn && burn <= bounds.maxBurn) assert.ok(b >= burn);
        },
      ),
    );
  });
});

describe("legacy (F393) interval adjustment", () => {
  test("with α = 0 it is ⌊v·(n+T)/(2T)⌋, clamped; with α = 1 it keeps v", () => {
    fc.assert(
      fc.property(
        fc.bigInt(10_000n, 1n << 40n),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 10 }),
        (v, n, t) => {
          const expected = (v * BigInt(n + t)) / BigInt(2 * t);
          // The U110F18 quotient is truncated to 18 fractional bits, which never crosses an integer.
          assert.equal(legacyUpgradedValue(v, n, t, 0n, 1n, U64_MAX), expected);
          // α = (2^64 − 1)/(2^64 − 1) is exactly 1: the value is kept.
          assert.equal(legacyUpgradedValue(v, n, t, U64_MAX, 1n, U64_MAX), v);
        },
      ),
    );
    assert.equal(legacyUpgradedValue(1000n, 0, 1, 0n, 600n, 2000n), 600n);
    assert.equal(legacyUpgradedValue(1000n, 9, 1, 0n, 600n, 2000n), 2000n);
  });
});
