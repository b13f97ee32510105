// Staking properties: stake/unstake round trips never create TAO, the share pool never pays out more than
// it holds, emission is shared pro rata, and stable (root) subnets swap 1:1 without fees.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SAFE_FLOAT_ZERO, type SafeFloat } from "@opentao/primitives";
import fc from "fast-check";
import { DEFAULT_QUOTE_WEIGHT_PARTS } from "../swap/balancer.ts";
import { MAX_PRICE_RAO, MIN_PRICE_RAO } from "../swap/swap.ts";
import {
  canUpdateValueForOne,
  EMPTY_SHARE_POOL,
  type HotkeySharePool,
  shareValue,
  updateValueForAll,
  updateValueForOne,
} from "./sharePool.ts";
import { type SubnetPool, stakeIntoSubnet, swapTaoForAlpha, unstakeFromSubnet } from "./stakeUtils.ts";

const TAO = 1_000_000_000n;

const poolArb = fc.record({
  taoReserve: fc.bigInt(10n * TAO, 1_000_000n * TAO),
  alphaReserve: fc.bigInt(10n * TAO, 1_000_000n * TAO),
  quoteWeightParts: fc.constant(DEFAULT_QUOTE_WEIGHT_PARTS),
  feeRate: fc.integer({ min: 0, max: 500 }),
  alphaOut: fc.constant(0n),
  mechanism: fc.constant(1),
});

describe("share pool", () => {
  test("values never sum above the pool, and each staker keeps what it put in (to one RAO per op)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.bigInt(1n, 1n << 50n)), { maxLength: 12 }),
        (ops) => {
          let pool: HotkeySharePool = EMPTY_SHARE_POOL;
          const shares: SafeFloat[] = Array(5).fill(SAFE_FLOAT_ZERO);
          const deposited = Array(5).fill(0n) as bigint[];
          for (const [who, amount] of ops) {
            if (!canUpdateValueForOne(pool, amount)) continue;
            const r = updateValueForOne(pool, shares[who]!, amount);
            pool = r.pool;
            shares[who] = r.share;
            deposited[who] += amount;
          }
          const values = shares.map((s) => shareValue(pool, s));
          assert.ok(values.reduce((a, b) => a + b, 0n) <= pool.totalAlpha);
          values.forEach((v, i) => {
            assert.ok(v <= deposited[i]!, `staker ${i} gained: ${v} > ${deposited[i]}`);
            assert.ok(deposited[i]! - v <= BigInt(ops.length) + 1n, `staker ${i} lost ${deposited[i]! - v}`);
          });
        },
      ),
    );
  });

  test("emission raises every position pro rata, without new shares", () => {
    fc.assert(
      fc.property(fc.bigInt(1n, 1n << 45n), fc.bigInt(1n, 1n << 45n), fc.bigInt(0n, 1n << 45n), (a, b, e) => {
        let pool = EMPTY_SHARE_POOL;
        const ra = updateValueForOne(pool, SAFE_FLOAT_ZERO, a);
        pool = ra.pool;
        const rb = updateValueForOne(pool, SAFE_FLOAT_ZERO, b);
        pool = updateValueForAll(rb.pool, e);
        assert.deepEqual(pool.denominator, rb.pool.denominator);
        const va = shareValue(pool, ra.share);
        const vb = shareValue(pool, rb.share);
        // a's exact entitlement is a·(a+b+e)/(a+b).
        const exact = (a * (a + b + e)) / (a + b);
        assert.ok(va <= exact && exact - va <= 2n, `${va} vs ${exact}`);
        assert.ok(va + vb <= a + b + e);
      }),
    );
  });

  test("adding zero leaves pool and share as they were; an empty pool gives a zero share", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt(1n, 1_000_000n * TAO), { minLength: 1, maxLength: 5 }), (stakes) => {
        let pool = EMPTY_SHARE_POOL;
        let share: SafeFloat = SAFE_FLOAT_ZERO;
        for (const amount of stakes) ({ pool, share } = updateValueForOne(pool, share, amount));
        assert.deepEqual(updateValueForOne(pool, share, 0n), { pool, share });
        assert.deepEqual(updateValueForOne(pool, SAFE_FLOAT_ZERO, 0n), { pool, share: SAFE_FLOAT_ZERO });
      }),
    );
    const empty = { totalAlpha: 7n, denominator: { mantissa: 0n, exponent: 3n } };
    assert.deepEqual(updateValueForOne(empty, { mantissa: 5n, exponent: 0n }, 0n), {
      pool: { totalAlpha: 7n, denominator: SAFE_FLOAT_ZERO },
      share: SAFE_FLOAT_ZERO,
    });
  });

  test("removing a whole position leaves it worth nothing", () => {
    const first = updateValueForOne(EMPTY_SHARE_POOL, SAFE_FLOAT_ZERO, 5n * TAO);
    const second = updateValueForOne(first.pool, SAFE_FLOAT_ZERO, 3n * TAO);
    const out = updateValueForOne(second.pool, first.share, -shareValue(second.pool, first.share));
    assert.equal(shareValue(out.pool, out.share), 0n);
    assert.equal(shareValue(out.pool, second.share), 3n * TAO);
  });
});

describe("stake and unstake through the pool", () => {
  test("a full stake/unstake round trip returns at most the TAO put in, fees included", () => {
    fc.assert(
      fc.property(
        poolArb,
        fc.bigInt(2_001_007n, 10_000n * TAO),
        fc.boolean(),
        (pool: SubnetPool, tao, author) => {
          const staked = stakeIntoSubnet(
            pool,
            { hotkey: EMPTY_SHARE_POOL, share: SAFE_FLOAT_ZERO },
            tao,
            MAX_PRICE_RAO,
            false,
          );
          if (!staked.ok) return;
          const s = staked.value;
          // A buy cut at the price limit leaves the rest in the subnet account (the chain's behaviour).
          if (s.swap.limitPriceReached) assert.ok(s.swap.amountPaidIn + s.swap.feePaid <= tao);
          else assert.equal(s.swap.amountPaidIn + s.swap.feePaid, tao);
          assert.equal(shareValue(s.position.hotkey, s.position.share), s.alphaStaked);
          const all = shareValue(s.position.hotkey, s.position.share);
          const un = unstakeFromSubnet(s.pool, s.position, all, MIN_PRICE_RAO, false, author);
          if (!un.ok) return;
          const u = un.value;
          const authorTao = u.blockAuthorSwap?.amountPaidOut ?? 0n;
          assert.ok(u.taoReceived + authorTao + s.swap.feeToBlockAuthor <= tao);
          // The pool's TAO never falls below where it started: what left it went to the staker and author.
          assert.ok(u.pool.taoReserve >= pool.taoReserve);
          assert.equal(shareValue(u.position.hotkey, u.position.share), u.refund);
          if (!author) assert.equal(u.feeAlphaBurned, u.swap.feeToBlockAuthor);
        },
      ),
      { numRuns: 40 },
    );
  });

  test("stable subnets (root) swap 1:1 with no fee", () => {
    const root: SubnetPool = {
      taoReserve: 0n,
      alphaReserve: 0n,
      quoteWeightParts: DEFAULT_QUOTE_WEIGHT_PARTS,
      feeRate: 33,
      alphaOut: 0n,
      mechanism: 0,
    };
    const r = swapTaoForAlpha(root, 7n * TAO, MAX_PRICE_RAO, false);
    assert.ok(r.ok);
    assert.equal(r.value.result.amountPaidOut, 7n * TAO);
    assert.equal(r.value.result.feePaid, 0n);
    assert.equal(r.value.pool.taoReserve, 7n * TAO);
    assert.equal(r.value.pool.alphaOut, 7n * TAO);
  });

  test("a stake that buys nothing fails AmountTooLow; pool errors pass through", () => {
    const pricey: SubnetPool = {
      taoReserve: 1_000n * TAO,
      alphaReserve: 2_000_000n,
      quoteWeightParts: DEFAULT_QUOTE_WEIGHT_PARTS,
      feeRate: 0,
      alphaOut: 0n,
      mechanism: 1,
    };
    const empty = { hotkey: EMPTY_SHARE_POOL, share: SAFE_FLOAT_ZERO };
    assert.deepEqual(stakeIntoSubnet(pricey, empty, 0n, MAX_PRICE_RAO, false), {
      ok: false,
      error: "AmountTooLow",
    });
    // 100 RAO at 500,000 TAO/alpha buys less than one alpha-RAO: the swap itself refuses.
    assert.deepEqual(stakeIntoSubnet(pricey, empty, 100n, MAX_PRICE_RAO, false), {
      ok: false,
      error: "ReservesTooLow",
    });
    const thin = { ...pricey, alphaReserve: 10n };
    assert.deepEqual(stakeIntoSubnet(thin, empty, TAO, MAX_PRICE_RAO, false), {
      ok: false,
      error: "ReservesTooLow",
    });
  });
});
