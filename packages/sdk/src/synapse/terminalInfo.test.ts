// pydantic's int()/float() casts on header and body values, which decide whether a request is 500 or not.

import assert from "node:assert/strict";
import { test } from "node:test";
import { pyFloatCast, pyIntCast, SynapseParseError, terminalInfoFrom } from "./terminalInfo.ts";

test("int(): whitespace, sign, underscores between digits; floats truncate; bools count", () => {
  assert.equal(pyIntCast(" 1_000 ", "f"), 1000n);
  assert.equal(pyIntCast("+5", "f"), 5n);
  assert.equal(pyIntCast("-0", "f"), 0n);
  assert.equal(pyIntCast(12.7, "f"), 12n);
  assert.equal(pyIntCast(-12.7, "f"), -12n);
  assert.equal(pyIntCast(true, "f"), 1n);
  assert.equal(pyIntCast(null, "f"), null);
  assert.equal(pyIntCast("1750000000123456789", "f"), 1750000000123456789n);
  for (const bad of ["1__0", "_1", "1_", "1.5", "2e2", "", "0x10", "abc"]) {
    assert.throws(() => pyIntCast(bad, "f"), SynapseParseError, bad);
  }
  assert.throws(() => pyIntCast(Number.POSITIVE_INFINITY, "f"), SynapseParseError);
  assert.throws(() => pyIntCast([1], "f"), SynapseParseError);
});

test("float(): Python's literal forms, inf/nan words, underscores", () => {
  const ok: [string, number][] = [
    ["12", 12],
    [" 12.5 ", 12.5],
    ["1_0.5", 10.5],
    [".5", 0.5],
    ["5.", 5],
    ["1e3", 1000],
    ["-1E-3", -0.001],
    ["inf", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["+INF", Number.POSITIVE_INFINITY],
  ];
  for (const [s, x] of ok) assert.equal(pyFloatCast(s, "f"), x, s);
  assert.ok(Number.isNaN(pyFloatCast("nan", "f")!));
  for (const bad of ["twelve", ".", "1..2", "e3", "1e", "0x1p3", "1_", "infinite"]) {
    assert.throws(() => pyFloatCast(bad, "f"), SynapseParseError, bad);
  }
});

test("TerminalInfo: unknown keys ignored, strings must be strings", () => {
  const t = terminalInfoFrom({ colour: "blue", port: "8091", process_time: "0.5", hotkey: "x" }, "axon");
  assert.equal(t.port, 8091);
  assert.equal(t.processTime, 0.5);
  assert.equal(t.hotkey, "x");
  assert.throws(() => terminalInfoFrom({ hotkey: 5 }, "axon"), SynapseParseError);
  assert.throws(() => terminalInfoFrom("x", "axon"), SynapseParseError);
  assert.equal(terminalInfoFrom(null, "axon").ip, null);
});
