// add_stake / add_stake_limit / add_stake_burn through the executive: balances, pool, position, bookkeeping and
// events checked against the pure swap; every error by name leaves the state byte-identical.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { U64F64 } from "@opentao/primitives";
import { systemEvents } from "../../../runtime/definition.ts";
import { EMPTY_SHARE_POOL } from "../../../staking/sharePool.ts";
import { stakeIntoSubnet } from "../../../staking/stakeUtils.ts";
import { MAX_PRICE_RAO, maxAmountAdd, poolPrice, swapFee } from "../../../swap/swap.ts";
import { storage as balances } from "../../balances/pallet.ts";
import { storage as swapStorage } from "../../swap/pallet.ts";
import { storage as st } from "../pallet.ts";
import { readSubnetPool } from "../pools.ts";
import { burnAccountId, subnetAccountBalance, subnetAccountId } from "../subnetAccount.ts";
import { stakeOf } from "./stakeUtils.ts";
import {
  AUTHOR,
  balancesTransfers,
  call,
  ck,
  free,
  hk,
  run,
  snapshot,
  stakingFixture,
  subtensorEvents,
  TAO,
} from "./testState.ts";

const SAFE_ZERO = { mantissa: 0n, exponent: 0n };
const add = (netuid: number, amount: bigint, hotkey = hk(0)) =>
  call("add_stake", { hotkey, netuid, amount_staked: amount });

describe("add_stake", () => {
  test("buys alpha with the coldkey's TAO: pool, position, issuance, flows and StakeAdded match the swap", () => {
    const f = stakingFixture();
    const amount = 10n * TAO;
    const pool = readSubnetPool(f.s, 1);
    const expected = stakeIntoSubnet(
      pool,
      { hotkey: EMPTY_SHARE_POOL, share: SAFE_ZERO },
      amount,
      MAX_PRICE_RAO,
      false,
    );
    assert.ok(expected.ok);
    const { swap } = expected.value;
    // Hand check of the fee: ⌊10^10 · 33/65535⌋ = 5,035,477 RAO; equal weights give Δy·x/(y+Δy) alpha.
    assert.equal(swap.feePaid, 5_035_477n);
    const delta = amount - swap.feePaid;
    const alphaApprox = (1_000n * TAO * delta) / (1_000n * TAO + delta);
    assert.ok(swap.amountPaidOut <= alphaApprox && alphaApprox - swap.amountPaidOut <= 2n);
    const issuance = balances.TotalIssuance.get(f.s);
    const subtensorIssuance = st.TotalIssuance.get(f.s);
    assert.equal(subnetAccountBalance(f.s, 1), 1_000n * TAO);

    assert.equal(run(f, ck(0), add(1, amount)), "ok");
    assert.equal(free(f, ck(0)), 10_000n * TAO - amount);
    // The TAO moved into subnet 1's account; with no block author the fee went on to the burn account, so
    // neither issuance counter moved and the account still holds exactly SubnetTAO.
    assert.equal(balances.TotalIssuance.get(f.s), issuance);
    assert.equal(st.TotalIssuance.get(f.s), subtensorIssuance);
    assert.equal(subnetAccountBalance(f.s, 1), 1_000n * TAO + delta);
    assert.equal(free(f, burnAccountId()), swap.feePaid);
    assert.deepEqual(balancesTransfers(f.s), [
      [ck(0), subnetAccountId(1), amount],
      [subnetAccountId(1), burnAccountId(), swap.feePaid],
    ]);
    assert.equal(st.SubnetTAO.get(f.s, 1), 1_000n * TAO + delta);
    assert.equal(st.SubnetAlphaIn.get(f.s, 1), 1_000n * TAO - swap.amountPaidOut);
    assert.equal(st.SubnetAlphaOut.get(f.s, 1), swap.amountPaidOut);
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), swap.amountPaidOut);
    assert.equal(st.TotalHotkeyAlpha.get(f.s, hk(0), 1), swap.amountPaidOut);
    assert.equal(st.TotalStake.get(f.s), amount);
    assert.equal(st.SubnetVolume.get(f.s, 1), amount);
    assert.equal(st.SubnetTaoFlow.get(f.s, 1), delta);
    assert.deepEqual(st.StakingHotkeys.get(f.s, ck(0)), [hk(0)]);
    assert.equal(st.LastColdkeyHotkeyStakeBlock.get(f.s, ck(0), hk(0)), BigInt(f.block));
    assert.equal(swapStorage.PalSwapInitialized.get(f.s, 1), true);
    assert.deepEqual(subtensorEvents(f.s), [
      ["StakeAdded", [ck(0), hk(0), amount, swap.amountPaidOut, 1, swap.feePaid]],
    ]);
  });

  test("the swap fee is credited to the block author", () => {
    const f = stakingFixture({ author: true });
    const issuance = balances.TotalIssuance.get(f.s);
    assert.equal(run(f, ck(0), add(1, 10n * TAO)), "ok");
    assert.equal(free(f, AUTHOR), 5_035_477n);
    // In through the subnet account, the fee out of it to the author: issuance unchanged, nothing burned.
    assert.equal(balances.TotalIssuance.get(f.s), issuance);
    assert.equal(subnetAccountBalance(f.s, 1), 1_000n * TAO + 10n * TAO - 5_035_477n);
    assert.equal(subnetAccountBalance(f.s, 1), st.SubnetTAO.get(f.s, 1));
    assert.equal(free(f, burnAccountId()), 0n);
    assert.deepEqual(balancesTransfers(f.s), [
      [ck(0), subnetAccountId(1), 10n * TAO],
      [subnetAccountId(1), AUTHOR, 5_035_477n],
    ]);
  });

  test("without an author a fee too small to open the burn account stays in the subnet account", () => {
    const f = stakingFixture();
    swapStorage.FeeRate.set(f.s, 1, 1); // fee = ⌊amount / 65535⌋
    // 0.01 TAO pays a 152 RAO fee and 0.03 TAO a 457 RAO fee: each alone is under the 500 RAO existential
    // deposit, so the chain's burn transfer fails (ignored) and the TAO stays, outside SubnetTAO.
    assert.equal(run(f, ck(0), add(1, 10_000_000n)), "ok");
    assert.equal(run(f, ck(0), add(1, 30_000_000n)), "ok");
    assert.equal(free(f, burnAccountId()), 0n);
    assert.equal(subnetAccountBalance(f.s, 1) - st.SubnetTAO.get(f.s, 1), 152n + 457n);
    // 1 TAO pays 15,259 RAO: enough to open the burn account, and only this fee moves there.
    systemEvents.set(f.s, []);
    assert.equal(run(f, ck(0), add(1, TAO)), "ok");
    assert.equal(free(f, burnAccountId()), 15_259n);
    assert.equal(subnetAccountBalance(f.s, 1) - st.SubnetTAO.get(f.s, 1), 152n + 457n);
    assert.deepEqual(balancesTransfers(f.s), [
      [ck(0), subnetAccountId(1), TAO],
      [subnetAccountId(1), burnAccountId(), 15_259n],
    ]);
  });

  test("root stake is 1:1 with no fee, indexes the coldkey and adjusts RootClaimed by the claimable rates", () => {
    const f = stakingFixture();
    // 0.5 alpha claimable per unit of root stake on subnet 1 (I96F32 bits).
    st.RootClaimable.set(f.s, hk(0), [[1, { bits: 1n << 31n }]]);
    assert.equal(run(f, ck(0), add(0, 7n * TAO)), "ok");
    assert.equal(st.SubnetTAO.get(f.s, 0), 7n * TAO);
    assert.equal(subnetAccountBalance(f.s, 0), 7n * TAO);
    assert.equal(stakeOf(f.s, hk(0), ck(0), 0), 7n * TAO);
    assert.equal(st.RootClaimed.get(f.s, 1, hk(0), ck(0)), (7n * TAO) / 2n);
    assert.equal(st.StakingColdkeys.get(f.s, ck(0)), 0n);
    assert.deepEqual(st.StakingColdkeysByIndex.get(f.s, 0n), ck(0));
    assert.equal(st.NumStakingColdkeys.get(f.s), 1n);
    assert.deepEqual(subtensorEvents(f.s), [["StakeAdded", [ck(0), hk(0), 7n * TAO, 7n * TAO, 0, 0n]]]);
  });

  test("keep-alive: staking the whole balance leaves the existential deposit", () => {
    const f = stakingFixture({ balance: 5n * TAO });
    assert.equal(run(f, ck(0), add(0, 5n * TAO)), "ok");
    assert.equal(free(f, ck(0)), 500n);
    assert.equal(stakeOf(f.s, hk(0), ck(0), 0), 5n * TAO - 500n);
  });

  test("the minimum is DefaultMinStake plus its fee: 2,001,007 RAO on a default-fee subnet", () => {
    const f = stakingFixture();
    assert.equal(swapFee(2_000_000n, 33, false), 1_007n);
    assert.equal(run(f, ck(0), add(1, 2_001_006n)), "SubtensorModule.AmountTooLow");
    assert.equal(run(f, ck(0), add(1, 2_001_007n)), "ok");
  });

  test("each check fails with the chain's error, in order, leaving the state byte-identical", () => {
    const f = stakingFixture({ accounts: 2, balance: 100n * TAO });
    st.SubtokenEnabled.set(f.s, 2, false);
    const before = snapshot(f.s);
    const cases: Array<[Uint8Array | "root", ReturnType<typeof add>, string]> = [
      ["root", add(1, 10n * TAO), "BadOrigin"],
      [ck(0), add(1, 1_000n * 1_000n * TAO + 1n), "SubtensorModule.InsufficientLiquidity"],
      [ck(0), add(9, 10n * TAO), "SubtensorModule.SubnetNotExists"],
      [ck(0), add(2, 10n * TAO), "SubtensorModule.SubtokenDisabled"],
      [ck(0), add(1, 1_000n), "SubtensorModule.AmountTooLow"],
      [ck(0), add(1, 100n * TAO + 1n), "SubtensorModule.NotEnoughBalanceToStake"],
      [ck(0), add(1, 10n * TAO, hk(7)), "SubtensorModule.HotKeyAccountNotExists"],
      [ck(5), add(1, 10n * TAO), "SubtensorModule.NotEnoughBalanceToStake"],
    ];
    for (const [who, c, expected] of cases) {
      assert.equal(run(f, who, c), expected);
      assert.deepEqual(snapshot(f.s), before, expected);
    }
  });
});

describe("legacy share maps (F393 Alpha / TotalHotkeyShares)", () => {
  test("are read first and migrated to AlphaV2 / TotalHotkeySharesV2 by the next write", () => {
    const f = stakingFixture();
    // A pre-migration position: 5 alpha held through 2.5 legacy U64F64 shares (bits = value · 2^64).
    st.TotalHotkeyAlpha.set(f.s, hk(0), 1, 5n * TAO);
    st.TotalHotkeyShares.set(f.s, hk(0), 1, { bits: (5n * TAO) << 63n });
    st.Alpha.set(f.s, hk(0), ck(0), 1, { bits: (5n * TAO) << 63n });
    st.SubnetAlphaOut.set(f.s, 1, 5n * TAO);
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), 5n * TAO);
    assert.equal(
      run(f, ck(0), call("remove_stake", { hotkey: hk(0), netuid: 1, amount_unstaked: TAO })),
      "ok",
    );
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), 4n * TAO);
    assert.equal(st.Alpha.has(f.s, hk(0), ck(0), 1), false);
    assert.equal(st.TotalHotkeyShares.has(f.s, hk(0), 1), false);
    assert.equal(st.AlphaV2.has(f.s, hk(0), ck(0), 1), true);
    assert.equal(st.TotalHotkeySharesV2.has(f.s, hk(0), 1), true);
  });
});

describe("add_stake_limit", () => {
  const limit = (amount: bigint, limitPrice: bigint, allowPartial: boolean, hotkey = hk(0)) =>
    call("add_stake_limit", {
      hotkey,
      netuid: 1,
      amount_staked: amount,
      limit_price: limitPrice,
      allow_partial: allowPartial,
    });

  test("a partial order spends exactly max_amount_add and stops at the limit price", () => {
    const f = stakingFixture();
    const limitPrice = 1_010_000_000n; // 1.01 TAO per alpha; the pool opens at 1.0
    const max = maxAmountAdd(readSubnetPool(f.s, 1), limitPrice);
    assert.ok(max.ok);
    assert.ok(max.value > 4n * TAO && max.value < 6n * TAO, `≈ 5 TAO moves the price 1 %: ${max.value}`);
    assert.equal(run(f, ck(0), limit(100n * TAO, limitPrice, true)), "ok");
    assert.equal(free(f, ck(0)), 10_000n * TAO - max.value);
    const price = poolPrice(readSubnetPool(f.s, 1));
    assert.ok(price <= U64F64.safeDiv(U64F64.fromInt(limitPrice), U64F64.fromInt(TAO)));
    const [name, fields] = subtensorEvents(f.s)[0] as [string, unknown[]];
    assert.equal(name, "StakeAdded");
    assert.equal(fields[2], max.value);
  });

  test("SlippageTooHigh without partial fills; PriceLimitExceeded below the current price; both change nothing", () => {
    const f = stakingFixture();
    const before = snapshot(f.s);
    assert.equal(run(f, ck(0), limit(100n * TAO, 1_010_000_000n, false)), "SubtensorModule.SlippageTooHigh");
    assert.equal(run(f, ck(0), limit(10n * TAO, 900_000_000n, true)), "Swap.PriceLimitExceeded");
    assert.deepEqual(snapshot(f.s), before);
  });

  test("a nominator (not the hotkey's owner) makes the hotkey a delegate with the default take", () => {
    const f = stakingFixture();
    assert.equal(st.Delegates.has(f.s, hk(1)), false);
    assert.equal(run(f, ck(0), limit(3n * TAO, 2n * TAO, false, hk(1))), "ok");
    assert.equal(st.Delegates.get(f.s, hk(1)), 11_796);
    assert.ok(stakeOf(f.s, hk(1), ck(0), 1) > 0n);
  });
});

describe("add_stake_burn", () => {
  test("stakes then burns the bought alpha: the position is empty, SubnetAlphaOut keeps it, AddStakeBurn", () => {
    const f = stakingFixture();
    assert.equal(
      run(
        f,
        ck(0),
        call("add_stake_burn", { hotkey: hk(0), netuid: 1, amount: 10n * TAO, limit: undefined }),
      ),
      "ok",
    );
    const events = subtensorEvents(f.s);
    const alpha = (events[0][1] as bigint[])[3];
    assert.ok(alpha > 0n);
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), 0n);
    assert.equal(st.SubnetAlphaOut.get(f.s, 1), alpha);
    assert.deepEqual(
      events.map(([n]) => n),
      ["StakeAdded", "AlphaBurned", "AddStakeBurn"],
    );
    assert.deepEqual(events[2][1], { netuid: 1, hotkey: hk(0), amount: 10n * TAO, alpha });
  });

  test("a failing limit leaves nothing behind", () => {
    const f = stakingFixture();
    const before = snapshot(f.s);
    assert.equal(
      run(
        f,
        ck(0),
        call("add_stake_burn", { hotkey: hk(0), netuid: 1, amount: 10n * TAO, limit: 1_000_000n }),
      ),
      "Swap.PriceLimitExceeded",
    );
    assert.deepEqual(snapshot(f.s), before);
  });
});
