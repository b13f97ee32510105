// Staking against storage (subtensor's stake_utils.rs): stake_into_subnet / unstake_from_subnet around the pure
// economics in staking/, the (hotkey, coldkey) share-pool updates, TAO custody, flows and root-claim bookkeeping.
// Custody (HEAD): staked TAO moves into the subnet's account and unstaked TAO back out of it; a buy's fee goes
// from there to the block author, or without an author to the burn account (issuance keeps it either way).

import { I96F32, U64F64 } from "@opentao/primitives";
import type { CallContext, DispatchErrorValue } from "../../../frame/dispatch.ts";
import { Overlay, type StateReader } from "../../../frame/state.ts";
import { shareValue, updateValueForOne } from "../../../staking/sharePool.ts";
import { stakeIntoSubnet, unstakeFromSubnet } from "../../../staking/stakeUtils.ts";
import { MIN_PRICE_RAO } from "../../../swap/swap.ts";
import { storage as balances } from "../../balances/pallet.ts";
import { transfer } from "../../balances/transfer.ts";
import { storage as system } from "../../system/pallet.ts";
import { increaseStakeForHotkeyAndColdkeyOnSubnet } from "../coinbase/stake.ts";
import { storage as st } from "../pallet.ts";
import { addStakingHotkey, readPosition, writePosition, writeSubnetPoolAfterSwap } from "../pools.ts";
import { burnFromSubnetAccount, transferTaoFromSubnet, transferTaoToSubnet } from "../subnetAccount.ts";
import {
  alphaPrice,
  chainError,
  coldkeyOwnsHotkey,
  DEFAULT_MIN_STAKE,
  E,
  poolOf,
  ROOT,
  satSub,
  U64_MAX,
} from "./helpers.ts";

export type Res<T> = { ok: true; value: T } | { ok: false; error: DispatchErrorValue };
const ok = <T>(value: T): Res<T> => ({ ok: true, value });
const err = (error: DispatchErrorValue | undefined): Res<never> => ({
  ok: false,
  error: error ?? { type: "Other", value: undefined },
});

const U128_MAX = (1n << 128n) - 1n;
const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);

/** `get_stake_for_hotkey_and_coldkey_on_subnet`: the alpha the coldkey's shares are worth (0 without shares). */
export function stakeOf(s: StateReader, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number): bigint {
  const p = readPosition(s, hotkey, coldkey, netuid);
  return p.share.mantissa === 0n ? 0n : shareValue(p.hotkey, p.share);
}

/** `increase_stake_for_hotkey_and_coldkey_on_subnet`. */
export function increaseStake(
  ctx: CallContext,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
  amount: bigint,
): void {
  increaseStakeForHotkeyAndColdkeyOnSubnet(ctx.state, hotkey, coldkey, netuid, amount);
}

/** `decrease_stake_for_hotkey_and_coldkey_on_subnet`: only a position holding at least `amount` is reduced. */
export function decreaseStake(
  ctx: CallContext,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
  amount: bigint,
): void {
  const p = readPosition(ctx.state, hotkey, coldkey, netuid);
  if (p.share.mantissa === 0n || shareValue(p.hotkey, p.share) < amount) return;
  const r = updateValueForOne(p.hotkey, p.share, -amount);
  writePosition(ctx.state, hotkey, coldkey, netuid, { hotkey: r.pool, share: r.share });
}

/** `get_coldkey_balance`: what the account can spend if it may die (`reducible_balance(Expendable)`). */
export function coldkeyBalance(s: StateReader, who: Uint8Array): bigint {
  const data = system.Account.get(s, who).data;
  return satSub(data.free, data.frozen);
}

/** `transfer_tao_to_subnet` (keep-alive) for a stake: `InsufficientBalance` when nothing can be taken. */
export function withdrawForStake(
  ctx: CallContext,
  netuid: number,
  coldkey: Uint8Array,
  amount: bigint,
): Res<bigint> {
  const taken = transferTaoToSubnet(ctx, netuid, coldkey, amount);
  return taken === undefined ? err(E.InsufficientBalance) : ok(taken);
}

/**
 * `transfer_tao`: a plain coldkey-to-coldkey transfer that may reap the sender; dust lost that way also leaves
 * SubtensorModule.TotalIssuance.
 */
export function transferTao(
  ctx: CallContext,
  from: Uint8Array,
  to: Uint8Array,
  amount: bigint,
): DispatchErrorValue | undefined {
  if (amount > coldkeyBalance(ctx.state, from)) return E.InsufficientBalance;
  const before = balances.TotalIssuance.get(ctx.state);
  const e = transfer(ctx, from, to, amount, "Expendable");
  if (e) return e;
  const burned = before - balances.TotalIssuance.get(ctx.state);
  if (burned > 0n) st.TotalIssuance.mutate(ctx.state, (t) => satSub(t, burned));
  return undefined;
}

function recordTaoFlow(ctx: CallContext, netuid: number, delta: bigint): void {
  st.SubnetTaoFlow.mutate(ctx.state, netuid, (f) => {
    const v = f + delta;
    return v > I64_MAX ? I64_MAX : v < I64_MIN ? I64_MIN : v;
  });
}

function addVolume(ctx: CallContext, netuid: number, amount: bigint): void {
  st.SubnetVolume.mutate(ctx.state, netuid, (v) => (v + amount > U128_MAX ? U128_MAX : v + amount));
}

function addTotalStake(ctx: CallContext, delta: bigint): void {
  st.TotalStake.mutate(ctx.state, (t) => {
    const v = t + delta;
    return v < 0n ? 0n : v > U64_MAX ? U64_MAX : v;
  });
}

/** RootClaimed += or −= rate·amount for each subnet the hotkey has a claimable rate on (§10.3). */
function adjustRootClaimed(
  ctx: CallContext,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  amount: bigint,
  add: boolean,
): void {
  for (const [netuid, rate] of st.RootClaimable.get(ctx.state, hotkey)) {
    if (!add && netuid === ROOT) continue;
    const owedBits = I96F32.saturatingMul(rate.bits, I96F32.fromInt(amount));
    const owed = I96F32.floorToInt(owedBits);
    const delta = owed < 0n ? 0n : owed > U128_MAX ? U128_MAX : owed;
    const claimed = st.RootClaimed.get(ctx.state, netuid, hotkey, coldkey);
    const next = add ? (claimed + delta > U128_MAX ? U128_MAX : claimed + delta) : satSub(claimed, delta);
    st.RootClaimed.set(ctx.state, netuid, hotkey, coldkey, next);
  }
}

export const addStakeAdjustRootClaimed = (ctx: CallContext, h: Uint8Array, c: Uint8Array, a: bigint) =>
  adjustRootClaimed(ctx, h, c, a, true);
export const removeStakeAdjustRootClaimed = (ctx: CallContext, h: Uint8Array, c: Uint8Array, a: bigint) =>
  adjustRootClaimed(ctx, h, c, a, false);

/** `maybe_add_coldkey_index`: the dense index of root-staking coldkeys that auto-claim walks. */
function maybeAddColdkeyIndex(ctx: CallContext, coldkey: Uint8Array): void {
  const s = ctx.state;
  if (st.StakingColdkeys.has(s, coldkey)) return;
  const n = st.NumStakingColdkeys.get(s);
  st.StakingColdkeysByIndex.set(s, n, coldkey);
  st.StakingColdkeys.set(s, coldkey, n);
  st.NumStakingColdkeys.set(s, n + 1n);
}

/** `maybe_remove_coldkey_index`: keep the index dense by moving the last entry into the freed slot. */
function maybeRemoveColdkeyIndex(ctx: CallContext, coldkey: Uint8Array): void {
  const s = ctx.state;
  const idx = st.StakingColdkeys.tryGet(s, coldkey);
  if (idx === undefined) return;
  st.StakingColdkeys.remove(s, coldkey);
  const last = satSub(st.NumStakingColdkeys.get(s), 1n);
  const moved = idx !== last ? st.StakingColdkeysByIndex.tryGet(s, last) : undefined;
  if (moved !== undefined) {
    st.StakingColdkeysByIndex.remove(s, last);
    st.StakingColdkeysByIndex.set(s, idx, moved);
    st.StakingColdkeys.set(s, moved, idx);
  } else {
    st.StakingColdkeysByIndex.remove(s, idx);
  }
  st.NumStakingColdkeys.set(s, last);
}

const coldkeyHasRootStake = (s: StateReader, coldkey: Uint8Array) =>
  st.StakingHotkeys.get(s, coldkey).some((h) => stakeOf(s, h, coldkey, ROOT) !== 0n);

/**
 * `stake_into_subnet`: take `tao` (keep-alive) from the coldkey, buy alpha at `limitRao`, add it to the
 * position, pay the fee to the block author (or burn it), record the inflow; `StakeAdded`. Returns the alpha.
 */
export function stakeIntoSubnetOp(
  ctx: CallContext,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
  tao: bigint,
  limitRao: bigint,
  dropFees: boolean,
): Res<bigint> {
  const s = ctx.state;
  const taken = withdrawForStake(ctx, netuid, coldkey, tao);
  if (!taken.ok) return taken;
  const taoStaked = taken.value;
  const r = stakeIntoSubnet(
    poolOf(s, netuid),
    readPosition(s, hotkey, coldkey, netuid),
    taoStaked,
    limitRao,
    dropFees,
  );
  if (!r.ok) return err(chainError(r.error));
  const { swap, alphaStaked, pool, position, totalStakeDelta } = r.value;
  writeSubnetPoolAfterSwap(s, netuid, pool);
  addTotalStake(ctx, totalStakeDelta);
  addVolume(ctx, netuid, taoStaked);
  writePosition(s, hotkey, coldkey, netuid, position);
  addStakingHotkey(s, coldkey, hotkey);
  if (ctx.blockAuthor) {
    const e = transferTaoFromSubnet(ctx, netuid, ctx.blockAuthor, swap.feeToBlockAuthor);
    if (e) return err(e);
  } else burnFromSubnetAccount(ctx, netuid, swap.feeToBlockAuthor);
  recordTaoFlow(ctx, netuid, swap.amountPaidIn);
  st.LastColdkeyHotkeyStakeBlock.set(s, coldkey, hotkey, BigInt(ctx.blockNumber));
  if (netuid === ROOT) {
    addStakeAdjustRootClaimed(ctx, hotkey, coldkey, alphaStaked);
    maybeAddColdkeyIndex(ctx, coldkey);
  }
  ctx.deposit("SubtensorModule", "StakeAdded", [
    coldkey,
    hotkey,
    taoStaked,
    alphaStaked,
    netuid,
    swap.feePaid,
  ]);
  return ok(alphaStaked);
}

/**
 * `unstake_from_subnet`: sell `alpha` of the position at `limitRao` (unexecuted alpha goes back), pay the TAO
 * to `beneficiary`, sell the fee alpha for the block author (or burn it), record the outflow; `StakeRemoved`.
 * Returns the TAO paid to the beneficiary.
 */
export function unstakeFromSubnetOp(
  ctx: CallContext,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  beneficiary: Uint8Array,
  netuid: number,
  alpha: bigint,
  limitRao: bigint,
  dropFees: boolean,
): Res<bigint> {
  const s = ctx.state;
  const author = ctx.blockAuthor;
  const r = unstakeFromSubnet(
    poolOf(s, netuid),
    readPosition(s, hotkey, coldkey, netuid),
    alpha,
    limitRao,
    dropFees,
    author !== undefined,
  );
  if (!r.ok) return err(chainError(r.error));
  const { swap, taoReceived, blockAuthorSwap, pool, position, totalStakeDelta } = r.value;
  writePosition(s, hotkey, coldkey, netuid, position);
  if (r.value.refund > 0n) addStakingHotkey(s, coldkey, hotkey);
  writeSubnetPoolAfterSwap(s, netuid, pool);
  addTotalStake(ctx, totalStakeDelta);
  addVolume(ctx, netuid, swap.amountPaidOut);
  const paid = transferTaoFromSubnet(ctx, netuid, beneficiary, taoReceived);
  if (paid) return err(paid);
  let authorTao = 0n;
  if (author && blockAuthorSwap) {
    addVolume(ctx, netuid, blockAuthorSwap.amountPaidOut);
    authorTao = blockAuthorSwap.amountPaidOut;
    const e = transferTaoFromSubnet(ctx, netuid, author, authorTao);
    if (e) return err(e);
  }
  if (netuid === ROOT) {
    removeStakeAdjustRootClaimed(ctx, hotkey, coldkey, alpha);
    if (!coldkeyHasRootStake(s, coldkey)) maybeRemoveColdkeyIndex(ctx, coldkey);
  }
  recordTaoFlow(ctx, netuid, -(taoReceived + authorTao));
  st.LastColdkeyHotkeyStakeBlock.set(s, coldkey, hotkey, BigInt(ctx.blockNumber));
  ctx.deposit("SubtensorModule", "StakeRemoved", [
    coldkey,
    hotkey,
    taoReceived,
    swap.amountPaidIn,
    netuid,
    swap.feePaid,
  ]);
  return ok(taoReceived);
}

/**
 * `clear_small_nomination_if_required`: a nominator (not the hotkey's owner) left with less than
 * `NominatorMinRequiredStake` worth of alpha is unstaked; if that fails the dust is simply dropped.
 */
export function clearSmallNominationIfRequired(
  ctx: CallContext,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
): void {
  const s = ctx.state;
  if (coldkeyOwnsHotkey(s, coldkey, hotkey)) return;
  const alpha = stakeOf(s, hotkey, coldkey, netuid);
  const minAlpha = minNominationAlpha(s, netuid);
  if (!(alpha > 0n && alpha < minAlpha)) return;
  // The chain runs the unstake non-transactionally and ignores its error; a layer keeps a failure harmless.
  const layer = new Overlay(s);
  const events: Array<[string, string, unknown]> = [];
  const sub: CallContext = { ...ctx, state: layer, deposit: (p, e, v) => events.push([p, e, v]) };
  const r = unstakeFromSubnetOp(sub, hotkey, coldkey, coldkey, netuid, alpha, MIN_PRICE_RAO, false);
  if (r.ok) {
    layer.commit();
    for (const [p, e, v] of events) ctx.deposit(p, e, v);
  } else {
    layer.discard();
    decreaseStake(ctx, hotkey, coldkey, netuid, stakeOf(s, hotkey, coldkey, netuid));
  }
}

/** `NominatorMinRequiredStake` is per-million of `DefaultMinStake`, converted to alpha at the spot price. */
function minNominationAlpha(s: StateReader, netuid: number): bigint {
  const minTao = (DEFAULT_MIN_STAKE * st.NominatorMinRequiredStake.get(s)) / 1_000_000n;
  const min = U64F64.fromInt(minTao > U64_MAX ? U64_MAX : minTao);
  return U64F64.toU64(U64F64.safeDiv(min, alphaPrice(s, netuid)));
}

/**
 * `transfer_stake_within_subnet`: move alpha between positions on one subnet without a swap or a fee; its TAO
 * value at the spot price must reach `DefaultMinStake`. Emits `StakeRemoved` then `StakeAdded` (fee 0).
 */
export function transferStakeWithinSubnet(
  ctx: CallContext,
  originColdkey: Uint8Array,
  originHotkey: Uint8Array,
  destinationColdkey: Uint8Array,
  destinationHotkey: Uint8Array,
  netuid: number,
  alpha: bigint,
  minStake: bigint,
): Res<bigint> {
  decreaseStake(ctx, originHotkey, originColdkey, netuid, alpha);
  if (netuid === ROOT) removeStakeAdjustRootClaimed(ctx, originHotkey, originColdkey, alpha);
  increaseStake(ctx, destinationHotkey, destinationColdkey, netuid, alpha);
  if (netuid === ROOT) addStakeAdjustRootClaimed(ctx, destinationHotkey, destinationColdkey, alpha);
  const taoEquivalent = U64F64.toU64(
    U64F64.saturatingMul(alphaPrice(ctx.state, netuid), U64F64.fromInt(alpha)),
  );
  if (taoEquivalent < minStake) return err(E.AmountTooLow);
  st.LastColdkeyHotkeyStakeBlock.set(
    ctx.state,
    destinationColdkey,
    destinationHotkey,
    BigInt(ctx.blockNumber),
  );
  ctx.deposit("SubtensorModule", "StakeRemoved", [
    originColdkey,
    originHotkey,
    taoEquivalent,
    alpha,
    netuid,
    0n,
  ]);
  ctx.deposit("SubtensorModule", "StakeAdded", [
    destinationColdkey,
    destinationHotkey,
    taoEquivalent,
    alpha,
    netuid,
    0n,
  ]);
  return ok(taoEquivalent);
}
