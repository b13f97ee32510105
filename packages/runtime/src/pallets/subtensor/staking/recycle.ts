// SubtensorModule.recycle_alpha / burn_alpha (§1.2, §7.4): destroy alpha from one's own position on a subnet.
// Recycling lowers `SubnetAlphaOut` (the subnet's issuance, so it can be emitted again); burning leaves it.

import { BadOrigin, type CallContext, type DispatchResult, ensureSigned } from "../../../frame/dispatch.ts";
import { storage as st } from "../pallet.ts";
import { E, hotkeyAccountExists, minBig, ROOT, satSub, subnetExists } from "./helpers.ts";
import { decreaseStake, stakeOf } from "./stakeUtils.ts";

interface DestroyArgs {
  hotkey: Uint8Array;
  amount: bigint;
  netuid: number;
}

/** The checks and the position decrease both calls share; returns the amount taken or the error. */
function takeAlpha(
  ctx: CallContext,
  a: DestroyArgs,
): { coldkey: Uint8Array; amount: bigint } | DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  const s = ctx.state;
  if (!subnetExists(s, a.netuid)) return E.SubnetNotExists;
  if (a.netuid === ROOT) return E.CannotBurnOrRecycleOnRootSubnet;
  if (!st.SubtokenEnabled.get(s, a.netuid)) return E.SubtokenDisabled;
  if (!hotkeyAccountExists(s, a.hotkey)) return E.HotKeyAccountNotExists;
  const amount = minBig(a.amount, stakeOf(s, a.hotkey, coldkey, a.netuid));
  if (st.SubnetAlphaOut.get(s, a.netuid) < amount) return E.InsufficientLiquidity;
  decreaseStake(ctx, a.hotkey, coldkey, a.netuid, amount);
  return { coldkey, amount };
}

const isTaken = (r: ReturnType<typeof takeAlpha>): r is { coldkey: Uint8Array; amount: bigint } =>
  r !== undefined && "coldkey" in r;

export function recycleAlpha(ctx: CallContext, a: DestroyArgs): DispatchResult {
  const r = takeAlpha(ctx, a);
  if (!isTaken(r)) return r;
  if (r.amount !== 0n) st.SubnetAlphaOut.mutate(ctx.state, a.netuid, (v) => satSub(v, r.amount));
  ctx.deposit("SubtensorModule", "AlphaRecycled", [r.coldkey, a.hotkey, r.amount, a.netuid]);
  return undefined;
}

/** Burned alpha stays inside `SubnetAlphaOut`, owned by nobody. */
export function burnAlpha(ctx: CallContext, a: DestroyArgs): DispatchResult {
  const r = takeAlpha(ctx, a);
  if (!isTaken(r)) return r;
  ctx.deposit("SubtensorModule", "AlphaBurned", [r.coldkey, a.hotkey, r.amount, a.netuid]);
  return undefined;
}
