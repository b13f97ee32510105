// remove_stake and its variants through the executive, checked against the pure unstake; unstake_all and
// unstake_all_alpha over several subnets; every error by name leaves the state byte-identical.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { systemEvents } from "../../../runtime/definition.ts";
import { unstakeFromSubnet } from "../../../staking/stakeUtils.ts";
import { MIN_PRICE_RAO, maxAmountRemove } from "../../../swap/swap.ts";
import { storage as balances } from "../../balances/pallet.ts";
import { storage as st } from "../pallet.ts";
import { readPosition, readSubnetPool } from "../pools.ts";
import { subnetAccountBalance, subnetAccountId } from "../subnetAccount.ts";
import { stakeOf } from "./stakeUtils.ts";
import {
  AUTHOR,
  balancesTransfers,
  call,
  ck,
  free,
  hk,
  run,
  type StakingFixture,
  snapshot,
  stakingFixture,
  subtensorEvents,
  TAO,
} from "./testState.ts";

const add = (netuid: number, amount: bigint, hotkey = hk(0)) =>
  call("add_stake", { hotkey, netuid, amount_staked: amount });
const remove = (netuid: number, amount: bigint, hotkey = hk(0)) =>
  call("remove_stake", { hotkey, netuid, amount_unstaked: amount });

function staked(opts: Parameters<typeof stakingFixture>[0] = {}): StakingFixture {
  const f = stakingFixture(opts);
  assert.equal(run(f, ck(0), add(1, 100n * TAO)), "ok");
  systemEvents.set(f.s, []);
  return f;
}

describe("remove_stake", () => {
  test("sells alpha for TAO credited to the coldkey; the fee alpha is burned without an author", () => {
    const f = staked();
    const alpha = stakeOf(f.s, hk(0), ck(0), 1) / 2n;
    const expected = unstakeFromSubnet(
      readSubnetPool(f.s, 1),
      readPosition(f.s, hk(0), ck(0), 1),
      alpha,
      MIN_PRICE_RAO,
      false,
      false,
    );
    assert.ok(expected.ok);
    const { swap, taoReceived, pool } = expected.value;
    const freeBefore = free(f, ck(0));
    const issuance = balances.TotalIssuance.get(f.s);
    const accountBefore = subnetAccountBalance(f.s, 1);
    const stakeBefore = st.TotalStake.get(f.s);
    const flowBefore = st.SubnetTaoFlow.get(f.s, 1);
    assert.equal(run(f, ck(0), remove(1, alpha)), "ok");
    assert.equal(free(f, ck(0)), freeBefore + taoReceived);
    // The TAO comes out of subnet 1's account: issuance unchanged, the account still holds SubnetTAO.
    assert.equal(balances.TotalIssuance.get(f.s), issuance);
    assert.equal(subnetAccountBalance(f.s, 1), accountBefore - taoReceived);
    assert.equal(subnetAccountBalance(f.s, 1), pool.taoReserve);
    assert.deepEqual(balancesTransfers(f.s), [[subnetAccountId(1), ck(0), taoReceived]]);
    assert.equal(st.SubnetTAO.get(f.s, 1), pool.taoReserve);
    assert.equal(st.SubnetAlphaIn.get(f.s, 1), pool.alphaReserve);
    // The burned fee alpha stays inside SubnetAlphaOut.
    assert.equal(st.SubnetAlphaOut.get(f.s, 1), pool.alphaOut);
    assert.equal(pool.alphaOut, stakeOf(f.s, hk(0), ck(0), 1) + swap.feePaid);
    assert.equal(st.TotalStake.get(f.s), stakeBefore - taoReceived);
    assert.equal(st.SubnetTaoFlow.get(f.s, 1), flowBefore - taoReceived);
    assert.ok(swap.feePaid > 0n);
    assert.deepEqual(subtensorEvents(f.s), [
      ["StakeRemoved", [ck(0), hk(0), taoReceived, swap.amountPaidIn, 1, swap.feePaid]],
    ]);
  });

  test("with a block author the fee alpha is sold fee-less and its TAO credited to the author", () => {
    const f = staked({ author: true });
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    const expected = unstakeFromSubnet(
      readSubnetPool(f.s, 1),
      readPosition(f.s, hk(0), ck(0), 1),
      alpha,
      MIN_PRICE_RAO,
      false,
      true,
    );
    assert.ok(expected.ok && expected.value.blockAuthorSwap);
    const authorBefore = free(f, AUTHOR);
    const issuance = balances.TotalIssuance.get(f.s);
    const authorTao = expected.value.blockAuthorSwap.amountPaidOut;
    assert.equal(run(f, ck(0), remove(1, alpha)), "ok");
    assert.equal(free(f, AUTHOR), authorBefore + authorTao);
    // Both payouts leave the subnet account, which ends holding exactly the pool's TAO.
    assert.equal(balances.TotalIssuance.get(f.s), issuance);
    assert.equal(subnetAccountBalance(f.s, 1), expected.value.pool.taoReserve);
    assert.deepEqual(balancesTransfers(f.s), [
      [subnetAccountId(1), ck(0), expected.value.taoReceived],
      [subnetAccountId(1), AUTHOR, authorTao],
    ]);
    assert.equal(st.SubnetAlphaOut.get(f.s, 1), 0n);
    assert.equal(st.SubnetTAO.get(f.s, 1), expected.value.pool.taoReserve);
    // The whole position is gone: no shares left behind.
    assert.equal(st.AlphaV2.has(f.s, hk(0), ck(0), 1), false);
    assert.equal(st.TotalHotkeyAlpha.has(f.s, hk(0), 1), false);
  });

  test("the amount is capped at the position", () => {
    const f = staked();
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    assert.equal(run(f, ck(0), remove(1, alpha * 10n)), "ok");
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), 0n);
    assert.equal(
      (subtensorEvents(f.s)[0][1] as bigint[])[3] + (subtensorEvents(f.s)[0][1] as bigint[])[5],
      alpha,
    );
  });

  test("each check fails with the chain's error, in order, leaving the state byte-identical", () => {
    const f = staked();
    st.NetworksAdded.set(f.s, 4, false);
    st.SubtokenEnabled.set(f.s, 4, true);
    const before = snapshot(f.s);
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    const cases: Array<[Uint8Array | "root", ReturnType<typeof remove>, string]> = [
      ["root", remove(1, 1n), "BadOrigin"],
      [ck(0), remove(2, 1n), "SubtensorModule.AmountTooLow"],
      [ck(0), remove(9, 1n), "SubtensorModule.SubtokenDisabled"],
      [ck(0), remove(4, 1n), "SubtensorModule.SubnetNotExists"],
      [ck(1), remove(1, TAO), "SubtensorModule.AmountTooLow"],
      // Leaving a remainder while taking out less than DefaultMinStake worth.
      [ck(0), remove(1, 1_000_000n), "SubtensorModule.AmountTooLow"],
    ];
    assert.ok(alpha > 1_000_000n);
    for (const [who, c, expected] of cases) {
      assert.equal(run(f, who, c), expected);
      assert.deepEqual(snapshot(f.s), before, expected);
    }
  });
});

describe("remove_stake side effects", () => {
  test("a nominator left under NominatorMinRequiredStake is unstaked entirely; an owner is not", () => {
    const f = stakingFixture();
    // 10^6 per million: the minimum nomination is DefaultMinStake (0.002 TAO) worth of alpha.
    st.NominatorMinRequiredStake.set(f.s, 1_000_000n);
    assert.equal(run(f, ck(0), add(1, 10n * TAO, hk(1))), "ok");
    assert.equal(run(f, ck(0), add(1, 10n * TAO, hk(0))), "ok");
    systemEvents.set(f.s, []);
    const nominated = stakeOf(f.s, hk(1), ck(0), 1);
    assert.equal(run(f, ck(0), remove(1, nominated - 1_500_000n, hk(1))), "ok");
    assert.equal(stakeOf(f.s, hk(1), ck(0), 1), 0n);
    assert.deepEqual(
      subtensorEvents(f.s).map(([n]) => n),
      ["StakeRemoved", "StakeRemoved"],
    );
    const owned = stakeOf(f.s, hk(0), ck(0), 1);
    assert.equal(run(f, ck(0), remove(1, owned - 1_500_000n, hk(0))), "ok");
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), 1_500_000n);
  });

  test("a hotkey whose stake falls under StakeThreshold loses its pending child schedules", () => {
    const f = staked();
    st.StakeThreshold.set(f.s, 50n * TAO);
    st.PendingChildKeys.set(f.s, 1, hk(0), [[[1n, hk(1)]], 99_999n]);
    assert.equal(run(f, ck(0), remove(1, stakeOf(f.s, hk(0), ck(0), 1) / 10n)), "ok");
    assert.equal(st.PendingChildKeys.has(f.s, 1, hk(0)), true, "still above the threshold");
    assert.equal(run(f, ck(0), remove(1, stakeOf(f.s, hk(0), ck(0), 1))), "ok");
    assert.equal(st.PendingChildKeys.has(f.s, 1, hk(0)), false);
  });
});

describe("remove_stake_limit / remove_stake_full_limit", () => {
  const limit = (amount: bigint, limitPrice: bigint, allowPartial: boolean) =>
    call("remove_stake_limit", {
      hotkey: hk(0),
      netuid: 1,
      amount_unstaked: amount,
      limit_price: limitPrice,
      allow_partial: allowPartial,
    });

  test("a partial order sells max_amount_remove; without partial fills it is SlippageTooHigh", () => {
    const f = staked();
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    const limitPrice = 1_150_000_000n; // the pool sits near 1.2 TAO/alpha after the stake
    const max = maxAmountRemove(readSubnetPool(f.s, 1), limitPrice);
    assert.ok(max.ok && max.value < alpha, `max ${max.ok && max.value} < ${alpha}`);
    const before = snapshot(f.s);
    assert.equal(run(f, ck(0), limit(alpha, limitPrice, false)), "SubtensorModule.SlippageTooHigh");
    assert.equal(run(f, ck(0), limit(alpha, 100n * TAO, true)), "Swap.PriceLimitExceeded");
    assert.deepEqual(snapshot(f.s), before);
    assert.equal(run(f, ck(0), limit(alpha, limitPrice, true)), "ok");
    const [, fields] = subtensorEvents(f.s)[0] as [string, bigint[]];
    assert.equal(fields[3] + fields[5], max.value);
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), alpha - max.value);
  });

  test("remove_stake_full_limit takes the whole position, with or without a limit", () => {
    const f = staked();
    assert.equal(
      run(f, ck(0), call("remove_stake_full_limit", { hotkey: hk(0), netuid: 1, limit_price: 10n * TAO })),
      "Swap.PriceLimitExceeded",
    );
    assert.equal(
      run(
        f,
        ck(0),
        call("remove_stake_full_limit", { hotkey: hk(0), netuid: 1, limit_price: 1_150_000_000n }),
      ),
      "SubtensorModule.SlippageTooHigh",
    );
    assert.equal(
      run(f, ck(0), call("remove_stake_full_limit", { hotkey: hk(0), netuid: 1, limit_price: 1_000n })),
      "ok",
    );
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), 0n);
    assert.equal(run(f, ck(0), add(2, 10n * TAO)), "ok");
    assert.equal(
      run(f, ck(0), call("remove_stake_full_limit", { hotkey: hk(0), netuid: 2, limit_price: undefined })),
      "ok",
    );
    assert.equal(stakeOf(f.s, hk(0), ck(0), 2), 0n);
  });
});

describe("unstake_all / unstake_all_alpha", () => {
  function spread(): StakingFixture {
    const f = stakingFixture();
    for (const netuid of [0, 1, 2, 3]) assert.equal(run(f, ck(0), add(netuid, 20n * TAO)), "ok");
    systemEvents.set(f.s, []);
    return f;
  }

  test("unstake_all empties every position, root included, and credits all the TAO", () => {
    const f = spread();
    const freeBefore = free(f, ck(0));
    assert.equal(run(f, ck(0), call("unstake_all", { hotkey: hk(0) })), "ok");
    let received = 0n;
    for (const [name, v] of subtensorEvents(f.s)) {
      assert.equal(name, "StakeRemoved");
      received += (v as bigint[])[2];
    }
    assert.equal(subtensorEvents(f.s).length, 4);
    for (const netuid of [0, 1, 2, 3]) assert.equal(stakeOf(f.s, hk(0), ck(0), netuid), 0n);
    assert.equal(free(f, ck(0)), freeBefore + received);
    assert.equal(st.NumStakingColdkeys.get(f.s), 0n);
  });

  test("unstake_all_alpha sells the alpha positions and stakes the TAO on root", () => {
    const f = spread();
    const rootBefore = stakeOf(f.s, hk(0), ck(0), 0);
    const freeBefore = free(f, ck(0));
    assert.equal(run(f, ck(0), call("unstake_all_alpha", { hotkey: hk(0) })), "ok");
    const events = subtensorEvents(f.s);
    assert.deepEqual(
      events.map(([n]) => n),
      ["StakeRemoved", "StakeRemoved", "StakeRemoved", "StakeAdded"],
    );
    const received = events.slice(0, 3).reduce((a, [, v]) => a + (v as bigint[])[2], 0n);
    assert.equal(stakeOf(f.s, hk(0), ck(0), 0), rootBefore + received);
    assert.equal(free(f, ck(0)), freeBefore);
    for (const netuid of [1, 2, 3]) assert.equal(stakeOf(f.s, hk(0), ck(0), netuid), 0n);
  });

  test("errors: unknown hotkey; unstake_all_alpha with nothing to sell stakes 0 and fails AmountTooLow", () => {
    const f = stakingFixture();
    const before = snapshot(f.s);
    assert.equal(
      run(f, ck(0), call("unstake_all", { hotkey: hk(9) })),
      "SubtensorModule.HotKeyAccountNotExists",
    );
    assert.equal(run(f, ck(0), call("unstake_all_alpha", { hotkey: hk(0) })), "SubtensorModule.AmountTooLow");
    assert.deepEqual(snapshot(f.s), before);
    // unstake_all with nothing staked succeeds and changes nothing but nothing.
    assert.equal(run(f, ck(0), call("unstake_all", { hotkey: hk(0) })), "ok");
    assert.deepEqual(snapshot(f.s), before);
  });
});
