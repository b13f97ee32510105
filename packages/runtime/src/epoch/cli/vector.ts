// `npm run -s yuma:vector -- PATH.json`: run the epoch on every step of a yuma-epoch-vector file and print
// one JSON array (one object per step, in the `expected` shape). Malformed input: one line on stderr, exit 2.

import { readFileSync } from "node:fs";
import { epochMechanism, epochWithMechanisms } from "../index.ts";
import {
  encodeEpochOutput,
  encodeMultiMechanismOutput,
  parseVectorFile,
  VectorFormatError,
} from "../vectorFormat.ts";

function fail(message: string): never {
  process.stderr.write(`yuma:vector: ${message.replace(/\s+/g, " ")}\n`);
  process.exit(2);
}

const path = process.argv[2];
if (!path || process.argv.length > 3) fail("usage: npm run -s yuma:vector -- PATH.json");

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
let steps: ReturnType<typeof parseVectorFile>;
try {
  steps = parseVectorFile(json);
} catch (e) {
  if (e instanceof VectorFormatError) fail(`${path}: malformed field ${e.message}`);
  throw e;
}
const out = steps.map((s) =>
  s.kind === "single"
    ? encodeEpochOutput(epochMechanism(s.inputs))
    : encodeMultiMechanismOutput(epochWithMechanisms(s.inputs)),
);
process.stdout.write(`${JSON.stringify(out)}\n`);
