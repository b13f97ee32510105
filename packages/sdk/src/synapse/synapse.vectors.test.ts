// Byte-for-byte agreement with the Python SDK's Synapse: fixtures/python-synapse-vectors.json was written by
// bittensor 10.2.0's own class (see the generator beside it); every body, header and hash must match.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { z } from "zod";
import { parseHeaderInputs, synapseFromHeaders, synapseToHeaders } from "./headers.ts";
import { PY_REQUEST_JSON, PY_RESPONSE_JSON, pyFloatRepr, pyJsonDumps } from "./pyFormat.ts";
import { parsePyJson } from "./pyJson.ts";
import {
  BaseSynapse,
  bodyHash,
  defineSynapse,
  EMPTY_BODY_HASH,
  pythonInt,
  type SynapseType,
  synapseFromJson,
  synapseToJson,
  synapseToPy,
} from "./synapse.ts";

interface Vectors {
  float_repr: [number, string][];
  cases: {
    name: string;
    class: string;
    body_hash: string;
    headers: Record<string, string>;
    request_json: string;
    response_json: string;
  }[];
  header_cases: {
    name: string;
    class: string;
    headers: Record<string, string>;
    ok: boolean;
    synapse_json?: string;
  }[];
}

// Read with the bigint-aware parser: the fixture holds 19-digit nonces and 2^70.
const vectors = parsePyJson(
  readFileSync(new URL("./fixtures/python-synapse-vectors.json", import.meta.url), "utf8"),
) as unknown as Vectors;

// The TypeScript twins of the generator's Python classes.
const Dummy = defineSynapse("Dummy", {
  dummy_input: z.int(),
  dummy_output: z.int().nullable().default(null),
});
const Inner = z.object({ x: z.int(), label: z.string().default("in") });
const Mixed = defineSynapse(
  "Mixed",
  {
    text: z.string(),
    numbers: z.array(z.number()),
    ints: z.array(pythonInt()),
    pair: z.tuple([z.int(), z.string()]),
    single: z.tuple([z.number()]),
    meta: z.record(z.string(), z.any()),
    flag: z.boolean(),
    ratio: z.number(),
    big: z.bigint(),
    nested: Inner,
    maybe: z.string().nullable().default(null),
    scores: z.record(z.string(), z.number()).default({}),
  },
  {
    requiredHashFields: [
      "text",
      "numbers",
      "ints",
      "pair",
      "single",
      "meta",
      "flag",
      "ratio",
      "big",
      "nested",
      "maybe",
      "scores",
    ],
  },
);
const StreamPrompting = defineSynapse(
  "StreamPrompting",
  { roles: z.array(z.string()), messages: z.array(z.string()), completion: z.string().default("") },
  { requiredHashFields: ["messages"] },
);
const types: Record<string, SynapseType> = {
  Dummy,
  Mixed,
  StreamPrompting,
  Synapse: BaseSynapse,
} as unknown as Record<string, SynapseType>;

const withoutSizes = (h: Record<string, string>) =>
  Object.entries(h).filter(([k]) => k !== "header_size" && k !== "total_size");

describe("Python float repr", () => {
  for (const [x, repr] of vectors.float_repr) {
    test(repr, () => assert.equal(pyFloatRepr(x), repr));
  }
});

describe("synapses written by bittensor 10.2", () => {
  assert.ok(vectors.cases.length >= 10);
  for (const c of vectors.cases) {
    const type = types[c.class];
    test(`${c.name}: request body parses and re-serialises to the same bytes`, () => {
      const syn = synapseFromJson(type, c.request_json);
      assert.equal(synapseToJson(type, syn, PY_REQUEST_JSON), c.request_json);
    });
    test(`${c.name}: response body (Starlette) matches`, () => {
      const syn = synapseFromJson(type, c.request_json);
      assert.equal(synapseToJson(type, syn, PY_RESPONSE_JSON), c.response_json);
    });
    test(`${c.name}: body hash matches`, () => {
      const syn = synapseFromJson(type, c.response_json);
      assert.equal(bodyHash(type, syn), c.body_hash);
    });
    test(`${c.name}: to_headers matches, in Python's order`, () => {
      const syn = synapseFromJson(type, c.request_json);
      assert.deepEqual(withoutSizes(synapseToHeaders(type, syn)), Object.entries(c.headers));
    });
  }
});

describe("from_headers as bittensor 10.2 does it", () => {
  for (const c of vectors.header_cases) {
    const type = types[c.class];
    test(c.name, () => {
      if (!c.ok) {
        assert.throws(() => synapseFromHeaders(type, c.headers, { strictFields: true }));
        return;
      }
      const syn = synapseFromHeaders(type, c.headers, { strictFields: true });
      // Compared as the JSON text Python dumped, so int/float and None are judged exactly.
      assert.equal(pyJsonDumps(synapseToPy(type, syn as never), PY_REQUEST_JSON), c.synapse_json);
    });
  }
  test("substring keys and case rules", () => {
    const h = parseHeaderInputs([
      ["X-bt_header_axon_ip", "1.2.3.4"],
      ["BT_HEADER_AXON_PORT", "9"],
      ["Timeout", "3"],
    ]);
    assert.deepEqual(h.axon, { ip: "1.2.3.4" });
    assert.equal(h.timeout, "3");
  });
});

test("the empty body hash is Appendix A's", () => {
  const syn = Dummy.create({ dummy_input: 1 });
  assert.equal(bodyHash(Dummy, syn), EMPTY_BODY_HASH);
  assert.equal(EMPTY_BODY_HASH, "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
});
