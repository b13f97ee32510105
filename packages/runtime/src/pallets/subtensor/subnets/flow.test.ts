// The whole life of a subnet through the executive: create it, start it, register neurons until it is full
// and a uid is replaced, run blocks, then dissolve it, after which nothing of the netuid is left in storage
// beyond what subtensor itself keeps (hotkey ownership, lock bookkeeping, counters).

import assert from "node:assert/strict";
import { test } from "node:test";
import { describeError, type Origin } from "../../../frame/dispatch.ts";
import { pallets, runtimeCall } from "../../../runtime/definition.ts";
import type { RuntimeCallValue } from "../../../runtime/executive.ts";
import { storage as balances, EXISTENTIAL_DEPOSIT } from "../../balances/pallet.ts";
import { storage as system } from "../../system/pallet.ts";
import { registrationBlockStep } from "../registration/blockStep.ts";
import { storage as st } from "../storage.ts";
import { subnetAccountId } from "../subnetAccount.ts";
import { ck, diff, hk, nameKeys, ROOT, signed, TAO, TestChain } from "./testChain.ts";

test("create → start_call → register 3 neurons → a uid replaced when full → dissolve", () => {
  const c = new TestChain({ newSubnetEmissionEnabled: true, newSubnetCommitRevealEnabled: false });
  const pristine = c.snapshot();
  const issuance = balances.TotalIssuance.get(c.s);

  assert.equal(c.call(signed(ck(0)), "register_network", { hotkey: hk(0) }), "ok");
  assert.equal(st.SubnetEmissionEnabled.get(c.s, 1), true);
  assert.equal(c.call(signed(ck(0)), "start_call", { netuid: 1 }), "ok");
  assert.equal(st.FirstEmissionBlockNumber.get(c.s, 1), 1001n);
  st.MaxAllowedUids.set(c.s, 1, 3);

  const paid: bigint[] = [];
  let fees = 0n;
  for (let i = 1; i <= 3; i++) {
    c.goto(1000 + i);
    registrationBlockStep(c.s, 1000 + i);
    const before = c.free(ck(i));
    const poolBefore = st.SubnetTAO.get(c.s, 1);
    const issuanceBefore = balances.TotalIssuance.get(c.s);
    assert.equal(c.call(signed(ck(i)), "burned_register", { netuid: 1, hotkey: hk(i) }), "ok");
    paid.push(before - c.free(ck(i)));
    // With no block author the swap fee is burned out of the subnet account; the pool keeps the rest.
    const fee = issuanceBefore - balances.TotalIssuance.get(c.s);
    assert.ok(fee > 0n);
    assert.equal(st.SubnetTAO.get(c.s, 1) - poolBefore, paid[i - 1] - fee);
    // The subnet account backs the pool exactly, coinbase injections included.
    assert.equal(c.subnetFree(1), st.SubnetTAO.get(c.s, 1));
    fees += fee;
  }
  // Owner at uid 0, hk(1) at uid 1, hk(2) at uid 2; hk(3) found the subnet full and took the
  // lowest-emission, earliest-registered immune uid that is not the owner's: uid 1.
  assert.equal(st.SubnetworkN.get(c.s, 1), 3);
  assert.deepEqual(
    [0, 1, 2].map((u) => st.Keys.get(c.s, 1, u)),
    [hk(0), hk(3), hk(2)],
  );
  assert.deepEqual(c.eventValues("SubtensorModule.NeuronRegistered"), [[1, 1, hk(3)]]);
  assert.equal(st.IsNetworkMember.get(c.s, hk(1), 1), false);
  // Each registration paid the decayed-then-bumped price; all of it stayed in the pool.
  assert.ok(paid[1] > (paid[0] * 12n) / 10n && paid[2] > (paid[1] * 12n) / 10n);

  c.goto(2000);
  const pot = st.SubnetTAO.get(c.s, 1);
  assert.equal(c.subnetFree(1), pot);
  const beforeDissolve = balances.TotalIssuance.get(c.s);
  assert.equal(c.call(ROOT, "dissolve_network", { coldkey: ck(0), netuid: 1 }), "ok");
  // The pot went pro rata to the alpha the coinbase staked (owner cut, dividends) and to the protocol; the
  // stakers' parts are transfers out of the subnet account, the protocol's part is recycled.
  const transfers = c.eventValues("Balances.Transfer") as Array<{ from: Uint8Array; amount: bigint }>;
  assert.ok(transfers.length > 0);
  for (const tr of transfers) assert.deepEqual(tr.from, subnetAccountId(1));
  const payouts = transfers.reduce((a, tr) => a + tr.amount, 0n);
  const left = nameKeys(diff(pristine, c.snapshot()));
  const persistent = [...left.keys()].map((k) => k.split(":")[0]).sort();
  assert.deepEqual(persistent, [
    "Balances.TotalIssuance",
    "SubtensorModule.LastRateLimitedBlock",
    "SubtensorModule.NetworkLastLockCost",
    "SubtensorModule.OwnedHotkeys",
    "SubtensorModule.OwnedHotkeys",
    "SubtensorModule.OwnedHotkeys",
    "SubtensorModule.OwnedHotkeys",
    "SubtensorModule.Owner",
    "SubtensorModule.Owner",
    "SubtensorModule.Owner",
    "SubtensorModule.Owner",
    "SubtensorModule.RegisteredSubnetCounter",
    // The coinbase's root bookkeeping for the netuid: HEAD's remove_network clears none of these (the
    // dividends are cleared at the subnet's next epoch; the claimable maps are written back emptied).
    "SubtensorModule.RootAlphaDividendsPerSubnet",
    "SubtensorModule.RootAlphaDividendsPerSubnet",
    "SubtensorModule.RootAlphaDividendsPerSubnet",
    "SubtensorModule.RootClaimable",
    "SubtensorModule.RootClaimable",
    "SubtensorModule.RootClaimable",
    "SubtensorModule.RootProp",
    "SubtensorModule.StakingHotkeys",
    "SubtensorModule.StakingHotkeys",
    "SubtensorModule.StakingHotkeys",
    "SubtensorModule.StakingHotkeys",
    "SubtensorModule.SubnetEmissionEnabled",
    "SubtensorModule.TotalIssuance",
    "SubtensorModule.TotalNetworks",
    "SubtensorModule.TotalStake",
  ]);
  assert.equal(st.TotalNetworks.get(c.s), 0);
  // All but the payouts is recycled, save the existential deposit the subnet account keeps (HEAD recycles its
  // keep-alive balance).
  assert.equal(c.subnetFree(1), EXISTENTIAL_DEPOSIT);
  assert.equal(beforeDissolve - balances.TotalIssuance.get(c.s), pot - payouts - EXISTENTIAL_DEPOSIT);
  // Balances issuance is the sum of every free balance, subnet account included.
  const sum = [...system.Account.entries(c.s)].reduce((a, [, info]) => a + info.data.free, 0n);
  assert.equal(balances.TotalIssuance.get(c.s), sum);
  // Whatever reached the pool (the lock, the registrations less their burned fees, any coinbase injection)
  // is gone but the payouts and the deposit, so issuance fell by what the coldkeys spent less those two.
  const spent = 1000n * TAO + paid[0] + paid[1] + paid[2];
  assert.equal(issuance - sum, spent - payouts - EXISTENTIAL_DEPOSIT);
  // TotalStake counted each registration's whole payment, fee included, but dissolution takes out only the
  // pot: the chain's known TotalStake drift (§13.3) is exactly the fees.
  assert.equal(st.TotalStake.get(c.s), fees);
});

test("calls decoded from their SCALE encoding reach the handlers with the chain's argument names", () => {
  const c = new TestChain();
  const roundTrip = (call: string, value: unknown) => {
    const encoded = runtimeCall.codec.enc({ type: "SubtensorModule", value: { type: call, value } });
    return runtimeCall.codec.dec(encoded) as RuntimeCallValue;
  };
  const run = (origin: Origin, call: RuntimeCallValue) => {
    const e = c.ex.dispatch(c.s, origin, call);
    return e ? describeError(e, pallets) : "ok";
  };
  const none = roundTrip("register_network_with_identity", { hotkey: hk(0), identity: undefined });
  assert.equal(run(signed(ck(0)), none), "ok");
  assert.equal(st.SubnetIdentitiesV3.has(c.s, 1), false);
  assert.equal(run(signed(ck(1)), roundTrip("burned_register", { netuid: 1, hotkey: hk(1) })), "ok");
  assert.equal(
    run(signed(ck(2)), roundTrip("register_limit", { netuid: 1, hotkey: hk(2), limit_price: 1n })),
    "SubtensorModule.RegistrationPriceLimitExceeded",
  );
  assert.equal(run(signed(ck(0)), roundTrip("start_call", { netuid: 1 })), "ok");
  assert.equal(
    run(signed(ck(0)), roundTrip("update_symbol", { netuid: 1, symbol: new TextEncoder().encode("ω") })),
    "ok",
  );
  c.goto(1000 + 7200);
  const id = {
    subnet_name: new TextEncoder().encode("two"),
    github_repo: new Uint8Array(),
    subnet_contact: new Uint8Array(),
    subnet_url: new Uint8Array(),
    discord: new Uint8Array(),
    description: new Uint8Array(),
    logo_url: new Uint8Array(),
    additional: new Uint8Array(),
  };
  assert.equal(
    run(signed(ck(3)), roundTrip("register_network_with_identity", { hotkey: hk(3), identity: id })),
    "ok",
  );
  assert.deepEqual(st.SubnetIdentitiesV3.get(c.s, 2), id);
  assert.equal(run(ROOT, roundTrip("dissolve_network", { coldkey: ck(3), netuid: 2 })), "ok");
  assert.equal(st.NetworksAdded.has(c.s, 2), false);
});
