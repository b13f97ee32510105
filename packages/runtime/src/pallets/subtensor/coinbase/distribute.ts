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
import { hexOf, type State, type StateReader } from "../../../frame/state.ts";
import { mechanismStorageIndex, runEpoch, subnetHotkeys } from "../epoch/storage.ts";
import { type PositionKeys, positionKeys } from "../pools.ts";
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
    const k = hexOf(hotkey);
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
    if (st.Uids.tryGet(s, netuid, hk) !== undefined) set.add(hexOf(hk));
  const ownerHk = st.SubnetOwnerHotkey.tryGet(s, netuid);
  if (ownerHk !== undefined && st.Uids.tryGet(s, netuid, ownerHk) !== undefined) set.add(hexOf(ownerHk));
  return set;
}

/**
 * `increase_root_claimable_for_hotkey_and_subnet` (§10.3): RootClaimable[h][netuid] += amount / root stake
 * (I96F32); an amount above the root stake is staked to the hotkey's owner instead. `total` is the hotkey's
 * root stake, for a caller that has it.
 */
export function increaseRootClaimable(
  s: State,
  hotkey: Uint8Array,
  netuid: number,
  amount: bigint,
  total = stakeForHotkeyOnSubnet(s, hotkey, ROOT),
): void {
  if (amount > total) {
    increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, st.Owner.get(s, hotkey), netuid, amount);
    return;
  }
  // 0 / total is 0, and so is the chain's fallback for a zero total: most hotkeys are paid nothing.
  const increment =
    amount === 0n ? 0n : (I96F32.checkedDiv(I96F32.fromInt(amount), I96F32.fromInt(total)) ?? 0n);
  const rates = st.RootClaimable.getShared(s, hotkey);
  const i = rates.findIndex(([n]) => n === netuid);
  if (i >= 0) {
    const bits = I96F32.saturatingAdd(rates[i]![1].bits, increment);
    if (bits === rates[i]![1].bits) return; // the map's entry as it was: nothing to write
    st.RootClaimable.set(s, hotkey, rates.with(i, [netuid, { bits }]));
  } else
    st.RootClaimable.set(
      s,
      hotkey,
      [...rates, [netuid, { bits: increment }] as [number, { bits: bigint }]].sort(([a], [b]) => a - b),
    );
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
 * What one subnet's distribution needs of a hotkey, found once: the hotkey's own stake (alpha on the subnet,
 * TAO on root — nothing paid during the distribution changes either before it is last read), its owner, and
 * handles on the keys it is paid through. An epoch block pays every neuron of 32 subnets several times over;
 * finding each key once per hotkey instead of once per use halves its storage accesses.
 */
interface HotkeyRecord {
  readonly key: Uint8Array;
  readonly hex: string;
  readonly alpha: bigint;
  readonly root: bigint;
  readonly owner: Uint8Array;
  /** (hotkey, owner, netuid): where takes and incentives without an auto-stake destination go. */
  readonly ownPosition: PositionKeys;
  /** `Delegates[hotkey]`, read when first needed. */
  take?: number;
}

/** The records of one subnet's distribution, by hotkey hex (the order key of the chain's BTreeMaps). */
class HotkeyRecords {
  readonly #records = new Map<string, HotkeyRecord>();
  constructor(
    private readonly s: StateReader,
    private readonly netuid: number,
  ) {}

  of(key: Uint8Array): HotkeyRecord {
    const hex = hexOf(key);
    let r = this.#records.get(hex);
    if (r === undefined) {
      const { s, netuid } = this;
      const owner = st.Owner.get(s, key);
      const ownPosition = positionKeys(key, owner, netuid);
      r = {
        key,
        hex,
        alpha: st.TotalHotkeyAlpha.getAt(s, ownPosition.pool.totalAlpha),
        root: stakeForHotkeyOnSubnet(s, key, ROOT),
        owner,
        ownPosition,
      };
      this.#records.set(hex, r);
    }
    return r;
  }

  take(r: HotkeyRecord): number {
    r.take ??= st.Delegates.get(this.s, r.key);
    return r.take;
  }
}

/** Amounts per hotkey (a record is the one object of its hotkey), listed in the chain's BTreeMap byte order. */
type ByHotkey<V> = Map<HotkeyRecord, V>;
const sortedByKey = <V>(m: ByHotkey<V>) =>
  [...m]
    .sort(([a], [b]) => (a.hex < b.hex ? -1 : a.hex > b.hex ? 1 : 0))
    .map(([hotkey, value]) => ({ hotkey, value }));

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
  const hotkeys = subnetHotkeys(s, netuid);
  const out = runEpoch(
    s,
    netuid,
    total,
    { currentBlock: block, currentEpoch: st.SubnetEpochIndex.get(s, netuid) },
    hotkeys,
  );
  out.mechanisms.forEach((mech, m) => {
    ctx.deposit("SubtensorModule", "IncentiveAlphaEmittedToMiners", {
      netuid: mechanismStorageIndex(netuid, m),
      emissions: mech.serverEmission,
    });
  });
  const n = out.aggregate.serverEmission.length;
  const incentiveSum = out.aggregate.serverEmission.reduce((a, b) => a + b, 0n);
  const validatorAlpha = incentiveSum !== 0n ? pending.validator : pending.validator + pending.server;
  const records = new HotkeyRecords(s, netuid);

  // calculate_dividends_and_incentives: incentives summed per hotkey, dividends through parent/child links.
  const ckBurn = st.CKBurn.get(s);
  const incentives: ByHotkey<bigint> = new Map();
  const dividends: ByHotkey<bigint> = new Map();
  const addDividend = (hotkey: HotkeyRecord, amount: bigint) => {
    const prev = dividends.get(hotkey);
    const v = U96F32.fromInt(amount);
    dividends.set(hotkey, prev === undefined ? v : U96F32.saturatingAdd(prev, v));
  };
  for (let uid = 0; uid < n; uid++) {
    const child = records.of(hotkeys[uid]!);
    const inc = out.aggregate.serverEmission[uid]!;
    incentives.set(child, (incentives.get(child) ?? 0n) + inc);
    const parents: ParentStake<HotkeyRecord>[] = st.ParentKeys.getShared(s, child.key, netuid).map(
      ([proportion, parentKey]) => {
        const parent = records.of(parentKey);
        return {
          key: parent,
          proportion,
          alpha: parent.alpha,
          root: parent.root,
          sameColdkeyAsChild: bytesEqual(parent.owner, child.owner),
        };
      },
    );
    const split = parentChildDividends(
      out.aggregate.validatorEmission[uid]!,
      {
        alpha: child.alpha,
        root: child.root,
        childrenProportions: st.ChildKeys.getShared(s, child.key, netuid).map(([p]) => p),
      },
      parents,
      st.ChildkeyTake.get(s, child.key, netuid),
      ckBurn,
      taoWeightRaw,
    );
    recycleSubnetAlpha(s, netuid, split.burned);
    for (const p of split.toParents) addDividend(p.key, p.amount);
    addDividend(child, split.toChild);
  }

  // calculate_dividend_distribution over own stakes (alpha here, TAO on root), in hotkey byte order.
  const stakes = new Map<HotkeyRecord, HotkeyStake>();
  const divMap = new Map<HotkeyRecord, bigint>();
  for (const { hotkey, value } of sortedByKey(dividends)) {
    stakes.set(hotkey, { alpha: hotkey.alpha, root: hotkey.root });
    divMap.set(hotkey, value);
  }
  const dist = calculateDividendDistribution(validatorAlpha, pending.root, tau, stakes, divMap);

  // distribute_dividends_and_incentives: owner cut first.
  const ownerColdkey = st.SubnetOwner.tryGet(s, netuid);
  const ownerHotkey = st.SubnetOwnerHotkey.tryGet(s, netuid);
  if (ownerColdkey !== undefined && ownerHotkey !== undefined)
    increaseStakeForHotkeyAndColdkeyOnSubnet(s, ownerHotkey, ownerColdkey, netuid, pending.ownerCut);

  const owned = ownerHotkeys(s, netuid, st.SubnetOwner.get(s, netuid));
  const recycleWithheld = st.RecycleOrBurn.tryGet(s, netuid)?.type === "Recycle";
  let totalIncentive = 0n;
  let withheld = 0n;
  const paidIncentives = new Map<string, bigint>();
  for (const { hotkey, value: incentive } of sortedByKey(incentives)) {
    totalIncentive += incentive;
    if (owned.has(hotkey.hex)) {
      withheld += incentive;
      if (recycleWithheld) recycleSubnetAlpha(s, netuid, incentive);
      else burnSubnetAlpha(s, netuid, incentive);
      continue;
    }
    const owner = hotkey.owner;
    const dest = st.AutoStakeDestination.tryGet(s, owner, netuid);
    if (dest !== undefined) {
      ctx.deposit("SubtensorModule", "AutoStakeAdded", {
        netuid,
        destination: dest,
        hotkey: hotkey.key,
        owner,
        incentive,
      });
      increaseStakeForHotkeyAndColdkeyOnSubnet(s, dest, owner, netuid, incentive);
    } else
      increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey.key, owner, netuid, incentive, hotkey.ownPosition);
    paidIncentives.set(hotkey.hex, incentive);
  }
  st.MinerBurned.set(s, netuid, {
    bits: U96F32.checkedDiv(U96F32.fromInt(withheld), U96F32.fromInt(totalIncentive)) ?? 0n,
  });

  // Each dividend first pays the hotkey's delegate take to (hotkey, owner); the rest goes to all nominators.
  const payTake = (hotkey: HotkeyRecord, dividend: bigint) => {
    const take = applyDelegateTake(dividend, records.take(hotkey));
    const { key, owner, ownPosition } = hotkey;
    increaseStakeForHotkeyAndColdkeyOnSubnet(s, key, owner, netuid, take.takeToOwner, ownPosition);
    return take;
  };

  const paidAlpha = new Map<string, bigint>();
  for (const [hotkey, divs] of dist.alphaDividends) {
    const take = payTake(hotkey, divs);
    const { key, ownPosition } = hotkey;
    increaseStakeForHotkeyOnSubnet(s, key, netuid, take.toAllNominators, ownPosition.pool);
    st.AlphaDividendsPerSubnet.mutate(s, netuid, key, (v) => v + take.toAllNominators);
    st.TotalHotkeyAlphaLastEpoch.set(
      s,
      key,
      netuid,
      st.TotalHotkeyAlpha.getAt(s, ownPosition.pool.totalAlpha),
    );
    paidAlpha.set(hotkey.hex, take.takeToOwner + take.toAllNominators);
  }

  const paidRoot = new Map<string, bigint>();
  for (const [hotkey, rootAlpha] of dist.rootAlphaDividends) {
    const take = payTake(hotkey, rootAlpha);
    increaseRootClaimable(s, hotkey.key, netuid, take.toAllNominators, hotkey.root);
    st.RootAlphaDividendsPerSubnet.mutate(s, netuid, hotkey.key, (v) => v + take.toAllNominators);
    paidRoot.set(hotkey.hex, take.takeToOwner + take.toAllNominators);
  }
  return {
    incentiveSum,
    validatorAlpha,
    incentives: paidIncentives,
    alphaDividends: paidAlpha,
    rootAlphaDividends: paidRoot,
  };
}
