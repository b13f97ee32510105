// SwapRuntimeApi on the fixture pool (10 000 TAO / 20 000 alpha, equal weights): the spot price in RAO, the
// price list, simulated buys and sells (fee, output, slippage) and the stable/missing-subnet answers.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { buildFixture, callApi, NET, TAO } from "./testFixture.ts";

const API = "SwapRuntimeApi";
const TAO_RESERVE = 10_000n * TAO;
const ALPHA_RESERVE = 20_000n * TAO;
const feeOf = (x: bigint) => (x * 33n) / 65_535n;
const near = (a: bigint, b: bigint, tol: bigint, what: string) =>
  assert.ok((a > b ? a - b : b - a) <= tol, `${what}: ${a} vs ${b}`);

describe("SwapRuntimeApi", () => {
  const s = buildFixture();

  test("current_alpha_price: 0.5 TAO per alpha on subnet 1, 1 TAO on root, 0 with no alpha reserve", () => {
    assert.equal(callApi(s, API, "current_alpha_price", NET), 500_000_000n);
    assert.equal(callApi(s, API, "current_alpha_price", 0), TAO);
    const empty = buildFixture();
    st.SubnetAlphaIn.set(empty, NET, 0n);
    assert.equal(callApi(empty, API, "current_alpha_price", NET), 0n);
  });

  test("current_alpha_price_all lists every subnet with its price", () => {
    assert.deepEqual(callApi(s, API, "current_alpha_price_all"), [
      { netuid: 0, price: TAO },
      { netuid: NET, price: 500_000_000n },
    ]);
  });

  test("sim_swap_tao_for_alpha: fee off the input, constant-product output, slippage against the spot price", () => {
    const tao = 100n * TAO;
    const r = callApi(s, API, "sim_swap_tao_for_alpha", NET, tao);
    near(r.tao_fee, feeOf(tao), 1n, "fee");
    assert.equal(r.tao_amount + r.tao_fee, tao);
    // Equal weights: out = A·Δ/(T+Δ).
    near(r.alpha_amount, (ALPHA_RESERVE * r.tao_amount) / (TAO_RESERVE + r.tao_amount), 2n, "alpha out");
    assert.equal(r.alpha_fee, 0n);
    assert.equal(r.tao_slippage, 0n);
    assert.equal(r.alpha_slippage, 2n * tao - r.alpha_amount);
    // The reserves are untouched: a simulation.
    assert.equal(st.SubnetTAO.get(s, NET), TAO_RESERVE);
  });

  test("sim_swap_alpha_for_tao mirrors it", () => {
    const alpha = 100n * TAO;
    const r = callApi(s, API, "sim_swap_alpha_for_tao", NET, alpha);
    near(r.alpha_fee, feeOf(alpha), 1n, "fee");
    assert.equal(r.alpha_amount + r.alpha_fee, alpha);
    near(r.tao_amount, (TAO_RESERVE * r.alpha_amount) / (ALPHA_RESERVE + r.alpha_amount), 2n, "tao out");
    assert.equal(r.tao_fee, 0n);
    assert.equal(r.alpha_slippage, 0n);
    assert.equal(r.tao_slippage, alpha / 2n - r.tao_amount);
  });

  test("stable subnet passes 1:1, a missing subnet or a failing swap answers zeros", () => {
    assert.deepEqual(callApi(s, API, "sim_swap_tao_for_alpha", 0, 5n * TAO), {
      tao_amount: 5n * TAO,
      alpha_amount: 5n * TAO,
      tao_fee: 0n,
      alpha_fee: 0n,
      tao_slippage: 0n,
      alpha_slippage: 0n,
    });
    const zeros = {
      tao_amount: 0n,
      alpha_amount: 0n,
      tao_fee: 0n,
      alpha_fee: 0n,
      tao_slippage: 0n,
      alpha_slippage: 0n,
    };
    // A missing subnet reads as stable (price 1) and passes nothing: the whole amount shows as slippage.
    assert.deepEqual(callApi(s, API, "sim_swap_alpha_for_tao", 9, 5n * TAO), {
      ...zeros,
      tao_slippage: 5n * TAO,
    });
    // More than 1000 × the reserve in: SwapInputTooLarge, so no result.
    assert.deepEqual(callApi(s, API, "sim_swap_tao_for_alpha", NET, 20_000_000n * TAO), zeros);
  });
});
