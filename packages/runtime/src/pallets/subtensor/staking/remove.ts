// SubtensorModule.remove_stake / remove_stake_limit / remove_stake_full_limit / unstake_all / unstake_all_alpha
// (§7.3, §7.4): sell a position's alpha back to the pool for TAO. Checks in the chain's order.
// PERF: one simulated and two real swaps per position (the second sells the fee alpha for the block author).

import { BadOrigin, type CallContext, type DispatchResult, ensureSigned } from "../../../frame/dispatch.ts";
import { MAX_PRICE_RAO, MIN_PRICE_RAO } from "../../../swap/swap.ts";
import { storage as st } from "../pallet.ts";
import {
  allNetuids,
  DEFAULT_MIN_STAKE,
  E,
  getMaxAmountRemove,
  hotkeyAccountExists,
  minBig,
  ROOT,
  satAddU64,
  simSwap,
  subnetExists,
  totalStakeForHotkey,
} from "./helpers.ts";
import {
  clearSmallNominationIfRequired,
  stakeIntoSubnetOp,
  stakeOf,
  unstakeFromSubnetOp,
} from "./stakeUtils.ts";

/** `ensure_remove_stake_input_within_swap_limit`: at most 1000 × `SubnetAlphaIn` per order on a dynamic subnet. */
function inputWithinSwapLimit(ctx: CallContext, netuid: number, amount: bigint): DispatchResult {
  if (netuid !== ROOT && st.SubnetMechanism.get(ctx.state, netuid) === 1) {
    if (amount > st.SubnetAlphaIn.get(ctx.state, netuid) * 1000n) return E.InsufficientLiquidity;
  }
  return undefined;
}

/** `validate_remove_stake`, in the chain's order (stake locks are not modelled). */
export function getRemoveStakeValidity(
  ctx: CallContext,
  coldkey: Uint8Array,
  hotkey: Uint8Array,
  netuid: number,
  alpha: bigint,
  maxAmount: bigint,
  allowPartial: boolean,
): DispatchResult {
  const s = ctx.state;
  if (!subnetExists(s, netuid)) return E.SubnetNotExists;
  if (alpha === 0n) return E.AmountTooLow;
  const current = stakeOf(s, hotkey, coldkey, netuid);
  if (current < alpha) return E.NotEnoughStakeToWithdraw;
  const sim = simSwap(s, netuid, "sell", alpha);
  if (!sim.ok) return E.InsufficientLiquidity;
  if (current - alpha !== 0n && sim.value.amountPaidOut < DEFAULT_MIN_STAKE) return E.AmountTooLow;
  if (!allowPartial && alpha > maxAmount) return E.SlippageTooHigh;
  if (!hotkeyAccountExists(s, hotkey)) return E.HotKeyAccountNotExists;
  return undefined;
}

/** After an unstake: a hotkey whose total stake fell under `StakeThreshold` loses its pending child schedules. */
function dropPendingChildrenBelowThreshold(ctx: CallContext, hotkey: Uint8Array): void {
  if (totalStakeForHotkey(ctx.state, hotkey) < st.StakeThreshold.get(ctx.state))
    for (const netuid of allNetuids(ctx.state)) st.PendingChildKeys.remove(ctx.state, netuid, hotkey);
}

export function doRemoveStake(
  ctx: CallContext,
  hotkey: Uint8Array,
  netuid: number,
  amount: bigint,
): DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  const s = ctx.state;
  if (!st.SubtokenEnabled.get(s, netuid)) return E.SubtokenDisabled;
  const alpha = minBig(amount, stakeOf(s, hotkey, coldkey, netuid));
  const invalid =
    inputWithinSwapLimit(ctx, netuid, alpha) ??
    getRemoveStakeValidity(ctx, coldkey, hotkey, netuid, alpha, alpha, false);
  if (invalid) return invalid;
  const r = unstakeFromSubnetOp(ctx, hotkey, coldkey, coldkey, netuid, alpha, MIN_PRICE_RAO, false);
  if (!r.ok) return r.error;
  clearSmallNominationIfRequired(ctx, hotkey, coldkey, netuid);
  dropPendingChildrenBelowThreshold(ctx, hotkey);
  return undefined;
}

/** `do_remove_stake_limit`: no subtoken check and no cap at the position, as on chain. */
export function doRemoveStakeLimit(
  ctx: CallContext,
  hotkey: Uint8Array,
  netuid: number,
  amount: bigint,
  limitPrice: bigint,
  allowPartial: boolean,
): DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  const tooLarge = inputWithinSwapLimit(ctx, netuid, amount);
  if (tooLarge) return tooLarge;
  const max = getMaxAmountRemove(ctx.state, netuid, limitPrice);
  if (!max.ok) return max.error;
  const possible = minBig(amount, max.value);
  const invalid = getRemoveStakeValidity(ctx, coldkey, hotkey, netuid, amount, max.value, allowPartial);
  if (invalid) return invalid;
  const r = unstakeFromSubnetOp(ctx, hotkey, coldkey, coldkey, netuid, possible, limitPrice, false);
  if (!r.ok) return r.error;
  clearSmallNominationIfRequired(ctx, hotkey, coldkey, netuid);
  dropPendingChildrenBelowThreshold(ctx, hotkey);
  return undefined;
}

export function removeStake(
  ctx: CallContext,
  a: { hotkey: Uint8Array; netuid: number; amount_unstaked: bigint },
): DispatchResult {
  return doRemoveStake(ctx, a.hotkey, a.netuid, a.amount_unstaked);
}

export function removeStakeLimit(
  ctx: CallContext,
  a: {
    hotkey: Uint8Array;
    netuid: number;
    amount_unstaked: bigint;
    limit_price: bigint;
    allow_partial: boolean;
  },
): DispatchResult {
  return doRemoveStakeLimit(ctx, a.hotkey, a.netuid, a.amount_unstaked, a.limit_price, a.allow_partial);
}

/** The whole position, through remove_stake_limit (no partial fill) or remove_stake. */
export function removeStakeFullLimit(
  ctx: CallContext,
  a: { hotkey: Uint8Array; netuid: number; limit_price: bigint | undefined },
): DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  const alpha = stakeOf(ctx.state, a.hotkey, coldkey, a.netuid);
  return a.limit_price === undefined
    ? doRemoveStake(ctx, a.hotkey, a.netuid, alpha)
    : doRemoveStakeLimit(ctx, a.hotkey, a.netuid, alpha, a.limit_price, false);
}

/**
 * Unstake every position of (hotkey, signer) that passes validation, skipping the rest; root too unless
 * `onlyAlpha`. Returns the TAO received, or the error of a position whose unstake failed after validating.
 */
function unstakeEverywhere(
  ctx: CallContext,
  coldkey: Uint8Array,
  hotkey: Uint8Array,
  onlyAlpha: boolean,
): { ok: true; tao: bigint } | { ok: false; error: DispatchResult } {
  let total = 0n;
  for (const netuid of allNetuids(ctx.state)) {
    if (!st.SubtokenEnabled.get(ctx.state, netuid)) continue;
    if (onlyAlpha && netuid === ROOT) continue;
    const alpha = stakeOf(ctx.state, hotkey, coldkey, netuid);
    if (getRemoveStakeValidity(ctx, coldkey, hotkey, netuid, alpha, alpha, false)) continue;
    if (alpha === 0n) continue;
    const r = unstakeFromSubnetOp(ctx, hotkey, coldkey, coldkey, netuid, alpha, MIN_PRICE_RAO, false);
    if (!r.ok) return { ok: false, error: r.error };
    total = satAddU64(total, r.value);
    clearSmallNominationIfRequired(ctx, hotkey, coldkey, netuid);
  }
  return { ok: true, tao: total };
}

export function unstakeAll(ctx: CallContext, a: { hotkey: Uint8Array }): DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  if (!hotkeyAccountExists(ctx.state, a.hotkey)) return E.HotKeyAccountNotExists;
  const r = unstakeEverywhere(ctx, coldkey, a.hotkey, false);
  return r.ok ? undefined : r.error;
}

/** Every alpha position sold, and the TAO received staked on root under the same hotkey. */
export function unstakeAllAlpha(ctx: CallContext, a: { hotkey: Uint8Array }): DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  if (!hotkeyAccountExists(ctx.state, a.hotkey)) return E.HotKeyAccountNotExists;
  const r = unstakeEverywhere(ctx, coldkey, a.hotkey, true);
  if (!r.ok) return r.error;
  const staked = stakeIntoSubnetOp(ctx, a.hotkey, coldkey, ROOT, r.tao, MAX_PRICE_RAO, false);
  return staked.ok ? undefined : staked.error;
}
