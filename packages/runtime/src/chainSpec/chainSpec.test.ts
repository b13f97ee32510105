// The built-in chain specs and the genesis they produce; malformed specs are refused with the field named.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { storage as balances } from "../pallets/balances/pallet.ts";
import { storage as sudo } from "../pallets/sudo/pallet.ts";
import { storage as system } from "../pallets/system/pallet.ts";
import { builtInChainSpec, genesisState, parseChainSpec } from "./chainSpec.ts";

test("dev endows //Alice … //Ferdie and makes //Alice sudo", async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: "sr25519" });
  const spec = builtInChainSpec("dev");
  assert.equal(spec.chainType, "Development");
  assert.equal(spec.runtime.allowLoopback, true);
  const names = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"];
  assert.deepEqual(
    spec.genesis.balances.map(([who]) => Buffer.from(who).toString("hex")),
    names.map((n) => Buffer.from(keyring.addFromUri(`//${n}`).publicKey).toString("hex")),
  );
  const s = genesisState(spec);
  const alice = keyring.addFromUri("//Alice").publicKey;
  assert.equal(system.Account.get(s, alice).data.free, 1_000_000n * 1_000_000_000n);
  assert.equal(balances.TotalIssuance.get(s), 6n * 1_000_000n * 1_000_000_000n);
  assert.deepEqual(sudo.Key.get(s), alice);
});

test("local is a smaller network with the same sudo", () => {
  const spec = builtInChainSpec("local");
  assert.equal(spec.chainType, "Local");
  assert.equal(spec.genesis.balances.length, 2);
});

test("malformed specs name the field", () => {
  const good = { name: "x", id: "x", chainType: "Local", genesis: { balances: [] } };
  assert.doesNotThrow(() => parseChainSpec(good));
  const cases: Array<[unknown, RegExp]> = [
    [{ ...good, chainType: "Prod" }, /chainType/],
    [
      { ...good, genesis: { balances: [["0x12", "1000"]] } },
      /genesis\.balances\[0\]\[0\]: expected a 32-byte account id/,
    ],
    [{ ...good, genesis: { balances: [[`0x${"11".repeat(32)}`, "499"]] } }, /below the existential deposit/],
    [
      { ...good, genesis: { balances: [[`0x${"11".repeat(32)}`, 1000]] } },
      /genesis\.balances\[0\]\[1\]: expected an amount in RAO/,
    ],
    [
      {
        ...good,
        genesis: {
          balances: [
            [`0x${"11".repeat(32)}`, "1000"],
            [`0x${"11".repeat(32)}`, "1000"],
          ],
        },
      },
      /genesis\.balances\[1\]\[0\]: account listed twice/,
    ],
    [{ ...good, genesis: { balances: [], sudo: "alice" } }, /genesis\.sudo/],
    [
      { ...good, runtime: { newSubnetEmissionEnabled: "yes" } },
      /runtime\.newSubnetEmissionEnabled: expected true or false/,
    ],
    [{ ...good, runtime: { newSubnetCommitRevealEnabled: 1 } }, /runtime\.newSubnetCommitRevealEnabled/],
    [{ ...good, runtime: { newSubnetTempo: 0 } }, /runtime\.newSubnetTempo/],
  ];
  for (const [spec, re] of cases) assert.throws(() => parseChainSpec(spec), re);
  assert.throws(() => builtInChainSpec("mainnet"), /no built-in chain spec "mainnet"/);
});

test("new-subnet choices: dev and local open subnets at once; unset fields keep HEAD's behaviour", () => {
  for (const name of ["dev", "local"]) {
    const { runtime } = builtInChainSpec(name);
    assert.equal(runtime.newSubnetEmissionEnabled, true, name);
    assert.equal(runtime.newSubnetCommitRevealEnabled, false, name);
    assert.equal(runtime.newSubnetTempo, undefined, name);
  }
  const bare = parseChainSpec({ name: "x", id: "x", chainType: "Live", genesis: { balances: [] } });
  assert.deepEqual(bare.runtime, { allowLoopback: false, emissionRule: "price" });
  const tuned = parseChainSpec({
    name: "x",
    id: "x",
    chainType: "Live",
    runtime: { newSubnetTempo: 10, newSubnetEmissionEnabled: false },
    genesis: { balances: [] },
  });
  assert.deepEqual(tuned.runtime, {
    allowLoopback: false,
    emissionRule: "price",
    newSubnetEmissionEnabled: false,
    newSubnetTempo: 10,
  });
});

test("the emission-share rule is a runtime choice of the spec: price by default, launch or flow on request", () => {
  const good = { name: "x", id: "x", chainType: "Local", genesis: { balances: [] } };
  assert.equal(builtInChainSpec("dev").runtime.emissionRule, "price");
  assert.equal(parseChainSpec(good).runtime.emissionRule, "price");
  assert.equal(parseChainSpec({ ...good, runtime: { emissionRule: "flow" } }).runtime.emissionRule, "flow");
  assert.equal(
    parseChainSpec({ ...good, runtime: { emissionRule: "launch" } }).runtime.emissionRule,
    "launch",
  );
  assert.throws(() => parseChainSpec({ ...good, runtime: { emissionRule: "tao" } }), /runtime\.emissionRule/);
});
