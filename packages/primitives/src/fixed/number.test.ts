// The number-based I32F32 helpers against the BigInt reference, on random inputs across their whole ranges.
// Inputs are drawn with random bit lengths so small, mid-sized and boundary magnitudes all occur.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { I32F32 } from "./fixed.ts";
import { divI32F32Number, fixedProportionToU16Number, floorDivNumber, mulI32F32Number } from "./number.ts";
import { fixedProportionToU16 } from "./proportion.ts";
import { EXP_NUMBER_LIMIT_BITS, expI32F32, expI32F32Number } from "./transcendental.ts";

const F = 2 ** 32;
const runs = { numRuns: 3000 };

/** A non-negative integer below 2^maxBits, with its bit length uniform in [0, maxBits]. */
function uintBits(maxBits: number): fc.Arbitrary<bigint> {
  return fc.integer({ min: 0, max: maxBits }).chain((bits) => fc.bigInt(0n, (1n << BigInt(bits)) - 1n));
}
const intBits = (maxBits: number) =>
  fc.tuple(uintBits(maxBits), fc.boolean()).map(([x, neg]) => (neg ? -x : x));
const safe = (x: bigint) => x >= -(2n ** 53n - 1n) && x <= 2n ** 53n - 1n;

describe("floorDivNumber", () => {
  test("property: equals BigInt division where n + d ≤ 2^53", () => {
    fc.assert(
      fc.property(uintBits(53), uintBits(53), (n, d) => {
        fc.pre(d > 0n && n + d <= 2n ** 53n);
        assert.equal(floorDivNumber(Number(n), Number(d)), Number(n / d));
      }),
      runs,
    );
  });
  test("boundaries", () => {
    const m = 2 ** 53;
    assert.equal(floorDivNumber(m - 1, 1), m - 1);
    assert.equal(floorDivNumber(m - 3, 3), (m - 3) / 3 - ((m - 3) % 3) / 3);
    assert.equal(
      floorDivNumber(m - 2 ** 26, 2 ** 26 - 1),
      Number((2n ** 53n - 2n ** 26n) / (2n ** 26n - 1n)),
    );
    assert.equal(floorDivNumber(2 ** 52 - 1, 2 ** 52), 0);
    // The largest quotients just below an integer that the range allows: n + d = 2^53.
    for (const d of [3, 7, 2 ** 26 + 1, 2 ** 40 - 1]) {
      const n = 2 ** 53 - d;
      assert.equal(floorDivNumber(n, d), Number(BigInt(n) / BigInt(d)), `d = ${d}`);
    }
  });
});

describe("mulI32F32Number", () => {
  test("property: equals the floored BigInt product (both signs, mixed magnitudes)", () => {
    fc.assert(
      fc.property(intBits(37), intBits(53), fc.boolean(), (a, b, swap) => {
        fc.pre(a !== 2n ** 37n && a !== -(2n ** 37n));
        const want = I32F32.mulRaw(a, b);
        fc.pre(safe(want));
        const [x, y] = swap ? [Number(b), Number(a)] : [Number(a), Number(b)];
        assert.equal(mulI32F32Number(x, y), Number(want));
      }),
      runs,
    );
  });
  test("property: proportions times proportions, the epoch's common case", () => {
    fc.assert(
      fc.property(fc.bigInt(-(1n << 33n), 1n << 33n), fc.bigInt(-(1n << 33n), 1n << 33n), (a, b) => {
        assert.equal(mulI32F32Number(Number(a), Number(b)), Number(I32F32.mulRaw(a, b)));
      }),
      runs,
    );
  });
  test("boundaries: exact multiples, −1 ulp, zero signs", () => {
    assert.equal(mulI32F32Number(F, F), F);
    assert.equal(mulI32F32Number(-F, F), -F);
    assert.equal(mulI32F32Number(-1, 1), -1); // −2^-64 floors to −1 ulp
    assert.equal(mulI32F32Number(-3, F / 2), -2);
    assert.equal(mulI32F32Number(3, F / 2), 1);
    assert.ok(Object.is(mulI32F32Number(-5, 0), 0));
    assert.ok(Object.is(mulI32F32Number(0, -5), 0));
    assert.equal(
      mulI32F32Number(2 ** 37 - 1, 2 ** 48 - 1),
      Number(I32F32.mulRaw(2n ** 37n - 1n, 2n ** 48n - 1n)),
    );
  });
});

describe("divI32F32Number", () => {
  test("property: equals the truncated BigInt quotient a·2^32 / d (quotients below 2^36)", () => {
    fc.assert(
      fc.property(uintBits(52), uintBits(51), (a, d) => {
        fc.pre(d > 0n && a < 2n ** 52n && d < 2n ** 51n);
        const want = (a << 32n) / d;
        fc.pre(want < 2n ** 36n);
        assert.equal(divI32F32Number(Number(a), Number(d)), Number(want));
      }),
      runs,
    );
  });
  test("property: equals I32F32.checkedDiv on a column-normalisation shape (a ≤ d)", () => {
    fc.assert(
      fc.property(uintBits(48), uintBits(48), (x, y) => {
        const [a, d] = x <= y ? [x, y] : [y, x];
        fc.pre(d > 0n);
        assert.equal(divI32F32Number(Number(a), Number(d)), Number(I32F32.checkedDiv(a, d)));
      }),
      runs,
    );
  });
  test("boundaries", () => {
    assert.equal(divI32F32Number(F, F), F);
    assert.equal(divI32F32Number(F, 2 ** 51 - 1), Number((1n << 64n) / (2n ** 51n - 1n)));
    assert.equal(divI32F32Number(2 ** 4 - 1, 1), (2 ** 4 - 1) * F);
    assert.equal(
      divI32F32Number(2 ** 52 - 1, 2 ** 51 - 1),
      Number((2n ** 84n - 2n ** 32n) / (2n ** 51n - 1n)),
    );
    assert.equal(divI32F32Number(0, 7), 0);
    assert.equal(divI32F32Number(1, 2 ** 50), 0);
    assert.equal(divI32F32Number(2 ** 20 - 1, 2 ** 20 - 1), F);
    // Quotients just below an integer, where the double estimate rounds up to it and must be corrected.
    for (const [a, d] of [
      [4_165_496_755_374_485n, 326_227_716_197_096n],
      [2_071_571_745_565_635n, 450_888_350_238_607n],
    ]) {
      const q = (a << 32n) / d;
      assert.equal(Math.floor((Number(a) * F) / Number(d)), Number(q + 1n), "the estimate is off here");
      assert.equal(divI32F32Number(Number(a), Number(d)), Number(q));
    }
  });
  test("property: quotients just below an integer (the estimate's worst case)", () => {
    fc.assert(
      fc.property(fc.bigInt(2n ** 40n, 2n ** 51n - 1n), fc.bigInt(1n, 2n ** 36n - 1n), (d, q) => {
        const a = (q * d - 1n) >> 32n; // a·2^32 < q·d, as close below as the 2^32 grid allows
        fc.pre(a < 2n ** 52n);
        assert.equal(divI32F32Number(Number(a), Number(d)), Number((a << 32n) / d));
      }),
      runs,
    );
  });
});

describe("fixedProportionToU16Number", () => {
  test("property: equals the BigInt conversion for |bits| < 2^37", () => {
    fc.assert(
      fc.property(intBits(36), (bits) => {
        assert.equal(fixedProportionToU16Number(Number(bits)), fixedProportionToU16(bits));
      }),
      runs,
    );
  });
});

describe("expI32F32Number", () => {
  const limit = BigInt(EXP_NUMBER_LIMIT_BITS);
  test("property: equals expI32F32 bit for bit for |x| ≤ 13", () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt(-limit, limit), intBits(35)), (x) => {
        assert.equal(expI32F32Number(Number(x)), Number(expI32F32(x)));
      }),
      { numRuns: 1500 },
    );
  });
  test("boundaries and special cases", () => {
    const F64 = BigInt(F);
    for (const x of [
      0n,
      1n,
      -1n,
      F64,
      -F64,
      F64 - 1n,
      F64 + 1n,
      limit,
      -limit,
      limit - 1n,
      5n * F64,
      -5n * F64,
    ]) {
      assert.equal(expI32F32Number(Number(x)), Number(expI32F32(x)), `x = ${x}`);
    }
  });
  test("outside the proven range it refuses instead of guessing", () => {
    assert.throws(() => expI32F32Number(EXP_NUMBER_LIMIT_BITS + 1), RangeError);
    assert.throws(() => expI32F32Number(-EXP_NUMBER_LIMIT_BITS - 1), RangeError);
    assert.throws(() => expI32F32Number(Number.NaN), RangeError);
  });
});
