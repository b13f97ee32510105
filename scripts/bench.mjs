#!/usr/bin/env node
// Runs every *.bench.ts under packages/ (and apps/, subnets/, sim/ when present), one after another so
// they do not compete for the two cores. Each bench prints its own figures. `npm run bench -- yuma` filters.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const roots = ["packages", "apps", "subnets", "sim"].filter((r) => existsSync(r));
const skip = new Set(["node_modules", "dist", "fixtures", ".git"]);
function walk(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!skip.has(e.name)) walk(join(dir, e.name), out);
    } else if (e.name.endsWith(".bench.ts")) out.push(join(dir, e.name));
  }
  return out;
}
const filters = process.argv.slice(2);
const files = roots
  .flatMap((r) => walk(r, []))
  .sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", f], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
