// Claimable root dividends (§10.3–10.4): what a root staker is owed per subnet, the claim (swap to root stake
// or keep as alpha), the staking-coldkey index and the per-block automatic claims chosen by the parent hash.
// PERF: a claim reads RootClaimable once per staking hotkey and does at most one swap per claimed subnet.

import { I96F32 } from "@opentao/primitives";
import {
  type CallContext,
  type DispatchErrorValue,
  type DispatchResult,
  moduleErrors,
} from "../../../frame/dispatch.ts";
import { Overlay, type State, type StateReader } from "../../../frame/state.ts";
import { swapAlphaForTao } from "../../../staking/stakeUtils.ts";
import { MIN_PRICE_RAO } from "../../../swap/swap.ts";
import { transfer } from "../../balances/transfer.ts";
import { swapPallet } from "../../swap/pallet.ts";
import { recordProtocolFlow } from "../coinbase/emission.ts";
import {
  increaseStakeForHotkeyAndColdkeyOnSubnet,
  stakeForHotkeyAndColdkeyOnSubnet,
} from "../coinbase/stake.ts";
import { subnetAccountId } from "../coinbase/tao.ts";
import { subtensorPallet } from "../pallet.ts";
import { readSubnetPool, writeSubnetPoolAfterSwap } from "../pools.ts";
import { storage as st } from "../storage.ts";

const ROOT = 0;
const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const E = moduleErrors(subtensorPallet);
const SwapE = moduleErrors(swapPallet);

export type RootClaimTypeValue = ReturnType<typeof st.RootClaimType.get>;

/** A chain error name from the economics as the pallet error it is (Swap's own first, then SubtensorModule's). */
function chainError(name: string): DispatchErrorValue {
  if (swapPallet.errors && name in swapPallet.errors) return SwapE[name]!;
  if (subtensorPallet.errors && name in subtensorPallet.errors) return E[name]!;
  return SwapE.InsufficientLiquidity!;
}

function claimableRate(s: StateReader, hotkey: Uint8Array, netuid: number): bigint {
  return st.RootClaimable.get(s, hotkey).find(([n]) => n === netuid)?.[1].bits ?? 0n;
}

/** `get_root_owed_for_hotkey_coldkey_float`: rate · own root stake − RootClaimed (I96F32, may be negative). */
export function rootOwedFloat(
  s: StateReader,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
): bigint {
  const stake = I96F32.fromInt(stakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, ROOT));
  const claimable = I96F32.saturatingMul(claimableRate(s, hotkey, netuid), stake);
  const claimed = I96F32.saturate(st.RootClaimed.get(s, netuid, hotkey, coldkey) << 32n);
  return I96F32.saturatingSub(claimable, claimed);
}

/** `get_root_owed_for_hotkey_coldkey`: the owed amount floored to u64, negatives as 0. */
export function rootOwed(s: StateReader, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number): bigint {
  const owed = rootOwedFloat(s, hotkey, coldkey, netuid);
  return owed < 0n ? 0n : I96F32.toU64(owed);
}

/** `add_stake_adjust_root_claimed_for_hotkey_and_coldkey`: new root stake does not claim past dividends. */
export function addStakeAdjustRootClaimed(
  s: State,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  amount: bigint,
): void {
  for (const [netuid, rate] of st.RootClaimable.get(s, hotkey)) {
    const add = I96F32.toUint(I96F32.saturatingMul(rate.bits, I96F32.fromInt(amount)), 128);
    const prev = st.RootClaimed.get(s, netuid, hotkey, coldkey);
    st.RootClaimed.set(s, netuid, hotkey, coldkey, prev + add > U128_MAX ? U128_MAX : prev + add);
  }
}

/** `remove_stake_adjust_root_claimed_for_hotkey_and_coldkey`: unstaking from root lowers the watermark (floor 0). */
export function removeStakeAdjustRootClaimed(
  s: State,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  amount: bigint,
): void {
  for (const [netuid, rate] of st.RootClaimable.get(s, hotkey)) {
    if (netuid === ROOT) continue;
    const sub = I96F32.toUint(I96F32.saturatingMul(rate.bits, I96F32.fromInt(amount)), 128);
    const prev = st.RootClaimed.get(s, netuid, hotkey, coldkey);
    st.RootClaimed.set(s, netuid, hotkey, coldkey, prev > sub ? prev - sub : 0n);
  }
}

/**
 * `root_claim_on_subnet`: skip below `RootClaimableThreshold` (unless ignored) or when nothing is owed; Swap
 * sells the alpha fee-less at the minimum price, moves the TAO to the root account and stakes it on root;
 * Keep stakes the alpha on the subnet. Then `RootClaimed += owed`.
 */
export function rootClaimOnSubnet(
  ctx: CallContext,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
  claimType: RootClaimTypeValue,
  ignoreMinimum: boolean,
): DispatchResult {
  const s = ctx.state;
  const owed = rootOwedFloat(s, hotkey, coldkey, netuid);
  if (!ignoreMinimum && owed < st.RootClaimableThreshold.get(s, netuid).bits) return undefined;
  const owedU64 = owed < 0n ? 0n : I96F32.toU64(owed);
  if (owedU64 === 0n) return undefined;
  const swap =
    claimType.type === "Swap"
      ? true
      : claimType.type === "Keep"
        ? false
        : !(claimType.value as { subnets: readonly number[] }).subnets.includes(netuid);
  if (swap) {
    // with_transaction: a failure leaves no trace of this subnet's claim.
    const tx = new Overlay(s);
    const txCtx: CallContext = { ...ctx, state: tx };
    const pool = readSubnetPool(tx, netuid);
    const sold = swapAlphaForTao(pool, owedU64, MIN_PRICE_RAO, true);
    if (!sold.ok) return chainError(sold.error);
    writeSubnetPoolAfterSwap(tx, netuid, sold.value.pool);
    const tao = sold.value.result.amountPaidOut;
    st.TotalStake.mutate(tx, (t) => (t > tao ? t - tao : 0n));
    st.SubnetVolume.mutate(tx, netuid, (v) => v + tao);
    const moved = transfer(txCtx, subnetAccountId(netuid), subnetAccountId(ROOT), tao, "Expendable");
    if (moved) return moved;
    st.SubnetRootSellTao.mutate(tx, netuid, (t) => (t + tao > U64_MAX ? U64_MAX : t + tao));
    recordProtocolFlow(tx, netuid, -tao);
    increaseStakeForHotkeyAndColdkeyOnSubnet(tx, hotkey, coldkey, ROOT, tao);
    st.SubnetTAO.mutate(tx, ROOT, (t) => t + tao);
    st.SubnetAlphaOut.mutate(tx, ROOT, (t) => t + tao);
    st.TotalStake.mutate(tx, (t) => t + tao);
    addStakeAdjustRootClaimed(tx, hotkey, coldkey, tao);
    tx.commit();
  } else {
    increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, owedU64);
  }
  st.RootClaimed.mutate(s, netuid, hotkey, coldkey, (v) => (v + owedU64 > U128_MAX ? U128_MAX : v + owedU64));
  return undefined;
}

/**
 * `do_root_claim`: every staking hotkey of the coldkey, every subnet it has claimable on (restricted to
 * `subnets` if given); any error undoes the whole claim. Emits `RootClaimed`.
 */
export function doRootClaim(
  ctx: CallContext,
  coldkey: Uint8Array,
  subnets?: readonly number[],
): DispatchResult {
  const tx = new Overlay(ctx.state);
  const txCtx: CallContext = { ...ctx, state: tx };
  const claimType = st.RootClaimType.get(tx, coldkey);
  for (const hotkey of st.StakingHotkeys.get(tx, coldkey)) {
    for (const [netuid] of st.RootClaimable.get(tx, hotkey)) {
      if (subnets && !subnets.includes(netuid)) continue;
      const err = rootClaimOnSubnet(txCtx, hotkey, coldkey, netuid, claimType, false);
      if (err) return err;
    }
  }
  tx.commit();
  ctx.deposit("SubtensorModule", "RootClaimed", { coldkey });
  return undefined;
}

/** `maybe_add_coldkey_index`: index the coldkey for automatic claims. */
export function maybeAddColdkeyIndex(s: State, coldkey: Uint8Array): void {
  if (st.StakingColdkeys.has(s, coldkey)) return;
  const n = st.NumStakingColdkeys.get(s);
  st.StakingColdkeysByIndex.set(s, n, coldkey);
  st.StakingColdkeys.set(s, coldkey, n);
  st.NumStakingColdkeys.set(s, n + 1n);
}

const be64 = (b: Uint8Array, at: number) => {
  let v = 0n;
  for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(b[at + i] ?? 0);
  return v;
};

/** `block_hash_to_indices`: k pseudo-random indices below n from the parent hash, sorted, deduplicated. */
export function blockHashToIndices(hash: Uint8Array, k: bigint, n: bigint): bigint[] {
  const out = new Set<bigint>();
  let last = be64(hash, 0);
  for (let i = 0n; i < k; i++) {
    const step = be64(hash, Number((i * 8n) % 32n));
    const sum = last + step > U64_MAX ? U64_MAX : last + step;
    const idx = n === 0n ? 0n : sum % n;
    out.add(idx);
    last = idx;
  }
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `run_auto_claim_root_divs`: claim for `NumRootClaim` coldkeys picked by the parent block hash. */
export function runAutoClaimRootDivs(ctx: CallContext, parentHash: Uint8Array): void {
  const s = ctx.state;
  const n = st.NumStakingColdkeys.get(s);
  for (const i of blockHashToIndices(parentHash, st.NumRootClaim.get(s), n)) {
    const coldkey = st.StakingColdkeysByIndex.tryGet(s, i);
    // A failed claim is logged on chain and leaves no writes.
    if (coldkey !== undefined) doRootClaim(ctx, coldkey);
  }
}
