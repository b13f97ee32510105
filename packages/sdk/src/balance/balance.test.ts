// Balance: Python-generated btcli/SDK display strings (fixtures/python-format.json), exact parsing and its
// errors, unit checks, arithmetic, and fast-check properties for parse/format round trips.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import fc from "fast-check";
import { Balance, BalanceError, nearestDouble, RAO_PER_TAO, TAO_SYMBOL } from "./balance.ts";

const LRM = "\u200e";
const rows: { rao: string; f4: string; f9: string }[] = JSON.parse(
  readFileSync(new URL("./fixtures/python-format.json", import.meta.url), "utf8"),
);
const code = (c: string) => (e: unknown) => e instanceof BalanceError && e.code === c;

describe("btcli and SDK strings, as Python prints them", () => {
  test(`${rows.length} Python-formatted values, ties and > 2^53 included`, () => {
    assert.ok(rows.length > 100);
    for (const row of rows) {
      const tao = Balance.fromRao(BigInt(row.rao));
      assert.equal(tao.toBtcliString(), `${LRM}${row.f4} ${TAO_SYMBOL}${LRM}`, row.rao);
      assert.equal(tao.toSdkString(), `${TAO_SYMBOL}${row.f9}`, row.rao);
      const alpha = tao.withUnit("\u03b1");
      assert.equal(alpha.toSdkString(), `${LRM}${row.f9}\u03b1${LRM}`, row.rao);
      assert.equal(tao.withUnit("\u03a4").toBtcliString(), `\u03a4 ${row.f4}`, row.rao);
    }
  });

  test("known cases read plainly", () => {
    assert.equal(Balance.fromTao("1.5").toBtcliString(), `${LRM}1.5000 τ${LRM}`);
    // 0.00015 TAO is a decimal tie, but the nearest double lies below it, so Python shows 0.0001.
    assert.equal(Balance.fromRao(150_000n).toBtcliString(), `${LRM}0.0001 τ${LRM}`);
    assert.equal(Balance.fromRao(150_000n).format(), "0.0002 τ");
  });

  test("the double behind the float formatting is the one JavaScript computes for safe integers", () => {
    fc.assert(
      fc.property(fc.bigInt(1n, (1n << 53n) - 1n), (rao) => {
        const { mantissa, exponent } = nearestDouble(rao, RAO_PER_TAO);
        assert.equal(Number(mantissa) * 2 ** exponent, Number(rao) / 1e9);
      }),
      { numRuns: 500 },
    );
  });
});

describe("parsing", () => {
  test("amounts people type, and what format prints", () => {
    const cases: [string, bigint][] = [
      ["1.5", 1_500_000_000n],
      ["τ1.5", 1_500_000_000n],
      ["1.5 τ", 1_500_000_000n],
      ["  2 ", 2_000_000_000n],
      [".5", 500_000_000n],
      ["5.", 5_000_000_000n],
      ["1,234.5", 1_234_500_000_000n],
      [`${LRM}1,234.5000 τ${LRM}`, 1_234_500_000_000n],
      ["0.000000001", 1n],
      ["1e-9", 1n],
      ["2.5E3", 2_500_000_000_000n],
      ["-1.25", -1_250_000_000n],
      ["+3", 3_000_000_000n],
      ["0.1000000000000", 100_000_000n],
    ];
    for (const [text, rao] of cases) assert.equal(Balance.parse(text).rao, rao, text);
    assert.equal(Balance.parse("1.5 α", "α").unit, "α");
    assert.equal(Balance.parse("1.5α", "α").rao, 1_500_000_000n);
  });

  test("rejections name the problem", () => {
    for (const text of ["", "abc", "1.2.3", "1,23", "12,3456", "τ", "1.5 β", "--1", "1e", "0x10"]) {
      assert.throws(() => Balance.parse(text), code("InvalidAmount"), text);
    }
    assert.throws(
      () => Balance.parse("1.0000000001"),
      (e: unknown) => code("InvalidAmount")(e) && /9 decimals/.test((e as Error).message),
    );
    assert.throws(
      () => Balance.parse("1.5 τ", "α"),
      code("InvalidAmount"),
      "a TAO amount is not an alpha amount",
    );
    assert.throws(() => Balance.fromRao(1.5), code("InvalidAmount"));
    assert.throws(() => Balance.fromRao("12.5"), code("InvalidAmount"));
    assert.throws(() => Balance.fromTao(Number.NaN), code("InvalidAmount"));
  });

  test("RAO and TAO constructors", () => {
    assert.equal(Balance.fromRao("123").rao, 123n);
    assert.equal(Balance.fromRao(123).rao, 123n);
    assert.equal(Balance.fromTao(2n).rao, 2_000_000_000n);
    assert.equal(Balance.fromTao(0.3).rao, 300_000_000n, "not 299999999 as int(0.3 * 1e9)");
    assert.equal(Balance.fromTao(0.1 + 0.2).rao, 300_000_000n, "rounded to the nearest RAO");
    assert.equal(Balance.fromTao(1e-10).rao, 0n);
    assert.equal(Balance.fromTao("21000000").rao, 21_000_000n * RAO_PER_TAO);
  });
});

describe("arithmetic and units", () => {
  const a = Balance.fromTao("1.5");
  const b = Balance.fromTao("0.25");

  test("operations", () => {
    assert.equal(a.add(b).rao, 1_750_000_000n);
    assert.equal(a.sub(b).rao, 1_250_000_000n);
    assert.equal(b.sub(a).rao, -1_250_000_000n);
    assert.equal(a.mul(3).rao, 4_500_000_000n);
    assert.equal(a.div(4n).rao, 375_000_000n);
    assert.equal(Balance.fromRao(7n).div(2).rao, 3n);
    assert.equal(a.mulDiv(1n, 3n).rao, 500_000_000n);
    assert.equal(b.sub(a).abs().rao, 1_250_000_000n);
    assert.equal(a.neg().rao, -1_500_000_000n);
    assert.ok(a.gt(b) && b.lt(a) && a.gte(a) && a.lte(a) && a.eq(Balance.fromRao(1_500_000_000n)));
    assert.equal(Balance.min(a, b), b);
    assert.equal(Balance.max(a, b), a);
    assert.ok(Balance.zero().isZero() && !a.isZero());
    assert.equal(a.tao, 1.5);
    assert.deepEqual(JSON.parse(JSON.stringify(a)), { rao: "1500000000", unit: "τ" });
  });

  test("mixing TAO with a subnet's alpha is refused", () => {
    const alpha = Balance.fromTao("1", "α");
    assert.throws(() => a.add(alpha), code("UnitMismatch"));
    assert.throws(() => a.lt(alpha), code("UnitMismatch"));
    assert.throws(() => a.div(0), code("DivisionByZero"));
    assert.throws(() => a.mulDiv(1n, 0n), code("DivisionByZero"));
    assert.throws(() => a.mul(1.5), code("InvalidAmount"));
  });

  test("format options", () => {
    const big = Balance.fromRao(1_234_567_891_234_567n);
    assert.equal(big.format(), "1,234,567.8912 τ");
    assert.equal(big.toString(), "1,234,567.8912 τ");
    assert.equal(big.format({ decimals: 9, grouping: false, symbol: "none" }), "1234567.891234567");
    assert.equal(big.format({ decimals: 2, symbol: "before" }), "τ1,234,567.89");
    assert.equal(big.format({ decimals: 0 }), "1,234,568 τ");
    assert.equal(big.format({ decimals: 12, symbol: "none", grouping: false }), "1234567.891234567000");
    assert.equal(Balance.fromRao(-50_000n).format(), "0.0000 τ", "rounds to zero without a minus sign");
    assert.equal(Balance.fromRao(-1n).toDecimalString(), "-0.000000001");
    assert.equal(Balance.fromRao(999_999_999_999_950_000n).format(), "1,000,000,000.0000 τ");
    assert.throws(() => big.format({ decimals: -1 }), RangeError);
  });
});

describe("properties", () => {
  const rao = fc.bigInt(-(1n << 80n), 1n << 80n);

  test("parse(format) is lossless at 9 decimals, in every layout", () => {
    fc.assert(
      fc.property(
        rao,
        fc.constantFrom("after", "before", "none") as fc.Arbitrary<"after" | "before" | "none">,
        fc.boolean(),
        (r, symbol, grouping) => {
          const x = Balance.fromRao(r);
          assert.equal(Balance.parse(x.format({ decimals: 9, symbol, grouping })).rao, r);
          assert.equal(Balance.parse(x.toDecimalString()).rao, r);
          assert.equal(Balance.fromTao(x.toDecimalString()).rao, r);
        },
      ),
    );
  });

  test("fewer decimals round to the nearest unit (half-even)", () => {
    fc.assert(
      fc.property(rao, fc.integer({ min: 0, max: 8 }), (r, decimals) => {
        const unit = 10n ** BigInt(9 - decimals);
        const back = Balance.parse(Balance.fromRao(r).format({ decimals })).rao;
        const diff = back - r;
        assert.ok(2n * (diff < 0n ? -diff : diff) <= unit);
        assert.equal(back % unit, 0n);
      }),
    );
  });

  test("btcli strings parse back to within half a display unit plus float error", () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 1n << 53n), (r) => {
        const diff = Balance.parse(Balance.fromRao(r).toBtcliString()).rao - r;
        assert.ok((diff < 0n ? -diff : diff) <= 50_001n);
      }),
    );
  });

  test("add/sub invert each other and compare follows bigint order", () => {
    fc.assert(
      fc.property(rao, rao, (x, y) => {
        const a = Balance.fromRao(x);
        const b = Balance.fromRao(y);
        assert.equal(a.add(b).sub(b).rao, x);
        assert.equal(a.compare(b), x < y ? -1 : x > y ? 1 : 0);
      }),
    );
  });
});
