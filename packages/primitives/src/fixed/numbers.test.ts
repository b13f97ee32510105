// Float-constant conversion, Perquintill rounding and SafeFloat arithmetic against exact rational references.
// Known chain constants pin the bits; properties check floors and normalisation over random operands.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { I32F32, I96F32, U64F64, U110F18 } from "./fixed.ts";
import { PERQUINTILL_ONE, perquintillComplement, perquintillFromRational } from "./perquintill.ts";
import {
  SAFE_FLOAT_MAX,
  SAFE_FLOAT_ZERO,
  type SafeFloat,
  safeFloatAdd,
  safeFloatDiv,
  safeFloatFromU64,
  safeFloatFromU64F64,
  safeFloatGt,
  safeFloatMulDiv,
  safeFloatNew,
  safeFloatSub,
  safeFloatToU64,
} from "./safeFloat.ts";

const U64_MAX = (1n << 64n) - 1n;

describe("fromF64: a double's exact value, rounded to nearest, ties to even", () => {
  test("chain constants match the bits the vectors give", () => {
    assert.equal(U64F64.fromF64(1.26), 23_242_897_532_874_035_200n);
    assert.equal(I96F32.fromF64(0.000003), 12_885n);
    assert.equal(I96F32.fromF64(0.5), 1n << 31n);
    assert.equal(U110F18.fromF64(1.0), 1n << 18n);
  });

  test("doubles of 2^52 and above (integers with a positive binary exponent)", () => {
    assert.equal(I96F32.fromF64(2 ** 52), 1n << 84n);
    assert.equal(I96F32.fromF64(2 ** 60 + 2 ** 8), ((1n << 60n) + 256n) << 32n);
    assert.equal(U64F64.fromF64(10_500_000_000_000_000.0), 10_500_000_000_000_000n << 64n);
    assert.equal(I32F32.fromF64(-(2 ** 62)), I32F32.min);
  });

  test("negative values, zero and saturation", () => {
    assert.equal(I32F32.fromF64(-1.5), -(3n << 31n));
    assert.equal(I32F32.fromF64(0), 0n);
    assert.equal(I32F32.fromF64(-0), 0n);
    assert.equal(U64F64.fromF64(-2), 0n);
    assert.equal(I32F32.fromF64(1e300), I32F32.max);
    assert.equal(I32F32.fromF64(Number.MIN_VALUE), 0n);
    assert.throws(() => I32F32.fromF64(Number.NaN));
    assert.throws(() => I32F32.fromF64(Number.POSITIVE_INFINITY));
  });

  test("ties go to even", () => {
    // 2^-33 and 3·2^-33 are exactly half an ulp of I32F32.
    assert.equal(I32F32.fromF64(2 ** -33), 0n);
    assert.equal(I32F32.fromF64(3 * 2 ** -33), 2n);
    assert.equal(I32F32.fromF64(5 * 2 ** -33), 2n);
  });

  test("integers convert exactly and agree with fromInt", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (k) => {
        assert.equal(I32F32.fromF64(k), I32F32.fromInt(k));
      }),
    );
  });

  test("dyadic values within precision are exact", () => {
    fc.assert(
      fc.property(fc.bigInt(-(1n << 52n), 1n << 52n), fc.integer({ min: 0, max: 32 }), (m, e) => {
        // m / 2^e is an exact double and exact in I96F32 when e ≤ 32.
        assert.equal(I96F32.fromF64(Number(m) / 2 ** e), (m << 32n) >> BigInt(e));
      }),
    );
  });
});

describe("Perquintill", () => {
  test("from_rational floors and answers 1 outside [0, 1]", () => {
    assert.equal(perquintillFromRational(1n, 2n), PERQUINTILL_ONE / 2n);
    assert.equal(perquintillFromRational(1n, 3n), 333_333_333_333_333_333n);
    assert.equal(perquintillFromRational(2n, 3n), 666_666_666_666_666_666n);
    assert.equal(perquintillFromRational(0n, 5n), 0n);
    assert.equal(perquintillFromRational(5n, 0n), PERQUINTILL_ONE);
    assert.equal(perquintillFromRational(7n, 5n), PERQUINTILL_ONE);
    assert.throws(() => perquintillFromRational(-1n, 5n));
  });

  test("parts·q ≤ p·10^18 < (parts+1)·q for any fraction", () => {
    fc.assert(
      fc.property(fc.bigInt(1n, (1n << 128n) - 1n), fc.bigInt(0n, (1n << 128n) - 1n), (q, pRaw) => {
        const p = pRaw % (q + 1n);
        const parts = perquintillFromRational(p, q);
        assert.ok(parts * q <= p * PERQUINTILL_ONE);
        assert.ok((parts + 1n) * q > p * PERQUINTILL_ONE);
        assert.equal(perquintillComplement(parts), PERQUINTILL_ONE - parts);
      }),
    );
    assert.equal(perquintillComplement(PERQUINTILL_ONE + 1n), 0n);
  });
});

/** Exact rational value of a SafeFloat as [numerator, denominator]. */
function rational(a: SafeFloat): [bigint, bigint] {
  return a.exponent >= 0n ? [a.mantissa * 10n ** a.exponent, 1n] : [a.mantissa, 10n ** -a.exponent];
}

const normalised = (a: SafeFloat) =>
  a.mantissa === 0n ? a.exponent === 0n : a.mantissa > SAFE_FLOAT_MAX / 10n && a.mantissa <= SAFE_FLOAT_MAX;

const safeFloat = fc
  .tuple(fc.bigInt(0n, SAFE_FLOAT_MAX), fc.bigInt(-40n, 40n))
  .map(([m, e]) => safeFloatNew(m, e) ?? SAFE_FLOAT_ZERO);

describe("SafeFloat", () => {
  test("new normalises into (10^20, 10^21] and rejects oversized mantissas", () => {
    assert.deepEqual(safeFloatFromU64(1n), { mantissa: SAFE_FLOAT_MAX, exponent: -21n });
    assert.deepEqual(safeFloatFromU64(10n ** 21n / 10n), { mantissa: SAFE_FLOAT_MAX, exponent: -1n });
    assert.equal(safeFloatNew(SAFE_FLOAT_MAX + 1n, 0n), undefined);
    assert.deepEqual(safeFloatNew(0n, 7n), SAFE_FLOAT_ZERO);
    fc.assert(fc.property(safeFloat, (a) => assert.ok(normalised(a))));
  });

  test("u64 round trip is exact", () => {
    fc.assert(
      fc.property(fc.bigInt(0n, U64_MAX), (v) => {
        assert.equal(safeFloatToU64(safeFloatFromU64(v)), v);
      }),
    );
  });

  test("toU64 floors the exact value and saturates", () => {
    fc.assert(
      fc.property(safeFloat, (a) => {
        const [n, d] = rational(a);
        const floor = n / d;
        assert.equal(safeFloatToU64(a), floor > U64_MAX ? U64_MAX : floor);
      }),
    );
  });

  test("mulDiv truncates the mantissa quotient once: at most one part in 10^19 below the exact value", () => {
    fc.assert(
      fc.property(safeFloat, safeFloat, safeFloat, (a, b, c) => {
        const r = safeFloatMulDiv(a, b, c);
        if (c.mantissa === 0n) {
          assert.equal(r, undefined);
          return;
        }
        assert.ok(r !== undefined && normalised(r));
        const [an, ad] = rational(a);
        const [bn, bd] = rational(b);
        const [cn, cd] = rational(c);
        const [rn, rd] = rational(r);
        // exact = an·bn·cd / (ad·bd·cn); the mantissa quotient has ≥ 19 digits, so r > exact·(1 − 10^-19).
        const en = an * bn * cd;
        const ed = ad * bd * cn;
        assert.ok(rn * ed <= en * rd, "mulDiv rounded up");
        if (en !== 0n) assert.ok(rn * ed * 10n ** 19n > en * rd * (10n ** 19n - 1n), "mulDiv lost too much");
      }),
    );
  });

  test("add and sub never exceed the exact result; sub floors at 0", () => {
    fc.assert(
      fc.property(safeFloat, safeFloat, (a, b) => {
        const [an, ad] = rational(a);
        const [bn, bd] = rational(b);
        const sum = safeFloatAdd(a, b);
        assert.ok(sum !== undefined && normalised(sum));
        const [sn, sd] = rational(sum);
        // sum ≤ a + b, and sum ≥ max(a, b) (alignment only drops the smaller operand's low digits).
        assert.ok(sn * ad * bd <= (an * bd + bn * ad) * sd);
        assert.ok(sn * ad >= an * sd && sn * bd >= bn * sd);
        const diff = safeFloatSub(a, b);
        if (a.mantissa === 0n) {
          assert.equal(diff, b.mantissa === 0n ? SAFE_FLOAT_ZERO : undefined);
          return;
        }
        assert.ok(diff !== undefined && normalised(diff));
        const [dn, dd] = rational(diff);
        // diff ≤ a, diff ≥ a − b (b's dropped digits only make the difference larger), and 0 when b ≥ a.
        assert.ok(dn * ad <= an * dd);
        assert.ok(dn * ad * bd >= (an * bd - bn * ad) * dd);
        if (bn * ad >= an * bd && a.exponent <= b.exponent) assert.equal(dn, 0n);
      }),
    );
  });

  test("gt orders values", () => {
    fc.assert(
      fc.property(safeFloat, safeFloat, (a, b) => {
        const [an, ad] = rational(a);
        const [bn, bd] = rational(b);
        if (a.mantissa !== 0n && b.mantissa !== 0n) assert.equal(safeFloatGt(a, b), an * bd > bn * ad);
      }),
    );
  });

  test("div keeps 21 digits and from U64F64 reads the legacy shares", () => {
    const third = safeFloatDiv(safeFloatFromU64(1n), safeFloatFromU64(3n));
    assert.deepEqual(third, { mantissa: 333_333_333_333_333_333_333n, exponent: -21n });
    assert.equal(safeFloatDiv(safeFloatFromU64(1n), SAFE_FLOAT_ZERO), undefined);
    assert.deepEqual(safeFloatFromU64F64(5n << 64n), safeFloatFromU64(5n));
    const half = safeFloatFromU64F64(1n << 63n);
    assert.deepEqual(half, { mantissa: 500_000_000_000_000_000_000n, exponent: -21n });
    assert.equal(safeFloatFromU64F64(0n), SAFE_FLOAT_ZERO);
  });
});
