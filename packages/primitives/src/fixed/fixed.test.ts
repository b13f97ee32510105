// Known values and boundaries of the substrate-fixed rounding rules, plus properties over random bits.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { I32F32, I64F64, U64F64, U96F32 } from "./fixed.ts";
import { fixedProportionToU16, fixedToFixedU16Proportion, u16ProportionToFixed } from "./proportion.ts";
import { E_I32F32_BITS, expI32F32 } from "./transcendental.ts";

const F = 1n << 32n;
const i64 = fc.bigInt(-(1n << 63n), (1n << 63n) - 1n);

describe("I32F32 ranges and conversions", () => {
  test("range and one", () => {
    assert.equal(I32F32.one, F);
    assert.equal(I32F32.max, (1n << 63n) - 1n);
    assert.equal(I32F32.min, -(1n << 63n));
    assert.equal(U64F64.min, 0n);
    assert.equal(U64F64.max, (1n << 128n) - 1n);
  });

  test("fromInt saturates", () => {
    assert.equal(I32F32.fromInt(65535), 65535n * F);
    assert.equal(I32F32.fromInt(1n << 40n), I32F32.max);
    assert.equal(I32F32.fromInt(-(1n << 40n)), I32F32.min);
    assert.equal(U64F64.fromInt(-1), 0n);
  });

  test("narrowing conversion floors toward −∞", () => {
    // I64F64 → I32F32 drops 32 fractional bits.
    assert.equal(I32F32.from(I64F64, (5n << 32n) + 0xffff_ffffn), 5n);
    assert.equal(I32F32.from(I64F64, -1n), -1n);
    assert.equal(I64F64.from(I32F32, 3n), 3n << 32n);
    assert.equal(I32F32.from(I64F64, 1n << 120n), I32F32.max);
  });

  test("fromRatio rounds half to even", () => {
    assert.equal(I32F32.fromRatio(1n, 2n), F / 2n);
    // 1 / 2^33 is exactly half an ulp: ties to even (0).
    assert.equal(I32F32.fromRatio(1n, 1n << 33n), 0n);
    // 3 / 2^33 = 1.5 ulp → 2.
    assert.equal(I32F32.fromRatio(3n, 1n << 33n), 2n);
    assert.equal(I32F32.fromRatio(-3n, 1n << 33n), -2n);
    assert.equal(I32F32.fromRatio(1n, 3n), 1431655765n);
  });
});

describe("I32F32 arithmetic", () => {
  test("multiplication floors, also for negative products", () => {
    assert.equal(I32F32.saturatingMul(3n, F / 2n), 1n); // 1.5 ulp → 1
    assert.equal(I32F32.saturatingMul(-3n, F / 2n), -2n); // −1.5 ulp → −2 (toward −∞)
    assert.equal(I32F32.saturatingMul(I32F32.max, 2n * F), I32F32.max);
    assert.equal(I32F32.checkedMul(I32F32.max, 2n * F), undefined);
    assert.equal(I32F32.checkedMul(-F, I32F32.min), undefined);
  });

  test("division truncates toward zero", () => {
    assert.equal(I32F32.checkedDiv(1n, 3n * F), 0n);
    assert.equal(I32F32.checkedDiv(-1n, 3n * F), 0n); // −1/3 ulp → 0, not −1
    assert.equal(I32F32.checkedDiv(-F, 3n * F), -1431655765n);
    assert.equal(I32F32.checkedDiv(F, 0n), undefined);
    assert.equal(I32F32.safeDiv(F, 0n), 0n);
    assert.equal(I32F32.safeDiv(I32F32.max, 1n), 0n); // quotient overflows → 0
    assert.equal(I32F32.saturatingDiv(I32F32.max, 1n), I32F32.max);
    assert.throws(() => I32F32.saturatingDiv(F, 0n), /division by zero/);
  });

  test("saturating add and sub clamp", () => {
    assert.equal(I32F32.saturatingAdd(I32F32.max, 1n), I32F32.max);
    assert.equal(I32F32.saturatingSub(I32F32.min, 1n), I32F32.min);
    assert.equal(U64F64.saturatingSub(0n, 1n), 0n);
  });

  test("to integer: floor and clamp; round: ties away from zero", () => {
    assert.equal(I32F32.toU16(65536n * F), 65535);
    assert.equal(I32F32.toU16(-F), 0);
    assert.equal(I32F32.toU16(F - 1n), 0);
    assert.equal(I32F32.toU64(12n * F + F / 2n), 12n);
    assert.equal(I32F32.roundToInt(F / 2n), 1n);
    assert.equal(I32F32.roundToInt(-F / 2n), -1n);
    assert.equal(I32F32.roundToInt(F / 2n - 1n), 0n);
    assert.equal(I32F32.roundToInt(5n * F + F / 2n), 6n);
  });

  test("property: a floored product satisfies p·2^32 ≤ a·b < (p+1)·2^32", () => {
    fc.assert(
      fc.property(i64, i64, (a, b) => {
        const p = I32F32.mulRaw(a, b);
        return p * F <= a * b && a * b < (p + 1n) * F;
      }),
    );
  });

  test("property: a truncated quotient has |q| ≤ |a·2^32 / b| < |q| + 1 and the sign of a·b", () => {
    fc.assert(
      fc.property(i64, i64, (a, b) => {
        fc.pre(b !== 0n);
        const q = I32F32.checkedDiv(a, b);
        const exact = a * F;
        if (q === undefined) return exact / b > I32F32.max || exact / b < I32F32.min;
        const abs = (x: bigint) => (x < 0n ? -x : x);
        return (
          abs(q * b) <= abs(exact) &&
          abs(exact) < abs((abs(q) + 1n) * b) &&
          (q === 0n || (q < 0n === a < 0n) !== b < 0n)
        );
      }),
    );
  });

  test("toDecimalString is exact", () => {
    assert.equal(I32F32.toDecimalString(F + F / 4n), "1.25");
    assert.equal(I32F32.toDecimalString(-F / 2n), "-0.5");
    assert.equal(I32F32.toDecimalString(1n), "0.00000000023283064365386962890625");
  });
});

describe("u16 proportions", () => {
  test("known values", () => {
    assert.equal(u16ProportionToFixed(32767), 2147450879n); // default kappa
    assert.equal(u16ProportionToFixed(65535), F);
    assert.equal(u16ProportionToFixed(0), 0n);
    assert.equal(fixedProportionToU16(F), 65535);
    assert.equal(fixedProportionToU16(F / 2n), 32767);
    assert.equal(fixedProportionToU16(2n * F), 65535);
    assert.equal(fixedProportionToU16(-5n), 0);
    assert.equal(fixedToFixedU16Proportion(65535n * F), F);
  });

  test("property: u16 → fixed → u16 never increases and loses at most 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), (x) => {
        const back = fixedProportionToU16(u16ProportionToFixed(x));
        return back <= x && back >= x - 1;
      }),
    );
  });
});

describe("substrate-fixed exp", () => {
  test("special cases", () => {
    assert.equal(expI32F32(0n), F);
    assert.equal(expI32F32(F), E_I32F32_BITS);
    assert.equal(E_I32F32_BITS, 22_802_600n << 9n);
  });

  /** The same 32-term Taylor polynomial evaluated exactly (rational), in I32F32 bits, floored. */
  function exactTaylorBits(x: bigint): bigint {
    const y = x < 0n ? -x : x;
    // Σ_{i=0}^{31} y^i / (2^{32i} i!) scaled by 2^32, over the common denominator 2^{32·31}·31!.
    let fact = 1n;
    for (let i = 2n; i <= 31n; i++) fact *= i;
    let num = 0n;
    let yPow = 1n;
    let iFact = 1n;
    for (let i = 0n; i <= 31n; i++) {
      if (i > 0n) {
        yPow *= y;
        iFact *= i;
      }
      num += (yPow << (32n * (31n - i))) * (fact / iFact);
    }
    const den = (1n << (32n * 31n)) * fact;
    const pos = (num << 32n) / den;
    return x < 0n ? (1n << 64n) / pos : pos;
  }

  test("property: equals the exact 32-term Taylor polynomial up to its floors", () => {
    fc.assert(
      fc.property(fc.bigInt(-20n * F, 20n * F), (x) => {
        const r = expI32F32(x);
        assert.ok(r !== undefined);
        const exact = exactTaylorBits(x);
        // Every step rounds down, so the positive result never exceeds the exact value, and the
        // accumulated floors stay far below one part in a million.
        const tol = exact / 1_000_000n + 64n;
        if (x >= 0n) return r <= exact && exact - r <= tol;
        const d = r > exact ? r - exact : exact - r;
        return d <= tol;
      }),
    );
  });

  test("is close to e^x where 32 Taylor terms suffice (|x| ≤ 8)", () => {
    fc.assert(
      fc.property(fc.bigInt(-8n * F, 8n * F), (x) => {
        const got = Number(expI32F32(x)) / 2 ** 32;
        const want = Math.exp(Number(x) / 2 ** 32);
        return Math.abs(got - want) <= Math.max(want * 1e-6, 64 / 2 ** 32);
      }),
    );
  });

  test("overflow is an error, not a wrong value", () => {
    assert.equal(expI32F32(40n * F), undefined);
  });
});

describe("other widths", () => {
  test("U96F32 tao weight of the production default", () => {
    const tw = U96F32.safeDiv(U96F32.fromInt(971_718_665_099_567_868n), U96F32.fromInt((1n << 64n) - 1n));
    assert.equal(tw, (971_718_665_099_567_868n << 32n) / ((1n << 64n) - 1n));
    assert.ok(Math.abs(U96F32.toNumber(tw) - 0.052677) < 1e-6);
  });
});
