// One swap order on a dynamic (mechanism 1) pool, as the swap pallet's `do_swap` executes it, and the
// slippage helpers built on it. The pallet computes; the caller applies the result to the reserves.

import { U64F64 } from "@opentao/primitives";
import { fail, type OpResult, ok, type SwapErrorName } from "../errors.ts";
import { balancerExpScaled, balancerPrice, baseDeltaIn, quoteDeltaIn } from "./balancer.ts";

/** A dynamic pool: `SubnetTAO`, `SubnetAlphaIn`, `Swap.SwapBalancer` (quote weight parts), `Swap.FeeRate`. */
export interface PoolReserves {
  readonly taoReserve: bigint;
  readonly alphaReserve: bigint;
  /**
   * The quote weight the swap runs with. A pool whose `PalSwapInitialized` is false is initialised to
   * 0.5 by its first swap: pass `DEFAULT_QUOTE_WEIGHT_PARTS` for it, and store it with the flag once a
   * non-simulated swap succeeds.
   */
  readonly quoteWeightParts: bigint;
  /** `Swap.FeeRate[netuid]`, u16 (fee = rate / 65535; default 33). */
  readonly feeRate: number;
}

/** `buy` = `GetAlphaForTao` (pay TAO, price rises); `sell` = `GetTaoForAlpha` (pay alpha, price falls). */
export type SwapSide = "buy" | "sell";

export interface SwapOptions {
  /** `MinimumReserve`: the output-side reserve a swap needs to start (runtime: 1,000,000 RAO). */
  readonly minimumReserve?: bigint;
  /** A dry run (`should_rollback`): skips only the check that the output fits the reserve. */
  readonly simulate?: boolean;
}

export interface SwapResult {
  /** Net input that enters the input-side reserve. */
  readonly amountPaidIn: bigint;
  /** Output taken from the output-side reserve. */
  readonly amountPaidOut: bigint;
  readonly feePaid: bigint;
  /** The fee the caller pays to the block author (all of it, unless nothing executed). */
  readonly feeToBlockAuthor: bigint;
  /** True when the order stopped at its limit price and only part of it executed. */
  readonly limitPriceReached: boolean;
}

export const DEFAULT_MINIMUM_RESERVE = 1_000_000n;
/** `min_price` / `max_price` of the swap interface, in RAO per alpha: 10^-6 and 10^6 TAO/alpha. */
export const MIN_PRICE_RAO = 1_000n;
export const MAX_PRICE_RAO = 1_000_000_000_000_000n;
/** `MAX_SWAP_INPUT_RESERVE_MULTIPLIER`: the net input may be at most 1000 × the input-side reserve. */
export const MAX_SWAP_INPUT_RESERVE_MULTIPLIER = 1_000n;

const U64_MAX = (1n << 64n) - 1n;
const U16_MAX_FIXED = U64F64.fromInt(65535);
const RAO_PER_TAO_FIXED = U64F64.fromInt(1_000_000_000n);

const satAdd = (a: bigint, b: bigint) => (a + b > U64_MAX ? U64_MAX : a + b);
const satSub = (a: bigint, b: bigint) => (a > b ? a - b : 0n);
const satMul = (a: bigint, b: bigint) => (a * b > U64_MAX ? U64_MAX : a * b);

/** A limit in RAO per alpha as the U64F64 price the pallet compares with: `U64F64(limit) / 10^9`. */
export function limitPriceFromRao(limitRao: bigint): bigint {
  return U64F64.safeDiv(U64F64.fromInt(limitRao), RAO_PER_TAO_FIXED);
}

/** `calculate_fee_amount`: ⌊amount · FeeRate/65535⌋ in U64F64, 0 with `dropFees`. */
export function swapFee(amount: bigint, feeRate: number, dropFees: boolean): bigint {
  if (dropFees) return 0n;
  const rate = U64F64.safeDiv(U64F64.fromInt(feeRate), U16_MAX_FIXED);
  return U64F64.toU64(U64F64.saturatingMul(U64F64.fromInt(amount), rate));
}

/** `convert_deltas`: the output for a net input `delta` against the current reserves and weights. */
export function swapOutput(pool: PoolReserves, side: SwapSide, delta: bigint): bigint {
  const one = U64F64.one;
  if (side === "buy") {
    const e = balancerExpScaled(pool.quoteWeightParts, pool.taoReserve, delta, false);
    return U64F64.toU64(
      U64F64.saturatingMul(U64F64.fromInt(pool.alphaReserve), U64F64.saturatingSub(one, e)),
    );
  }
  const e = balancerExpScaled(pool.quoteWeightParts, pool.alphaReserve, delta, true);
  return U64F64.toU64(U64F64.saturatingMul(U64F64.fromInt(pool.taoReserve), U64F64.saturatingSub(one, e)));
}

/** `price_target`: the spot price after a net input `delta` (same weights). */
function priceTarget(pool: PoolReserves, side: SwapSide, delta: bigint): bigint {
  const out = swapOutput(pool, side, delta);
  return side === "buy"
    ? balancerPrice(pool.quoteWeightParts, satSub(pool.alphaReserve, out), satAdd(pool.taoReserve, delta))
    : balancerPrice(pool.quoteWeightParts, satAdd(pool.alphaReserve, delta), satSub(pool.taoReserve, out));
}

/**
 * `do_swap` for one order on a dynamic pool. `limitPrice` is U64F64 bits (see {@link limitPriceFromRao});
 * a buy needs the current price strictly below it, a sell strictly above.
 *
 * Checks, in the pallet's order: `SwapInputTooLarge` (net input > 1000 × input reserve), `ReservesTooLow`
 * (output reserve below `minimumReserve`), `PriceLimitExceeded`, `ReservesTooLow` (input executes but
 * rounds to no output), `InsufficientLiquidity` (output above the reserve; not when simulating).
 *
 * PERF: two or three `powRatioScaled` calls; µs with equal weights, a few ms with drifted weights.
 */
export function swap(
  pool: PoolReserves,
  side: SwapSide,
  amount: bigint,
  limitPrice: bigint,
  dropFees: boolean,
  options: SwapOptions = {},
): OpResult<SwapResult, SwapErrorName> {
  const minimumReserve = options.minimumReserve ?? DEFAULT_MINIMUM_RESERVE;
  const buy = side === "buy";
  const inputReserve = buy ? pool.taoReserve : pool.alphaReserve;
  const outputReserve = buy ? pool.alphaReserve : pool.taoReserve;

  let fee = swapFee(amount, pool.feeRate, dropFees);
  const requested = satSub(amount, fee);
  if (requested > satMul(inputReserve, MAX_SWAP_INPUT_RESERVE_MULTIPLIER)) return fail("SwapInputTooLarge");
  if (outputReserve < minimumReserve) return fail("ReservesTooLow");

  const current = balancerPrice(pool.quoteWeightParts, pool.alphaReserve, pool.taoReserve);
  if (buy ? !(current < limitPrice) : !(current > limitPrice)) return fail("PriceLimitExceeded");

  const target = priceTarget(pool, side, requested);
  let delta: bigint;
  let limitPriceReached: boolean;
  if (buy ? target <= limitPrice : target >= limitPrice) {
    delta = requested;
    limitPriceReached = false;
  } else {
    delta = buy
      ? quoteDeltaIn(pool.quoteWeightParts, current, limitPrice, pool.taoReserve)
      : baseDeltaIn(pool.quoteWeightParts, current, limitPrice, pool.alphaReserve);
    limitPriceReached = true;
    // The fee was taken off the gross amount; for the filled part it is grossed up: Δ·F/(1−F).
    const rate = dropFees ? 0n : U64F64.fromInt(pool.feeRate);
    const grossUp = U64F64.safeDiv(rate, U64F64.saturatingSub(U16_MAX_FIXED, rate));
    fee = U64F64.toU64(U64F64.saturatingMul(U64F64.fromInt(delta), grossUp));
  }

  const out = swapOutput(pool, side, delta);
  if (delta !== 0n && out === 0n) return fail("ReservesTooLow");
  if (!options.simulate && outputReserve < out) return fail("InsufficientLiquidity");
  return ok({
    amountPaidIn: delta,
    amountPaidOut: out,
    feePaid: fee,
    feeToBlockAuthor: delta !== 0n ? fee : 0n,
    limitPriceReached,
  });
}

/** The reserves after the caller applies a swap (`SubnetTAO`, `SubnetAlphaIn`; saturating, as on chain). */
export function applySwapToReserves(
  pool: PoolReserves,
  side: SwapSide,
  result: Pick<SwapResult, "amountPaidIn" | "amountPaidOut">,
): PoolReserves {
  return side === "buy"
    ? {
        ...pool,
        taoReserve: satAdd(pool.taoReserve, result.amountPaidIn),
        alphaReserve: satSub(pool.alphaReserve, result.amountPaidOut),
      }
    : {
        ...pool,
        taoReserve: satSub(pool.taoReserve, result.amountPaidOut),
        alphaReserve: satAdd(pool.alphaReserve, result.amountPaidIn),
      };
}

/** Spot price of a pool (U64F64 bits). */
export function poolPrice(
  pool: Pick<PoolReserves, "quoteWeightParts" | "alphaReserve" | "taoReserve">,
): bigint {
  return balancerPrice(pool.quoteWeightParts, pool.alphaReserve, pool.taoReserve);
}

/**
 * `get_max_amount_add` for a dynamic subnet: the TAO (fee included) an `add_stake_limit` can spend before
 * the price reaches `limitRao`, found by simulating a buy of 1000 × `SubnetTAO`. Swap errors propagate.
 */
export function maxAmountAdd(
  pool: PoolReserves,
  limitRao: bigint,
  options: Pick<SwapOptions, "minimumReserve"> = {},
): OpResult<bigint, SwapErrorName> {
  const amount = satMul(pool.taoReserve, MAX_SWAP_INPUT_RESERVE_MULTIPLIER);
  const r = swap(pool, "buy", amount, limitPriceFromRao(limitRao), false, { ...options, simulate: true });
  return r.ok ? ok(satAdd(r.value.amountPaidIn, r.value.feePaid)) : r;
}

/** `get_max_amount_remove` for a dynamic subnet: the alpha (fee included) sellable down to `limitRao`. */
export function maxAmountRemove(
  pool: PoolReserves,
  limitRao: bigint,
  options: Pick<SwapOptions, "minimumReserve"> = {},
): OpResult<bigint, SwapErrorName> {
  const amount = satMul(pool.alphaReserve, MAX_SWAP_INPUT_RESERVE_MULTIPLIER);
  const r = swap(pool, "sell", amount, limitPriceFromRao(limitRao), false, { ...options, simulate: true });
  return r.ok ? ok(satAdd(r.value.amountPaidIn, r.value.feePaid)) : r;
}

/** Root and stable subnets: no slippage, so the answer is all or nothing at price 1.0. */
export function maxAmountAddStable(limitRao: bigint): bigint {
  return limitRao >= 1_000_000_000n ? U64_MAX : 0n;
}

export function maxAmountRemoveStable(limitRao: bigint): bigint {
  return limitRao <= 1_000_000_000n ? U64_MAX : 0n;
}

/**
 * `get_max_amount_move` between two dynamic subnets (`limitRao` = origin/destination price ratio × 10^9):
 * the single-step closed form α₂·t₁/(t₁+t₂)/ℓ − α₁·t₂/(t₁+t₂). Moves that involve a stable subnet go
 * through {@link maxAmountAdd} / {@link maxAmountRemove} in the caller, as the chain does.
 */
export function maxAmountMoveDynamic(
  origin: PoolReserves,
  destination: PoolReserves,
  limitRao: bigint,
): bigint {
  const t1 = origin.taoReserve;
  const t2 = destination.taoReserve;
  const a1 = origin.alphaReserve;
  const a2 = destination.alphaReserve;
  if (t1 === 0n || t2 === 0n || a1 === 0n || a2 === 0n) return 0n;
  const limit = U64F64.checkedDiv(U64F64.fromInt(limitRao), RAO_PER_TAO_FIXED) ?? 0n;
  const current = U64F64.safeDiv(poolPrice(origin), poolPrice(destination));
  if (limit > current) return 0n;
  if (limitRao === 0n) return U64_MAX;
  const t1f = U64F64.fromInt(t1);
  const t2f = U64F64.fromInt(t2);
  const sum = U64F64.saturatingAdd(t2f, t1f);
  const t1OverSum = U64F64.safeDiv(t1f, sum);
  const t2OverSum = U64F64.safeDiv(t2f, sum);
  const left = U64F64.safeDiv(U64F64.saturatingMul(U64F64.fromInt(a2), t1OverSum), limit);
  return U64F64.toU64(U64F64.saturatingSub(left, U64F64.saturatingMul(U64F64.fromInt(a1), t2OverSum)));
}
