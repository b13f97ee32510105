// `npm run -s econ:vector -- PATH.json`: run every case of an economics vector file and print one JSON array
// (one object per case, in the `expected` shape). Malformed input: one line on stderr, exit 2.

import { readFileSync } from "node:fs";
import { VectorFormatError } from "./format.ts";
import { runEconomicsFile } from "./run.ts";

function fail(message: string): never {
  process.stderr.write(`econ:vector: ${message.replace(/\s+/g, " ")}\n`);
  process.exit(2);
}

const path = process.argv[2];
if (!path || process.argv.length > 3) fail("usage: npm run -s econ:vector -- PATH.json");

let text: string;
try {
  text = readFileSync(path, "utf8");
} catch (e) {
  fail(`cannot read ${path}: ${(e as Error).message}`);
}
let json: unknown;
try {
  json = JSON.parse(text);
} catch (e) {
  fail(`${path} is not valid JSON: ${(e as Error).message}`);
}
let out: unknown[];
try {
  out = runEconomicsFile(json);
} catch (e) {
  if (e instanceof VectorFormatError) fail(`${path}: malformed field ${e.message}`);
  throw e;
}
process.stdout.write(`${JSON.stringify(out)}\n`);
