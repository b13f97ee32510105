// SubtensorModule.move_stake / transfer_stake / swap_stake / swap_stake_limit (§7.4 "stake transitions"):
// within a subnet a fee-less share transfer; across subnets an unstake, a TAO transfer if the coldkey changes,
// and a stake at the destination (exactly one fee per move; below DefaultMinStake it stays an unstake).

import { bytesEqual } from "@opentao/primitives";
import { BadOrigin, type CallContext, type DispatchResult, ensureSigned } from "../../../frame/dispatch.ts";
import { MAX_PRICE_RAO, MIN_PRICE_RAO } from "../../../swap/swap.ts";
import { storage as st } from "../pallet.ts";
import {
  DEFAULT_MIN_STAKE,
  E,
  getMaxAmountMove,
  hotkeyAccountExists,
  maybeBecomeDelegate,
  minBig,
  ROOT,
  simSwap,
  subnetExists,
} from "./helpers.ts";
import {
  type Res,
  stakeIntoSubnetOp,
  stakeOf,
  transferStakeWithinSubnet,
  transferTao,
  unstakeFromSubnetOp,
} from "./stakeUtils.ts";

export interface Transition {
  originColdkey: Uint8Array;
  destinationColdkey: Uint8Array;
  originHotkey: Uint8Array;
  destinationHotkey: Uint8Array;
  originNetuid: number;
  destinationNetuid: number;
  alpha: bigint;
  limitPrice?: bigint;
  allowPartial?: boolean;
  checkTransferToggle: boolean;
}

/** `validate_stake_transition`, in the chain's order (stake locks are not modelled). */
export function getStakeTransitionValidity(
  ctx: CallContext,
  t: Transition,
  maxAmount: bigint,
): DispatchResult {
  const s = ctx.state;
  const cross = t.originNetuid !== t.destinationNetuid;
  if (
    bytesEqual(t.originColdkey, t.destinationColdkey) &&
    bytesEqual(t.originHotkey, t.destinationHotkey) &&
    !cross
  )
    return E.SameNetuid;
  if (!subnetExists(s, t.originNetuid)) return E.SubnetNotExists;
  if (cross && !subnetExists(s, t.destinationNetuid)) return E.SubnetNotExists;
  if (!st.SubtokenEnabled.get(s, t.originNetuid)) return E.SubtokenDisabled;
  if (!st.SubtokenEnabled.get(s, t.destinationNetuid)) return E.SubtokenDisabled;
  if (!hotkeyAccountExists(s, t.originHotkey)) return E.HotKeyAccountNotExists;
  if (!hotkeyAccountExists(s, t.destinationHotkey)) return E.HotKeyAccountNotExists;
  if (t.alpha > stakeOf(s, t.originHotkey, t.originColdkey, t.originNetuid))
    return E.NotEnoughStakeToWithdraw;
  if (cross) {
    const sim = simSwap(s, t.originNetuid, "sell", t.alpha);
    if (!sim.ok) return E.InsufficientLiquidity;
    if (!(sim.value.amountPaidOut > DEFAULT_MIN_STAKE)) return E.AmountTooLow;
    if (t.allowPartial === false && t.alpha > maxAmount) return E.SlippageTooHigh;
  }
  if (t.checkTransferToggle) {
    if (!st.TransferToggle.get(s, t.originNetuid)) return E.TransferDisallowed;
    if (cross && !st.TransferToggle.get(s, t.destinationNetuid)) return E.TransferDisallowed;
  }
  return undefined;
}

/** `transition_stake_internal`: returns the TAO the move was worth. */
export function transitionStake(ctx: CallContext, t0: Transition): Res<bigint> {
  const s = ctx.state;
  const t = {
    ...t0,
    alpha: minBig(t0.alpha, stakeOf(s, t0.originHotkey, t0.originColdkey, t0.originNetuid)),
  };
  const cross = t.originNetuid !== t.destinationNetuid;
  let maxAmount = t.alpha;
  if (cross && t.limitPrice !== undefined) {
    const max = getMaxAmountMove(s, t.originNetuid, t.destinationNetuid, t.limitPrice);
    if (!max.ok) return { ok: false, error: max.error ?? E.InsufficientLiquidity };
    maxAmount = max.value;
  }
  const invalid = getStakeTransitionValidity(ctx, t, maxAmount);
  if (invalid) return { ok: false, error: invalid };
  const amount = minBig(t.alpha, maxAmount);
  if (!cross)
    return transferStakeWithinSubnet(
      ctx,
      t.originColdkey,
      t.originHotkey,
      t.destinationColdkey,
      t.destinationHotkey,
      t.originNetuid,
      amount,
      DEFAULT_MIN_STAKE,
    );
  const dropFeeOrigin = t.originNetuid === ROOT;
  const unstaked = unstakeFromSubnetOp(
    ctx,
    t.originHotkey,
    t.originColdkey,
    t.originColdkey,
    t.originNetuid,
    amount,
    MIN_PRICE_RAO,
    dropFeeOrigin,
  );
  if (!unstaked.ok) return unstaked;
  const tao = unstaked.value;
  if (!bytesEqual(t.originColdkey, t.destinationColdkey)) {
    const e = transferTao(ctx, t.originColdkey, t.destinationColdkey, tao);
    if (e) return { ok: false, error: e };
  }
  if (tao >= DEFAULT_MIN_STAKE) {
    if (!bytesEqual(st.Owner.get(s, t.destinationHotkey), t.destinationColdkey))
      maybeBecomeDelegate(ctx, t.destinationHotkey);
    const staked = stakeIntoSubnetOp(
      ctx,
      t.destinationHotkey,
      t.destinationColdkey,
      t.destinationNetuid,
      tao,
      MAX_PRICE_RAO,
      !dropFeeOrigin,
    );
    if (!staked.ok) return staked;
  }
  return { ok: true, value: tao };
}

export function moveStake(
  ctx: CallContext,
  a: {
    origin_hotkey: Uint8Array;
    destination_hotkey: Uint8Array;
    origin_netuid: number;
    destination_netuid: number;
    alpha_amount: bigint;
  },
): DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  const r = transitionStake(ctx, {
    originColdkey: coldkey,
    destinationColdkey: coldkey,
    originHotkey: a.origin_hotkey,
    destinationHotkey: a.destination_hotkey,
    originNetuid: a.origin_netuid,
    destinationNetuid: a.destination_netuid,
    alpha: a.alpha_amount,
    checkTransferToggle: false,
  });
  if (!r.ok) return r.error;
  ctx.deposit("SubtensorModule", "StakeMoved", [
    coldkey,
    a.origin_hotkey,
    a.origin_netuid,
    a.destination_hotkey,
    a.destination_netuid,
    r.value,
  ]);
  return undefined;
}

export function transferStake(
  ctx: CallContext,
  a: {
    destination_coldkey: Uint8Array;
    hotkey: Uint8Array;
    origin_netuid: number;
    destination_netuid: number;
    alpha_amount: bigint;
  },
): DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  const r = transitionStake(ctx, {
    originColdkey: coldkey,
    destinationColdkey: a.destination_coldkey,
    originHotkey: a.hotkey,
    destinationHotkey: a.hotkey,
    originNetuid: a.origin_netuid,
    destinationNetuid: a.destination_netuid,
    alpha: a.alpha_amount,
    checkTransferToggle: true,
  });
  if (!r.ok) return r.error;
  ctx.deposit("SubtensorModule", "StakeTransferred", [
    coldkey,
    a.destination_coldkey,
    a.hotkey,
    a.origin_netuid,
    a.destination_netuid,
    r.value,
  ]);
  return undefined;
}

function swap(
  ctx: CallContext,
  a: {
    hotkey: Uint8Array;
    origin_netuid: number;
    destination_netuid: number;
    alpha_amount: bigint;
    limit_price?: bigint;
    allow_partial?: boolean;
  },
): DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  const r = transitionStake(ctx, {
    originColdkey: coldkey,
    destinationColdkey: coldkey,
    originHotkey: a.hotkey,
    destinationHotkey: a.hotkey,
    originNetuid: a.origin_netuid,
    destinationNetuid: a.destination_netuid,
    alpha: a.alpha_amount,
    limitPrice: a.limit_price,
    allowPartial: a.allow_partial,
    checkTransferToggle: false,
  });
  if (!r.ok) return r.error;
  ctx.deposit("SubtensorModule", "StakeSwapped", [
    coldkey,
    a.hotkey,
    a.origin_netuid,
    a.destination_netuid,
    r.value,
  ]);
  return undefined;
}

export function swapStake(
  ctx: CallContext,
  a: { hotkey: Uint8Array; origin_netuid: number; destination_netuid: number; alpha_amount: bigint },
): DispatchResult {
  return swap(ctx, { ...a, limit_price: undefined, allow_partial: undefined });
}

export function swapStakeLimit(
  ctx: CallContext,
  a: {
    hotkey: Uint8Array;
    origin_netuid: number;
    destination_netuid: number;
    alpha_amount: bigint;
    limit_price: bigint;
    allow_partial: boolean;
  },
): DispatchResult {
  return swap(ctx, a);
}
