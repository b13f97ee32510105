// register_network [59] / register_network_with_identity [79] (§9.1): lock the lock cost into a new subnet's
// pool (opening at the median price of the other subnets), register the owner hotkey as uid 0, write every
// hyperparameter a new subnet starts with; a full chain first dissolves its weakest non-immune subnet (§9.5).
// PERF: scans NetworksAdded (≤ 129) for the count, the median price and the prune candidate.

import { U64F64 } from "@opentao/primitives";
import { blockEmissionForIssuance, DEFAULT_BLOCK_EMISSION } from "../../../coinbase/blockEmission.ts";
import { movingPriceU64F64 } from "../../../coinbase/subnetEmissions.ts";
import { BadOrigin, type CallContext, type DispatchResult, moduleErrors } from "../../../frame/dispatch.ts";
import type { StateReader } from "../../../frame/state.ts";
import { lockReductionInterval, networkLockCost } from "../../../subnets/lockCost.ts";
import { balancerPrice } from "../../../swap/balancer.ts";
import { storage as swapStorage } from "../../swap/pallet.ts";
import { storage as st, subtensorPallet } from "../pallet.ts";
import { appendNeuron } from "../registration/neurons.ts";
import {
  canRemoveBalance,
  coldkeyOwnsHotkey,
  createAccountIfNonExistent,
  hotkeyAccountExists,
  isSubnetAccountId,
  recycleTao,
  transferTaoToSubnet,
} from "./accounts.ts";
import { DEFAULT_NEW_SUBNET_TEMPO, type SubnetConfig } from "./config.ts";
import { doDissolveNetwork } from "./dissolveNetwork.ts";
import { isValidSubnetIdentity, type SubnetIdentity } from "./identity.ts";
import { setRootValidatorsForSubnet } from "./rootValidators.ts";
import { nextAvailableSymbol } from "./symbols.ts";

const E = moduleErrors(subtensorPallet);
const U64_MAX = (1n << 64n) - 1n;
/** `DefaultNeuronBurnCost`: a new subnet's first registration price, 1 TAO. */
export const NEW_SUBNET_BURN = 1_000_000_000n;
const LAST_REGISTERED = { type: "NetworkLastRegistered" as const, value: undefined };

export function networkLastLockBlock(s: StateReader): bigint {
  return st.LastRateLimitedBlock.get(s, LAST_REGISTERED);
}

/** `get_network_lock_cost` from storage (§9.2); the reduction interval shrinks with each TAO halving. */
export function currentLockCost(s: StateReader, now: bigint): bigint {
  const emission = blockEmissionForIssuance(st.TotalIssuance.get(s)).emission;
  return networkLockCost({
    lastLock: st.NetworkLastLockCost.get(s),
    minLock: st.NetworkMinLockCost.get(s),
    lastLockBlock: networkLastLockBlock(s),
    currentBlock: now,
    reductionInterval: lockReductionInterval(
      st.NetworkLockReductionInterval.get(s),
      emission ?? DEFAULT_BLOCK_EMISSION,
    ),
  });
}

/**
 * `current_alpha_price`: the balancer spot price of a dynamic pool (0 with no alpha), 1 for a stable one.
 * It reads the stored weight whether or not a swap has initialised the pool (a re-weighting may have
 * written it first, §6.7), unlike a swap.
 */
export function currentAlphaPrice(s: StateReader, netuid: number): bigint {
  if (st.SubnetMechanism.get(s, netuid) !== 1) return U64F64.one;
  const alpha = st.SubnetAlphaIn.get(s, netuid);
  if (alpha === 0n) return 0n;
  return balancerPrice(swapStorage.SwapBalancer.get(s, netuid).quote, alpha, st.SubnetTAO.get(s, netuid));
}

/**
 * `get_median_subnet_alpha_price`: the median of the positive spot prices of added subnets other than root
 * (mean of the two middle ones for an even count, U64F64); 1 when there are none.
 */
export function medianSubnetAlphaPrice(s: StateReader): bigint {
  const prices: bigint[] = [];
  for (const [[netuid], added] of st.NetworksAdded.entries(s)) {
    if (!added || netuid === 0) continue;
    const p = currentAlphaPrice(s, netuid);
    if (p > 0n) prices.push(p);
  }
  if (prices.length === 0) return U64F64.one;
  prices.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lo = prices[(prices.length - 1) >> 1];
  const hi = prices[prices.length >> 1];
  if ((prices.length & 1) === 1) return hi;
  return U64F64.safeDiv(U64F64.saturatingAdd(lo, hi), U64F64.fromInt(2));
}

/**
 * `get_network_to_prune` (§9.5): among added subnets past `NetworkImmunityPeriod`, the lowest EMA price,
 * ties to the earliest registration (then the first in storage order).
 */
export function networkToPrune(s: StateReader, now: bigint): number | undefined {
  let best: { netuid: number; price: bigint; at: bigint } | undefined;
  const immunity = st.NetworkImmunityPeriod.get(s);
  for (const [[netuid], added] of st.NetworksAdded.entries(s)) {
    if (!added || netuid === 0) continue;
    const at = st.NetworkRegisteredAt.get(s, netuid);
    if (now < at + immunity) continue;
    const price = movingPriceU64F64(st.SubnetMovingPrice.get(s, netuid).bits);
    if (!best || price < best.price || (price === best.price && at < best.at)) best = { netuid, price, at };
  }
  return best?.netuid;
}

/** `get_next_netuid`: the lowest netuid ≥ 1 with no NetworksAdded entry. */
export function nextNetuid(s: StateReader): number {
  const used = new Set([...st.NetworksAdded.entries(s)].map(([[n]]) => n));
  let n = 1;
  while (used.has(n)) n++;
  return n;
}

/** `init_new_network`: a new subnet's explicit parameters (events as the setters emit them). */
export function initNewNetwork(ctx: CallContext, netuid: number, tempo: number): void {
  const s = ctx.state;
  const ev = (name: string, value: unknown) => ctx.deposit("SubtensorModule", name, [netuid, value]);
  st.SubnetworkN.set(s, netuid, 0);
  st.NetworksAdded.set(s, netuid, true);
  st.Tempo.set(s, netuid, tempo);
  const now = BigInt(ctx.blockNumber);
  const stagger = BigInt(netuid % Math.max(tempo, 1));
  st.LastEpochBlock.set(s, netuid, now > stagger ? now - stagger : 0n);
  st.TotalNetworks.mutate(s, (n) => Math.min(n + 1, 0xffff));
  st.NetworkRegistrationAllowed.set(s, netuid, true);
  ev("RegistrationAllowed", true);
  st.MaxAllowedUids.set(s, netuid, 256);
  ev("MaxAllowedUidsSet", 256);
  st.MaxAllowedValidators.set(s, netuid, 64);
  ev("MaxAllowedValidatorsSet", 64);
  st.MinAllowedWeights.set(s, netuid, 1);
  ev("MinAllowedWeightSet", 1);
  st.ImmunityPeriod.set(s, netuid, 5000);
  ev("ImmunityPeriodSet", 5000);
  st.Yuma3On.set(s, netuid, true);
  st.Burn.set(s, netuid, NEW_SUBNET_BURN);
  // A reused netuid must not inherit a previous owner's disabled emission.
  st.SubnetEmissionEnabled.set(s, netuid, true);
  // Parameters made explicit: their current (default) values written under the key.
  if (!st.Kappa.has(s, netuid)) st.Kappa.set(s, netuid, st.Kappa.get(s, netuid));
  if (!st.ActivityCutoff.has(s, netuid)) st.ActivityCutoff.set(s, netuid, st.ActivityCutoff.get(s, netuid));
  if (!st.RegistrationsThisInterval.has(s, netuid))
    st.RegistrationsThisInterval.set(s, netuid, st.RegistrationsThisInterval.get(s, netuid));
}

interface RegisterNetworkArgs {
  hotkey: Uint8Array;
  identity?: SubnetIdentity;
}

/** `do_register_network` with mechanism 1 (the only one a user can register). */
export function doRegisterNetwork(
  ctx: CallContext,
  args: RegisterNetworkArgs,
  config: SubnetConfig,
  mechid = 1,
): DispatchResult {
  if (ctx.origin.kind !== "signed") return BadOrigin;
  const coldkey = ctx.origin.who;
  const { hotkey, identity } = args;
  const s = ctx.state;
  const now = BigInt(ctx.blockNumber);

  if (hotkeyAccountExists(s, hotkey) && !coldkeyOwnsHotkey(s, coldkey, hotkey)) return E.NonAssociatedColdKey;
  if (isSubnetAccountId(hotkey)) return E.CannotUseSystemAccount;
  if (mechid !== 1) return E.MechanismDoesNotExist;
  if (now < st.NetworkRegistrationStartBlock.get(s)) return E.SubNetRegistrationDisabled;
  const last = networkLastLockBlock(s);
  if (last !== 0n && (now > last ? now - last : 0n) < st.NetworkRateLimit.get(s))
    return E.NetworkTxRateLimitExceeded;

  const count = [...st.NetworksAdded.entries(s)].filter(([[n], added]) => added && n !== 0).length;
  let pruned: number | undefined;
  if (count >= st.SubnetLimit.get(s)) {
    pruned = networkToPrune(s, now);
    if (pruned === undefined) return E.SubnetLimitReached;
  }
  const lock = currentLockCost(s, now);
  if (!canRemoveBalance(s, coldkey, lock)) return E.CannotAffordLockCost;
  if (pruned !== undefined) {
    const err = doDissolveNetwork(ctx, pruned);
    if (err) return err;
  }
  const netuid = pruned ?? nextNetuid(s);
  const median = medianSubnetAlphaPrice(s);
  initNewNetwork(ctx, netuid, config.newSubnetTempo ?? DEFAULT_NEW_SUBNET_TEMPO);

  const locked = transferTaoToSubnet(ctx, netuid, coldkey, lock);
  if (locked === undefined) return E.InsufficientBalance;
  st.NetworkLastLockCost.set(s, locked);
  st.LastRateLimitedBlock.set(s, LAST_REGISTERED, now);

  createAccountIfNonExistent(s, coldkey, hotkey);
  appendNeuron(s, netuid, hotkey, now);
  st.SubnetMechanism.set(s, netuid, mechid);
  st.NetworkRegisteredAt.set(s, netuid, now);
  st.RegisteredSubnetCounter.mutate(s, netuid, (c) => (c < U64_MAX ? c + 1n : c));
  st.TokenSymbol.set(s, netuid, nextAvailableSymbol(s, netuid));

  // The whole lock stays in the pool (at least the minimum lock), priced at the median.
  const minLock = st.NetworkMinLockCost.get(s);
  const poolTao = locked >= minLock ? locked : minLock;
  const poolAlpha = U64F64.toU64(U64F64.safeDiv(U64F64.fromInt(poolTao), median));
  const recycled = locked > poolTao ? locked - poolTao : 0n;
  st.SubnetTAO.set(s, netuid, poolTao);
  st.SubnetAlphaIn.set(s, netuid, poolAlpha);
  st.SubnetOwner.set(s, netuid, coldkey);
  st.SubnetOwnerHotkey.set(s, netuid, hotkey);
  ctx.deposit("SubtensorModule", "SubnetOwnerHotkeySet", [netuid, hotkey]);
  st.SubnetLocked.set(s, netuid, locked);
  st.SubnetAlphaOut.set(s, netuid, 0n);
  st.SubnetVolume.set(s, netuid, 0n);
  st.RAORecycledForRegistration.set(s, netuid, recycled);
  recycleTao(s, netuid, recycled);
  if (poolTao > 0n) st.TotalStake.mutate(s, (t) => (t + poolTao > U64_MAX ? U64_MAX : t + poolTao));

  if (identity) {
    if (!isValidSubnetIdentity(identity)) return E.InvalidIdentity;
    st.SubnetIdentitiesV3.set(s, netuid, identity);
    ctx.deposit("SubtensorModule", "SubnetIdentitySet", netuid);
  }
  setRootValidatorsForSubnet(ctx, netuid);
  ctx.deposit("SubtensorModule", "NetworkAdded", [netuid, mechid]);
  st.SubnetEmissionEnabled.set(s, netuid, config.newSubnetEmissionEnabled ?? false);
  if (config.newSubnetCommitRevealEnabled !== undefined)
    st.CommitRevealWeightsEnabled.set(s, netuid, config.newSubnetCommitRevealEnabled);
  return undefined;
}
