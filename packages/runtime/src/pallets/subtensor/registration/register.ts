// burned_register [7], register [6] (PoW arguments ignored at HEAD) and register_limit [134]: one burn
// registration (§8.1). The burn buys alpha through the pool and that alpha is recycled, so the TAO stays in
// `SubnetTAO` and the price rises; the neuron is appended or replaces the prune candidate (§8.4).
// PERF: one pool swap plus O(n) per-uid vector rewrites.

import { BadOrigin, type CallContext, type DispatchResult, moduleErrors } from "../../../frame/dispatch.ts";
import { bumpBurn } from "../../../registration/burn.ts";
import { swapTaoForAlpha } from "../../../staking/stakeUtils.ts";
import { MAX_PRICE_RAO } from "../../../swap/swap.ts";
import { swapPallet } from "../../swap/pallet.ts";
import { storage as st, subtensorPallet } from "../pallet.ts";
import { readSubnetPool, writeSubnetPoolAfterSwap } from "../pools.ts";
import {
  canRemoveBalance,
  coldkeyOwnsHotkey,
  createAccountIfNonExistent,
  isSubnetAccountId,
  payFeeToAuthor,
  transferTaoToSubnet,
} from "../subnets/accounts.ts";
import { neuronToPrune, registerNeuron } from "./neurons.ts";

const E = moduleErrors(subtensorPallet);
const SwapE = moduleErrors(swapPallet);
const U64_MAX = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;

/** A swap error by its pallet: the swap's own names first (they are raised by pallet `Swap`). */
export function swapError(name: string): DispatchResult {
  return swapPallet.errors?.[name] ? SwapE[name] : E[name];
}

/** `bump_registration_price_after_registration` (root has no bump). */
export function bumpRegistrationPrice(ctx: CallContext, netuid: number): void {
  if (netuid === 0) return;
  const s = ctx.state;
  const next = bumpBurn(st.Burn.get(s, netuid), st.BurnIncreaseMult.get(s, netuid).bits, {
    minBurn: st.MinBurn.get(s, netuid),
    maxBurn: st.MaxBurn.get(s, netuid),
  });
  st.Burn.set(s, netuid, next);
}

/** `do_register`: the shared burn registration, checks in the chain's order. */
export function doRegister(ctx: CallContext, netuid: number, hotkey: Uint8Array): DispatchResult {
  if (ctx.origin.kind !== "signed") return BadOrigin;
  const coldkey = ctx.origin.who;
  const s = ctx.state;
  const now = BigInt(ctx.blockNumber);
  if (netuid === 0) return E.RegistrationNotPermittedOnRootSubnet;
  if (!st.NetworksAdded.get(s, netuid)) return E.SubnetNotExists;
  if (!st.NetworkRegistrationAllowed.get(s, netuid)) return E.SubNetRegistrationDisabled;
  if (st.Uids.has(s, netuid, hotkey)) return E.HotKeyAlreadyRegisteredInSubNet;
  const cost = st.Burn.get(s, netuid);
  if (!canRemoveBalance(s, coldkey, cost)) return E.NotEnoughBalanceToStake;
  if (isSubnetAccountId(hotkey)) return E.CannotUseSystemAccount;
  createAccountIfNonExistent(s, coldkey, hotkey);
  if (!coldkeyOwnsHotkey(s, coldkey, hotkey)) return E.NonAssociatedColdKey;
  const maxN = st.MaxAllowedUids.get(s, netuid);
  if (maxN === 0) return E.NoNeuronIdAvailable;
  // The candidate found here is the one replaced below: paying changes nothing the choice reads.
  const full = st.SubnetworkN.get(s, netuid) >= maxN;
  const candidate = full ? neuronToPrune(s, netuid, now) : undefined;
  if (full && candidate === undefined) return E.NoNeuronIdAvailable;

  // Pay: TAO into the pool, buy alpha at any price, recycle the alpha bought.
  const taken = transferTaoToSubnet(ctx, netuid, coldkey, cost);
  if (taken === undefined) return E.InsufficientBalance;
  const bought = swapTaoForAlpha(readSubnetPool(s, netuid), taken, MAX_PRICE_RAO, false);
  if (!bought.ok) return swapError(bought.error);
  writeSubnetPoolAfterSwap(s, netuid, bought.value.pool);
  st.TotalStake.mutate(s, (t) => (t + taken > U64_MAX ? U64_MAX : t + taken));
  st.SubnetVolume.mutate(s, netuid, (v) => v + taken);
  payFeeToAuthor(ctx, netuid, bought.value.result.feeToBlockAuthor);
  const alphaOut = bought.value.result.amountPaidOut;
  st.SubnetAlphaOut.mutate(s, netuid, (a) => (a > alphaOut ? a - alphaOut : 0n));

  const uid = registerNeuron(s, netuid, hotkey, now, candidate);
  if (uid === undefined) return E.NoNeuronIdAvailable;
  bumpRegistrationPrice(ctx, netuid);
  st.RegistrationsThisBlock.mutate(s, netuid, (n) => Math.min(n + 1, 0xffff));
  const recycled = st.RAORecycledForRegistration.get(s, netuid) + cost;
  st.RAORecycledForRegistration.set(s, netuid, recycled > U64_MAX ? U64_MAX : recycled);
  ctx.deposit("SubtensorModule", "RAORecycledForRegistrationSet", [
    netuid,
    st.RAORecycledForRegistration.get(s, netuid),
  ]);
  st.SubnetTaoFlow.mutate(s, netuid, (f) => (f + taken > I64_MAX ? I64_MAX : f + taken));
  ctx.deposit("SubtensorModule", "NeuronRegistered", [netuid, uid, hotkey]);
  return undefined;
}

/** `do_register_limit`: refuse before the shared path when the current price is above the caller's limit. */
export function doRegisterLimit(
  ctx: CallContext,
  netuid: number,
  hotkey: Uint8Array,
  limitPrice: bigint,
): DispatchResult {
  if (ctx.origin.kind !== "signed") return BadOrigin;
  if (netuid === 0) return E.RegistrationNotPermittedOnRootSubnet;
  if (!st.NetworksAdded.get(ctx.state, netuid)) return E.SubnetNotExists;
  if (st.Burn.get(ctx.state, netuid) > limitPrice) return E.RegistrationPriceLimitExceeded;
  return doRegister(ctx, netuid, hotkey);
}
