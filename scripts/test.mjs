#!/usr/bin/env node
// Runs every *.test.ts under packages/ (and apps/, subnets/, sim/ when they exist) with node:test through tsx.
// Node 20's test runner has no glob support, so the files are listed here. Extra arguments are passed on
// (e.g. `npm test -- --test-name-pattern=yuma`); a path argument ending in .ts limits the run to those files.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const roots = ["packages", "apps", "subnets", "sim"].filter((r) => existsSync(r));
const skipDirs = new Set(["node_modules", "dist", "fixtures", ".git"]);

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skipDirs.has(entry.name)) walk(join(dir, entry.name), out);
    } else if (entry.name.endsWith(".test.ts")) out.push(join(dir, entry.name));
  }
  return out;
}

const args = process.argv.slice(2);
const explicit = args.filter((a) => a.endsWith(".ts"));
const flags = args.filter((a) => !a.endsWith(".ts"));
const files = explicit.length > 0 ? explicit : roots.flatMap((r) => walk(r, [])).sort();
if (files.length === 0) {
  console.error("test: no *.test.ts files found");
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", ...flags, ...files], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
