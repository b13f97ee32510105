// Python's text forms: float repr (round trip and layout rule), str repr quoting and escapes, the JSON
// encoder styles, and the bigint-aware JSON reader; properties over random values plus pinned cases.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  PY_REQUEST_JSON,
  PY_RESPONSE_JSON,
  pyFloatRepr,
  pyJsonDumps,
  pyRepr,
  pyStr,
  pyStrRepr,
} from "./pyFormat.ts";
import { type JsonValue, PyJsonError, parsePyJson } from "./pyJson.ts";
import { inferPy } from "./pyModel.ts";

describe("repr(float)", () => {
  test("round-trips every finite double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        assert.ok(Object.is(Number(pyFloatRepr(x)), x));
      }),
      { numRuns: 5000 },
    );
  });
  test("scientific exactly when the exponent is < -4 or >= 16, with a signed two-digit exponent", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = pyFloatRepr(x);
        if (x === 0) return;
        const exp = Math.floor(Math.log10(Math.abs(Number(Math.abs(x).toExponential()))));
        const sci = exp < -4 || exp >= 16;
        assert.equal(/e[+-]\d\d/.test(r), sci, r);
        if (!sci) assert.match(r, /^-?\d+\.\d+$/);
      }),
      { numRuns: 5000 },
    );
  });
  test("pinned", () => {
    const cases: [number, string][] = [
      [1e-5, "1e-05"],
      [1e16, "1e+16"],
      [1e15, "1000000000000000.0"],
      [0.0001, "0.0001"],
      [-2.5, "-2.5"],
      [1e100, "1e+100"],
      [Number.POSITIVE_INFINITY, "inf"],
      [Number.NEGATIVE_INFINITY, "-inf"],
      [Number.NaN, "nan"],
    ];
    for (const [x, r] of cases) assert.equal(pyFloatRepr(x), r);
  });
});

describe("repr(str)", () => {
  test("quote choice and escapes", () => {
    assert.equal(pyStrRepr("a"), "'a'");
    assert.equal(pyStrRepr("it's"), `"it's"`);
    assert.equal(pyStrRepr(`it's "x"`), `'it\\'s "x"'`);
    assert.equal(pyStrRepr("\\"), "'\\\\'");
    assert.equal(pyStrRepr("\u0000\u001f\u007f\u0080\u00a0\u00ad"), "'\\x00\\x1f\\x7f\\x80\\xa0\\xad'");
    assert.equal(pyStrRepr("\u2028\u200b\ufeff"), "'\\u2028\\u200b\\ufeff'");
    assert.equal(pyStrRepr("\u{e0001}\u{10ffff}"), "'\\U000e0001\\U0010ffff'");
    assert.equal(pyStrRepr("é漢😀 "), "'é漢😀 '");
    assert.equal(pyStrRepr("\ud800"), "'\\ud800'");
  });
  test("containers: str() of a top-level string is the string, inside it is its repr", () => {
    assert.equal(pyStr({ t: "str", v: "x'y" }), "x'y");
    const v = inferPy({ a: ["x", 1, 1.5, null, true], b: {} });
    assert.equal(pyRepr(v), "{'a': ['x', 1, 1.5, None, True], 'b': {}}");
    assert.equal(pyRepr({ t: "tuple", v: [{ t: "int", v: 1n }] }), "(1,)");
    assert.equal(pyRepr({ t: "tuple", v: [] }), "()");
  });
});

describe("json.dumps styles", () => {
  const v = inferPy({ s: "é\n\u007f", n: [1, 0.5], k: null });
  test("aiohttp request style: ', ' and ': ', ASCII only", () => {
    assert.equal(pyJsonDumps(v, PY_REQUEST_JSON), '{"s": "\\u00e9\\n\\u007f", "n": [1, 0.5], "k": null}');
  });
  test("Starlette response style: compact, UTF-8 kept", () => {
    assert.equal(pyJsonDumps(v, PY_RESPONSE_JSON), '{"s":"é\\n\u007f","n":[1,0.5],"k":null}');
  });
  test("astral characters become surrogate pairs under ensure_ascii", () => {
    assert.equal(pyJsonDumps({ t: "str", v: "😀" }, PY_REQUEST_JSON), '"\\ud83d\\ude00"');
  });
});

// Our reader keeps integer literals beyond 2^53 as exact bigints where JSON.parse rounds them; compare
// after rounding them the same way, and check that only such literals became bigints.
function lossy(v: unknown): unknown {
  if (typeof v === "bigint") {
    assert.ok(!Number.isSafeInteger(Number(v)), `${v} should have stayed a number`);
    return Number(v);
  }
  if (Array.isArray(v)) return v.map(lossy);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, lossy(x)]));
  return v;
}

describe("JSON reader", () => {
  test("agrees with JSON.parse, except that big integer literals stay exact", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        assert.deepEqual(lossy(parsePyJson(text)), JSON.parse(text));
      }),
      { numRuns: 1000 },
    );
  });
  test("reads its own encoder's output back, in both styles", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, compact) => {
        const text = pyJsonDumps(inferPy(v), compact ? PY_RESPONSE_JSON : PY_REQUEST_JSON);
        assert.deepEqual(lossy(parsePyJson(text)), JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 1000 },
    );
  });
  test("big integers stay exact; Python's NaN/Infinity literals; last duplicate wins", () => {
    assert.equal(parsePyJson("1750000000123456789"), 1750000000123456789n);
    assert.equal(parsePyJson("-1180591620717411303424"), -(2n ** 70n));
    assert.equal(parsePyJson("9007199254740991"), 9007199254740991);
    assert.equal(parsePyJson("1.0"), 1);
    assert.ok(Number.isNaN(parsePyJson("NaN") as number));
    assert.deepEqual(parsePyJson("[Infinity, -Infinity]"), [
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
    assert.deepEqual(parsePyJson('{"a": 1, "a": 2}'), { a: 2 });
    const o = parsePyJson('{"__proto__": 1}') as Record<string, JsonValue>;
    assert.equal(Object.getPrototypeOf(o), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(o, "__proto__")?.value, 1);
  });
  test("rejects what Python rejects", () => {
    for (const bad of [
      "",
      "{",
      "[1,]",
      "{'a': 1}",
      "01",
      "1 2",
      '"\u0001"',
      "nan",
      "tru",
      '{"a" 1}',
      "\ufeff{}",
    ]) {
      assert.throws(() => parsePyJson(bad), PyJsonError, JSON.stringify(bad));
    }
  });
});
