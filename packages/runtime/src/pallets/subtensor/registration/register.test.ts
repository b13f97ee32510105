// burned_register / register / register_limit / root_register through the executive: the exact storage a
// registration writes (pool swap checked against the pure swap), each refusal by name with state unchanged,
// the uid replaced when full (§8.4), the burn bump and the per-block step.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bumpBurn, decayBurn } from "../../../registration/burn.ts";
import { swapTaoForAlpha } from "../../../staking/stakeUtils.ts";
import { MAX_PRICE_RAO } from "../../../swap/swap.ts";
import { storage as balances } from "../../balances/pallet.ts";
import { storage as swapStorage } from "../../swap/pallet.ts";
import { storage as system } from "../../system/pallet.ts";
import { readSubnetPool } from "../pools.ts";
import { storage as st } from "../storage.ts";
import { subnetAccountId } from "../subnetAccount.ts";
import { ck, diff, expected, hk, nameKeys, ROOT, signed, TAO, TestChain } from "../subnets/testChain.ts";
import { registrationBlockStep } from "./blockStep.ts";
import { neuronToPrune } from "./neurons.ts";

/** A chain with subnet 1 owned by ck(0) (owner hotkey hk(0) at uid 0). */
function withSubnet(config = {}) {
  const c = new TestChain(config);
  assert.equal(c.call(signed(ck(0)), "register_network", { hotkey: hk(0) }), "ok");
  c.goto(1001);
  // The block step decays the burn every block; the tests below start from a round 1 TAO price.
  st.Burn.set(c.s, 1, TAO);
  return c;
}
const reg = (netuid: number, i: number) => ({ netuid, hotkey: hk(i) });

describe("burned_register", () => {
  test("swaps the burn into the pool, recycles the alpha, appends the neuron and bumps the price", () => {
    const c = withSubnet();
    const pool = readSubnetPool(c.s, 1);
    const swap = swapTaoForAlpha(pool, TAO, MAX_PRICE_RAO, false);
    assert.ok(swap.ok);
    const { pool: after, result } = swap.value;
    assert.ok(result.feePaid > 0n && result.amountPaidOut > 0n);
    const issuance = balances.TotalIssuance.get(c.s);
    const stIssuance = st.TotalIssuance.get(c.s);
    const before = c.snapshot();
    assert.equal(c.call(signed(ck(1)), "burned_register", reg(1, 1)), "ok");
    const bumped = bumpBurn(TAO, st.BurnIncreaseMult.get(c.s, 1).bits, {
      minBurn: 500_000n,
      maxBurn: 100n * TAO,
    });
    // ⌊1e9 · 1.26⌋ in U64F64 (1.26 is not exact in binary).
    assert.ok(bumped === 1_260_000_000n || bumped === 1_259_999_999n);
    const want = expected([
      [st.SubnetTAO, 1, after.taoReserve],
      [st.SubnetAlphaIn, 1, after.alphaReserve],
      [swapStorage.SwapBalancer, 1, { quote: after.quoteWeightParts }],
      [swapStorage.PalSwapInitialized, 1, true],
      [st.TotalStake, 1000n * TAO + TAO],
      [st.SubnetVolume, 1, TAO],
      // No block author: the fee is burned out of the subnet account, from both issuance counters.
      [balances.TotalIssuance, issuance - result.feeToBlockAuthor],
      [st.TotalIssuance, stIssuance - result.feeToBlockAuthor],
      [st.Owner, hk(1), ck(1)],
      [st.OwnedHotkeys, ck(1), [hk(1)]],
      [st.StakingHotkeys, ck(1), [hk(1)]],
      [st.SubnetworkN, 1, 2],
      [st.Active, 1, [true, true]],
      [st.Emission, 1, [0n, 0n]],
      [st.Consensus, 1, [0, 0]],
      [st.Incentive, 1, [0, 0]],
      [st.LastUpdate, 1, [1000n, 1001n]],
      [st.Dividends, 1, [0, 0]],
      [st.ValidatorTrust, 1, [0, 0]],
      [st.ValidatorPermit, 1, [false, false]],
      [st.Keys, 1, 1, hk(1)],
      [st.Uids, 1, hk(1), 1],
      [st.BlockAtRegistration, 1, 1, 1001n],
      [st.IsNetworkMember, hk(1), 1, true],
      [st.Burn, 1, bumped],
      [st.RegistrationsThisBlock, 1, 1],
      [st.RAORecycledForRegistration, 1, TAO],
      [st.SubnetTaoFlow, 1, TAO],
    ]);
    assert.deepEqual(nameKeys(diff(before, c.snapshot())), nameKeys(want));
    // SubnetAlphaOut: the bought alpha came out and was recycled.
    assert.equal(st.SubnetAlphaOut.get(c.s, 1), after.alphaOut - result.amountPaidOut);
    assert.equal(c.free(ck(1)), 10_000n * TAO - TAO);
    // The burn went into the subnet account, which still backs the pool exactly.
    assert.equal(c.subnetFree(1), 1000n * TAO + TAO - result.feeToBlockAuthor);
    assert.equal(c.subnetFree(1), after.taoReserve);
    assert.deepEqual(c.eventValues("Balances.Transfer"), [
      { from: ck(1), to: subnetAccountId(1), amount: TAO },
    ]);
    assert.deepEqual(c.events(), [
      "Balances.Transfer",
      "SubtensorModule.RAORecycledForRegistrationSet",
      "SubtensorModule.NeuronRegistered",
    ]);
    assert.deepEqual(c.eventValues("SubtensorModule.NeuronRegistered"), [[1, 1, hk(1)]]);
  });

  test("the swap fee goes to the block author when there is one; register takes the same path", () => {
    const c = withSubnet();
    const author = ck(5);
    c.goto(1002, author);
    st.Burn.set(c.s, 1, TAO);
    const fee = swapTaoForAlpha(readSubnetPool(c.s, 1), TAO, MAX_PRICE_RAO, false);
    assert.ok(fee.ok);
    const issuance = balances.TotalIssuance.get(c.s);
    const pow = {
      netuid: 1,
      block_number: 5n,
      nonce: 7n,
      work: new Uint8Array(32),
      hotkey: hk(2),
      coldkey: ck(3),
    };
    assert.equal(c.call(signed(ck(2)), "register", pow), "ok");
    assert.equal(c.free(author), 10_000n * TAO + fee.value.result.feeToBlockAuthor);
    assert.equal(balances.TotalIssuance.get(c.s), issuance);
    // The fee left the subnet account for the author: in from the payer, out to the author.
    assert.deepEqual(c.eventValues("Balances.Transfer"), [
      { from: ck(2), to: subnetAccountId(1), amount: TAO },
      { from: subnetAccountId(1), to: author, amount: fee.value.result.feeToBlockAuthor },
    ]);
    assert.equal(c.subnetFree(1), st.SubnetTAO.get(c.s, 1));
    // The signer pays and owns the hotkey; the coldkey argument is ignored.
    assert.equal(c.free(ck(2)), 10_000n * TAO - TAO);
    assert.deepEqual(st.Owner.get(c.s, hk(2)), ck(2));
  });

  test("each refusal has the chain's error and leaves state byte-identical", () => {
    const c = withSubnet();
    const refuse = (origin: Parameters<TestChain["call"]>[0], call: string, args: unknown, error: string) => {
      const before = c.fullSnapshot();
      assert.equal(c.call(origin, call, args), error);
      assert.deepEqual(c.fullSnapshot(), before);
    };
    refuse(ROOT, "burned_register", reg(1, 1), "BadOrigin");
    refuse(
      signed(ck(1)),
      "burned_register",
      reg(0, 1),
      "SubtensorModule.RegistrationNotPermittedOnRootSubnet",
    );
    refuse(signed(ck(1)), "burned_register", reg(7, 1), "SubtensorModule.SubnetNotExists");
    st.NetworkRegistrationAllowed.set(c.s, 1, false);
    refuse(signed(ck(1)), "burned_register", reg(1, 1), "SubtensorModule.SubNetRegistrationDisabled");
    st.NetworkRegistrationAllowed.set(c.s, 1, true);
    refuse(signed(ck(0)), "burned_register", reg(1, 0), "SubtensorModule.HotKeyAlreadyRegisteredInSubNet");
    refuse(
      signed(new Uint8Array(32).fill(250)),
      "burned_register",
      reg(1, 9),
      "SubtensorModule.NotEnoughBalanceToStake",
    );
    const sys = new Uint8Array(32);
    sys.set(new TextEncoder().encode("modlsubtensr"));
    refuse(
      signed(ck(1)),
      "burned_register",
      { netuid: 1, hotkey: sys },
      "SubtensorModule.CannotUseSystemAccount",
    );
    st.Owner.set(c.s, hk(3), ck(3));
    refuse(signed(ck(1)), "burned_register", reg(1, 3), "SubtensorModule.NonAssociatedColdKey");
    st.MaxAllowedUids.set(c.s, 1, 0);
    refuse(signed(ck(1)), "burned_register", reg(1, 1), "SubtensorModule.NoNeuronIdAvailable");
    // Full with only the owner's (immortal) hotkey: nobody to replace.
    st.MaxAllowedUids.set(c.s, 1, 1);
    refuse(signed(ck(1)), "burned_register", reg(1, 1), "SubtensorModule.NoNeuronIdAvailable");
    st.MaxAllowedUids.set(c.s, 1, 256);
    // The balance covers the price, but keeping the account alive leaves nothing to pay with.
    const dust = new Uint8Array(32).fill(251);
    system.Account.set(c.s, dust, {
      ...system.Account.get(c.s, ck(1)),
      data: { ...system.Account.get(c.s, ck(1)).data, free: 500n },
    });
    st.Burn.set(c.s, 1, 400n);
    refuse(signed(dust), "burned_register", reg(1, 8), "SubtensorModule.InsufficientBalance");
    st.Burn.set(c.s, 1, TAO);
    const limited = (limit: bigint) => ({ netuid: 1, hotkey: hk(1), limit_price: limit });
    refuse(
      signed(ck(1)),
      "register_limit",
      limited(TAO - 1n),
      "SubtensorModule.RegistrationPriceLimitExceeded",
    );
    refuse(
      signed(ck(1)),
      "register_limit",
      { ...limited(TAO), netuid: 0 },
      "SubtensorModule.RegistrationNotPermittedOnRootSubnet",
    );
    assert.equal(c.call(signed(ck(1)), "register_limit", limited(TAO)), "ok");
  });

  test("each registration in a block raises the price for the next", () => {
    const c = withSubnet();
    const prices: bigint[] = [];
    for (let i = 1; i <= 3; i++) {
      prices.push(st.Burn.get(c.s, 1));
      const paidBefore = c.free(ck(i));
      assert.equal(c.call(signed(ck(i)), "burned_register", reg(1, i)), "ok");
      assert.equal(paidBefore - c.free(ck(i)), prices[i - 1]);
    }
    const mult = st.BurnIncreaseMult.get(c.s, 1).bits;
    const bounds = { minBurn: 500_000n, maxBurn: 100n * TAO };
    assert.equal(prices[1], bumpBurn(prices[0], mult, bounds));
    assert.equal(prices[2], bumpBurn(prices[1], mult, bounds));
    assert.equal(st.RegistrationsThisBlock.get(c.s, 1), 3);
    assert.equal(st.RAORecycledForRegistration.get(c.s, 1), prices[0] + prices[1] + prices[2]);
  });
});

describe("a full subnet replaces a uid (§8.4)", () => {
  function full() {
    const c = withSubnet();
    st.MaxAllowedUids.set(c.s, 1, 3);
    assert.equal(c.call(signed(ck(1)), "burned_register", reg(1, 1)), "ok");
    c.goto(1005);
    assert.equal(c.call(signed(ck(2)), "burned_register", reg(1, 2)), "ok");
    return c;
  }

  test("all immune: the lowest-emission immune uid, never the owner's hotkey", () => {
    const c = full();
    st.Emission.set(c.s, 1, [0n, 5n, 3n]);
    st.Weights.set(c.s, 1, 0, [
      [1, 100],
      [2, 200],
    ]);
    st.Weights.set(c.s, 1, 2, [[1, 7]]);
    st.Bonds.set(c.s, 1, 2, [[0, 9]]);
    st.Axons.set(c.s, 1, hk(2), {
      block: 1n,
      version: 1,
      ip: 1n,
      port: 1,
      ip_type: 4,
      protocol: 0,
      placeholder1: 0,
      placeholder2: 0,
    });
    st.ValidatorPermit.set(c.s, 1, [true, true, true]);
    c.goto(1006);
    assert.equal(neuronToPrune(c.s, 1, 1006n), 2);
    assert.equal(c.call(signed(ck(3)), "burned_register", reg(1, 3)), "ok");
    assert.deepEqual(c.eventValues("SubtensorModule.NeuronRegistered"), [[1, 2, hk(3)]]);
    assert.deepEqual(st.Keys.get(c.s, 1, 2), hk(3));
    assert.equal(st.Uids.get(c.s, 1, hk(3)), 2);
    assert.equal(st.Uids.get(c.s, 1, hk(2)), undefined);
    assert.equal(st.IsNetworkMember.has(c.s, hk(2), 1), false);
    assert.equal(st.SubnetworkN.get(c.s, 1), 3);
    assert.deepEqual(st.Emission.get(c.s, 1), [0n, 5n, 0n]);
    assert.deepEqual(st.ValidatorPermit.get(c.s, 1), [true, true, false]);
    assert.deepEqual(st.Weights.get(c.s, 1, 0), [
      [1, 100],
      [2, 0],
    ]);
    assert.equal(st.Weights.has(c.s, 1, 2), false);
    assert.equal(st.Bonds.has(c.s, 1, 2), false);
    assert.equal(st.Axons.tryGet(c.s, 1, hk(2)), undefined);
    assert.equal(st.BlockAtRegistration.get(c.s, 1, 2), 1006n);
    assert.deepEqual(st.LastUpdate.get(c.s, 1), [1000n, 1001n, 1006n]);
  });

  test("non-immune uids are preferred once more than MinNonImmuneUids of them exist", () => {
    const c = full();
    st.ImmunityPeriod.set(c.s, 1, 10);
    st.Emission.set(c.s, 1, [0n, 5n, 3n]);
    c.goto(1012);
    // uid 1 (registered at 1001) is past immunity, uid 2 (1005) is not; one free uid is not more than 10.
    assert.equal(neuronToPrune(c.s, 1, 1012n), 2);
    st.MinNonImmuneUids.set(c.s, 1, 0);
    assert.equal(neuronToPrune(c.s, 1, 1012n), 1);
    assert.equal(c.call(signed(ck(3)), "burned_register", reg(1, 3)), "ok");
    assert.deepEqual(st.Keys.get(c.s, 1, 1), hk(3));
    // Ties on emission go to the earliest registration.
    st.Emission.set(c.s, 1, [0n, 0n, 0n]);
    c.goto(1030);
    assert.equal(neuronToPrune(c.s, 1, 1030n), 2);
  });
});

describe("root_register", () => {
  function withRoot() {
    const c = new TestChain();
    st.NetworksAdded.set(c.s, 0, true);
    st.MaxAllowedUids.set(c.s, 0, 2);
    return c;
  }

  test("appends, makes the hotkey a delegate, counts the registration; errors leave state unchanged", () => {
    const c = new TestChain();
    assert.equal(
      c.call(signed(ck(0)), "root_register", { hotkey: hk(0) }),
      "SubtensorModule.RootNetworkDoesNotExist",
    );
    st.NetworksAdded.set(c.s, 0, true);
    const before = c.snapshot();
    assert.equal(c.call(signed(ck(0)), "root_register", { hotkey: hk(0) }), "ok");
    const want = expected([
      [st.Owner, hk(0), ck(0)],
      [st.OwnedHotkeys, ck(0), [hk(0)]],
      [st.StakingHotkeys, ck(0), [hk(0)]],
      [st.SubnetworkN, 0, 1],
      [st.Active, 0, [true]],
      [st.Emission, 0, [0n]],
      [st.Consensus, 0, [0]],
      [st.Incentive, 0, [0]],
      [st.LastUpdate, 0, [1000n]],
      [st.Dividends, 0, [0]],
      [st.ValidatorTrust, 0, [0]],
      [st.ValidatorPermit, 0, [false]],
      [st.Keys, 0, 0, hk(0)],
      [st.Uids, 0, hk(0), 0],
      [st.BlockAtRegistration, 0, 0, 1000n],
      [st.IsNetworkMember, hk(0), 0, true],
      [st.Delegates, hk(0), 11_796],
      [st.RegistrationsThisInterval, 0, 1],
      [st.RegistrationsThisBlock, 0, 1],
    ]);
    assert.deepEqual(nameKeys(diff(before, c.snapshot())), nameKeys(want));
    assert.deepEqual(c.eventValues("SubtensorModule.NeuronRegistered"), [[0, 0, hk(0)]]);
    const refuse = (who: number, hot: number, error: string) => {
      const snap = c.fullSnapshot();
      assert.equal(c.call(signed(ck(who)), "root_register", { hotkey: hk(hot) }), error);
      assert.deepEqual(c.fullSnapshot(), snap);
    };
    refuse(1, 1, "SubtensorModule.TooManyRegistrationsThisBlock");
    c.goto(1001);
    registrationBlockStep(c.s, 1001);
    refuse(0, 0, "SubtensorModule.HotKeyAlreadyRegisteredInSubNet");
    st.TargetRegistrationsPerInterval.set(c.s, 0, 0);
    refuse(1, 1, "SubtensorModule.TooManyRegistrationsThisInterval");
  });

  test("a full root replaces the member with the least root stake, only for strictly more stake", () => {
    const c = withRoot();
    assert.equal(c.call(signed(ck(0)), "root_register", { hotkey: hk(0) }), "ok");
    c.goto(1001);
    registrationBlockStep(c.s, 1001);
    assert.equal(c.call(signed(ck(1)), "root_register", { hotkey: hk(1) }), "ok");
    st.TotalHotkeyAlpha.set(c.s, hk(0), 0, 50n);
    st.TotalHotkeyAlpha.set(c.s, hk(1), 0, 20n);
    st.TotalHotkeyAlpha.set(c.s, hk(2), 0, 20n);
    c.goto(1002);
    registrationBlockStep(c.s, 1002);
    const snap = c.fullSnapshot();
    assert.equal(
      c.call(signed(ck(2)), "root_register", { hotkey: hk(2) }),
      "SubtensorModule.StakeTooLowForRoot",
    );
    assert.deepEqual(c.fullSnapshot(), snap);
    st.TotalHotkeyAlpha.set(c.s, hk(2), 0, 21n);
    assert.equal(c.call(signed(ck(2)), "root_register", { hotkey: hk(2) }), "ok");
    assert.deepEqual(st.Keys.get(c.s, 0, 1), hk(2));
    assert.equal(st.IsNetworkMember.has(c.s, hk(1), 0), false);
    assert.equal(st.Delegates.get(c.s, hk(2)), 11_796);
  });
});

describe("registrationBlockStep", () => {
  test("decays every subnet's burn, resets the block counters and root's interval counter on root's epoch", () => {
    const c = withSubnet();
    st.NetworksAdded.set(c.s, 0, true);
    st.Burn.set(c.s, 1, 50n * TAO);
    st.RegistrationsThisBlock.set(c.s, 1, 3);
    st.RegistrationsThisInterval.set(c.s, 0, 2);
    st.Tempo.set(c.s, 0, 100);
    st.LastEpochBlock.set(c.s, 0, 950n);
    registrationBlockStep(c.s, 1049);
    const bounds = { minBurn: 500_000n, maxBurn: 100n * TAO };
    const once = decayBurn(50n * TAO, 360, 1049n, bounds);
    assert.ok(once < 50n * TAO);
    assert.equal(st.Burn.get(c.s, 1), once);
    assert.equal(st.RegistrationsThisBlock.get(c.s, 1), 0);
    assert.equal(st.RegistrationsThisBlock.has(c.s, 0), true);
    // 99 blocks since root's last epoch: not yet.
    assert.equal(st.RegistrationsThisInterval.get(c.s, 0), 2);
    registrationBlockStep(c.s, 1050);
    assert.equal(st.RegistrationsThisInterval.get(c.s, 0), 0);
    assert.equal(st.Burn.get(c.s, 1), decayBurn(once, 360, 1050n, bounds));
    // 360 blocks of decay halve the price (within the Q32 factor's rounding).
    st.Burn.set(c.s, 1, 10n * TAO);
    for (let b = 2000; b < 2360; b++) registrationBlockStep(c.s, b);
    const halved = st.Burn.get(c.s, 1);
    assert.ok(halved <= 5n * TAO && halved > 5n * TAO - (5n * TAO) / 1000n, `${halved}`);
    // Never below MinBurn.
    st.Burn.set(c.s, 1, 500_001n);
    registrationBlockStep(c.s, 3000);
    assert.equal(st.Burn.get(c.s, 1), 500_000n);
  });
});
