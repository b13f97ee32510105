// dissolve_network [61] and root_dissolve_network [120] (root only), and the pruning of the weakest subnet
// (§9.4): the pool's TAO goes back to its stakers pro rata to their alpha value (largest remainder), the
// rest is recycled, and every storage item of the netuid is deleted.
// PERF: scans TotalHotkeyAlpha and the (hotkey, netuid) maps once; O(stakers + keys of the netuid).

import { safeFloatToU64, U64F64, U96F32 } from "@opentao/primitives";
import { BadOrigin, type CallContext, type DispatchResult, moduleErrors } from "../../../frame/dispatch.ts";
import type { State } from "../../../frame/state.ts";
import type { StorageItem } from "../../../frame/storage.ts";
import { shareValue } from "../../../staking/sharePool.ts";
import { EXISTENTIAL_DEPOSIT } from "../../balances/pallet.ts";
import { storage as swapStorage } from "../../swap/pallet.ts";
import { mechanismStorageIndex } from "../epoch/storage.ts";
import { storage as st, subtensorPallet } from "../pallet.ts";
import { readHotkeyPool } from "../pools.ts";
import { subnetAccountBalance } from "../subnetAccount.ts";
import { recycleTao, transferTaoFromSubnet } from "./accounts.ts";
import { currentAlphaPrice } from "./registerNetwork.ts";

const E = moduleErrors(subtensorPallet);

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of storage items keyed by netuid alone
type NetuidItem = StorageItem<[number], any>;
const item = (name: string): NetuidItem | undefined => (st as unknown as Record<string, NetuidItem>)[name];

/** Items keyed by the netuid alone that `remove_network` deletes (those this runtime declares). */
const PER_NETUID = [
  "SubnetOwner",
  "SubnetworkN",
  "NetworksAdded",
  "NetworkRegisteredAt",
  "Active",
  "Emission",
  "Consensus",
  "Dividends",
  "ValidatorPermit",
  "ValidatorTrust",
  "Tempo",
  "Kappa",
  "Difficulty",
  "MaxAllowedUids",
  "ImmunityPeriod",
  "ActivityCutoff",
  "ActivityCutoffFactorMilli",
  "LastEpochBlock",
  "PendingEpochAt",
  "SubnetEpochIndex",
  "MinAllowedWeights",
  "RegistrationsThisInterval",
  "POWRegistrationsThisInterval",
  "BurnRegistrationsThisInterval",
  "SubnetAlphaInEmission",
  "SubnetAlphaOutEmission",
  "SubnetTaoInEmission",
  "SubnetVolume",
  "SubnetMovingPrice",
  "SubnetTaoFlow",
  "SubnetEmaTaoFlow",
  "SubnetProtocolFlow",
  "SubnetEmaProtocolFlow",
  "SubnetExcessTao",
  "SubnetRootSellTao",
  "TokenSymbol",
  "SubnetMechanism",
  "SubnetOwnerHotkey",
  "NetworkRegistrationAllowed",
  "NetworkPowRegistrationAllowed",
  "TransferToggle",
  "SubnetLocked",
  "LargestLocked",
  "FirstEmissionBlockNumber",
  "PendingValidatorEmission",
  "PendingServerEmission",
  "PendingRootAlphaDivs",
  "PendingOwnerCut",
  "MinerBurned",
  "BlocksSinceLastStep",
  "LastMechansimStepBlock",
  "LastAdjustmentBlock",
  "ServingRateLimit",
  "Rho",
  "AlphaSigmoidSteepness",
  "MaxAllowedValidators",
  "BondsMovingAverage",
  "BondsPenalty",
  "BondsResetOn",
  "WeightsSetRateLimit",
  "ValidatorPruneLen",
  "ScalingLawPower",
  "TargetRegistrationsPerInterval",
  "CommitRevealWeightsEnabled",
  "BurnHalfLife",
  "BurnIncreaseMult",
  "Burn",
  "MinBurn",
  "MaxBurn",
  "MinDifficulty",
  "MaxDifficulty",
  "RegistrationsThisBlock",
  "EMAPriceHalvingBlocks",
  "RAORecycledForRegistration",
  "MaxRegistrationsPerBlock",
  "WeightsVersionKey",
  "LiquidAlphaOn",
  "Yuma3On",
  "AlphaValues",
  "SubtokenEnabled",
  "OwnerCutAutoLockEnabled",
  "ImmuneOwnerUidsLimit",
  "StakeWeight",
  "LoadedEmission",
  "RevealPeriodEpochs",
  "MechanismEmissionSplit",
].flatMap((n) => item(n) ?? []);

/** Double maps whose first key is the netuid: cleared by prefix. */
const NETUID_PREFIXED = [
  "BlockAtRegistration",
  "Axons",
  "NeuronCertificates",
  "Prometheus",
  "AlphaDividendsPerSubnet",
  "PendingChildKeys",
  "AssociatedEvmAddress",
  "LastHotkeySwapOnNetuid",
  "Uids",
  "Keys",
].flatMap((n) => item(n) ?? []);

/** Items keyed by a mechanism storage index (netuid + 4096·mechanism). */
const PER_MECHANISM = ["LastUpdate", "Incentive"].flatMap((n) => item(n) ?? []);
const PER_MECHANISM_PREFIXED = [
  "WeightCommits",
  "TimelockedWeightCommits",
  "CRV3WeightCommits",
  "CRV3WeightCommitsV2",
  "Bonds",
  "Weights",
].flatMap((n) => item(n) ?? []);

// biome-ignore lint/suspicious/noExplicitAny: as above, keyed (account, netuid)
type SecondItem = StorageItem<[Uint8Array, number], any>;

/** Double maps keyed (account, netuid): scanned, the netuid's entries removed. */
const NETUID_SECOND = [
  "ChildkeyTake",
  "ChildKeys",
  "ParentKeys",
  "LastHotkeyEmissionOnNetuid",
  "TotalHotkeyAlphaLastEpoch",
].flatMap((n) => (item(n) as unknown as SecondItem | undefined) ?? []);

/**
 * `destroy_alpha_in_out_stakes`: pay the pot (`SubnetTAO`) to every alpha position and the protocol pro rata,
 * largest remainder first for the leftover RAO; refund a legacy owner; recycle what remains.
 */
export function destroyAlphaInOutStakes(ctx: CallContext, netuid: number): void {
  const s = ctx.state;
  const owner = st.SubnetOwner.get(s, netuid);
  const lockCost = st.SubnetLocked.get(s, netuid);
  const regAt = st.NetworkRegisteredAt.get(s, netuid);
  const refundOwner = regAt < st.NetworkRegistrationStartBlock.get(s);

  let ownerEmissionTao = 0n;
  if (refundOwner && lockCost > 0n) {
    const issued = st.SubnetAlphaIn.get(s, netuid) + st.SubnetAlphaOut.get(s, netuid);
    if (issued > 0n) {
      const cut = U96F32.safeDiv(U96F32.fromInt(st.SubnetOwnerCut.get(s)), U96F32.fromInt(0xffff));
      const ownerAlpha = U96F32.toU64(U96F32.saturatingMul(U96F32.fromInt(issued), cut));
      if (ownerAlpha > 0n) {
        const price = U96F32.from(U64F64, currentAlphaPrice(s, netuid));
        ownerEmissionTao = U96F32.toU64(U96F32.saturatingMul(U96F32.fromInt(ownerAlpha), price));
      }
    }
  }

  const protocolAlpha =
    regAt > st.TaoInRefundDeploymentBlock.get(s)
      ? st.SubnetAlphaIn.get(s, netuid) + st.SubnetProtocolAlpha.get(s, netuid)
      : st.SubnetProtocolAlpha.get(s, netuid);
  let totalAlpha = protocolAlpha;
  const hotkeys = [...st.TotalHotkeyAlpha.entries(s)].filter(([[, n]]) => n === netuid).map(([[hk]]) => hk);
  const positions: Array<[Uint8Array, Uint8Array]> = [];
  const stakers: Array<{ cold: Uint8Array; value: bigint }> = [];
  for (const hot of hotkeys) {
    const pool = readHotkeyPool(s, hot, netuid);
    // The chain walks a hotkey's positions in (coldkey, netuid) order (a BTreeMap), not storage order; the
    // order decides who gets a leftover RAO among equal remainders.
    const entries = [...st.AlphaV2.entries(s, hot)]
      .filter(([[, , n]]) => n === netuid)
      .sort(([[, a]], [[, b]]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const [[, cold], share] of entries) {
      positions.push([hot, cold]);
      // A position whose shares value to 0 (empty pool) counts its raw share count instead.
      const worth = shareValue(pool, share);
      const value = worth === 0n ? safeFloatToU64(share) : worth;
      if (value > 0n) {
        totalAlpha += value;
        stakers.push({ cold, value });
      }
    }
  }

  const pot = st.SubnetTAO.get(s, netuid);
  if (pot > 0n) {
    st.SubnetTAO.remove(s, netuid);
    st.TotalStake.mutate(s, (t) => (t > pot ? t - pot : 0n));
  }
  let protocolShare = 0n;
  if (pot > 0n && totalAlpha > 0n) {
    const portions = stakers.map((p) => ({
      cold: p.cold as Uint8Array | undefined,
      share: (pot * p.value) / totalAlpha,
      rem: (pot * p.value) % totalAlpha,
    }));
    if (protocolAlpha > 0n)
      portions.push({
        cold: undefined,
        share: (pot * protocolAlpha) / totalAlpha,
        rem: (pot * protocolAlpha) % totalAlpha,
      });
    const distributed = portions.reduce((a, p) => a + p.share, 0n);
    const leftover = pot - distributed;
    if (leftover > 0n) {
      // Stable sort by remainder, largest first: equal remainders keep their order.
      const order = portions
        .map((_, i) => i)
        .sort((a, b) =>
          portions[b].rem > portions[a].rem ? 1 : portions[b].rem < portions[a].rem ? -1 : a - b,
        );
      const give = Number(leftover < BigInt(order.length) ? leftover : BigInt(order.length));
      for (const i of order.slice(0, give)) portions[i].share += 1n;
    }
    for (const p of portions) {
      if (!p.cold) protocolShare += p.share;
      // The chain's transfer fails (and is ignored) when it would leave the receiver below the ED.
      if (p.cold) transferTaoFromSubnet(ctx, netuid, p.cold, p.share);
    }
  }

  for (const [hot, cold] of positions) {
    st.Alpha.remove(s, hot, cold, netuid);
    st.AlphaV2.remove(s, hot, cold, netuid);
  }
  for (const hot of hotkeys) {
    st.TotalHotkeyAlpha.remove(s, hot, netuid);
    st.TotalHotkeyShares.remove(s, hot, netuid);
    st.TotalHotkeySharesV2.remove(s, hot, netuid);
  }
  st.SubnetAlphaIn.remove(s, netuid);
  st.SubnetAlphaOut.remove(s, netuid);
  st.SubnetProtocolAlpha.remove(s, netuid);
  st.SubnetLocked.set(s, netuid, 0n);

  // The refund and the recycling read the subnet account itself, as HEAD does: whatever a failed payout
  // left there is recycled with the protocol's share.
  const refund = refundOwner && lockCost > ownerEmissionTao ? lockCost - ownerEmissionTao : 0n;
  if (refund > 0n) {
    const held = subnetAccountBalance(s, netuid);
    const transferable = held > protocolShare ? held - protocolShare : 0n;
    const amount = refund < transferable ? refund : transferable;
    transferTaoFromSubnet(ctx, netuid, owner, amount);
  }
  // `recycle_tao` of the keep-alive balance: the account keeps the existential deposit.
  const held = subnetAccountBalance(s, netuid);
  const remaining = held > EXISTENTIAL_DEPOSIT ? held - EXISTENTIAL_DEPOSIT : 0n;
  recycleTao(s, netuid, remaining);
  st.RAORecycledForRegistration.set(s, netuid, remaining);
}

/** `remove_network`: delete every item of the netuid (weights pointing at it from root are zeroed). */
export function removeNetwork(ctx: CallContext, netuid: number): void {
  const s: State = ctx.state;
  const members = [...st.Keys.entries(s, netuid)].map(([, hk]) => hk);
  st.TotalNetworks.mutate(s, (n) => (n > 0 ? n - 1 : 0));
  for (const [[, uid], row] of [...st.Weights.entries(s, 0)])
    st.Weights.set(
      s,
      0,
      uid,
      row.map(([to, w]) => [to, to === netuid ? 0 : w] as [number, number]),
    );
  for (const hk of members) st.IsNetworkMember.remove(s, hk, netuid);
  const mechanisms = st.MechanismCountCurrent.get(s, netuid);
  for (const it of PER_NETUID) it.remove(s, netuid);
  for (const it of NETUID_PREFIXED) it.clear(s, netuid);
  for (let m = 0; m < mechanisms; m++) {
    const idx = mechanismStorageIndex(netuid, m);
    for (const it of PER_MECHANISM) it.remove(s, idx);
    for (const it of PER_MECHANISM_PREFIXED) it.clear(s, idx);
  }
  st.MechanismCountCurrent.remove(s, netuid);
  if (st.SubnetIdentitiesV3.has(s, netuid)) {
    st.SubnetIdentitiesV3.remove(s, netuid);
    ctx.deposit("SubtensorModule", "SubnetIdentityRemoved", netuid);
  }
  for (const it of NETUID_SECOND) {
    for (const [[acct, n]] of [...it.entries(s)]) if (n === netuid) it.remove(s, acct, n);
  }
  for (const [[hot, n, name]] of [...st.TransactionKeyLastBlock.entries(s)])
    if (n === netuid) st.TransactionKeyLastBlock.remove(s, hot, n, name);
  const leaseId = st.SubnetUidToLeaseId.tryGet(s, netuid);
  if (leaseId !== undefined) {
    st.SubnetUidToLeaseId.remove(s, netuid);
    st.SubnetLeases.remove(s, leaseId);
    st.SubnetLeaseShares.clear(s, leaseId);
    st.AccumulatedLeaseDividends.remove(s, leaseId);
  }
}

/**
 * `finalize_all_subnet_root_dividends`: the netuid leaves every hotkey's claimable rates (the map is written
 * back even when it becomes empty, as a ValueQuery mutate does) and its claimed records are cleared.
 */
export function finalizeAllSubnetRootDividends(s: State, netuid: number): void {
  for (const [[hotkey], rates] of [...st.RootClaimable.entries(s)])
    st.RootClaimable.set(
      s,
      hotkey,
      rates.filter(([n]) => n !== netuid),
    );
  st.RootClaimed.clear(s, netuid);
}

/** `do_dissolve_network`: unknown or root netuid → SubnetNotExists. */
export function doDissolveNetwork(ctx: CallContext, netuid: number): DispatchResult {
  if (netuid === 0 || !st.NetworksAdded.get(ctx.state, netuid)) return E.SubnetNotExists;
  finalizeAllSubnetRootDividends(ctx.state, netuid);
  destroyAlphaInOutStakes(ctx, netuid);
  // clear_protocol_liquidity: the reserves are already gone; the pool's weight and fee go too.
  swapStorage.PalSwapInitialized.remove(ctx.state, netuid);
  swapStorage.FeeRate.remove(ctx.state, netuid);
  swapStorage.SwapBalancer.remove(ctx.state, netuid);
  removeNetwork(ctx, netuid);
  ctx.deposit("SubtensorModule", "NetworkRemoved", netuid);
  return undefined;
}

/** dissolve_network(coldkey, netuid) and root_dissolve_network(netuid): root only. */
export function dissolveNetworkCall(ctx: CallContext, args: { netuid: number }): DispatchResult {
  if (ctx.origin.kind !== "root") return BadOrigin;
  return doDissolveNetwork(ctx, args.netuid);
}
