// start_call, dissolve_network / root_dissolve_network, set_subnet_identity, set_identity and update_symbol
// through the executive: success with the exact writes, each refusal by name with state byte-identical, and
// the dissolution payout (pro rata to alpha value, largest remainder, the rest recycled).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { safeFloatFromU64 } from "@opentao/primitives";
import { storage as balances, EXISTENTIAL_DEPOSIT } from "../../balances/pallet.ts";
import { storage as swapStorage } from "../../swap/pallet.ts";
import { storage as st } from "../storage.ts";
import { subnetAccountId } from "../subnetAccount.ts";
import { nextAvailableSymbol } from "./symbols.ts";
import { SYMBOLS } from "./symbolTable.ts";
import { ck, diff, expected, hk, nameKeys, ROOT, signed, TAO, TestChain } from "./testChain.ts";

const utf8 = (x: string) => new TextEncoder().encode(x);

function withSubnets(n = 1) {
  const c = new TestChain({}, 100_000n * TAO);
  st.NetworkRateLimit.set(c.s, 0n);
  for (let i = 0; i < n; i++)
    assert.equal(c.call(signed(ck(i)), "register_network", { hotkey: hk(i) }), "ok");
  c.goto(1001);
  return c;
}

function refuser(c: TestChain) {
  return (origin: Parameters<TestChain["call"]>[0], call: string, args: unknown, error: string) => {
    const before = c.fullSnapshot();
    assert.equal(c.call(origin, call, args), error);
    assert.deepEqual(c.fullSnapshot(), before);
  };
}

/** A stake position worth exactly `alpha` on `netuid` (one staker per hotkey pool keeps values exact). */
function stake(c: TestChain, hot: Uint8Array, cold: Uint8Array, netuid: number, alpha: bigint) {
  const total = st.TotalHotkeyAlpha.get(c.s, hot, netuid) + alpha;
  st.TotalHotkeyAlpha.set(c.s, hot, netuid, total);
  st.TotalHotkeySharesV2.set(c.s, hot, netuid, safeFloatFromU64(total));
  st.AlphaV2.set(c.s, hot, cold, netuid, safeFloatFromU64(alpha));
}

describe("start_call", () => {
  test("the owner opens emission from the next block, once, after StartCallDelay", () => {
    const c = withSubnets();
    const refuse = refuser(c);
    refuse(signed(ck(0)), "start_call", { netuid: 9 }, "SubtensorModule.SubnetNotExists");
    refuse(signed(ck(1)), "start_call", { netuid: 1 }, "BadOrigin");
    refuse(ROOT, "start_call", { netuid: 1 }, "BadOrigin");
    st.StartCallDelay.set(c.s, 2n);
    refuse(signed(ck(0)), "start_call", { netuid: 1 }, "SubtensorModule.NeedWaitingMoreBlocksToStarCall");
    c.goto(1002);
    const before = c.snapshot();
    assert.equal(c.call(signed(ck(0)), "start_call", { netuid: 1 }), "ok");
    const want = expected([
      [st.FirstEmissionBlockNumber, 1, 1003n],
      [st.SubtokenEnabled, 1, true],
    ]);
    assert.deepEqual(nameKeys(diff(before, c.snapshot())), nameKeys(want));
    assert.deepEqual(c.eventValues("SubtensorModule.FirstEmissionBlockNumberSet"), [[1, 1003n]]);
    refuse(signed(ck(0)), "start_call", { netuid: 1 }, "SubtensorModule.FirstEmissionBlockNumberAlreadySet");
  });
});

describe("dissolve_network", () => {
  test("root only; unknown and root netuids are SubnetNotExists", () => {
    const c = withSubnets();
    const refuse = refuser(c);
    refuse(signed(ck(0)), "dissolve_network", { coldkey: ck(0), netuid: 1 }, "BadOrigin");
    refuse(signed(ck(0)), "root_dissolve_network", { netuid: 1 }, "BadOrigin");
    refuse(ROOT, "root_dissolve_network", { netuid: 0 }, "SubtensorModule.SubnetNotExists");
    refuse(ROOT, "dissolve_network", { coldkey: ck(0), netuid: 5 }, "SubtensorModule.SubnetNotExists");
  });

  test("pays the pot pro rata to alpha value, the leftover RAO by largest remainder, recycles the protocol's part", () => {
    const c = withSubnets();
    // Protocol alpha 600 (the pool's), stakers 300 (ck1) and 100 (ck2); pot 1000 TAO + 2 RAO.
    st.SubnetAlphaIn.set(c.s, 1, 600n);
    c.setPoolTao(1, 1000n * TAO + 2n);
    st.TotalStake.set(c.s, 1000n * TAO + 7n);
    stake(c, hk(1), ck(1), 1, 300n);
    stake(c, hk(2), ck(2), 1, 100n);
    st.Weights.set(c.s, 0, 0, [
      [1, 10],
      [2, 20],
    ]);
    st.ChildKeys.set(c.s, hk(1), 1, [[1n, hk(2)]]);
    st.ChildKeys.set(c.s, hk(1), 2, [[1n, hk(2)]]);
    st.RootClaimable.set(c.s, hk(1), [
      [1, { bits: 5n }],
      [2, { bits: 6n }],
    ]);
    st.RootClaimed.set(c.s, 1, hk(1), ck(1), 9n);
    st.RootClaimed.set(c.s, 2, hk(1), ck(1), 9n);
    const f1 = c.free(ck(1));
    const f2 = c.free(ck(2));
    const issuance = st.TotalIssuance.get(c.s);
    const balancesIssuance = balances.TotalIssuance.get(c.s);
    const totalStake = st.TotalStake.get(c.s);
    assert.equal(c.call(ROOT, "root_dissolve_network", { netuid: 1 }), "ok");
    // ck1: ⌊pot·300/1000⌋ = 300 TAO (remainder 600) and the 1 leftover RAO; ck2: 100 TAO (remainder 200).
    assert.equal(c.free(ck(1)) - f1, 300n * TAO + 1n);
    assert.equal(c.free(ck(2)) - f2, 100n * TAO);
    // The protocol's part (600 TAO + 1) stays in the subnet account, which is recycled down to the existential
    // deposit it keeps.
    const recycled = 600n * TAO + 1n - EXISTENTIAL_DEPOSIT;
    assert.equal(c.subnetFree(1), EXISTENTIAL_DEPOSIT);
    assert.equal(issuance - st.TotalIssuance.get(c.s), recycled);
    assert.equal(balancesIssuance - balances.TotalIssuance.get(c.s), recycled);
    // Both payouts are transfers out of the subnet account (in the stakers' storage order).
    const byAmount = (a: unknown, b: unknown) =>
      Number((a as { amount: bigint }).amount - (b as { amount: bigint }).amount);
    assert.deepEqual(c.eventValues("Balances.Transfer").sort(byAmount), [
      { from: subnetAccountId(1), to: ck(2), amount: 100n * TAO },
      { from: subnetAccountId(1), to: ck(1), amount: 300n * TAO + 1n },
    ]);
    assert.equal(totalStake - st.TotalStake.get(c.s), 1000n * TAO + 2n);
    assert.equal(st.TotalStake.get(c.s), 5n);
    for (const [hot, cold] of [
      [hk(1), ck(1)],
      [hk(2), ck(2)],
    ]) {
      assert.equal(st.AlphaV2.has(c.s, hot, cold, 1), false);
      assert.equal(st.TotalHotkeyAlpha.has(c.s, hot, 1), false);
      assert.equal(st.TotalHotkeySharesV2.has(c.s, hot, 1), false);
    }
    assert.deepEqual(st.Weights.get(c.s, 0, 0), [
      [1, 0],
      [2, 20],
    ]);
    assert.equal(st.ChildKeys.has(c.s, hk(1), 1), false);
    assert.equal(st.ChildKeys.has(c.s, hk(1), 2), true);
    assert.deepEqual(st.RootClaimable.get(c.s, hk(1)), [[2, { bits: 6n }]]);
    assert.equal(st.RootClaimed.has(c.s, 1, hk(1), ck(1)), false);
    assert.equal(st.RootClaimed.get(c.s, 2, hk(1), ck(1)), 9n);
    assert.equal(st.NetworksAdded.has(c.s, 1), false);
    assert.equal(st.TotalNetworks.get(c.s), 0);
    assert.deepEqual(c.eventValues("SubtensorModule.NetworkRemoved"), [1]);
  });

  test("a legacy subnet (registered before NetworkRegistrationStartBlock) refunds the lock less the owner's emission value", () => {
    const c = withSubnets();
    st.NetworkRegistrationStartBlock.set(c.s, 5000n);
    // Registered before the TAO-in refund deployment too: the pool's alpha is not the protocol's, so with no
    // stakers nothing is paid out and the refund comes from the pot.
    st.TaoInRefundDeploymentBlock.set(c.s, 5000n);
    // No alpha issued beyond the pool: with the price at 1.0 the owner's cut of issuance is worth
    // ⌊(SubnetAlphaIn + SubnetAlphaOut) · 11796/65535⌋ TAO-RAO.
    const issued = st.SubnetAlphaIn.get(c.s, 1);
    const f0 = c.free(ck(0));
    assert.equal(c.call(ROOT, "root_dissolve_network", { netuid: 1 }), "ok");
    const refund = c.free(ck(0)) - f0;
    const ownerValue = (issued * 11_796n) / 65_535n;
    // U96F32 arithmetic: the cut is a 32-bit fraction, so allow a few RAO of rounding.
    const want = 1000n * TAO - ownerValue;
    assert.ok(refund <= want + 1000n && refund >= want - 1000n, `${refund} vs ${want}`);
    // The refund came out of the subnet account; the rest of it is recycled but for the existential deposit.
    assert.deepEqual(c.eventValues("Balances.Transfer"), [
      { from: subnetAccountId(1), to: ck(0), amount: refund },
    ]);
    assert.equal(c.subnetFree(1), EXISTENTIAL_DEPOSIT);
    const recycled = 1000n * TAO - refund - EXISTENTIAL_DEPOSIT;
    assert.equal(st.TotalIssuance.get(c.s), 600_000n * TAO - recycled);
    assert.equal(balances.TotalIssuance.get(c.s), 600_000n * TAO - recycled);
  });
});

describe("identities", () => {
  const sid = (name: Uint8Array) => ({
    netuid: 1,
    subnet_name: name,
    github_repo: utf8("r"),
    subnet_contact: utf8("c"),
    subnet_url: utf8("u"),
    discord: utf8("d"),
    description: utf8("x"),
    logo_url: utf8("l"),
    additional: utf8("a"),
  });
  const cid = (name: Uint8Array) => ({
    name,
    url: utf8("u"),
    github_repo: utf8("g"),
    image: utf8("i"),
    discord: utf8("d"),
    description: utf8("x"),
    additional: utf8("a"),
  });

  test("set_subnet_identity: owner only, field limits", () => {
    const c = withSubnets();
    const refuse = refuser(c);
    refuse(signed(ck(1)), "set_subnet_identity", sid(utf8("n")), "SubtensorModule.NotSubnetOwner");
    refuse(signed(ck(0)), "set_subnet_identity", sid(new Uint8Array(257)), "SubtensorModule.InvalidIdentity");
    refuse(ROOT, "set_subnet_identity", sid(utf8("n")), "BadOrigin");
    assert.equal(c.call(signed(ck(0)), "set_subnet_identity", sid(new Uint8Array(256))), "ok");
    const { netuid: _, ...stored } = sid(new Uint8Array(256));
    assert.deepEqual(st.SubnetIdentitiesV3.get(c.s, 1), stored);
    assert.deepEqual(c.eventValues("SubtensorModule.SubnetIdentitySet"), [1]);
  });

  test("set_identity: the coldkey needs a registered hotkey", () => {
    const c = withSubnets();
    const refuse = refuser(c);
    refuse(signed(ck(1)), "set_identity", cid(utf8("me")), "SubtensorModule.HotKeyNotRegisteredInNetwork");
    refuse(
      signed(ck(0)),
      "set_identity",
      { ...cid(utf8("me")), url: new Uint8Array(257) },
      "SubtensorModule.InvalidIdentity",
    );
    assert.equal(c.call(signed(ck(0)), "set_identity", cid(utf8("me"))), "ok");
    assert.deepEqual(st.IdentitiesV2.get(c.s, ck(0)), cid(utf8("me")));
    assert.deepEqual(c.eventValues("SubtensorModule.ChainIdentitySet"), [ck(0)]);
  });
});

describe("symbols", () => {
  test("new subnets take their netuid's symbol, or the first free one", () => {
    const c = withSubnets(2);
    assert.deepEqual(st.TokenSymbol.get(c.s, 1), utf8(SYMBOLS[1]));
    assert.deepEqual(st.TokenSymbol.get(c.s, 2), utf8(SYMBOLS[2]));
    assert.equal(SYMBOLS.length, 439);
    // γ (netuid 3's) taken by subnet 1: netuid 3 gets the first unused one after Τ.
    st.TokenSymbol.set(c.s, 1, utf8(SYMBOLS[3]));
    assert.deepEqual(nextAvailableSymbol(c.s, 3), utf8(SYMBOLS[1]));
    // Past the table: Τ (root's, which no subnet holds).
    assert.deepEqual(nextAvailableSymbol(c.s, 500), utf8(SYMBOLS[0]));
  });

  test("update_symbol: owner or root, a table symbol other than Τ, not in use", () => {
    const c = withSubnets(2);
    const refuse = refuser(c);
    refuse(signed(ck(1)), "update_symbol", { netuid: 1, symbol: utf8("ω") }, "BadOrigin");
    refuse(
      signed(ck(0)),
      "update_symbol",
      { netuid: 1, symbol: utf8("Τ") },
      "SubtensorModule.SymbolDoesNotExist",
    );
    refuse(
      signed(ck(0)),
      "update_symbol",
      { netuid: 1, symbol: utf8("zz") },
      "SubtensorModule.SymbolDoesNotExist",
    );
    refuse(
      signed(ck(0)),
      "update_symbol",
      { netuid: 1, symbol: utf8(SYMBOLS[2]) },
      "SubtensorModule.SymbolAlreadyInUse",
    );
    assert.equal(c.call(signed(ck(0)), "update_symbol", { netuid: 1, symbol: utf8("ω") }), "ok");
    assert.deepEqual(st.TokenSymbol.get(c.s, 1), utf8("ω"));
    assert.deepEqual(c.eventValues("SubtensorModule.SymbolUpdated"), [{ netuid: 1, symbol: utf8("ω") }]);
    assert.equal(c.call(ROOT, "update_symbol", { netuid: 2, symbol: utf8("ψ") }), "ok");
    assert.deepEqual(st.TokenSymbol.get(c.s, 2), utf8("ψ"));
    assert.equal(swapStorage.FeeRate.has(c.s, 2), false);
  });
});
