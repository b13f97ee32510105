// The epoch half of `run_coinbase` (§5): the stateful epoch scheduler that drains the pending counters, then
// per subnet Yuma on the drained alpha and its distribution to owner, miners, validators, parents and root.
// PERF: per due subnet one epoch (readEpochInputs/persistEpochOutputs) plus O(n · parents) stake reads/writes.

import { bytesEqual, I96F32, U96F32 } from "@opentao/primitives";
import {
  applyDelegateTake,
  calculateDividendDistribution,
  type HotkeyStake,
  u64RatioU96F32,
} from "../../../coinbase/epochSplit.ts";
import { type ParentStake, parentChildDividends } from "../../../coinbase/parentChild.ts";
import type { CallContext } from "../../../frame/dispatch.ts";
import type { State, StateReader } from "../../../frame/state.ts";
import { mechanismStorageIndex, runEpoch } from "../epoch/storage.ts";
import { storage as st } from "../storage.ts";
import { MAX_TEMPO, shouldRunEpoch } from "../weights/epochClock.ts";

export { MAX_TEMPO, shouldRunEpoch };

import {
  burnSubnetAlpha,
  increaseStakeForHotkeyAndColdkeyOnSubnet,
  increaseStakeForHotkeyOnSubnet,
  recycleSubnetAlpha,
  stakeForHotkeyOnSubnet,
} from "./stake.ts";

const ROOT = 0;

const hex = (a: Uint8Array) => Buffer.from(a).toString("hex");

/** The four drained counters of one subnet (§5.2). */
export interface PendingEmission {
  readonly server: bigint;
  readonly validator: bigint;
  readonly root: bigint;
  readonly ownerCut: bigint;
}

/** `is_epoch_input_state_consistent`: no hotkey holds two uids in `Keys`. */
export function isEpochInputStateConsistent(s: StateReader, netuid: number): boolean {
  const seen = new Set<string>();
  for (const [, hotkey] of st.Keys.entries(s, netuid)) {
    const k = hex(hotkey);
    if (seen.has(k)) return false;
    seen.add(k);
  }
  return true;
}

/**
 * `drain_pending`: for every non-root subnet bump `BlocksSinceLastStep`; for each due one (at most
 * `MaxEpochsPerBlock`, the rest deferred a block through `PendingEpochAt`) drain the counters, then advance
 * the schedule (`LastEpochBlock`, `PendingEpochAt`, `SubnetEpochIndex`) whether or not it could run.
 * Emits `EpochDeferred` / `EpochSkipped` (spec-425 events).
 */
export function drainPending(
  ctx: CallContext,
  subnets: readonly number[],
  block: bigint,
): Map<number, PendingEmission> {
  const s = ctx.state;
  const out = new Map<number, PendingEmission>();
  const cap = st.MaxEpochsPerBlock.get(s);
  let ran = 0;
  for (const netuid of subnets) {
    st.BlocksSinceLastStep.mutate(s, netuid, (v) => v + 1n);
    if (!shouldRunEpoch(s, netuid, block)) continue;
    if (ran >= cap) {
      st.PendingEpochAt.set(s, netuid, block + 1n);
      ctx.deposit("SubtensorModule", "EpochDeferred", { netuid, from_block: block, to_block: block + 1n });
      continue;
    }
    if (isEpochInputStateConsistent(s, netuid)) {
      st.BlocksSinceLastStep.set(s, netuid, 0n);
      out.set(netuid, {
        server: st.PendingServerEmission.get(s, netuid),
        validator: st.PendingValidatorEmission.get(s, netuid),
        root: st.PendingRootAlphaDivs.get(s, netuid),
        ownerCut: st.PendingOwnerCut.get(s, netuid),
      });
      st.PendingServerEmission.set(s, netuid, 0n);
      st.PendingValidatorEmission.set(s, netuid, 0n);
      st.PendingRootAlphaDivs.set(s, netuid, 0n);
      st.PendingOwnerCut.set(s, netuid, 0n);
      ran += 1;
    } else {
      ctx.deposit("SubtensorModule", "EpochSkipped", { netuid, block });
    }
    st.LastEpochBlock.set(s, netuid, block);
    st.PendingEpochAt.set(s, netuid, 0n);
    st.SubnetEpochIndex.mutate(s, netuid, (v) => v + 1n);
  }
  return out;
}

/** `get_owner_hotkeys`: the owner coldkey's hotkeys registered on the subnet, plus `SubnetOwnerHotkey`. */
export function ownerHotkeys(s: StateReader, netuid: number, coldkey: Uint8Array): Set<string> {
  const set = new Set<string>();
  for (const hk of st.OwnedHotkeys.get(s, coldkey))
    if (st.Uids.tryGet(s, netuid, hk) !== undefined) set.add(hex(hk));
  const ownerHk = st.SubnetOwnerHotkey.tryGet(s, netuid);
  if (ownerHk !== undefined && st.Uids.tryGet(s, netuid, ownerHk) !== undefined) set.add(hex(ownerHk));
  return set;
}

/** Keyed by hotkey hex (so iteration can follow the chain's BTreeMap byte order), value and key bytes. */
type ByHotkey<V> = Map<string, { key: Uint8Array; value: V }>;
const sortedByKey = <V>(m: ByHotkey<V>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * `increase_root_claimable_for_hotkey_and_subnet` (§10.3): RootClaimable[h][netuid] += amount / root stake
 * (I96F32); an amount above the root stake is staked to the hotkey's owner instead.
 */
export function increaseRootClaimable(s: State, hotkey: Uint8Array, netuid: number, amount: bigint): void {
  const total = stakeForHotkeyOnSubnet(s, hotkey, ROOT);
  if (amount > total) {
    increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, st.Owner.get(s, hotkey), netuid, amount);
    return;
  }
  const increment = I96F32.checkedDiv(I96F32.fromInt(amount), I96F32.fromInt(total)) ?? 0n;
  const rates = [...st.RootClaimable.get(s, hotkey)];
  const i = rates.findIndex(([n]) => n === netuid);
  if (i >= 0) rates[i] = [netuid, { bits: I96F32.saturatingAdd(rates[i]![1].bits, increment) }];
  else {
    rates.push([netuid, { bits: increment }]);
    rates.sort(([a], [b]) => a - b);
  }
  st.RootClaimable.set(s, hotkey, rates);
}

/**
 * The chain clears last epoch's `AlphaDividendsPerSubnet` / `RootAlphaDividendsPerSubnet` of the subnet just
 * before paying this epoch's (only that distribution writes them). Done for every due subnet before any is
 * distributed, so the prefix scans run while the block has added few new keys.
 */
export function clearDividendRecords(s: State, netuids: Iterable<number>): void {
  for (const netuid of netuids) {
    st.AlphaDividendsPerSubnet.clear(s, netuid);
    st.RootAlphaDividendsPerSubnet.clear(s, netuid);
  }
}

/** What one subnet's distribution paid, for tests. */
export interface DistributionReport {
  readonly incentiveSum: bigint;
  readonly validatorAlpha: bigint;
  readonly incentives: ReadonlyMap<string, bigint>;
  readonly alphaDividends: ReadonlyMap<string, bigint>;
  readonly rootAlphaDividends: ReadonlyMap<string, bigint>;
}

/**
 * `distribute_emission` for one subnet: Yuma on S + V + R, then parent/child redistribution, the local/root
 * split, owner cut, miner incentives (owner hotkeys' withheld → `MinerBurned`), validator takes and root
 * claimable. Call `clearDividendRecords` for the subnet first.
 */
export function distributeEmission(
  ctx: CallContext,
  netuid: number,
  pending: PendingEmission,
  block: bigint,
): DistributionReport {
  const s = ctx.state;
  const taoWeightRaw = st.TaoWeight.get(s);
  const tau = u64RatioU96F32(taoWeightRaw);
  const total = pending.server + pending.validator + pending.root;
  const out = runEpoch(s, netuid, total, {
    currentBlock: block,
    currentEpoch: st.SubnetEpochIndex.get(s, netuid),
  });
  out.mechanisms.forEach((mech, m) => {
    ctx.deposit("SubtensorModule", "IncentiveAlphaEmittedToMiners", {
      netuid: mechanismStorageIndex(netuid, m),
      emissions: mech.serverEmission,
    });
  });
  const n = out.aggregate.serverEmission.length;
  const hotkeys = Array.from({ length: n }, (_, uid) => st.Keys.get(s, netuid, uid));
  const incentiveSum = out.aggregate.serverEmission.reduce((a, b) => a + b, 0n);
  const validatorAlpha = incentiveSum !== 0n ? pending.validator : pending.validator + pending.server;

  // calculate_dividends_and_incentives: incentives summed per hotkey, dividends through parent/child links.
  const ckBurn = st.CKBurn.get(s);
  const incentives: ByHotkey<bigint> = new Map();
  const dividends: ByHotkey<bigint> = new Map();
  const addDividend = (key: Uint8Array, amount: bigint) => {
    const k = hex(key);
    const prev = dividends.get(k);
    const v = U96F32.fromInt(amount);
    dividends.set(k, { key, value: prev ? U96F32.saturatingAdd(prev.value, v) : v });
  };
  for (let uid = 0; uid < n; uid++) {
    const hotkey = hotkeys[uid]!;
    const k = hex(hotkey);
    const inc = out.aggregate.serverEmission[uid]!;
    const prev = incentives.get(k);
    incentives.set(k, { key: hotkey, value: (prev?.value ?? 0n) + inc });
    const childOwner = st.Owner.get(s, hotkey);
    const parents: ParentStake<Uint8Array>[] = st.ParentKeys.get(s, hotkey, netuid).map(
      ([proportion, parent]) => ({
        key: parent,
        proportion,
        alpha: stakeForHotkeyOnSubnet(s, parent, netuid),
        root: stakeForHotkeyOnSubnet(s, parent, ROOT),
        sameColdkeyAsChild: bytesEqual(st.Owner.get(s, parent), childOwner),
      }),
    );
    const split = parentChildDividends(
      out.aggregate.validatorEmission[uid]!,
      {
        alpha: stakeForHotkeyOnSubnet(s, hotkey, netuid),
        root: stakeForHotkeyOnSubnet(s, hotkey, ROOT),
        childrenProportions: st.ChildKeys.get(s, hotkey, netuid).map(([p]) => p),
      },
      parents,
      st.ChildkeyTake.get(s, hotkey, netuid),
      ckBurn,
      taoWeightRaw,
    );
    recycleSubnetAlpha(s, netuid, split.burned);
    for (const p of split.toParents) addDividend(p.key, p.amount);
    addDividend(hotkey, split.toChild);
  }

  // calculate_dividend_distribution over own stakes (alpha here, TAO on root), in hotkey byte order.
  const sortedDividends = sortedByKey(dividends);
  const stakes = new Map<string, HotkeyStake>();
  const divMap = new Map<string, bigint>();
  for (const [k, { key, value }] of sortedDividends) {
    stakes.set(k, {
      alpha: stakeForHotkeyOnSubnet(s, key, netuid),
      root: stakeForHotkeyOnSubnet(s, key, ROOT),
    });
    divMap.set(k, value);
  }
  const dist = calculateDividendDistribution(validatorAlpha, pending.root, tau, stakes, divMap);
  const keyOf = (k: string) => dividends.get(k)!.key;

  // distribute_dividends_and_incentives: owner cut first.
  const ownerColdkey = st.SubnetOwner.tryGet(s, netuid);
  const ownerHotkey = st.SubnetOwnerHotkey.tryGet(s, netuid);
  if (ownerColdkey !== undefined && ownerHotkey !== undefined)
    increaseStakeForHotkeyAndColdkeyOnSubnet(s, ownerHotkey, ownerColdkey, netuid, pending.ownerCut);

  const owned = ownerHotkeys(s, netuid, st.SubnetOwner.get(s, netuid));
  let totalIncentive = 0n;
  let withheld = 0n;
  const paidIncentives = new Map<string, bigint>();
  for (const [k, { key: hotkey, value: incentive }] of sortedByKey(incentives)) {
    totalIncentive += incentive;
    if (owned.has(k)) {
      withheld += incentive;
      if (st.RecycleOrBurn.tryGet(s, netuid)?.type === "Recycle") recycleSubnetAlpha(s, netuid, incentive);
      else burnSubnetAlpha(s, netuid, incentive);
      continue;
    }
    const owner = st.Owner.get(s, hotkey);
    const dest = st.AutoStakeDestination.tryGet(s, owner, netuid);
    if (dest !== undefined)
      ctx.deposit("SubtensorModule", "AutoStakeAdded", {
        netuid,
        destination: dest,
        hotkey,
        owner,
        incentive,
      });
    increaseStakeForHotkeyAndColdkeyOnSubnet(s, dest ?? hotkey, owner, netuid, incentive);
    paidIncentives.set(k, incentive);
  }
  st.MinerBurned.set(s, netuid, {
    bits: U96F32.checkedDiv(U96F32.fromInt(withheld), U96F32.fromInt(totalIncentive)) ?? 0n,
  });

  const paidAlpha = new Map<string, bigint>();
  for (const [k, divs] of dist.alphaDividends) {
    const hotkey = keyOf(k);
    const take = applyDelegateTake(divs, st.Delegates.get(s, hotkey));
    increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, st.Owner.get(s, hotkey), netuid, take.takeToOwner);
    increaseStakeForHotkeyOnSubnet(s, hotkey, netuid, take.toAllNominators);
    st.AlphaDividendsPerSubnet.mutate(s, netuid, hotkey, (v) => v + take.toAllNominators);
    st.TotalHotkeyAlphaLastEpoch.set(s, hotkey, netuid, st.TotalHotkeyAlpha.get(s, hotkey, netuid));
    paidAlpha.set(k, take.takeToOwner + take.toAllNominators);
  }

  const paidRoot = new Map<string, bigint>();
  for (const [k, rootAlpha] of dist.rootAlphaDividends) {
    const hotkey = keyOf(k);
    const take = applyDelegateTake(rootAlpha, st.Delegates.get(s, hotkey));
    increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, st.Owner.get(s, hotkey), netuid, take.takeToOwner);
    increaseRootClaimable(s, hotkey, netuid, take.toAllNominators);
    st.RootAlphaDividendsPerSubnet.mutate(s, netuid, hotkey, (v) => v + take.toAllNominators);
    paidRoot.set(k, take.takeToOwner + take.toAllNominators);
  }
  return {
    incentiveSum,
    validatorAlpha,
    incentives: paidIncentives,
    alphaDividends: paidAlpha,
    rootAlphaDividends: paidRoot,
  };
}
