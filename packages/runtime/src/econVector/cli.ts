// `npm run -s econ:vector -- PATH.json`: run every case of an economics vector file and print one JSON array
// (one object per case, in the `expected` shape). Malformed input: one line on stderr, exit 2.

import { runVectorCli } from "../vectorCli.ts";
import { runEconomicsFile } from "./run.ts";

runVectorCli("econ:vector", runEconomicsFile);
