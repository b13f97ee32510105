// Property test over random sequences of staking extrinsics (≥ 10,000 operations in all) on root plus three
// dynamic subnets: TAO is conserved exactly (each subnet account holds its pool plus booked excess, burned
// fees sit in the burn account), issuance matches balances, alpha books stay consistent, failed calls leave
// the state byte-identical, and a buy followed by a sell never returns more TAO than went in.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bytesEqual, U64F64 } from "@opentao/primitives";
import fc from "fast-check";
import { systemEvents } from "../../../runtime/definition.ts";
import type { RuntimeCallValue } from "../../../runtime/executive.ts";
import { storage as balances, EXISTENTIAL_DEPOSIT } from "../../balances/pallet.ts";
import { storage as st } from "../pallet.ts";
import { burnAccountId, isSubnetAccountId } from "../subnetAccount.ts";
import { alphaPrice } from "./helpers.ts";
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
  subnetAccountExcess,
  subtensorEvents,
  sumFree,
  sumSubnetAccounts,
  sumSubnetTao,
  TAO,
} from "./testState.ts";

const NETS = [0, 1, 2, 3];
const KEYS = 3; // coldkeys/hotkeys 0..2 trade; 3 only does round trips

// Two trading coldkeys over three hotkeys (hotkey 2 belongs to a non-trading coldkey: nominator paths).
const key = fc.integer({ min: 0, max: 1 });
const hot = fc.integer({ min: 0, max: KEYS - 1 });
const net = fc.constantFrom(0, 1, 2, 3, 1, 2, 3, 7);
const taoAmount = fc.oneof(
  fc.bigInt({ min: 0n, max: 5_000_000n }),
  fc.bigInt({ min: 0n, max: 100n * TAO }),
  fc.bigInt({ min: 0n, max: 3_000n * TAO }),
);
const frac = fc.integer({ min: 0, max: 1_100 }); // per mille of the current position
const priceFrac = fc.integer({ min: 500, max: 1_500 }); // per mille of the current price

type Op =
  | { k: "add"; c: number; h: number; n: number; amount: bigint }
  | { k: "addLimit"; c: number; h: number; n: number; amount: bigint; p: number; partial: boolean }
  | { k: "remove"; c: number; h: number; n: number; f: number }
  | { k: "removeLimit"; c: number; h: number; n: number; f: number; p: number; partial: boolean }
  | { k: "removeFull"; c: number; h: number; n: number; p: number | null }
  | { k: "move"; c: number; h: number; h2: number; n: number; n2: number; f: number }
  | { k: "swap"; c: number; h: number; n: number; n2: number; f: number; p: number | null; partial: boolean }
  | { k: "transfer"; c: number; c2: number; h: number; n: number; n2: number; f: number }
  | { k: "unstakeAll"; c: number; h: number; alphaOnly: boolean }
  | { k: "destroy"; c: number; h: number; n: number; f: number; recycle: boolean }
  | { k: "roundTrip"; n: number; amount: bigint };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant("add" as const), c: key, h: hot, n: net, amount: taoAmount }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant("addLimit" as const),
      c: key,
      h: hot,
      n: net,
      amount: taoAmount,
      p: priceFrac,
      partial: fc.boolean(),
    }),
  },
  { weight: 4, arbitrary: fc.record({ k: fc.constant("remove" as const), c: key, h: hot, n: net, f: frac }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant("removeLimit" as const),
      c: key,
      h: hot,
      n: net,
      f: frac,
      p: priceFrac,
      partial: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant("removeFull" as const),
      c: key,
      h: hot,
      n: net,
      p: fc.option(priceFrac, { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant("move" as const),
      c: key,
      h: hot,
      h2: hot,
      n: net,
      n2: net,
      f: frac,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant("swap" as const),
      c: key,
      h: hot,
      n: net,
      n2: net,
      f: frac,
      p: fc.option(priceFrac, { nil: null }),
      partial: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant("transfer" as const),
      c: key,
      c2: key,
      h: hot,
      n: net,
      n2: net,
      f: frac,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant("unstakeAll" as const), c: key, h: hot, alphaOnly: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant("destroy" as const),
      c: key,
      h: hot,
      n: net,
      f: frac,
      recycle: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant("roundTrip" as const),
      n: fc.constantFrom(1, 2, 3),
      amount: taoAmount,
    }),
  },
);

const part = (f: StakingFixture, c: number, h: number, n: number, permille: number) =>
  (stakeOf(f.s, hk(h), ck(c), n) * BigInt(permille)) / 1_000n;
/** A limit price in RAO per alpha: a per-mille of the subnet's current price (or of a price ratio). */
const priceRao = (f: StakingFixture, n: number, permille: number) =>
  (U64F64.toU64(U64F64.saturatingMul(alphaPrice(f.s, n), U64F64.fromInt(TAO))) * BigInt(permille)) / 1_000n;
const ratioRao = (f: StakingFixture, n: number, n2: number, permille: number) => {
  const ratio = U64F64.safeDiv(alphaPrice(f.s, n), alphaPrice(f.s, n2));
  return (U64F64.toU64(U64F64.saturatingMul(ratio, U64F64.fromInt(TAO))) * BigInt(permille)) / 1_000n;
};

function toCall(f: StakingFixture, op: Exclude<Op, { k: "roundTrip" }>): [number, RuntimeCallValue] {
  switch (op.k) {
    case "add":
      return [op.c, call("add_stake", { hotkey: hk(op.h), netuid: op.n, amount_staked: op.amount })];
    case "addLimit":
      return [
        op.c,
        call("add_stake_limit", {
          hotkey: hk(op.h),
          netuid: op.n,
          amount_staked: op.amount,
          limit_price: priceRao(f, op.n, op.p),
          allow_partial: op.partial,
        }),
      ];
    case "remove":
      return [
        op.c,
        call("remove_stake", {
          hotkey: hk(op.h),
          netuid: op.n,
          amount_unstaked: part(f, op.c, op.h, op.n, op.f),
        }),
      ];
    case "removeLimit":
      return [
        op.c,
        call("remove_stake_limit", {
          hotkey: hk(op.h),
          netuid: op.n,
          amount_unstaked: part(f, op.c, op.h, op.n, op.f),
          limit_price: priceRao(f, op.n, op.p),
          allow_partial: op.partial,
        }),
      ];
    case "removeFull":
      return [
        op.c,
        call("remove_stake_full_limit", {
          hotkey: hk(op.h),
          netuid: op.n,
          limit_price: op.p === null ? undefined : priceRao(f, op.n, op.p),
        }),
      ];
    case "move":
      return [
        op.c,
        call("move_stake", {
          origin_hotkey: hk(op.h),
          destination_hotkey: hk(op.h2),
          origin_netuid: op.n,
          destination_netuid: op.n2,
          alpha_amount: part(f, op.c, op.h, op.n, op.f),
        }),
      ];
    case "swap": {
      const base = { hotkey: hk(op.h), origin_netuid: op.n, destination_netuid: op.n2 };
      const alpha_amount = part(f, op.c, op.h, op.n, op.f);
      return op.p === null
        ? [op.c, call("swap_stake", { ...base, alpha_amount })]
        : [
            op.c,
            call("swap_stake_limit", {
              ...base,
              alpha_amount,
              limit_price: ratioRao(f, op.n, op.n2, op.p),
              allow_partial: op.partial,
            }),
          ];
    }
    case "transfer":
      return [
        op.c,
        call("transfer_stake", {
          destination_coldkey: ck(op.c2),
          hotkey: hk(op.h),
          origin_netuid: op.n,
          destination_netuid: op.n2,
          alpha_amount: part(f, op.c, op.h, op.n, op.f),
        }),
      ];
    case "unstakeAll":
      return [op.c, call(op.alphaOnly ? "unstake_all_alpha" : "unstake_all", { hotkey: hk(op.h) })];
    case "destroy":
      return [
        op.c,
        call(op.recycle ? "recycle_alpha" : "burn_alpha", {
          hotkey: hk(op.h),
          amount: part(f, op.c, op.h, op.n, op.f),
          netuid: op.n,
        }),
      ];
  }
}

/**
 * Where this session's TAO sits besides coldkeys and pools: each subnet account's excess over its SubnetTAO
 * (unexecuted buy TAO, and fees without an author too small to open the burn account), the burn account's
 * balance (fees burned without an author), and dust reaped from accounts (which leaves issuance).
 */
interface Books {
  excess: Map<number, bigint>;
  burned: bigint;
  dust: bigint;
  /** TAO the block author received, all of it from subnet accounts (buy fees, fee-alpha sales). */
  authorPaid: bigint;
}

/** Book one call's events: buy legs add their unexecuted TAO and unpaid fee to the subnet account's excess. */
function bookCall(
  books: Books,
  s: StakingFixture["s"],
  taoBefore: Map<number, bigint>,
  author: boolean,
  exact: boolean,
): void {
  const events = subtensorEvents(s);
  const removedOn = new Set(
    events.filter(([n]) => n === "StakeRemoved").map(([, v]) => (v as unknown[])[4] as number),
  );
  // Without an author each buy's fee is burned (moved to the burn account) unless that would leave the burn
  // account below the existential deposit; then it stays in the subnet account.
  let burnAccount = books.burned;
  const burnedOn = new Map<number, bigint>();
  for (const [name, v] of events) {
    if (name !== "StakeAdded") continue;
    const [, , tao, , netuid, fee] = v as [Uint8Array, Uint8Array, bigint, bigint, number, bigint];
    if (removedOn.has(netuid)) continue; // a same-subnet share transfer: no TAO moved
    const poolGain = st.SubnetTAO.get(s, netuid) - (taoBefore.get(netuid) ?? 0n);
    const unexecuted = tao - poolGain - fee;
    assert.ok(unexecuted >= 0n, `buy leg on ${netuid}: tao ${tao} < pool gain ${poolGain} + fee ${fee}`);
    // Only an order stopped at its limit leaves TAO unexecuted, and add_stake_limit pre-caps it to dust.
    if (exact) assert.equal(unexecuted, 0n);
    else assert.ok(unexecuted <= 1_000n, `unexecuted ${unexecuted}`);
    let kept = unexecuted;
    if (!author && fee > 0n) {
      if (burnAccount + fee >= EXISTENTIAL_DEPOSIT) {
        burnAccount += fee;
        burnedOn.set(netuid, (burnedOn.get(netuid) ?? 0n) + fee);
      } else kept += fee;
    }
    books.excess.set(netuid, (books.excess.get(netuid) ?? 0n) + kept);
  }
  const transferredOn = new Map<number, bigint>();
  for (const [from, to, amount] of balancesTransfers(s)) {
    if (!isSubnetAccountId(from) || !bytesEqual(to, burnAccountId())) continue;
    const netuid = from[12] | (from[13] << 8);
    transferredOn.set(netuid, (transferredOn.get(netuid) ?? 0n) + amount);
  }
  assert.deepEqual(
    transferredOn,
    burnedOn,
    "burn transfers = the author-less fees the burn account can take",
  );
  books.burned = burnAccount;
  for (const [from, to, amount] of balancesTransfers(s)) {
    if (bytesEqual(to, AUTHOR)) {
      assert.ok(author && isSubnetAccountId(from), "only a subnet account pays the block author");
      books.authorPaid += amount;
    }
  }
  for (const r of systemEvents.get(s)) {
    const e = r.event.value as { type: string; value: { amount: bigint } };
    if (r.event.type === "Balances" && e.type === "DustLost") books.dust += e.value.amount;
  }
}

function checkBooks(f: StakingFixture, initial: bigint, books: Books): void {
  const sf = sumFree(f.s);
  assert.equal(
    balances.TotalIssuance.get(f.s),
    sf,
    "Balances.TotalIssuance = Σ free, subnet accounts included",
  );
  assert.equal(
    sf,
    initial - books.dust,
    "staking moves TAO between accounts; only reaped dust leaves issuance",
  );
  let excess = 0n;
  for (const n of NETS) {
    const extra = books.excess.get(n) ?? 0n;
    assert.equal(subnetAccountExcess(f.s, n), extra, `subnet ${n}'s account = SubnetTAO + booked excess`);
    assert.ok(extra >= 0n, `subnet ${n}'s account holds at least SubnetTAO`);
    excess += extra;
  }
  assert.equal(free(f, burnAccountId()), books.burned, "the burn account holds exactly the burned fees");
  assert.equal(free(f, AUTHOR), books.authorPaid, "the author holds exactly the fees paid to it");
  assert.equal(
    sf - sumSubnetAccounts(f.s) + sumSubnetTao(f.s) + excess,
    initial - books.dust,
    "TAO conserved: coldkeys, author and burn account + pools + excess",
  );
  for (const n of NETS) {
    let positions = 0n;
    for (let h = 0; h <= KEYS; h++) positions += st.TotalHotkeyAlpha.get(f.s, hk(h), n);
    assert.ok(positions <= st.SubnetAlphaOut.get(f.s, n), `Σ positions ≤ SubnetAlphaOut on ${n}`);
  }
}

describe("staking extrinsics, random sequences", () => {
  test("conserve TAO, keep the books consistent, fail cleanly, never profit from a round trip", () => {
    let ops = 0;
    let succeeded = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(opArb, { minLength: 100, maxLength: 100 }), (author, sequence) => {
        const f = stakingFixture({ accounts: KEYS + 1, balance: 2_000n * TAO, author });
        const initial = balances.TotalIssuance.get(f.s);
        assert.equal(
          sumSubnetAccounts(f.s),
          sumSubnetTao(f.s),
          "genesis: each subnet account holds its pool",
        );
        const books: Books = { excess: new Map(), burned: 0n, dust: 0n, authorPaid: 0n };
        for (const op of sequence) {
          ops++;
          systemEvents.set(f.s, []);
          const taoBefore = new Map(NETS.map((n) => [n, st.SubnetTAO.get(f.s, n)]));
          if (op.k === "roundTrip") {
            const c = ck(KEYS);
            const freeBefore = free(f, c);
            if (
              run(f, c, call("add_stake", { hotkey: hk(KEYS), netuid: op.n, amount_staked: op.amount })) !==
              "ok"
            )
              continue;
            bookCall(books, f.s, taoBefore, author, true);
            systemEvents.set(f.s, []);
            const r = run(
              f,
              c,
              call("remove_stake_full_limit", { hotkey: hk(KEYS), netuid: op.n, limit_price: undefined }),
            );
            if (r === "ok") {
              succeeded++;
              assert.ok(free(f, c) <= freeBefore, `round trip returned ${free(f, c) - freeBefore} RAO more`);
              bookCall(books, f.s, taoBefore, author, true);
            }
            checkBooks(f, initial, books);
            continue;
          }
          const [who, c] = toCall(f, op);
          const before = snapshot(f.s);
          const result = run(f, ck(who), c);
          if (result !== "ok") {
            assert.deepEqual(snapshot(f.s), before, `${result} changed the state`);
            continue;
          }
          succeeded++;
          bookCall(books, f.s, taoBefore, author, op.k !== "addLimit");
          checkBooks(f, initial, books);
        }
      }),
      { numRuns: 100 },
    );
    assert.ok(ops >= 10_000, `${ops} operations`);
    // The generators must exercise successful paths, not only errors.
    assert.ok(succeeded > ops / 5, `${succeeded} of ${ops} operations succeeded`);
  });
});
