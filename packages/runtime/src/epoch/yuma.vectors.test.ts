// Every step of every shared Yuma vector, every field of `expected` (trace included), bit for bit, on both
// the fast number path and the BigInt reference path.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { epochMechanism, epochWithMechanisms } from "./index.ts";
import { encodeEpochOutput, encodeMultiMechanismOutput, parseStepInputs } from "./vectorFormat.ts";
import { numberStageApplies } from "./yumaNumber.ts";

const dir = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/yuma");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();

interface Step {
  label: string;
  inputs: unknown;
  expected: Record<string, unknown>;
  asserted_upstream?: Array<Record<string, unknown>>;
}

/** Compare field by field so a failure names the first diverging path. */
function assertSameFields(actual: unknown, expected: unknown, path: string): void {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    assert.ok(actual !== null && typeof actual === "object", `${path}: missing object`);
    for (const key of Object.keys(expected)) {
      assert.ok(key in (actual as object), `${path}.${key}: missing from the engine's output`);
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

test("all 17 shared Yuma vector files are present", () => {
  assert.equal(files.length, 17);
});

for (const file of files) {
  const vector = JSON.parse(readFileSync(join(dir, file), "utf8")) as { steps: Step[]; chained: boolean };
  describe(file, () => {
    vector.steps.forEach((step, k) => {
      test(`step ${k}: ${step.label}`, () => {
        const parsed = parseStepInputs(step.inputs, `steps[${k}].inputs`);
        // Every vector must take the fast number path on its own, and the BigInt reference must agree too.
        const singles =
          parsed.kind === "single"
            ? [parsed.inputs]
            : parsed.inputs.mechanisms.map((m) => ({ ...parsed.inputs, ...m, raoEmission: 0n }));
        for (const inputs of singles) assert.ok(numberStageApplies(inputs), "the number path applies");
        for (const path of ["auto", "bigint"] as const) {
          const actual =
            parsed.kind === "single"
              ? encodeEpochOutput(epochMechanism(parsed.inputs, path))
              : encodeMultiMechanismOutput(epochWithMechanisms(parsed.inputs, path));
          assertSameFields(actual, step.expected, `[${path}] steps[${k}].expected`);
        }
      });
    });

    if (vector.chained && vector.steps.length > 1) {
      // Drive the state ourselves: step k's stored bonds and permits must be step k+1's inputs.
      test("chained steps: outputs feed the next step's bonds and permits", () => {
        for (let k = 0; k + 1 < vector.steps.length; k++) {
          const next = vector.steps[k + 1] as Step & { external_changes?: string[] };
          if (next.external_changes) continue;
          const exp = vector.steps[k].expected as Record<string, unknown>;
          const nextInputs = next.inputs as Record<string, unknown>;
          if ("mechanisms" in exp) continue;
          assert.deepStrictEqual(nextInputs.bonds, exp.bonds, `step ${k + 1} bonds`);
          assert.deepStrictEqual(
            nextInputs.validator_permit,
            exp.new_validator_permit,
            `step ${k + 1} permits`,
          );
        }
      });
    }
  });
}
