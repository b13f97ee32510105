// The `econ:vector` command, run as a user would: a real file in, one JSON array out; bad input, exit 2.
// It goes through `npm run -s`, exactly as the README tells a user to call it.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../../..");
const fixtures = join(here, "../../fixtures/economics");

/** Through npm, exactly as the README tells a user to run it. */
function run(path: string) {
  return spawnSync("npm", ["run", "-s", "econ:vector", "--", path], { cwd: root, encoding: "utf8" });
}

/** Drop `approx` (display only) so outputs compare on exact fields. */
function exact(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(exact);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== "approx")
        .map(([k, x]) => [k, exact(x)]),
    );
  }
  return v;
}

interface Vector {
  topic: string;
  cases: Array<{ input: Record<string, unknown> }>;
}

const stderrLines = (s: string) =>
  s
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("econ:vector"));

test("prints one object per case, equal to every file's expected outputs", () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith(".json"));
  assert.equal(files.length, 10);
  for (const f of ["swap.json", "emission_allocation.json", "staking.json", "registration_burn.json"]) {
    const r = run(join(fixtures, f));
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as unknown[];
    const vector = JSON.parse(readFileSync(join(fixtures, f), "utf8"));
    assert.equal(out.length, vector.cases.length, f);
    vector.cases.forEach((c: { id: string; expected: unknown }, k: number) => {
      assert.deepStrictEqual(exact(out[k]), exact(c.expected), `${f} ${c.id}`);
    });
  }
});

test("a malformed field gets one line naming it, exit 2, nothing on stdout", () => {
  const dir = mkdtempSync(join(tmpdir(), "econ-vector-"));
  const vector = JSON.parse(readFileSync(join(fixtures, "balancer.json"), "utf8"));
  vector.cases[3].input.tao_reserve = "a lot";
  const bad = join(dir, "bad.json");
  writeFileSync(bad, JSON.stringify(vector));
  const r = run(bad);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, "");
  const lines = stderrLines(r.stderr);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /cases\[3\]\.input\.tao_reserve/);
});

test("wrong fixed-point type, unknown op and unknown topic are each named", () => {
  const dir = mkdtempSync(join(tmpdir(), "econ-vector-"));
  const cases: Array<[string, (v: Vector) => void, RegExp]> = [
    [
      "moving_price.json",
      (v) => {
        (v.cases[1]!.input.spot_price as { type: string }).type = "I96F32";
      },
      /cases\[1\]\.input\.spot_price\.type/,
    ],
    [
      "swap.json",
      (v) => {
        v.cases[0]!.input.op = "teleport";
      },
      /cases\[0\]\.input\.op/,
    ],
    [
      "lock_cost.json",
      (v) => {
        v.topic = "lottery";
      },
      /\$\.topic/,
    ],
  ];
  for (const [file, mutate, field] of cases) {
    const vector = JSON.parse(readFileSync(join(fixtures, file), "utf8"));
    mutate(vector);
    const bad = join(dir, file);
    writeFileSync(bad, JSON.stringify(vector));
    const r = run(bad);
    assert.equal(r.status, 2, file);
    const lines = stderrLines(r.stderr);
    assert.equal(lines.length, 1, file);
    assert.match(lines[0]!, field);
  }
});

test("invalid JSON and a missing file are reported, exit 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "econ-vector-"));
  const bad = join(dir, "garbage.json");
  writeFileSync(bad, "{ not json");
  const r1 = run(bad);
  assert.equal(r1.status, 2);
  assert.match(r1.stderr, /not valid JSON/);
  const r2 = run(join(dir, "absent.json"));
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /cannot read/);
});
