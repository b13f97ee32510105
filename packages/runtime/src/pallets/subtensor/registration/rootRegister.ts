// root_register [62] (§8.5): a hotkey takes one of root's `MaxAllowedUids[0]` (64) validator slots, no payment.
// When root is full the member with the least root stake is replaced, only by a hotkey with strictly more.
// PERF: a full root scans its members' stake (≤ 64 reads).

import { BadOrigin, type CallContext, type DispatchResult, moduleErrors } from "../../../frame/dispatch.ts";
import { storage as st, subtensorPallet } from "../pallet.ts";
import { createAccountIfNonExistent, isSubnetAccountId } from "../subnets/accounts.ts";
import { appendNeuron, replaceNeuron } from "./neurons.ts";

const E = moduleErrors(subtensorPallet);
const U64_MAX = (1n << 64n) - 1n;
/** The take every new root member gets as a delegate: 11,796/65,535 ≈ 18 %. */
export const ROOT_DELEGATE_TAKE = 11_796;

export function doRootRegister(ctx: CallContext, hotkey: Uint8Array): DispatchResult {
  const s = ctx.state;
  const now = BigInt(ctx.blockNumber);
  if (!st.NetworksAdded.get(s, 0)) return E.RootNetworkDoesNotExist;
  if (ctx.origin.kind !== "signed") return BadOrigin;
  const coldkey = ctx.origin.who;
  if (st.RegistrationsThisBlock.get(s, 0) >= st.MaxRegistrationsPerBlock.get(s, 0))
    return E.TooManyRegistrationsThisBlock;
  if (st.RegistrationsThisInterval.get(s, 0) >= st.TargetRegistrationsPerInterval.get(s, 0) * 3)
    return E.TooManyRegistrationsThisInterval;
  if (st.Uids.has(s, 0, hotkey)) return E.HotKeyAlreadyRegisteredInSubNet;
  if (isSubnetAccountId(hotkey)) return E.CannotUseSystemAccount;
  createAccountIfNonExistent(s, coldkey, hotkey);

  let uid: number;
  if (st.SubnetworkN.get(s, 0) < st.MaxAllowedUids.get(s, 0)) {
    uid = appendNeuron(s, 0, hotkey, now);
  } else {
    // Lowest root stake wins the slot's eviction; on a tie the first in key (uid) order.
    let lowest = U64_MAX;
    let lowestUid = 0;
    for (const [[, u], hk] of st.Keys.entries(s, 0)) {
      const stake = st.TotalHotkeyAlpha.get(s, hk, 0);
      if (stake < lowest) {
        lowest = stake;
        lowestUid = u;
      }
    }
    if (!st.Keys.has(s, 0, lowestUid)) return E.HotKeyNotRegisteredInSubNet;
    if (!(lowest < st.TotalHotkeyAlpha.get(s, hotkey, 0))) return E.StakeTooLowForRoot;
    replaceNeuron(s, 0, lowestUid, hotkey, now);
    uid = lowestUid;
  }
  if (!st.Delegates.has(s, hotkey)) st.Delegates.set(s, hotkey, ROOT_DELEGATE_TAKE);
  st.RegistrationsThisInterval.mutate(s, 0, (n) => Math.min(n + 1, 0xffff));
  st.RegistrationsThisBlock.mutate(s, 0, (n) => Math.min(n + 1, 0xffff));
  ctx.deposit("SubtensorModule", "NeuronRegistered", [0, uid, hotkey]);
  return undefined;
}
