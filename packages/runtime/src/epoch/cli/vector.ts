// `npm run -s yuma:vector -- PATH.json`: run the epoch on every step of a yuma-epoch-vector file and print
// one JSON array (one object per step, in the `expected` shape). Malformed input: one line on stderr, exit 2.

import { runVectorCli } from "../../vectorCli.ts";
import { epochMechanism, epochWithMechanisms } from "../index.ts";
import { encodeEpochOutput, encodeMultiMechanismOutput, parseVectorFile } from "../vectorFormat.ts";

runVectorCli("yuma:vector", (json) =>
  parseVectorFile(json).map((s) =>
    s.kind === "single"
      ? encodeEpochOutput(epochMechanism(s.inputs))
      : encodeMultiMechanismOutput(epochWithMechanisms(s.inputs)),
  ),
);
