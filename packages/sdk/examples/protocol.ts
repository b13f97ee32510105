// The subnet template's `Dummy` synapse (template/protocol.py) in TypeScript: the same class name, so the
// same route, fields and bytes as the Python template's miners and validators.

import { defineSynapse } from "@opentao/sdk";
import { z } from "zod";

/** `dummy_input` is required (sent by the validator); `dummy_output` is filled by the miner. */
export const Dummy = defineSynapse(
  "Dummy",
  { dummy_input: z.int(), dummy_output: z.int().nullable().default(null) },
  { deserialize: (s) => s.dummy_output },
);
