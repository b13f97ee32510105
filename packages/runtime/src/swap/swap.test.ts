// Properties of the balancer pool and of single swaps that the vectors leave open: no value is created,
// reserves stay non-negative, prices move the right way and stop at limits, injections keep the price.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { U64F64 } from "@opentao/primitives";
import fc from "fast-check";
import {
  balancerPrice,
  DEFAULT_QUOTE_WEIGHT_PARTS,
  initWeightFromPrice,
  isValidQuoteWeight,
  MIN_WEIGHT_PARTS,
  updateWeightsForAddedLiquidity,
} from "./balancer.ts";
import {
  applySwapToReserves,
  limitPriceFromRao,
  MAX_PRICE_RAO,
  MIN_PRICE_RAO,
  maxAmountAdd,
  maxAmountMoveDynamic,
  maxAmountRemove,
  type PoolReserves,
  poolPrice,
  swap,
  swapFee,
} from "./swap.ts";

const TAO = 1_000_000_000n;
const MAX = limitPriceFromRao(MAX_PRICE_RAO);
const MIN = limitPriceFromRao(MIN_PRICE_RAO);

/** Pools from 1 to 10^7 TAO a side; weights either 0.5 or drifted inside [0.3, 0.7]. */
const poolArb = fc.record({
  taoReserve: fc.bigInt(TAO, 10_000_000n * TAO),
  alphaReserve: fc.bigInt(TAO, 10_000_000n * TAO),
  quoteWeightParts: fc.oneof(
    fc.constant(DEFAULT_QUOTE_WEIGHT_PARTS),
    fc.bigInt(3n * 10n ** 17n, 7n * 10n ** 17n),
  ),
  feeRate: fc.integer({ min: 0, max: 10_000 }),
});

/** An amount relative to a reserve: from dust up to 10× the reserve. */
const fraction = fc.integer({ min: 1, max: 10_000_000 });
const scaled = (reserve: bigint, f: number) => (reserve * BigInt(f)) / 1_000_000n;

describe("balancer primitives", () => {
  test("equal weights price is the truncated reserve ratio; zero alpha gives 0", () => {
    assert.equal(
      balancerPrice(DEFAULT_QUOTE_WEIGHT_PARTS, 3n, 1n),
      U64F64.safeDiv(U64F64.one, U64F64.fromInt(3)),
    );
    assert.equal(balancerPrice(DEFAULT_QUOTE_WEIGHT_PARTS, 0n, 5n), 0n);
  });

  test("weights outside [0.01, 0.99] are invalid", () => {
    assert.ok(isValidQuoteWeight(MIN_WEIGHT_PARTS));
    assert.ok(!isValidQuoteWeight(MIN_WEIGHT_PARTS - 1n));
    assert.ok(isValidQuoteWeight(10n ** 18n - MIN_WEIGHT_PARTS));
    assert.ok(!isValidQuoteWeight(10n ** 18n - MIN_WEIGHT_PARTS + 1n));
  });

  test("re-weighting for an injection keeps the spot price (to 1e-9) or refuses", () => {
    fc.assert(
      fc.property(poolArb, fraction, fraction, (pool, ft, fa) => {
        const dt = scaled(pool.taoReserve, ft);
        const da = scaled(pool.alphaReserve, fa);
        const r = updateWeightsForAddedLiquidity(
          pool.quoteWeightParts,
          pool.taoReserve,
          pool.alphaReserve,
          dt,
          da,
        );
        if (!r.ok) {
          assert.equal(r.error, "ReservesOutOfBalance");
          return;
        }
        assert.ok(isValidQuoteWeight(r.value));
        const before = poolPrice(pool);
        const after = balancerPrice(r.value, pool.alphaReserve + da, pool.taoReserve + dt);
        const diff = before > after ? before - after : after - before;
        assert.ok(diff * 1_000_000_000n <= before, `price moved: ${before} → ${after}`);
      }),
    );
  });

  test("a lopsided injection that would push the weight past 0.99 is refused", () => {
    const r = updateWeightsForAddedLiquidity(DEFAULT_QUOTE_WEIGHT_PARTS, TAO, TAO, 1000n * TAO, 0n);
    assert.deepEqual(r, { ok: false, error: "ReservesOutOfBalance" });
  });

  test("initialising from a price quotes that price (to 1e-9) and refuses impossible ones", () => {
    fc.assert(
      fc.property(poolArb, fc.bigInt(1n << 58n, 1n << 68n), (pool, price) => {
        // p·x is floored to whole RAO, so the quote is only as exact as 1/(p·x).
        fc.pre((price * pool.alphaReserve) >> 64n >= 1_000_000_000_000n);
        const r = initWeightFromPrice(pool.taoReserve, pool.alphaReserve, price);
        if (!r.ok) return;
        const quoted = balancerPrice(r.value, pool.alphaReserve, pool.taoReserve);
        const diff = quoted > price ? quoted - price : price - quoted;
        assert.ok(diff * 1_000_000_000n <= price, `${price} quoted as ${quoted}`);
      }),
    );
    assert.deepEqual(initWeightFromPrice(0n, 0n, U64F64.one), { ok: false, error: "ReservesOutOfBalance" });
    // Price 10^6 on a 1:1 pool needs a quote weight far below 0.01.
    assert.equal(initWeightFromPrice(TAO, TAO, U64F64.fromInt(1_000_000)).ok, false);
  });
});

describe("swap", () => {
  test("input is split exactly into executed part and fee; output never exceeds the reserve", () => {
    fc.assert(
      fc.property(poolArb, fraction, fc.boolean(), fc.boolean(), (pool, f, buy, dropFees) => {
        const side = buy ? "buy" : "sell";
        const amount = scaled(buy ? pool.taoReserve : pool.alphaReserve, f);
        const r = swap(pool, side, amount, buy ? MAX : MIN, dropFees);
        if (!r.ok) return;
        const v = r.value;
        if (v.limitPriceReached) {
          // Even the extreme limits can bind on a thin pool; then only part executes.
          assert.ok(v.amountPaidIn + v.feePaid <= amount);
        } else {
          assert.equal(v.feePaid, swapFee(amount, pool.feeRate, dropFees));
          assert.equal(v.amountPaidIn + v.feePaid, amount);
        }
        assert.ok(v.amountPaidOut <= (buy ? pool.alphaReserve : pool.taoReserve));
        const after = applySwapToReserves(pool, side, v);
        assert.ok(after.taoReserve >= 0n && after.alphaReserve >= 0n);
        // The price moves against the trader.
        if (buy) assert.ok(poolPrice(after) >= poolPrice(pool));
        else assert.ok(poolPrice(after) <= poolPrice(pool));
      }),
      { numRuns: 60 },
    );
  });

  test("a buy-then-sell round trip never returns more TAO than was paid", () => {
    fc.assert(
      fc.property(poolArb, fraction, fc.boolean(), (pool, f, dropFees) => {
        const tao = scaled(pool.taoReserve, f);
        const bought = swap(pool, "buy", tao, MAX, dropFees);
        if (!bought.ok) return;
        const mid = applySwapToReserves(pool, "buy", bought.value);
        const sold = swap(mid, "sell", bought.value.amountPaidOut, MIN, dropFees);
        if (!sold.ok) return;
        assert.ok(sold.value.amountPaidOut <= tao, `paid ${tao}, got back ${sold.value.amountPaidOut}`);
        // Without fees the pool keeps at least what it had: value flows to the pool, never out of it.
        const end = applySwapToReserves(mid, "sell", sold.value);
        if (dropFees) assert.ok(end.taoReserve >= pool.taoReserve);
      }),
      { numRuns: 50 },
    );
  });

  test("an order with a limit stops at (not beyond) the limit price", () => {
    fc.assert(
      fc.property(poolArb, fc.integer({ min: 1, max: 500 }), fc.boolean(), (pool, pct, buy) => {
        const price = poolPrice(pool);
        const limit = buy ? price + (price * BigInt(pct)) / 1000n : price - (price * BigInt(pct)) / 1000n;
        const amount = (buy ? pool.taoReserve : pool.alphaReserve) * 100n;
        const r = swap(pool, buy ? "buy" : "sell", amount, limit, false);
        if (!r.ok) return;
        assert.ok(r.value.limitPriceReached);
        const after = poolPrice(applySwapToReserves(pool, buy ? "buy" : "sell", r.value));
        const slack = limit >> 40n;
        if (buy) assert.ok(after <= limit + slack, `${after} > ${limit}`);
        else assert.ok(after + slack >= limit, `${after} < ${limit}`);
        assert.ok(r.value.amountPaidIn + r.value.feePaid <= amount);
      }),
      { numRuns: 40 },
    );
  });

  test("errors in the pallet's order", () => {
    const pool: PoolReserves = {
      taoReserve: TAO,
      alphaReserve: TAO,
      quoteWeightParts: DEFAULT_QUOTE_WEIGHT_PARTS,
      feeRate: 33,
    };
    assert.deepEqual(swap(pool, "sell", TAO, MAX, false), { ok: false, error: "PriceLimitExceeded" });
    assert.deepEqual(swap(pool, "buy", 2000n * TAO, MAX, true), { ok: false, error: "SwapInputTooLarge" });
    const thin = { ...pool, taoReserve: 999_999n };
    assert.deepEqual(swap(thin, "sell", 10n, MIN, false), { ok: false, error: "ReservesTooLow" });
    // A buy too small to buy one alpha-RAO executes nothing useful: ReservesTooLow.
    const pricey = { ...pool, taoReserve: 1000n * TAO, alphaReserve: 10_000_000n };
    assert.deepEqual(swap(pricey, "buy", 10n, MAX, true), { ok: false, error: "ReservesTooLow" });
    // Zero input is a no-op, not an error, and pays the author nothing.
    const zero = swap(pool, "buy", 0n, MAX, false);
    assert.ok(zero.ok && zero.value.amountPaidOut === 0n && zero.value.feeToBlockAuthor === 0n);
  });

  test("max_amount_add / max_amount_remove fill exactly up to the limit", () => {
    fc.assert(
      fc.property(poolArb, fc.integer({ min: 1, max: 400 }), (pool, pct) => {
        const priceRao = (poolPrice(pool) * TAO) >> 64n;
        const up = priceRao + (priceRao * BigInt(pct)) / 1000n + 1n;
        const add = maxAmountAdd(pool, up);
        if (add.ok) {
          const r = swap(pool, "buy", add.value, limitPriceFromRao(up), false, { simulate: true });
          assert.ok(r.ok);
          assert.ok(r.value.amountPaidIn + r.value.feePaid <= add.value);
        }
        const down = priceRao - (priceRao * BigInt(pct)) / 1000n;
        const remove = maxAmountRemove(pool, down);
        if (remove.ok) assert.ok(remove.value <= pool.alphaReserve * 1000n);
      }),
      { numRuns: 30 },
    );
  });

  test("max_amount_move between two equal pools is 0 above the current ratio and MAX at limit 0", () => {
    const pool: PoolReserves = {
      taoReserve: TAO,
      alphaReserve: TAO,
      quoteWeightParts: DEFAULT_QUOTE_WEIGHT_PARTS,
      feeRate: 33,
    };
    assert.equal(maxAmountMoveDynamic(pool, pool, 2n * TAO), 0n);
    assert.equal(maxAmountMoveDynamic(pool, pool, 0n), (1n << 64n) - 1n);
    // ℓ = 0.5: α₂·t₁/(t₁+t₂)/ℓ − α₁·t₂/(t₁+t₂) = 1 − 0.5 TAO-worth of alpha.
    assert.equal(maxAmountMoveDynamic(pool, pool, TAO / 2n), TAO / 2n);
    assert.equal(maxAmountMoveDynamic({ ...pool, taoReserve: 0n }, pool, TAO / 2n), 0n);
  });
});
