// executeRuntimeApi's dispatch: finney's method names, inputs decoded with the declared codecs (malformed or
// trailing bytes refused with the method named), unknown methods left to the caller.

import assert from "node:assert/strict";
import { test } from "node:test";
import { u16 } from "@polkadot-api/substrate-bindings";
import { bittensorRuntimeApis, executeRuntimeApi } from "./index.ts";
import { buildFixture, NET } from "./testFixture.ts";

const s = buildFixture();

test("unknown methods answer undefined", () => {
  assert.equal(executeRuntimeApi(s, "SubnetInfoRuntimeApi_get_nothing", new Uint8Array()), undefined);
  assert.equal(executeRuntimeApi(s, "Core_version", new Uint8Array()), undefined);
});

test("malformed arguments throw an Error naming the method", () => {
  assert.throws(
    () => executeRuntimeApi(s, "NeuronInfoRuntimeApi_get_neuron", new Uint8Array([1, 0, 0])),
    /NeuronInfoRuntimeApi_get_neuron: malformed/,
  );
  assert.throws(
    () => executeRuntimeApi(s, "NeuronInfoRuntimeApi_get_neurons", new Uint8Array([1, 0, 0])),
    /NeuronInfoRuntimeApi_get_neurons: malformed/,
  );
  assert.throws(
    () => executeRuntimeApi(s, "SwapRuntimeApi_current_alpha_price_all", new Uint8Array([0])),
    /SwapRuntimeApi_current_alpha_price_all: takes no arguments/,
  );
  assert.throws(
    () => executeRuntimeApi(s, "StakeInfoRuntimeApi_get_stake_info_for_coldkey", new Uint8Array(31)),
    /StakeInfoRuntimeApi_get_stake_info_for_coldkey: malformed/,
  );
});

test("well-formed arguments answer SCALE bytes (get_neurons_lite starts with the compact count 3)", () => {
  const out = executeRuntimeApi(s, "NeuronInfoRuntimeApi_get_neurons_lite", u16.enc(NET));
  assert.ok(out);
  assert.equal(out[0], 3 << 2);
});

test("every declared method answers on the fixture without throwing", () => {
  const sample: Record<string, Uint8Array> = {};
  for (const api of bittensorRuntimeApis)
    for (const m of api.methods) {
      // Inputs: netuid 1 for u16s, mechanism 0, an empty index list, zero accounts, None options, 0 amounts.
      const parts = m.inputs.map(({ type }) => {
        const d = type.def as { tag: string; value: unknown };
        if (d.tag === "primitive") return type.codec.enc(d.value === "u16" ? NET : d.value === "u8" ? 0 : 0n);
        if (d.tag === "sequence") return new Uint8Array([0]);
        if (d.tag === "variant") return new Uint8Array([0]);
        return new Uint8Array(32);
      });
      const bytes = Buffer.concat(parts);
      const out = executeRuntimeApi(s, `${api.name}_${m.name}`, bytes);
      assert.ok(out, `${api.name}_${m.name}`);
      sample[m.name] = out;
    }
  assert.equal(Object.keys(sample).length, 3 + 4 + 17 + 4 + 1 + 4);
});
