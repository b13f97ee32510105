// move_stake / transfer_stake / swap_stake / swap_stake_limit through the executive: same-subnet share transfers,
// cross-subnet unstake + stake with exactly one fee, coldkey changes, and every error by name with no writes.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { systemEvents } from "../../../runtime/definition.ts";
import { stakeIntoSubnet, unstakeFromSubnet } from "../../../staking/stakeUtils.ts";
import { MAX_PRICE_RAO, MIN_PRICE_RAO } from "../../../swap/swap.ts";
import { storage as balances } from "../../balances/pallet.ts";
import { storage as st } from "../pallet.ts";
import { readPosition, readSubnetPool } from "../pools.ts";
import { burnAccountId, subnetAccountBalance, subnetAccountId } from "../subnetAccount.ts";
import { stakeOf } from "./stakeUtils.ts";
import {
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

function staked(): StakingFixture {
  const f = stakingFixture();
  assert.equal(
    run(f, ck(0), call("add_stake", { hotkey: hk(0), netuid: 1, amount_staked: 100n * TAO })),
    "ok",
  );
  assert.equal(
    run(f, ck(0), call("add_stake", { hotkey: hk(0), netuid: 0, amount_staked: 50n * TAO })),
    "ok",
  );
  systemEvents.set(f.s, []);
  return f;
}
const move = (oh: Uint8Array, dh: Uint8Array, on: number, dn: number, alpha: bigint) =>
  call("move_stake", {
    origin_hotkey: oh,
    destination_hotkey: dh,
    origin_netuid: on,
    destination_netuid: dn,
    alpha_amount: alpha,
  });
const swapStake = (on: number, dn: number, alpha: bigint) =>
  call("swap_stake", { hotkey: hk(0), origin_netuid: on, destination_netuid: dn, alpha_amount: alpha });
const transfer = (dest: Uint8Array, on: number, dn: number, alpha: bigint) =>
  call("transfer_stake", {
    destination_coldkey: dest,
    hotkey: hk(0),
    origin_netuid: on,
    destination_netuid: dn,
    alpha_amount: alpha,
  });

describe("move_stake", () => {
  test("within a subnet: shares move to the other hotkey, no swap, no fee, valued at the spot price", () => {
    const f = staked();
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    const pool = snapshotPool(f, 1);
    const half = alpha / 2n;
    assert.equal(run(f, ck(0), move(hk(0), hk(1), 1, 1, half)), "ok");
    assert.deepEqual(snapshotPool(f, 1), pool);
    assert.equal(stakeOf(f.s, hk(1), ck(0), 1), half);
    assert.ok(alpha - half - stakeOf(f.s, hk(0), ck(0), 1) <= 1n);
    const events = subtensorEvents(f.s);
    assert.deepEqual(
      events.map(([n]) => n),
      ["StakeRemoved", "StakeAdded", "StakeMoved"],
    );
    const tao = (events[0][1] as bigint[])[2];
    // Spot price y/x with equal weights.
    const expectedTao = (half * st.SubnetTAO.get(f.s, 1)) / st.SubnetAlphaIn.get(f.s, 1);
    assert.ok(tao <= expectedTao && expectedTao - tao <= 1n, `${tao} vs ${expectedTao}`);
    assert.deepEqual(events[2][1], [ck(0), hk(0), 1, hk(1), 1, tao]);
    assert.deepEqual(st.StakingHotkeys.get(f.s, ck(0)), [hk(0), hk(1)]);
  });

  test("across subnets: unstake (fee at the origin), stake fee-less at the destination", () => {
    const f = staked();
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    const sold = unstakeFromSubnet(
      readSubnetPool(f.s, 1),
      readPosition(f.s, hk(0), ck(0), 1),
      alpha,
      MIN_PRICE_RAO,
      false,
      false,
    );
    assert.ok(sold.ok);
    const bought = stakeIntoSubnet(
      readSubnetPool(f.s, 2),
      readPosition(f.s, hk(0), ck(0), 2),
      sold.value.taoReceived,
      MAX_PRICE_RAO,
      true,
    );
    assert.ok(bought.ok);
    const freeBefore = free(f, ck(0));
    const issuance = balances.TotalIssuance.get(f.s);
    const [account1, account2] = [subnetAccountBalance(f.s, 1), subnetAccountBalance(f.s, 2)];
    assert.equal(run(f, ck(0), move(hk(0), hk(0), 1, 2, alpha)), "ok");
    // The TAO goes subnet 1's account → coldkey → subnet 2's account; each account keeps its pool's TAO.
    const tao = sold.value.taoReceived;
    assert.deepEqual(balancesTransfers(f.s), [
      [subnetAccountId(1), ck(0), tao],
      [ck(0), subnetAccountId(2), tao],
    ]);
    assert.equal(subnetAccountBalance(f.s, 1), account1 - tao);
    assert.equal(subnetAccountBalance(f.s, 2), account2 + tao);
    assert.equal(subnetAccountBalance(f.s, 1), st.SubnetTAO.get(f.s, 1));
    assert.equal(subnetAccountBalance(f.s, 2), st.SubnetTAO.get(f.s, 2));
    assert.equal(balances.TotalIssuance.get(f.s), issuance);
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), 0n);
    assert.equal(stakeOf(f.s, hk(0), ck(0), 2), bought.value.alphaStaked);
    assert.equal(bought.value.swap.feePaid, 0n);
    assert.equal(free(f, ck(0)), freeBefore);
    const events = subtensorEvents(f.s);
    assert.deepEqual(
      events.map(([n]) => n),
      ["StakeRemoved", "StakeAdded", "StakeMoved"],
    );
    assert.deepEqual(events[2][1], [ck(0), hk(0), 1, hk(0), 2, sold.value.taoReceived]);
  });

  test("from root: no fee on the root leg, the destination buy pays it", () => {
    const f = staked();
    const [root, account3] = [subnetAccountBalance(f.s, 0), subnetAccountBalance(f.s, 3)];
    const burnt = free(f, burnAccountId());
    assert.equal(run(f, ck(0), swapStake(0, 3, 10n * TAO)), "ok");
    const events = subtensorEvents(f.s);
    assert.deepEqual((events[0][1] as bigint[]).slice(2), [10n * TAO, 10n * TAO, 0, 0n]);
    const fee = (events[1][1] as bigint[])[5];
    assert.ok(fee > 0n);
    // Root's account pays 10 TAO out; subnet 3's keeps it less the fee, burned for want of an author.
    assert.equal(subnetAccountBalance(f.s, 0), root - 10n * TAO);
    assert.equal(subnetAccountBalance(f.s, 3), account3 + 10n * TAO - fee);
    assert.equal(free(f, burnAccountId()), burnt + fee);
    assert.deepEqual(balancesTransfers(f.s), [
      [subnetAccountId(0), ck(0), 10n * TAO],
      [ck(0), subnetAccountId(3), 10n * TAO],
      [subnetAccountId(3), burnAccountId(), fee],
    ]);
    assert.deepEqual(events[2], ["StakeSwapped", [ck(0), hk(0), 0, 3, 10n * TAO]]);
  });

  test("each check fails with the chain's error, in order, leaving the state byte-identical", () => {
    const f = staked();
    st.SubtokenEnabled.set(f.s, 3, false);
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    const before = snapshot(f.s);
    const cases: Array<[ReturnType<typeof move>, string]> = [
      [move(hk(0), hk(0), 1, 1, alpha), "SubtensorModule.SameNetuid"],
      [move(hk(0), hk(0), 9, 1, alpha), "SubtensorModule.SubnetNotExists"],
      [move(hk(0), hk(0), 1, 9, alpha), "SubtensorModule.SubnetNotExists"],
      [move(hk(0), hk(0), 1, 3, alpha), "SubtensorModule.SubtokenDisabled"],
      [move(hk(8), hk(0), 1, 2, alpha), "SubtensorModule.HotKeyAccountNotExists"],
      [move(hk(0), hk(8), 1, 2, alpha), "SubtensorModule.HotKeyAccountNotExists"],
      [move(hk(0), hk(0), 1, 2, 1_000n), "SubtensorModule.AmountTooLow"],
      [move(hk(0), hk(1), 1, 1, 1_000n), "SubtensorModule.AmountTooLow"],
    ];
    for (const [c, expected] of cases) {
      assert.equal(run(f, ck(0), c), expected);
      assert.deepEqual(snapshot(f.s), before, expected);
    }
  });
});

describe("transfer_stake", () => {
  test("across subnets to another coldkey: the TAO changes hands, the destination coldkey gets the alpha", () => {
    const f = staked();
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    const freeBefore = [free(f, ck(0)), free(f, ck(1))];
    assert.equal(run(f, ck(0), transfer(ck(1), 1, 2, alpha)), "ok");
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), 0n);
    assert.ok(stakeOf(f.s, hk(0), ck(1), 2) > 0n);
    assert.deepEqual([free(f, ck(0)), free(f, ck(1))], freeBefore);
    const events = subtensorEvents(f.s);
    const tao = (events[0][1] as bigint[])[2];
    assert.deepEqual(balancesTransfers(f.s), [
      [subnetAccountId(1), ck(0), tao],
      [ck(0), ck(1), tao],
      [ck(1), subnetAccountId(2), tao],
    ]);
    assert.deepEqual(events.at(-1), ["StakeTransferred", [ck(0), ck(1), hk(0), 1, 2, tao]]);
  });

  test("within a subnet it is a share transfer; TransferToggle off refuses it", () => {
    const f = staked();
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    st.TransferToggle.set(f.s, 1, false);
    const before = snapshot(f.s);
    assert.equal(run(f, ck(0), transfer(ck(1), 1, 1, alpha)), "SubtensorModule.TransferDisallowed");
    assert.deepEqual(snapshot(f.s), before);
    st.TransferToggle.set(f.s, 1, true);
    assert.equal(run(f, ck(0), transfer(ck(1), 1, 1, alpha)), "ok");
    assert.equal(stakeOf(f.s, hk(0), ck(1), 1), alpha);
    assert.equal(stakeOf(f.s, hk(0), ck(0), 1), 0n);
  });
});

describe("swap_stake_limit", () => {
  const swapLimit = (alpha: bigint, limitPrice: bigint, allowPartial: boolean) =>
    call("swap_stake_limit", {
      hotkey: hk(0),
      origin_netuid: 1,
      destination_netuid: 2,
      alpha_amount: alpha,
      limit_price: limitPrice,
      allow_partial: allowPartial,
    });

  test("SlippageTooHigh without partial fills; a partial fill moves less than asked", () => {
    const f = staked();
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    // Subnet 1 is near 1.2 TAO/alpha, subnet 2 at 0.25: a ratio limit a little under the current one.
    const limitPrice = 4_500_000_000n;
    const before = snapshot(f.s);
    assert.equal(run(f, ck(0), swapLimit(alpha, limitPrice, false)), "SubtensorModule.SlippageTooHigh");
    assert.deepEqual(snapshot(f.s), before);
    assert.equal(run(f, ck(0), swapLimit(alpha, limitPrice, true)), "ok");
    const left = stakeOf(f.s, hk(0), ck(0), 1);
    assert.ok(left > 0n && left < alpha);
  });
});

describe("swap_stake_limit with root on one side (get_max_amount_move's stable cases)", () => {
  const swapLimit = (on: number, dn: number, alpha: bigint, limitPrice: bigint, allowPartial: boolean) =>
    call("swap_stake_limit", {
      hotkey: hk(0),
      origin_netuid: on,
      destination_netuid: dn,
      alpha_amount: alpha,
      limit_price: limitPrice,
      allow_partial: allowPartial,
    });

  test("root → subnet: the ratio limit becomes a destination price limit for max_amount_add", () => {
    const f = staked();
    const before = snapshot(f.s);
    // Ratio 2 → destination limit 0.5 TAO/alpha, under subnet 3's price of 2.5: nothing can be bought.
    assert.equal(run(f, ck(0), swapLimit(0, 3, 10n * TAO, 2n * TAO, false)), "Swap.PriceLimitExceeded");
    // Ratio 0.398 → limit ≈ 2.513 TAO/alpha, just above 2.5: only ≈ 5 of the 10 TAO fit.
    assert.equal(
      run(f, ck(0), swapLimit(0, 3, 10n * TAO, 398_000_000n, false)),
      "SubtensorModule.SlippageTooHigh",
    );
    assert.deepEqual(snapshot(f.s), before);
    assert.equal(run(f, ck(0), swapLimit(0, 3, 10n * TAO, 398_000_000n, true)), "ok");
    const moved = 50n * TAO - stakeOf(f.s, hk(0), ck(0), 0);
    assert.ok(moved > 0n && moved < 10n * TAO, `moved ${moved}`);
  });

  test("subnet → root: max_amount_remove at the ratio limit", () => {
    const f = staked();
    const alpha = stakeOf(f.s, hk(0), ck(0), 1);
    const before = snapshot(f.s);
    assert.equal(run(f, ck(0), swapLimit(1, 0, alpha, 5n * TAO, true)), "Swap.PriceLimitExceeded");
    assert.equal(
      run(f, ck(0), swapLimit(1, 0, alpha, 1_150_000_000n, false)),
      "SubtensorModule.SlippageTooHigh",
    );
    assert.deepEqual(snapshot(f.s), before);
    assert.equal(run(f, ck(0), swapLimit(1, 0, alpha, 1_150_000_000n, true)), "ok");
    const left = stakeOf(f.s, hk(0), ck(0), 1);
    assert.ok(left > 0n && left < alpha);
  });
});

function snapshotPool(f: StakingFixture, netuid: number) {
  return [
    st.SubnetTAO.get(f.s, netuid),
    st.SubnetAlphaIn.get(f.s, netuid),
    st.SubnetAlphaOut.get(f.s, netuid),
  ];
}
