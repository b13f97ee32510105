// Every case of every shared economics vector file, every field of `expected`, exactly (fixed-point by bits).
// A failure names the file, the case id and the first diverging field.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseEconomicsFile, runEconomicsCase } from "./run.ts";

const dir = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/economics");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();

const isFixed = (v: unknown): v is { type: string; bits: string } =>
  typeof v === "object" && v !== null && "bits" in v && "type" in v;

/** Compare field by field so a failure names the file, the case and the first diverging path. */
function assertSameFields(actual: unknown, expected: unknown, path: string): void {
  if (isFixed(expected)) {
    assert.ok(isFixed(actual), `${path}: expected a fixed-point value, got ${JSON.stringify(actual)}`);
    assert.equal(actual.type, expected.type, `${path}.type differs`);
    assert.equal(actual.bits, expected.bits, `${path}.bits differs`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${path}: length differs`);
    expected.forEach((e, k) => {
      assertSameFields(actual[k], e, `${path}[${k}]`);
    });
    return;
  }
  if (expected !== null && typeof expected === "object") {
    assert.ok(actual !== null && typeof actual === "object", `${path}: expected an object, got ${actual}`);
    for (const key of Object.keys(expected)) {
      assert.ok(key in (actual as object), `${path}.${key}: missing from the computed output`);
      assertSameFields(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  assert.deepStrictEqual(actual, expected, `${path} differs`);
}

test("all 10 economics vector files are present, 74 cases in all", () => {
  assert.equal(files.length, 10);
  const total = files.reduce(
    (n, f) => n + parseEconomicsFile(JSON.parse(readFileSync(join(dir, f), "utf8"))).cases.length,
    0,
  );
  assert.equal(total, 74);
});

for (const file of files) {
  const vector = parseEconomicsFile(JSON.parse(readFileSync(join(dir, file), "utf8")));
  describe(file, () => {
    vector.cases.forEach((c, k) => {
      test(c.id, () => {
        const actual = runEconomicsCase(vector.topic, c, k);
        assertSameFields(actual, c.expected, `${file} ${c.id} expected`);
      });
    });
  });
}
