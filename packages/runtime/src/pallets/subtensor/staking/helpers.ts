// Storage-level helpers shared by the staking calls (subtensor's staking/helpers.rs and the pool-facing half of
// stake_utils.rs): hotkey ownership, subnet lookups, prices, simulated swaps, slippage maxima and the error mapping.

import { bytesEqual, U64F64 } from "@opentao/primitives";
import type { ChainErrorName } from "../../../errors.ts";
import { type CallContext, type DispatchResult, moduleErrors } from "../../../frame/dispatch.ts";
import type { StateReader } from "../../../frame/state.ts";
import type { SubnetPool } from "../../../staking/stakeUtils.ts";
import {
  limitPriceFromRao,
  MAX_PRICE_RAO,
  MIN_PRICE_RAO,
  maxAmountAdd,
  maxAmountAddStable,
  maxAmountMoveDynamic,
  maxAmountRemove,
  maxAmountRemoveStable,
  poolPrice,
  type SwapResult,
  type SwapSide,
  swap,
  swapFee,
} from "../../../swap/swap.ts";
import { swapPallet } from "../../swap/pallet.ts";
import { storage as st, subtensorPallet } from "../pallet.ts";
import { readSubnetPool } from "../pools.ts";

export const E = moduleErrors(subtensorPallet);
const SwapE = moduleErrors(swapPallet);

/** `DefaultMinStake`: 0.002 TAO. */
export const DEFAULT_MIN_STAKE = 2_000_000n;
export const U64_MAX = (1n << 64n) - 1n;
export const ROOT = 0;
const RAO_PER_TAO = 1_000_000_000n;

export const satAddU64 = (a: bigint, b: bigint) => (a + b > U64_MAX ? U64_MAX : a + b);
export const satSub = (a: bigint, b: bigint) => (a > b ? a - b : 0n);
export const minBig = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * A pure-economics error as the chain reports it. The staking helpers' own errors (`AmountTooLow`,
 * `InsufficientLiquidity` from the share pool, …) are SubtensorModule's; the rest come from the swap pallet.
 */
export function chainError(name: ChainErrorName): DispatchResult {
  switch (name) {
    case "AmountTooLow":
    case "InsufficientLiquidity":
    case "NotEnoughStakeToWithdraw":
    case "SlippageTooHigh":
      return E[name];
    case "SwapInputTooLarge":
      // Not an error of finney's swap pallet; the callers' input-size guards make it unreachable.
      return E.InsufficientLiquidity;
    default:
      return SwapE[name];
  }
}

export const subnetExists = (s: StateReader, netuid: number) => st.NetworksAdded.get(s, netuid);
export const hotkeyAccountExists = (s: StateReader, hotkey: Uint8Array) => st.Owner.has(s, hotkey);
export const coldkeyOwnsHotkey = (s: StateReader, coldkey: Uint8Array, hotkey: Uint8Array) =>
  st.Owner.has(s, hotkey) && bytesEqual(st.Owner.get(s, hotkey), coldkey);

/** `get_all_subnet_netuids`: every `NetworksAdded` key, in storage order (as the chain iterates it). */
export function allNetuids(s: StateReader): number[] {
  return [...st.NetworksAdded.entries(s)].map(([[netuid]]) => netuid);
}

/** The pool as the staking code trades against it; root is always the stable 1:1 mechanism. */
export function poolOf(s: StateReader, netuid: number): SubnetPool {
  const pool = readSubnetPool(s, netuid);
  return netuid === ROOT ? { ...pool, mechanism: 0 } : pool;
}

const isStable = (s: StateReader, netuid: number) =>
  netuid === ROOT || st.SubnetMechanism.get(s, netuid) === 0;

/** `current_alpha_price` (U64F64 bits): 1 for root and stable subnets, the pool's spot price otherwise. */
export function alphaPrice(s: StateReader, netuid: number): bigint {
  if (isStable(s, netuid)) return U64F64.one;
  return poolPrice(readSubnetPool(s, netuid));
}

/**
 * `sim_swap`: the order at the extreme limit in its direction, simulated (no output-reserve check); stable
 * subnets answer 1:1 with no fee.
 */
export function simSwap(
  s: StateReader,
  netuid: number,
  side: SwapSide,
  amount: bigint,
): { ok: true; value: SwapResult } | { ok: false; error: ChainErrorName } {
  if (isStable(s, netuid)) {
    // The swap pallet answers 1:1 for a stable subnet, and 0 for one that does not exist.
    const actual = subnetExists(s, netuid) ? amount : 0n;
    return {
      ok: true,
      value: {
        amountPaidIn: actual,
        amountPaidOut: actual,
        feePaid: 0n,
        feeToBlockAuthor: 0n,
        limitPriceReached: false,
      },
    };
  }
  const limit = limitPriceFromRao(side === "buy" ? MAX_PRICE_RAO : MIN_PRICE_RAO);
  return swap(readSubnetPool(s, netuid), side, amount, limit, false, { simulate: true });
}

/** `approx_fee_amount`: the fee of `amount` at the subnet's rate (0 on stable subnets). */
export function approxFee(s: StateReader, netuid: number, amount: bigint): bigint {
  if (isStable(s, netuid)) return 0n;
  return swapFee(amount, readSubnetPool(s, netuid).feeRate, false);
}

type MaxResult = { ok: true; value: bigint } | { ok: false; error: DispatchResult };
const wrap = (r: { ok: true; value: bigint } | { ok: false; error: ChainErrorName }): MaxResult =>
  r.ok ? r : { ok: false, error: chainError(r.error) };

/** `get_max_amount_add`: TAO (fee included) that can be staked before the price reaches `limitRao`. */
export function getMaxAmountAdd(s: StateReader, netuid: number, limitRao: bigint): MaxResult {
  if (isStable(s, netuid)) return { ok: true, value: maxAmountAddStable(limitRao) };
  return wrap(maxAmountAdd(readSubnetPool(s, netuid), limitRao));
}

/** `get_max_amount_remove`: alpha (fee included) that can be sold before the price falls to `limitRao`. */
export function getMaxAmountRemove(s: StateReader, netuid: number, limitRao: bigint): MaxResult {
  if (isStable(s, netuid)) return { ok: true, value: maxAmountRemoveStable(limitRao) };
  return wrap(maxAmountRemove(readSubnetPool(s, netuid), limitRao));
}

/** `get_max_amount_move` (`limitRao` = origin/destination price ratio × 10^9), case by case as the chain. */
export function getMaxAmountMove(
  s: StateReader,
  origin: number,
  destination: number,
  limitRao: bigint,
): MaxResult {
  const originStable = isStable(s, origin);
  const destinationStable = isStable(s, destination);
  if (originStable && destinationStable) return { ok: true, value: limitRao > RAO_PER_TAO ? 0n : U64_MAX };
  if (originStable && st.SubnetMechanism.get(s, destination) === 1) {
    if (limitRao === 0n) return { ok: true, value: U64_MAX };
    const tao = U64F64.fromInt(RAO_PER_TAO);
    const destinationPrice = U64F64.toU64(
      U64F64.saturatingMul(U64F64.safeDiv(tao, U64F64.fromInt(limitRao)), tao),
    );
    return getMaxAmountAdd(s, destination, destinationPrice);
  }
  if (destinationStable && st.SubnetMechanism.get(s, origin) === 1)
    return getMaxAmountRemove(s, origin, limitRao);
  return {
    ok: true,
    value: maxAmountMoveDynamic(readSubnetPool(s, origin), readSubnetPool(s, destination), limitRao),
  };
}

/**
 * `get_total_stake_for_hotkey`: the hotkey's alpha on every subnet valued at spot prices (U64F64 sum, then
 * floored to u64).
 */
export function totalStakeForHotkey(s: StateReader, hotkey: Uint8Array): bigint {
  let sum = 0n;
  for (const netuid of allNetuids(s)) {
    const alpha = U64F64.fromInt(st.TotalHotkeyAlpha.get(s, hotkey, netuid));
    sum = U64F64.saturatingAdd(sum, U64F64.saturatingMul(alpha, alphaPrice(s, netuid)));
  }
  return U64F64.toU64(sum);
}

/** `maybe_become_delegate`: a hotkey that others stake to gets its (default) take recorded. */
export function maybeBecomeDelegate(ctx: CallContext, hotkey: Uint8Array): void {
  if (!st.Delegates.has(ctx.state, hotkey))
    st.Delegates.set(ctx.state, hotkey, st.Delegates.get(ctx.state, hotkey));
}

/** `ensure_root`: BadOrigin unless the call comes from root. */
export const isRoot = (ctx: CallContext) => ctx.origin.kind === "root";
