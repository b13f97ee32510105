// The whole life of a subnet through the executive: create it, start it, register neurons until it is full
// and a uid is replaced, run blocks, then dissolve it, after which nothing of the netuid is left in storage
// beyond what subtensor itself keeps (hotkey ownership, lock bookkeeping, counters).

import assert from "node:assert/strict";
import { test } from "node:test";
import { describeError, type Origin } from "../../../frame/dispatch.ts";
import { pallets, runtimeCall } from "../../../runtime/definition.ts";
import type { RuntimeCallValue } from "../../../runtime/executive.ts";
import { storage as balances } from "../../balances/pallet.ts";
import { registrationBlockStep } from "../registration/blockStep.ts";
import { storage as st } from "../storage.ts";
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
  for (let i = 1; i <= 3; i++) {
    c.goto(1000 + i);
    registrationBlockStep(c.s, 1000 + i);
    const before = c.free(ck(i));
    assert.equal(c.call(signed(ck(i)), "burned_register", { netuid: 1, hotkey: hk(i) }), "ok");
    paid.push(before - c.free(ck(i)));
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
  // The swap fees left with no block author (burned): the pool holds the rest.
  const fees = issuance - balances.TotalIssuance.get(c.s);
  assert.ok(fees > 0n);
  assert.equal(st.SubnetTAO.get(c.s, 1), 1000n * TAO + paid[0] + paid[1] + paid[2] - fees);

  c.goto(2000);
  assert.equal(c.call(ROOT, "dissolve_network", { coldkey: ck(0), netuid: 1 }), "ok");
  // No alpha was staked: the whole pot was the protocol's and is recycled.
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
  // Every RAO that left the coldkeys is either recycled or paid to the (absent) author as fees (burned).
  const spent = 1000n * TAO + paid[0] + paid[1] + paid[2];
  assert.equal(issuance - balances.TotalIssuance.get(c.s), spent);
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
