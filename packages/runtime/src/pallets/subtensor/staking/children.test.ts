// set_children scheduling and applyPendingChildKeys, set_childkey_take, the root-only childkey settings and
// Swap.set_fee_rate: effects, events and every error by name with the state byte-identical.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RuntimeCallValue } from "../../../runtime/executive.ts";
import { storage as swapStorage } from "../../swap/pallet.ts";
import { storage as st } from "../pallet.ts";
import { applyPendingChildKeys } from "./children.ts";
import { call, ck, hk, run, snapshot, stakingFixture, subtensorEvents } from "./testState.ts";

const U64_MAX = (1n << 64n) - 1n;
const setChildren = (children: Array<[bigint, Uint8Array]>, hotkey = hk(0), netuid = 1) =>
  call("set_children", { hotkey, netuid, children });

describe("set_children", () => {
  test("schedules behind the cooldown; applyPendingChildKeys links both directions once it has passed", () => {
    const f = stakingFixture({ accounts: 4 });
    const children: Array<[bigint, Uint8Array]> = [
      [U64_MAX / 2n, hk(2)],
      [U64_MAX / 4n, hk(1)],
    ];
    assert.equal(run(f, ck(0), setChildren(children)), "ok");
    const due = BigInt(f.block) + 7_200n;
    assert.deepEqual(st.PendingChildKeys.get(f.s, 1, hk(0)), [children, due]);
    assert.deepEqual(subtensorEvents(f.s), [["SetChildrenScheduled", [hk(0), 1, due, children]]]);
    applyPendingChildKeys(f.s, Number(due));
    assert.equal(st.ChildKeys.has(f.s, hk(0), 1), false, "not before the cooldown block has passed");
    const events: unknown[] = [];
    applyPendingChildKeys(f.s, Number(due) + 1, { deposit: (_p, e, v) => events.push([e, v]) });
    // Children are stored in account order (the chain's BTreeMap), each child lists the parent.
    assert.deepEqual(st.ChildKeys.get(f.s, hk(0), 1), [children[1], children[0]]);
    assert.deepEqual(st.ParentKeys.get(f.s, hk(2), 1), [[U64_MAX / 2n, hk(0)]]);
    assert.deepEqual(st.ParentKeys.get(f.s, hk(1), 1), [[U64_MAX / 4n, hk(0)]]);
    assert.equal(st.PendingChildKeys.has(f.s, 1, hk(0)), false);
    assert.deepEqual(events, [["SetChildren", [hk(0), 1, children]]]);

    // Replacing the children unlinks the dropped one.
    st.TransactionKeyLastBlock.set(f.s, hk(0), 1, 0, 0n);
    assert.equal(run(f, ck(0), setChildren([[U64_MAX, hk(3)]])), "ok");
    applyPendingChildKeys(f.s, Number(due) + 10_000, { netuid: 1 });
    assert.deepEqual(st.ChildKeys.get(f.s, hk(0), 1), [[U64_MAX, hk(3)]]);
    assert.equal(st.ParentKeys.has(f.s, hk(1), 1), false);
    assert.equal(st.ParentKeys.has(f.s, hk(2), 1), false);
    assert.deepEqual(st.ParentKeys.get(f.s, hk(3), 1), [[U64_MAX, hk(0)]]);
  });

  test("before start_call (subtoken disabled) the children apply at once", () => {
    const f = stakingFixture();
    st.SubtokenEnabled.set(f.s, 1, false);
    assert.equal(run(f, ck(0), setChildren([[1_000n, hk(1)]])), "ok");
    assert.deepEqual(st.ChildKeys.get(f.s, hk(0), 1), [[1_000n, hk(1)]]);
    assert.deepEqual(subtensorEvents(f.s), [["SetChildren", [hk(0), 1, [[1_000n, hk(1)]]]]]);
  });

  test("each check fails with the chain's error, in order, leaving the state byte-identical", () => {
    const f = stakingFixture({ accounts: 7 });
    st.ParentKeys.set(f.s, hk(0), 1, [[5n, hk(6)]]);
    st.ChildKeys.set(f.s, hk(6), 1, [[5n, hk(0)]]);
    st.StakeThreshold.set(f.s, 1n);
    st.TransactionKeyLastBlock.set(f.s, hk(5), 1, 0, BigInt(f.block - 10));
    const before = snapshot(f.s);
    const six = [1, 2, 3, 4, 5].map((i) => [1n, hk(i)] as [bigint, Uint8Array]);
    const cases: Array<[Uint8Array, RuntimeCallValue, string]> = [
      [ck(5), setChildren([[1n, hk(1)]], hk(5)), "SubtensorModule.TxRateLimitExceeded"],
      [ck(0), setChildren([[1n, hk(1)]], hk(0), 0), "SubtensorModule.RegistrationNotPermittedOnRootSubnet"],
      [ck(0), setChildren([[1n, hk(1)]], hk(0), 9), "SubtensorModule.SubnetNotExists"],
      [ck(1), setChildren([[1n, hk(1)]]), "SubtensorModule.NonAssociatedColdKey"],
      [
        ck(0),
        setChildren([
          [1n, hk(1)],
          [2n, hk(1)],
        ]),
        "SubtensorModule.DuplicateChild",
      ],
      [ck(0), setChildren([[1n, hk(0)]]), "SubtensorModule.InvalidChild"],
      [ck(0), setChildren([...six, [1n, hk(7)]]), "SubtensorModule.TooManyChildren"],
      [
        ck(0),
        setChildren([
          [U64_MAX, hk(1)],
          [1n, hk(2)],
        ]),
        "SubtensorModule.ProportionOverflow",
      ],
      [ck(0), setChildren([[1n, hk(6)]]), "SubtensorModule.ChildParentInconsistency"],
      [ck(0), setChildren([[1n, hk(1)]]), "SubtensorModule.NotEnoughStakeToSetChildkeys"],
    ];
    for (const [who, c, expected] of cases) {
      assert.equal(run(f, who, c), expected);
      assert.deepEqual(snapshot(f.s), before, expected);
    }
    // The subnet owner's hotkey needs no stake; an empty list needs none either.
    st.SubnetOwnerHotkey.set(f.s, 1, hk(0));
    assert.equal(run(f, ck(0), setChildren([[1n, hk(1)]])), "ok");
    st.SubnetOwnerHotkey.set(f.s, 1, hk(1));
    st.TransactionKeyLastBlock.set(f.s, hk(0), 1, 0, 0n);
    assert.equal(run(f, ck(0), setChildren([])), "ok");
  });
});

describe("set_childkey_take and the root-only settings", () => {
  const take = (value: number, who = hk(0)) =>
    call("set_childkey_take", { hotkey: who, netuid: 1, take: value });

  test("within [MinChildkeyTake, MaxChildkeyTake]; increases are rate-limited, decreases are not", () => {
    const f = stakingFixture();
    assert.equal(run(f, ck(0), take(3_000)), "ok");
    assert.equal(st.ChildkeyTake.get(f.s, hk(0), 1), 3_000);
    assert.deepEqual(subtensorEvents(f.s), [["ChildKeyTakeSet", [hk(0), 3_000]]]);
    const before = snapshot(f.s);
    assert.equal(run(f, ck(0), take(4_000)), "SubtensorModule.TxChildkeyTakeRateLimitExceeded");
    assert.equal(run(f, ck(0), take(11_797)), "SubtensorModule.InvalidChildkeyTake");
    assert.equal(run(f, ck(1), take(1_000)), "SubtensorModule.NonAssociatedColdKey");
    assert.deepEqual(snapshot(f.s), before);
    assert.equal(run(f, ck(0), take(2_000)), "ok");
    assert.equal(st.ChildkeyTake.get(f.s, hk(0), 1), 2_000);
  });

  test("root sets the cooldown, the childkey take bounds and rate limit; anyone else gets BadOrigin", () => {
    const f = stakingFixture();
    const calls: Array<[RuntimeCallValue, () => unknown, unknown, string | undefined]> = [
      [
        call("set_pending_childkey_cooldown", { cooldown: 15n }),
        () => st.PendingChildKeyCooldown.get(f.s),
        15n,
        undefined,
      ],
      [
        call("sudo_set_min_childkey_take", { take: 100 }),
        () => st.MinChildkeyTake.get(f.s),
        100,
        "MinChildKeyTakeSet",
      ],
      [
        call("sudo_set_max_childkey_take", { take: 9_000 }),
        () => st.MaxChildkeyTake.get(f.s),
        9_000,
        "MaxChildKeyTakeSet",
      ],
      [
        call("sudo_set_tx_childkey_take_rate_limit", { tx_rate_limit: 5n }),
        () => st.TxChildkeyTakeRateLimit.get(f.s),
        5n,
        "TxChildKeyTakeRateLimitSet",
      ],
    ];
    const before = snapshot(f.s);
    for (const [c] of calls) assert.equal(run(f, ck(0), c), "BadOrigin");
    assert.deepEqual(snapshot(f.s), before);
    for (const [c, read, expected, event] of calls) {
      assert.equal(run(f, "root", c), "ok");
      assert.equal(read(), expected);
      if (event) assert.deepEqual(subtensorEvents(f.s).at(-1), [event, expected]);
    }
    // The new bounds apply to set_childkey_take.
    assert.equal(run(f, ck(0), take(99)), "SubtensorModule.InvalidChildkeyTake");
    assert.equal(run(f, ck(0), take(9_001)), "SubtensorModule.InvalidChildkeyTake");
  });
});

describe("Swap.set_fee_rate", () => {
  const feeCall = (netuid: number, rate: number): RuntimeCallValue => ({
    type: "Swap",
    value: { type: "set_fee_rate", value: { netuid, rate } },
  });

  test("root only, on an existing subnet, at most MaxFeeRate 10,000", () => {
    const f = stakingFixture();
    const before = snapshot(f.s);
    assert.equal(run(f, ck(0), feeCall(1, 100)), "BadOrigin");
    assert.equal(run(f, "root", feeCall(9, 100)), "Swap.MechanismDoesNotExist");
    assert.equal(run(f, "root", feeCall(1, 10_001)), "Swap.FeeRateTooHigh");
    assert.deepEqual(snapshot(f.s), before);
    assert.equal(run(f, "root", feeCall(1, 10_000)), "ok");
    assert.equal(swapStorage.FeeRate.get(f.s, 1), 10_000);
  });
});
