// The `yuma:vector` command, run as a user would: a real file in, one JSON array out; bad input, exit 2.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, "vector.ts");
const fixtures = join(here, "../../../fixtures/yuma");

function run(path: string) {
  return spawnSync(process.execPath, ["--import", "tsx", script, path], { encoding: "utf8" });
}

test("prints one object per step with the expected fields", () => {
  const file = join(fixtures, "11_mechanisms_uneven_split.json");
  const r = run(file);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const vector = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(out.length, vector.steps.length);
  assert.deepStrictEqual(out[0].aggregate, vector.steps[0].expected.aggregate);
  assert.deepStrictEqual(out[0].mechanism_emissions, vector.steps[0].expected.mechanism_emissions);
});

test("a malformed file gets one line naming the field, exit 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "yuma-vector-"));
  const vector = JSON.parse(readFileSync(join(fixtures, "01_logs_simple_no_weights.json"), "utf8"));
  vector.steps[0].inputs.hyperparameters.kappa = "half";
  const bad = join(dir, "bad.json");
  writeFileSync(bad, JSON.stringify(vector));
  const r = run(bad);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, "");
  const lines = r.stderr
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("yuma:vector"));
  assert.equal(lines.length, 1);
  assert.match(lines[0], /steps\[0\]\.inputs\.hyperparameters\.kappa/);
});

test("invalid JSON and a missing file are reported, exit 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "yuma-vector-"));
  const bad = join(dir, "garbage.json");
  writeFileSync(bad, "{ not json");
  const r1 = run(bad);
  assert.equal(r1.status, 2);
  assert.match(r1.stderr, /not valid JSON/);
  const r2 = run(join(dir, "absent.json"));
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /cannot read/);
});

test("weights of the wrong length are rejected with the field path", () => {
  const dir = mkdtempSync(join(tmpdir(), "yuma-vector-"));
  const vector = JSON.parse(readFileSync(join(fixtures, "02_logs_two_distinct_servers.json"), "utf8"));
  vector.steps[0].inputs.weights.pop();
  const bad = join(dir, "short.json");
  writeFileSync(bad, JSON.stringify(vector));
  const r = run(bad);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /steps\[0\]\.inputs\.weights: expected 5 entries, got 4/);
});
