// Staking through a subnet's pool (§7.2–7.3, subtensor's stake_utils.rs): swap TAO for alpha or back, apply
// the result to the reserves, and move the alpha in or out of the (hotkey, coldkey) share-pool position.

import type { SafeFloat } from "@opentao/primitives";
import { type ChainErrorName, fail, type OpResult, ok } from "../errors.ts";
import {
  limitPriceFromRao,
  MIN_PRICE_RAO,
  type PoolReserves,
  type SwapOptions,
  type SwapResult,
  type SwapSide,
  swap,
} from "../swap/swap.ts";
import { canUpdateValueForOne, type HotkeySharePool, shareValue, updateValueForOne } from "./sharePool.ts";

/** A subnet's pool state as the staking code reads and writes it. */
export interface SubnetPool extends PoolReserves {
  /** `SubnetAlphaOut[netuid]`. */
  readonly alphaOut: bigint;
  /** `SubnetMechanism[netuid]`: 1 dynamic (balancer pool), 0 stable (root: 1:1, no fee). */
  readonly mechanism: number;
}

export interface PoolSwap {
  readonly result: SwapResult;
  /** The subnet's pool after the swap. */
  readonly pool: SubnetPool;
  /** Change to `TotalStake` (a buy adds the whole input, fee included; a sell removes only the output). */
  readonly totalStakeDelta: bigint;
}

const U64_MAX = (1n << 64n) - 1n;
const satAdd = (a: bigint, b: bigint) => (a + b > U64_MAX ? U64_MAX : a + b);
const satSub = (a: bigint, b: bigint) => (a > b ? a - b : 0n);

function runSwap(
  pool: SubnetPool,
  side: SwapSide,
  amount: bigint,
  limitRao: bigint,
  dropFees: boolean,
  options: SwapOptions,
): OpResult<SwapResult> {
  if (pool.mechanism !== 1) {
    return ok({
      amountPaidIn: amount,
      amountPaidOut: amount,
      feePaid: 0n,
      feeToBlockAuthor: 0n,
      limitPriceReached: false,
    });
  }
  return swap(pool, side, amount, limitPriceFromRao(limitRao), dropFees, { ...options, simulate: false });
}

/**
 * `swap_tao_for_alpha`: buy alpha with `tao` and apply it — `SubnetTAO += paid_in`,
 * `SubnetAlphaIn −= out`, `SubnetAlphaOut += out`, `TotalStake += tao`.
 */
export function swapTaoForAlpha(
  pool: SubnetPool,
  tao: bigint,
  limitRao: bigint,
  dropFees: boolean,
  options: SwapOptions = {},
): OpResult<PoolSwap> {
  const r = runSwap(pool, "buy", tao, limitRao, dropFees, options);
  if (!r.ok) return r;
  const { amountPaidIn, amountPaidOut } = r.value;
  return ok({
    result: r.value,
    pool: {
      ...pool,
      taoReserve: satAdd(pool.taoReserve, amountPaidIn),
      alphaReserve: satSub(pool.alphaReserve, amountPaidOut),
      alphaOut: satAdd(pool.alphaOut, amountPaidOut),
    },
    totalStakeDelta: tao,
  });
}

/**
 * `swap_alpha_for_tao`: sell `alpha` and apply it — `SubnetAlphaIn += paid_in`, `SubnetAlphaOut −= paid_in`,
 * `SubnetTAO −= out`, `TotalStake −= out`.
 */
export function swapAlphaForTao(
  pool: SubnetPool,
  alpha: bigint,
  limitRao: bigint,
  dropFees: boolean,
  options: SwapOptions = {},
): OpResult<PoolSwap> {
  const r = runSwap(pool, "sell", alpha, limitRao, dropFees, options);
  if (!r.ok) return r;
  const { amountPaidIn, amountPaidOut } = r.value;
  return ok({
    result: r.value,
    pool: {
      ...pool,
      alphaReserve: satAdd(pool.alphaReserve, amountPaidIn),
      alphaOut: satSub(pool.alphaOut, amountPaidIn),
      taoReserve: satSub(pool.taoReserve, amountPaidOut),
    },
    totalStakeDelta: -amountPaidOut,
  });
}

/** A (hotkey, coldkey) position: the hotkey's share pool and the coldkey's shares in it. */
export interface StakePosition {
  readonly hotkey: HotkeySharePool;
  /** `AlphaV2[(hotkey, coldkey, netuid)]`; zero shares = no entry. */
  readonly share: SafeFloat;
}

export interface StakeIntoSubnetResult {
  readonly swap: SwapResult;
  /** Alpha added to the position (the swap output). */
  readonly alphaStaked: bigint;
  readonly pool: SubnetPool;
  readonly position: StakePosition;
  readonly totalStakeDelta: bigint;
}

/**
 * `stake_into_subnet` after the TAO reached the subnet account: buy with `tao` at `limitRao`, then add the
 * alpha to the position. `AmountTooLow` if the swap yields nothing, `InsufficientLiquidity` if the share
 * pool would mint no shares. The fee (`swap.feeToBlockAuthor`) goes to the block author's coldkey, or is
 * burned without one — the caller's transfer.
 */
export function stakeIntoSubnet(
  pool: SubnetPool,
  position: StakePosition,
  tao: bigint,
  limitRao: bigint,
  dropFees: boolean,
  options: SwapOptions = {},
): OpResult<StakeIntoSubnetResult> {
  const bought = swapTaoForAlpha(pool, tao, limitRao, dropFees, options);
  if (!bought.ok) return bought;
  const alpha = bought.value.result.amountPaidOut;
  if (alpha === 0n) return fail("AmountTooLow");
  if (!canUpdateValueForOne(position.hotkey, alpha)) return fail("InsufficientLiquidity");
  const added = updateValueForOne(position.hotkey, position.share, alpha);
  return ok({
    swap: bought.value.result,
    alphaStaked: alpha,
    pool: bought.value.pool,
    position: { hotkey: added.pool, share: added.share },
    totalStakeDelta: bought.value.totalStakeDelta,
  });
}

export interface UnstakeFromSubnetResult {
  readonly swap: SwapResult;
  /** TAO paid to the beneficiary coldkey. */
  readonly taoReceived: bigint;
  /** Unexecuted alpha returned to the position (an order cut at its limit). */
  readonly refund: bigint;
  /** The fee alpha sold fee-less for the block author, and the TAO it fetched (0 without an author). */
  readonly blockAuthorSwap: SwapResult | null;
  /** Fee alpha burned when there is no block author (it stays in `SubnetAlphaOut`, owned by nobody). */
  readonly feeAlphaBurned: bigint;
  readonly pool: SubnetPool;
  readonly position: StakePosition;
  readonly totalStakeDelta: bigint;
}

/**
 * `unstake_from_subnet`: take `alpha` out of the position (only if it holds that much — the caller has
 * validated), sell it at `limitRao`, refund what did not execute, then sell the fee alpha fee-less at the
 * minimum price for the block author (if any). A failing swap fails the whole operation.
 */
export function unstakeFromSubnet(
  pool: SubnetPool,
  position: StakePosition,
  alpha: bigint,
  limitRao: bigint,
  dropFees: boolean,
  blockAuthorPresent: boolean,
  options: SwapOptions = {},
): OpResult<UnstakeFromSubnetResult, ChainErrorName> {
  let pos = position;
  // Only an existing entry (non-zero shares) worth at least `alpha` is reduced, as on chain.
  if (pos.share.mantissa !== 0n && shareValue(pos.hotkey, pos.share) >= alpha) {
    const removed = updateValueForOne(pos.hotkey, pos.share, -alpha);
    pos = { hotkey: removed.pool, share: removed.share };
  }
  const sold = swapAlphaForTao(pool, alpha, limitRao, dropFees, options);
  if (!sold.ok) return sold;
  const r = sold.value.result;
  const refund = satSub(alpha, satAdd(r.amountPaidIn, r.feePaid));
  if (refund > 0n) {
    const back = updateValueForOne(pos.hotkey, pos.share, refund);
    pos = { hotkey: back.pool, share: back.share };
  }
  let after = sold.value.pool;
  let totalStakeDelta = sold.value.totalStakeDelta;
  let blockAuthorSwap: SwapResult | null = null;
  let feeAlphaBurned = 0n;
  if (blockAuthorPresent) {
    const feeSale = swapAlphaForTao(after, r.feeToBlockAuthor, MIN_PRICE_RAO, true, options);
    if (!feeSale.ok) return feeSale;
    blockAuthorSwap = feeSale.value.result;
    after = feeSale.value.pool;
    totalStakeDelta += feeSale.value.totalStakeDelta;
  } else {
    feeAlphaBurned = r.feeToBlockAuthor;
  }
  return ok({
    swap: r,
    taoReceived: r.amountPaidOut,
    refund,
    blockAuthorSwap,
    feeAlphaBurned,
    pool: after,
    position: pos,
    totalStakeDelta,
  });
}
