// register_network through the executive: the new subnet's exact storage, each refusal by the chain's error
// name with state byte-identical, the lock cost's doubling and decay, the median opening price, pruning of
// the weakest subnet when the limit is reached, identity, and the chain-spec choices for new subnets.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { U64F64 } from "@opentao/primitives";
import { DEFAULT_BLOCK_EMISSION } from "../../../coinbase/blockEmission.ts";
import { lockReductionInterval, networkLockCost } from "../../../subnets/lockCost.ts";
import { storage as balances, EXISTENTIAL_DEPOSIT } from "../../balances/pallet.ts";
import { storage as swapStorage } from "../../swap/pallet.ts";
import { storage as st } from "../storage.ts";
import { subnetAccountId } from "../subnetAccount.ts";
import { currentAlphaPrice, currentLockCost, medianSubnetAlphaPrice } from "./registerNetwork.ts";
import { SYMBOLS } from "./symbolTable.ts";
import { ck, diff, expected, hk, nameKeys, ROOT, signed, TAO, TestChain } from "./testChain.ts";

const LAST = { type: "NetworkLastRegistered" as const, value: undefined };
const utf8 = (x: string) => new TextEncoder().encode(x);
const identity = (name: string) => ({
  subnet_name: utf8(name),
  github_repo: utf8("https://github.com/x/y"),
  subnet_contact: utf8("a@b.c"),
  subnet_url: new Uint8Array(),
  discord: new Uint8Array(),
  description: utf8("a subnet"),
  logo_url: new Uint8Array(),
  additional: new Uint8Array(),
});

describe("register_network", () => {
  test("writes exactly HEAD's new-subnet state and takes the lock from the coldkey", () => {
    const c = new TestChain();
    const before = c.snapshot();
    const lock = currentLockCost(c.s, 1000n);
    // First registration: the multiplier is 1 and the decay cannot go under the 1,000 TAO minimum.
    assert.equal(lock, 1000n * TAO);
    assert.equal(c.call(signed(ck(0)), "register_network", { hotkey: hk(0) }), "ok");
    const want = expected([
      [st.SubnetworkN, 1, 1],
      [st.NetworksAdded, 1, true],
      [st.Tempo, 1, 360],
      [st.LastEpochBlock, 1, 999n],
      [st.TotalNetworks, 1],
      [st.NetworkRegistrationAllowed, 1, true],
      [st.MaxAllowedUids, 1, 256],
      [st.MaxAllowedValidators, 1, 64],
      [st.MinAllowedWeights, 1, 1],
      [st.ImmunityPeriod, 1, 5000],
      [st.Yuma3On, 1, true],
      [st.Burn, 1, 1_000_000_000n],
      [st.SubnetEmissionEnabled, 1, false],
      [st.Kappa, 1, 32767],
      [st.ActivityCutoff, 1, 5000],
      [st.RegistrationsThisInterval, 1, 0],
      [st.NetworkLastLockCost, 1000n * TAO],
      [st.LastRateLimitedBlock, LAST, 1000n],
      [st.Owner, hk(0), ck(0)],
      [st.OwnedHotkeys, ck(0), [hk(0)]],
      [st.StakingHotkeys, ck(0), [hk(0)]],
      [st.Active, 1, [true]],
      [st.Emission, 1, [0n]],
      [st.Consensus, 1, [0]],
      [st.Incentive, 1, [0]],
      [st.LastUpdate, 1, [1000n]],
      [st.Dividends, 1, [0]],
      [st.ValidatorTrust, 1, [0]],
      [st.ValidatorPermit, 1, [false]],
      [st.Keys, 1, 0, hk(0)],
      [st.Uids, 1, hk(0), 0],
      [st.BlockAtRegistration, 1, 0, 1000n],
      [st.IsNetworkMember, hk(0), 1, true],
      [st.SubnetMechanism, 1, 1],
      [st.NetworkRegisteredAt, 1, 1000n],
      [st.RegisteredSubnetCounter, 1, 1n],
      [st.TokenSymbol, 1, utf8("α")],
      [st.SubnetTAO, 1, 1000n * TAO],
      [st.SubnetAlphaIn, 1, 1000n * TAO],
      [st.SubnetOwner, 1, ck(0)],
      [st.SubnetOwnerHotkey, 1, hk(0)],
      [st.SubnetLocked, 1, 1000n * TAO],
      [st.SubnetAlphaOut, 1, 0n],
      [st.SubnetVolume, 1, 0n],
      [st.RAORecycledForRegistration, 1, 0n],
      [st.TotalStake, 1000n * TAO],
    ]);
    assert.deepEqual(nameKeys(diff(before, c.snapshot())), nameKeys(want));
    assert.equal(c.free(ck(0)), 9_000n * TAO);
    // The lock sits in the subnet's account, backing SubnetTAO; balances issuance is unchanged by the move.
    assert.equal(c.subnetFree(1), 1000n * TAO);
    assert.equal(balances.TotalIssuance.get(c.s), 60_000n * TAO);
    assert.deepEqual(c.events(), [
      "SubtensorModule.RegistrationAllowed",
      "SubtensorModule.MaxAllowedUidsSet",
      "SubtensorModule.MaxAllowedValidatorsSet",
      "SubtensorModule.MinAllowedWeightSet",
      "SubtensorModule.ImmunityPeriodSet",
      "Balances.Transfer",
      "SubtensorModule.SubnetOwnerHotkeySet",
      "SubtensorModule.NetworkAdded",
    ]);
    assert.deepEqual(c.eventValues("SubtensorModule.NetworkAdded"), [[1, 1]]);
    assert.deepEqual(c.eventValues("Balances.Transfer"), [
      { from: ck(0), to: subnetAccountId(1), amount: 1000n * TAO },
    ]);
  });

  test("each refusal has the chain's error and leaves state byte-identical", () => {
    const c = new TestChain({}, 10_000n * TAO);
    const poor = new Uint8Array(32).fill(250);
    const refuse = (
      origin: Parameters<TestChain["call"]>[0],
      args: unknown,
      error: string,
      call = "register_network",
    ) => {
      const before = c.fullSnapshot();
      assert.equal(c.call(origin, call, args), error);
      assert.deepEqual(c.fullSnapshot(), before);
    };
    refuse(ROOT, { hotkey: hk(0) }, "BadOrigin");
    refuse(signed(poor), { hotkey: hk(9) }, "SubtensorModule.CannotAffordLockCost");
    const system = new Uint8Array(32);
    system.set(utf8("modlsubtensr"));
    refuse(signed(ck(0)), { hotkey: system }, "SubtensorModule.CannotUseSystemAccount");
    st.NetworkRegistrationStartBlock.set(c.s, 2000n);
    refuse(signed(ck(0)), { hotkey: hk(0) }, "SubtensorModule.SubNetRegistrationDisabled");
    st.NetworkRegistrationStartBlock.remove(c.s);
    assert.equal(c.call(signed(ck(0)), "register_network", { hotkey: hk(0) }), "ok");
    // Another coldkey cannot use a hotkey that ck(0) owns.
    refuse(signed(ck(1)), { hotkey: hk(0) }, "SubtensorModule.NonAssociatedColdKey");
    // The rate limit is global: 7,200 blocks between any two subnet registrations.
    refuse(signed(ck(1)), { hotkey: hk(1) }, "SubtensorModule.NetworkTxRateLimitExceeded");
    c.goto(1000 + 7199);
    refuse(signed(ck(1)), { hotkey: hk(1) }, "SubtensorModule.NetworkTxRateLimitExceeded");
    c.goto(1000 + 7200);
    st.SubnetLimit.set(c.s, 1);
    // Full, and subnet 1 is still inside its network immunity period.
    refuse(signed(ck(1)), { hotkey: hk(1) }, "SubtensorModule.SubnetLimitReached");
    st.SubnetLimit.remove(c.s);
    const bad = { ...identity("x"), subnet_name: new Uint8Array(257) };
    refuse(
      signed(ck(1)),
      { hotkey: hk(1), identity: bad },
      "SubtensorModule.InvalidIdentity",
      "register_network_with_identity",
    );
    assert.equal(c.call(signed(ck(1)), "register_network", { hotkey: hk(1) }), "ok");
  });

  test("the lock doubles on each registration and decays linearly over the reduction interval", () => {
    const c = new TestChain({}, 100_000n * TAO);
    st.NetworkRateLimit.set(c.s, 0n);
    assert.equal(c.call(signed(ck(0)), "register_network", { hotkey: hk(0) }), "ok");
    c.goto(1100);
    const interval = lockReductionInterval(100_800n, DEFAULT_BLOCK_EMISSION);
    assert.equal(interval, 100_800n);
    // 2·1000 TAO less ⌊1000 TAO / 100,800⌋ per block for 100 blocks.
    const want = 2_000n * TAO - ((1_000n * TAO) / 100_800n) * 100n;
    assert.equal(currentLockCost(c.s, 1100n), want);
    assert.equal(
      want,
      networkLockCost({
        lastLock: 1000n * TAO,
        minLock: 1000n * TAO,
        lastLockBlock: 1000n,
        currentBlock: 1100n,
        reductionInterval: interval,
      }),
    );
    const before = c.free(ck(1));
    assert.equal(c.call(signed(ck(1)), "register_network", { hotkey: hk(1) }), "ok");
    assert.equal(before - c.free(ck(1)), want);
    assert.equal(st.SubnetLocked.get(c.s, 2), want);
    assert.equal(st.NetworkLastLockCost.get(c.s), want);
    // The whole lock is in the pool; alpha at the median price of subnet 1 (1.0 here).
    assert.equal(st.SubnetTAO.get(c.s, 2), want);
    assert.equal(c.subnetFree(2), want);
    assert.equal(st.SubnetAlphaIn.get(c.s, 2), want);
    assert.deepEqual(st.TokenSymbol.get(c.s, 2), utf8("β"));
  });

  test("a new pool opens at the median spot price of the other subnets", () => {
    const c = new TestChain({}, 100_000n * TAO);
    st.NetworkRateLimit.set(c.s, 0n);
    for (let i = 0; i < 3; i++)
      assert.equal(c.call(signed(ck(i)), "register_network", { hotkey: hk(i) }), "ok");
    // Prices 2, 0.5 and 4 (TAO/alpha): the median is 2.
    st.SubnetAlphaIn.set(c.s, 1, st.SubnetTAO.get(c.s, 1) / 2n);
    st.SubnetAlphaIn.set(c.s, 2, st.SubnetTAO.get(c.s, 2) * 2n);
    st.SubnetAlphaIn.set(c.s, 3, st.SubnetTAO.get(c.s, 3) / 4n);
    assert.equal(medianSubnetAlphaPrice(c.s), U64F64.fromInt(2));
    // An even count takes the mean of the middle two: prices 0.5, 2, 4 and (subnet 4) 1.
    assert.equal(c.call(signed(ck(3)), "register_network", { hotkey: hk(3) }), "ok");
    const lock = st.SubnetLocked.get(c.s, 4);
    assert.equal(st.SubnetAlphaIn.get(c.s, 4), lock / 2n);
    st.SubnetAlphaIn.set(c.s, 4, st.SubnetTAO.get(c.s, 4));
    assert.equal(medianSubnetAlphaPrice(c.s), U64F64.safeDiv(U64F64.fromInt(3), U64F64.fromInt(2)));
    // A weight written by a re-weighting before any swap counts (the price reads the stored weight): quote
    // weight 1/4 triples subnet 4's price (w_base / w_quote = 3), so the middle two are 2 and 3.
    st.SubnetAlphaIn.set(c.s, 4, st.SubnetTAO.get(c.s, 4));
    swapStorage.SwapBalancer.set(c.s, 4, { quote: 250_000_000_000_000_000n });
    assert.equal(swapStorage.PalSwapInitialized.get(c.s, 4), false);
    assert.equal(currentAlphaPrice(c.s, 4), U64F64.fromInt(3));
    assert.equal(medianSubnetAlphaPrice(c.s), U64F64.safeDiv(U64F64.fromInt(5), U64F64.fromInt(2)));
  });

  test("at the subnet limit the lowest-EMA-price subnet past immunity is dissolved and its netuid reused", () => {
    const c = new TestChain({}, 100_000n * TAO);
    st.NetworkRateLimit.set(c.s, 0n);
    st.NetworkImmunityPeriod.set(c.s, 100n);
    st.SubnetLimit.set(c.s, 3);
    for (let i = 0; i < 3; i++)
      assert.equal(c.call(signed(ck(i)), "register_network", { hotkey: hk(i) }), "ok");
    const price = (x: bigint) => ({ bits: x << 32n });
    st.SubnetMovingPrice.set(c.s, 1, price(3n));
    st.SubnetMovingPrice.set(c.s, 2, price(1n));
    st.SubnetMovingPrice.set(c.s, 3, price(2n));
    c.goto(1099);
    assert.equal(
      c.call(signed(ck(3)), "register_network", { hotkey: hk(3) }),
      "SubtensorModule.SubnetLimitReached",
    );
    c.goto(1100);
    const owner2 = c.free(ck(1));
    const oldPot = c.subnetFree(2);
    assert.equal(oldPot, st.SubnetTAO.get(c.s, 2));
    const issuance = balances.TotalIssuance.get(c.s);
    const lock = currentLockCost(c.s, 1100n);
    assert.equal(c.call(signed(ck(3)), "register_network", { hotkey: hk(3) }), "ok");
    // The old pot was recycled from the subnet account down to the existential deposit it keeps (HEAD's
    // keep-alive recycle); the new lock arrived on top of it.
    assert.equal(issuance - balances.TotalIssuance.get(c.s), oldPot - EXISTENTIAL_DEPOSIT);
    assert.equal(c.subnetFree(2), EXISTENTIAL_DEPOSIT + lock);
    assert.equal(st.SubnetTAO.get(c.s, 2), lock);
    assert.ok(c.events().includes("SubtensorModule.NetworkRemoved"));
    assert.deepEqual(c.eventValues("SubtensorModule.NetworkRemoved"), [2]);
    assert.deepEqual(st.SubnetOwner.get(c.s, 2), ck(3));
    assert.deepEqual(st.Keys.get(c.s, 2, 0), hk(3));
    assert.equal(st.Uids.get(c.s, 2, hk(1)), undefined);
    assert.equal(st.IsNetworkMember.get(c.s, hk(1), 2), false);
    assert.equal(st.TotalNetworks.get(c.s), 3);
    // The old owner held no alpha (the pool's alpha is the protocol's): nothing paid back to it.
    assert.equal(c.free(ck(1)), owner2);
    // The symbol of netuid 2 was freed with the old subnet and taken again.
    assert.deepEqual(st.TokenSymbol.get(c.s, 2), utf8(SYMBOLS[2]));
  });

  test("a lock the coldkey can pay only by dying is cut to keep it alive; the pool still opens at the minimum", () => {
    // HEAD checks the whole balance but transfers what keeps the payer alive, and does not top the subnet
    // account up: SubnetTAO is the minimum lock while the account holds what was paid.
    const c = new TestChain({}, 1000n * TAO + 100n);
    assert.equal(currentLockCost(c.s, 1000n), 1000n * TAO);
    const issuance = balances.TotalIssuance.get(c.s);
    assert.equal(c.call(signed(ck(0)), "register_network", { hotkey: hk(0) }), "ok");
    const paid = 1000n * TAO + 100n - EXISTENTIAL_DEPOSIT;
    assert.equal(c.free(ck(0)), EXISTENTIAL_DEPOSIT);
    assert.equal(c.subnetFree(1), paid);
    assert.equal(st.SubnetLocked.get(c.s, 1), paid);
    assert.equal(st.NetworkLastLockCost.get(c.s), paid);
    assert.equal(st.SubnetTAO.get(c.s, 1), 1000n * TAO);
    assert.equal(st.RAORecycledForRegistration.get(c.s, 1), 0n);
    assert.equal(balances.TotalIssuance.get(c.s), issuance);
  });

  test("with identity: stored, SubnetIdentitySet before NetworkAdded", () => {
    const c = new TestChain();
    const id = identity("text");
    assert.equal(
      c.call(signed(ck(0)), "register_network_with_identity", { hotkey: hk(0), identity: id }),
      "ok",
    );
    assert.deepEqual(st.SubnetIdentitiesV3.get(c.s, 1), id);
    const evs = c.events();
    assert.ok(evs.indexOf("SubtensorModule.SubnetIdentitySet") < evs.indexOf("SubtensorModule.NetworkAdded"));
    assert.equal(
      c.call(signed(ck(1)), "register_network_with_identity", { hotkey: hk(1), identity: undefined }),
      "SubtensorModule.NetworkTxRateLimitExceeded",
    );
  });

  test("chain-spec choices: emission on, commit-reveal off, tempo", () => {
    const c = new TestChain({
      newSubnetEmissionEnabled: true,
      newSubnetCommitRevealEnabled: false,
      newSubnetTempo: 10,
    });
    assert.equal(c.call(signed(ck(0)), "register_network", { hotkey: hk(0) }), "ok");
    assert.equal(st.SubnetEmissionEnabled.get(c.s, 1), true);
    assert.equal(st.CommitRevealWeightsEnabled.has(c.s, 1), true);
    assert.equal(st.CommitRevealWeightsEnabled.get(c.s, 1), false);
    assert.equal(st.Tempo.get(c.s, 1), 10);
    assert.equal(st.LastEpochBlock.get(c.s, 1), 999n);
    // The pool's balancer weight is not written: the first swap initialises it.
    assert.equal(swapStorage.PalSwapInitialized.get(c.s, 1), false);
  });

  test("every root validator that did not opt out becomes a 100 % parent of the owner hotkey", () => {
    const c = new TestChain();
    st.NetworksAdded.set(c.s, 0, true);
    for (const i of [3, 4, 5]) {
      assert.equal(c.call(signed(ck(i)), "root_register", { hotkey: hk(i) }), "ok");
      st.RegistrationsThisBlock.set(c.s, 0, 0);
    }
    st.AutoParentDelegationEnabled.set(c.s, hk(4), false);
    // The owner's own hotkey on root is skipped (it cannot be its own parent).
    st.Owner.set(c.s, hk(5), ck(0));
    assert.equal(c.call(signed(ck(0)), "register_network", { hotkey: hk(5) }), "ok");
    const max = (1n << 64n) - 1n;
    assert.deepEqual(st.ChildKeys.get(c.s, hk(3), 1), [[max, hk(5)]]);
    assert.equal(st.ChildKeys.has(c.s, hk(4), 1), false);
    assert.deepEqual(st.ParentKeys.get(c.s, hk(5), 1), [[max, hk(3)]]);
    assert.equal(st.TransactionKeyLastBlock.get(c.s, hk(3), 1, 0), 1000n);
    assert.deepEqual(c.eventValues("SubtensorModule.SetChildren"), [[hk(3), 1, [[max, hk(5)]]]]);
    // A stake threshold the validator does not meet: skipped, registration still succeeds.
    c.goto(1000 + 7200);
    st.StakeThreshold.set(c.s, 1n);
    assert.equal(c.call(signed(ck(1)), "register_network", { hotkey: hk(1) }), "ok");
    assert.equal(st.ChildKeys.has(c.s, hk(3), 2), false);
  });
});
