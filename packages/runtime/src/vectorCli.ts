// The shared shell of the `*:vector` commands: read one JSON file named on the command line, run it, print
// one JSON array; any input problem is one line on stderr and exit code 2, as the issues specify.

import { readFileSync } from "node:fs";

/** Errors a vector parser throws for malformed input carry this name (and the field path in the message). */
const FORMAT_ERROR = "VectorFormatError";

export function runVectorCli(tool: string, run: (json: unknown) => unknown[]): void {
  const fail = (message: string): never => {
    process.stderr.write(`${tool}: ${message.replace(/\s+/g, " ")}\n`);
    process.exit(2);
  };
  const path = process.argv[2];
  if (!path || process.argv.length > 3) fail(`usage: npm run -s ${tool} -- PATH.json`);
  let text = "";
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
  let out: unknown[] = [];
  try {
    out = run(json);
  } catch (e) {
    if (e instanceof Error && e.name === FORMAT_ERROR) fail(`${path}: malformed field ${e.message}`);
    throw e;
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
