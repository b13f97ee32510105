// recycle_alpha / burn_alpha and increase_take / decrease_take through the executive: effects, events and every
// error by name with the state byte-identical.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { systemEvents } from "../../../runtime/definition.ts";
import { storage as balances } from "../../balances/pallet.ts";
import { storage as st } from "../pallet.ts";
import { subnetAccountBalance } from "../subnetAccount.ts";
import { stakeOf } from "./stakeUtils.ts";
import {
  balancesTransfers,
  call,
  ck,
  hk,
  run,
  snapshot,
  stakingFixture,
  subtensorEvents,
  TAO,
} from "./testState.ts";

function staked() {
  const f = stakingFixture();
  assert.equal(
    run(f, ck(0), call("add_stake", { hotkey: hk(0), netuid: 1, amount_staked: 100n * TAO })),
    "ok",
  );
  assert.equal(
    run(f, ck(0), call("add_stake", { hotkey: hk(0), netuid: 0, amount_staked: 10n * TAO })),
    "ok",
  );
  systemEvents.set(f.s, []);
  return f;
}
const destroy = (name: string, netuid: number, amount: bigint, hotkey = hk(0)) =>
  call(name, { hotkey, amount, netuid });

describe("recycle_alpha / burn_alpha", () => {
  test("recycling lowers SubnetAlphaOut; burning leaves it; both take from the position", () => {
    const f = staked();
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    const out = st.SubnetAlphaOut.get(f.s, 1);
    const [account, issuance, subtensorIssuance] = [
      subnetAccountBalance(f.s, 1),
      balances.TotalIssuance.get(f.s),
      st.TotalIssuance.get(f.s),
    ];
    assert.equal(run(f, ck(0), destroy("recycle_alpha", 1, TAO)), "ok");
    assert.equal(st.SubnetAlphaOut.get(f.s, 1), out - TAO);
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), alpha - TAO);
    assert.equal(run(f, ck(0), destroy("burn_alpha", 1, TAO)), "ok");
    assert.equal(st.SubnetAlphaOut.get(f.s, 1), out - TAO);
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), alpha - 2n * TAO);
    assert.deepEqual(subtensorEvents(f.s), [
      ["AlphaRecycled", [ck(0), hk(0), TAO, 1]],
      ["AlphaBurned", [ck(0), hk(0), TAO, 1]],
    ]);
    // Only alpha is destroyed: no TAO moves, the subnet account and both issuance counters are untouched.
    assert.deepEqual(balancesTransfers(f.s), []);
    assert.equal(subnetAccountBalance(f.s, 1), account);
    assert.equal(balances.TotalIssuance.get(f.s), issuance);
    assert.equal(st.TotalIssuance.get(f.s), subtensorIssuance);
  });

  test("the amount is capped at the position", () => {
    const f = staked();
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    assert.equal(run(f, ck(0), destroy("recycle_alpha", 1, alpha * 3n)), "ok");
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), 0n);
    assert.deepEqual(subtensorEvents(f.s), [["AlphaRecycled", [ck(0), hk(0), alpha, 1]]]);
  });

  test("each check fails with the chain's error, in order, leaving the state byte-identical", () => {
    const f = staked();
    st.SubtokenEnabled.set(f.s, 2, false);
    const before = snapshot(f.s);
    for (const name of ["recycle_alpha", "burn_alpha"]) {
      const cases: Array<[ReturnType<typeof destroy>, string]> = [
        [destroy(name, 9, TAO), "SubtensorModule.SubnetNotExists"],
        [destroy(name, 0, TAO), "SubtensorModule.CannotBurnOrRecycleOnRootSubnet"],
        [destroy(name, 2, TAO), "SubtensorModule.SubtokenDisabled"],
        [destroy(name, 1, TAO, hk(9)), "SubtensorModule.HotKeyAccountNotExists"],
      ];
      for (const [c, expected] of cases) {
        assert.equal(run(f, ck(0), c), expected);
        assert.deepEqual(snapshot(f.s), before, expected);
      }
    }
    // SubnetAlphaOut below the (capped) amount: only possible when the books disagree.
    st.SubnetAlphaOut.set(f.s, 1, 5n);
    const skewed = snapshot(f.s);
    assert.equal(run(f, ck(0), destroy("recycle_alpha", 1, TAO)), "SubtensorModule.InsufficientLiquidity");
    assert.deepEqual(snapshot(f.s), skewed);
  });
});

describe("increase_take / decrease_take", () => {
  const take = (name: string, value: number, hotkey = hk(0)) => call(name, { hotkey, take: value });

  test("decrease is immediate and restarts the clock; increase waits TxDelegateTakeRateLimit blocks", () => {
    const f = stakingFixture();
    assert.equal(run(f, ck(0), take("decrease_take", 1_000)), "ok");
    assert.equal(st.Delegates.get(f.s, hk(0)), 1_000);
    assert.equal(
      st.LastRateLimitedBlock.get(f.s, { type: "LastTxBlockDelegateTake", value: hk(0) }),
      BigInt(f.block),
    );
    const before = snapshot(f.s);
    assert.equal(run(f, ck(0), take("increase_take", 2_000)), "SubtensorModule.DelegateTxRateLimitExceeded");
    assert.deepEqual(snapshot(f.s), before);
    st.TxDelegateTakeRateLimit.set(f.s, 0n);
    assert.equal(run(f, ck(0), take("increase_take", 2_000)), "ok");
    assert.equal(st.Delegates.get(f.s, hk(0)), 2_000);
    assert.deepEqual(subtensorEvents(f.s), [
      ["TakeDecreased", [ck(0), hk(0), 1_000]],
      ["TakeIncreased", [ck(0), hk(0), 2_000]],
    ]);
  });

  test("each check fails with the chain's error, leaving the state byte-identical", () => {
    const f = stakingFixture();
    st.Delegates.set(f.s, hk(0), 5_000);
    st.MinDelegateTake.set(f.s, 100);
    const before = snapshot(f.s);
    const cases: Array<[Uint8Array, ReturnType<typeof take>, string]> = [
      [ck(0), take("increase_take", 6_000, hk(9)), "SubtensorModule.HotKeyAccountNotExists"],
      [ck(1), take("increase_take", 6_000), "SubtensorModule.NonAssociatedColdKey"],
      [ck(0), take("increase_take", 5_000), "SubtensorModule.DelegateTakeTooLow"],
      [ck(0), take("increase_take", 11_797), "SubtensorModule.DelegateTakeTooHigh"],
      [ck(0), take("decrease_take", 5_000), "SubtensorModule.DelegateTakeTooLow"],
      [ck(0), take("decrease_take", 99), "SubtensorModule.DelegateTakeTooLow"],
      [ck(1), take("decrease_take", 10), "SubtensorModule.NonAssociatedColdKey"],
    ];
    for (const [who, c, expected] of cases) {
      assert.equal(run(f, who, c), expected);
      assert.deepEqual(snapshot(f.s), before, expected);
    }
  });
});
