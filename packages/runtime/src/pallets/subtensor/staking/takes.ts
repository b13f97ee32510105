// SubtensorModule.increase_take / decrease_take (§11.2): the delegate take a hotkey's owner keeps from its
// nominators' dividends. Increases wait `TxDelegateTakeRateLimit` blocks since the last change; decreases are free.

import { BadOrigin, type CallContext, type DispatchResult, ensureSigned } from "../../../frame/dispatch.ts";
import { storage as st } from "../pallet.ts";
import { coldkeyOwnsHotkey, E, hotkeyAccountExists } from "./helpers.ts";

type TakeArgs = { hotkey: Uint8Array; take: number };

const delegateTakeKey = (hotkey: Uint8Array) => ({ type: "LastTxBlockDelegateTake" as const, value: hotkey });

/** `do_take_checks`: a known hotkey, owned by the signer. */
function takeChecks(ctx: CallContext, coldkey: Uint8Array, hotkey: Uint8Array): DispatchResult {
  if (!hotkeyAccountExists(ctx.state, hotkey)) return E.HotKeyAccountNotExists;
  if (!coldkeyOwnsHotkey(ctx.state, coldkey, hotkey)) return E.NonAssociatedColdKey;
  return undefined;
}

export function increaseTake(ctx: CallContext, a: TakeArgs): DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  const s = ctx.state;
  const invalid = takeChecks(ctx, coldkey, a.hotkey);
  if (invalid) return invalid;
  const current = st.Delegates.tryGet(s, a.hotkey);
  if (current !== undefined && !(a.take > current)) return E.DelegateTakeTooLow;
  if (a.take > st.MaxDelegateTake.get(s)) return E.DelegateTakeTooHigh;
  const block = BigInt(ctx.blockNumber);
  const last = st.LastRateLimitedBlock.get(s, delegateTakeKey(a.hotkey));
  const limit = st.TxDelegateTakeRateLimit.get(s);
  if (limit !== 0n && last !== 0n && block - last <= limit) return E.DelegateTxRateLimitExceeded;
  st.LastRateLimitedBlock.set(s, delegateTakeKey(a.hotkey), block);
  st.Delegates.set(s, a.hotkey, a.take);
  ctx.deposit("SubtensorModule", "TakeIncreased", [coldkey, a.hotkey, a.take]);
  return undefined;
}

export function decreaseTake(ctx: CallContext, a: TakeArgs): DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  const s = ctx.state;
  const invalid = takeChecks(ctx, coldkey, a.hotkey);
  if (invalid) return invalid;
  const current = st.Delegates.tryGet(s, a.hotkey);
  if (current !== undefined && !(a.take < current)) return E.DelegateTakeTooLow;
  if (a.take < st.MinDelegateTake.get(s)) return E.DelegateTakeTooLow;
  st.Delegates.set(s, a.hotkey, a.take);
  st.LastRateLimitedBlock.set(s, delegateTakeKey(a.hotkey), BigInt(ctx.blockNumber));
  ctx.deposit("SubtensorModule", "TakeDecreased", [coldkey, a.hotkey, a.take]);
  return undefined;
}
