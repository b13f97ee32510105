// Property test over random registration sequences on a small subnet (random coldkeys and hotkeys, blocks,
// emissions): the uid ↔ hotkey maps stay a bijection, every per-uid vector has SubnetworkN entries, the owner
// keeps uid 0, TAO is conserved (free balances with the subnet account = issuance; the subnet account = the
// pool) and a refused call writes nothing.

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { storage as balances } from "../../balances/pallet.ts";
import { mechanismStorageIndex } from "../epoch/storage.ts";
import { storage as st } from "../storage.ts";
import { ck, hk, signed, TestChain } from "../subnets/testChain.ts";
import { registrationBlockStep } from "./blockStep.ts";

type Op =
  | { kind: "register"; cold: number; hot: number }
  | { kind: "blocks"; n: number }
  | { kind: "emission"; uid: number; value: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("register" as const),
      cold: fc.integer({ min: 0, max: 5 }),
      hot: fc.integer({ min: 0, max: 11 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("blocks" as const), n: fc.integer({ min: 1, max: 4 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("emission" as const),
      uid: fc.integer({ min: 0, max: 4 }),
      value: fc.integer({ min: 0, max: 3 }),
    }),
  },
);

function check(c: TestChain): void {
  const s = c.s;
  const n = st.SubnetworkN.get(s, 1);
  assert.ok(n <= st.MaxAllowedUids.get(s, 1));
  const uids = [...st.Uids.entries(s, 1)];
  assert.equal(uids.length, n);
  for (let uid = 0; uid < n; uid++) {
    const key = st.Keys.get(s, 1, uid);
    assert.equal(st.Uids.get(s, 1, key), uid);
    assert.equal(st.IsNetworkMember.get(s, key, 1), true);
  }
  assert.deepEqual(st.Keys.get(s, 1, 0), hk(0));
  for (const v of [st.Active, st.Emission, st.Consensus, st.Dividends, st.ValidatorTrust, st.ValidatorPermit])
    assert.equal((v.get(s, 1) as unknown[]).length, n);
  assert.equal(st.Incentive.get(s, mechanismStorageIndex(1, 0)).length, n);
  assert.equal(st.LastUpdate.get(s, mechanismStorageIndex(1, 0)).length, n);
  // The subnet account backs the pool exactly, and balances issuance is every free balance (coldkeys and the
  // subnet account; no block author here, so fees are burned from both sides).
  assert.equal(c.subnetFree(1), st.SubnetTAO.get(s, 1));
  let free = 0n;
  for (let i = 0; i < 6; i++) free += c.free(ck(i));
  assert.equal(free + c.subnetFree(1), balances.TotalIssuance.get(s));
  assert.equal(balances.TotalIssuance.get(s), st.TotalIssuance.get(s));
}

test("random registration sequences keep the neuron maps, vectors and TAO consistent", () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
      const c = new TestChain({}, 20n * 1_000_000_000n + 1_000n * 1_000_000_000n);
      assert.equal(c.call(signed(ck(0)), "register_network", { hotkey: hk(0) }), "ok");
      st.MaxAllowedUids.set(c.s, 1, 5);
      st.ImmunityPeriod.set(c.s, 1, 3);
      st.MinNonImmuneUids.set(c.s, 1, 1);
      let block = 1000;
      for (const o of ops) {
        if (o.kind === "blocks") {
          for (let i = 0; i < o.n; i++) {
            block += 1;
            c.goto(block);
            registrationBlockStep(c.s, block);
          }
        } else if (o.kind === "emission") {
          const e = st.Emission.get(c.s, 1);
          if (o.uid < e.length) {
            e[o.uid] = BigInt(o.value);
            st.Emission.set(c.s, 1, e);
          }
        } else {
          const before = c.fullSnapshot();
          const r = c.call(signed(ck(o.cold)), "burned_register", { netuid: 1, hotkey: hk(o.hot) });
          if (r !== "ok") assert.deepEqual(c.fullSnapshot(), before, r);
        }
        check(c);
      }
    }),
    { numRuns: 40 },
  );
});
