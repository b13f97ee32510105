// SubtensorModule.add_stake / add_stake_limit / add_stake_burn (§7.2, §7.4): TAO from the coldkey buys alpha
// on the subnet's pool for a (hotkey, coldkey) position. Checks in the chain's order (`validate_add_stake`).
// PERF: two simulated swaps and one real swap (µs each with equal pool weights), a dozen storage writes.

import { bytesEqual } from "@opentao/primitives";
import { BadOrigin, type CallContext, type DispatchResult, ensureSigned } from "../../../frame/dispatch.ts";
import { canUpdateValueForOne } from "../../../staking/sharePool.ts";
import { MAX_PRICE_RAO } from "../../../swap/swap.ts";
import { storage as st } from "../pallet.ts";
import { readHotkeyPool } from "../pools.ts";
import {
  approxFee,
  DEFAULT_MIN_STAKE,
  E,
  getMaxAmountAdd,
  hotkeyAccountExists,
  maybeBecomeDelegate,
  minBig,
  ROOT,
  simSwap,
  subnetExists,
} from "./helpers.ts";
import { burnAlpha } from "./recycle.ts";
import { coldkeyBalance, type Res, stakeIntoSubnetOp } from "./stakeUtils.ts";

/** `ensure_add_stake_input_within_swap_limit`: a dynamic subnet takes at most 1000 × `SubnetTAO` per order. */
function inputWithinSwapLimit(ctx: CallContext, netuid: number, amount: bigint): DispatchResult {
  if (netuid !== ROOT && st.SubnetMechanism.get(ctx.state, netuid) === 1) {
    if (amount > st.SubnetTAO.get(ctx.state, netuid) * 1000n) return E.InsufficientLiquidity;
  }
  return undefined;
}

/** `validate_add_stake`, in the chain's order. */
export function getAddStakeValidity(
  ctx: CallContext,
  coldkey: Uint8Array,
  hotkey: Uint8Array,
  netuid: number,
  amount: bigint,
  maxAmount: bigint,
  allowPartial: boolean,
): DispatchResult {
  const s = ctx.state;
  if (!subnetExists(s, netuid)) return E.SubnetNotExists;
  if (!st.SubtokenEnabled.get(s, netuid)) return E.SubtokenDisabled;
  const minFee = (() => {
    const sim = simSwap(s, netuid, "buy", DEFAULT_MIN_STAKE);
    return sim.ok ? sim.value.feePaid : approxFee(s, netuid, DEFAULT_MIN_STAKE);
  })();
  if (amount < DEFAULT_MIN_STAKE + minFee) return E.AmountTooLow;
  let stake = amount;
  if (!allowPartial) {
    if (stake > maxAmount) return E.SlippageTooHigh;
  } else stake = minBig(maxAmount, stake);
  if (stake > coldkeyBalance(s, coldkey)) return E.NotEnoughBalanceToStake;
  if (!hotkeyAccountExists(s, hotkey)) return E.HotKeyAccountNotExists;
  const sim = simSwap(s, netuid, "buy", stake);
  if (!sim.ok) return E.InsufficientLiquidity;
  if (sim.value.amountPaidIn < DEFAULT_MIN_STAKE) return E.AmountTooLow;
  if (sim.value.amountPaidOut === 0n) return E.InsufficientLiquidity;
  if (!canUpdateValueForOne(readHotkeyPool(s, hotkey, netuid), sim.value.amountPaidOut))
    return E.InsufficientLiquidity;
  return undefined;
}

/** `do_add_stake`: returns the alpha bought (add_stake_burn burns it). */
export function doAddStake(
  ctx: CallContext,
  hotkey: Uint8Array,
  netuid: number,
  amount: bigint,
): Res<bigint> {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return { ok: false, error: BadOrigin };
  const invalid =
    inputWithinSwapLimit(ctx, netuid, amount) ??
    getAddStakeValidity(ctx, coldkey, hotkey, netuid, amount, amount, false);
  if (invalid) return { ok: false, error: invalid };
  return stakeIntoSubnetOp(ctx, hotkey, coldkey, netuid, amount, MAX_PRICE_RAO, false);
}

/** `do_add_stake_limit`: stake at most what keeps the price at or under `limitPrice` (partial or refuse). */
export function doAddStakeLimit(
  ctx: CallContext,
  hotkey: Uint8Array,
  netuid: number,
  amount: bigint,
  limitPrice: bigint,
  allowPartial: boolean,
): Res<bigint> {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return { ok: false, error: BadOrigin };
  const tooLarge = inputWithinSwapLimit(ctx, netuid, amount);
  if (tooLarge) return { ok: false, error: tooLarge };
  const max = getMaxAmountAdd(ctx.state, netuid, limitPrice);
  if (!max.ok) return max as Res<never>;
  const possible = minBig(amount, max.value);
  const invalid = getAddStakeValidity(ctx, coldkey, hotkey, netuid, amount, max.value, allowPartial);
  if (invalid) return { ok: false, error: invalid };
  if (!bytesEqual(st.Owner.get(ctx.state, hotkey), coldkey)) maybeBecomeDelegate(ctx, hotkey);
  return stakeIntoSubnetOp(ctx, hotkey, coldkey, netuid, possible, limitPrice, false);
}

const result = (r: Res<unknown>): DispatchResult => (r.ok ? undefined : r.error);

export function addStake(
  ctx: CallContext,
  a: { hotkey: Uint8Array; netuid: number; amount_staked: bigint },
): DispatchResult {
  return result(doAddStake(ctx, a.hotkey, a.netuid, a.amount_staked));
}

export function addStakeLimit(
  ctx: CallContext,
  a: {
    hotkey: Uint8Array;
    netuid: number;
    amount_staked: bigint;
    limit_price: bigint;
    allow_partial: boolean;
  },
): DispatchResult {
  return result(doAddStakeLimit(ctx, a.hotkey, a.netuid, a.amount_staked, a.limit_price, a.allow_partial));
}

/**
 * `add_stake_burn` (spec 425): stake (with a limit if given, no partial fill), then burn the alpha bought;
 * `AddStakeBurn`. All or nothing: the executive discards every write if a step fails.
 */
export function addStakeBurn(
  ctx: CallContext,
  a: { hotkey: Uint8Array; netuid: number; amount: bigint; limit: bigint | undefined },
): DispatchResult {
  const staked =
    a.limit === undefined
      ? doAddStake(ctx, a.hotkey, a.netuid, a.amount)
      : doAddStakeLimit(ctx, a.hotkey, a.netuid, a.amount, a.limit, false);
  if (!staked.ok) return staked.error;
  const burned = burnAlpha(ctx, { hotkey: a.hotkey, amount: staked.value, netuid: a.netuid });
  if (burned) return burned;
  ctx.deposit("SubtensorModule", "AddStakeBurn", {
    netuid: a.netuid,
    hotkey: a.hotkey,
    amount: a.amount,
    alpha: staked.value,
  });
  return undefined;
}
