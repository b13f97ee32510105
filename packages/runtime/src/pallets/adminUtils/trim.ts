// `trim_to_max_allowed_uids`: lower a subnet's MaxAllowedUids and, when it has more neurons, drop the lowest
// emitters that are neither owner-immune nor in their immunity period, then compress the survivors' UIDs left.
// Follows HEAD's storage effects exactly, quirks included (SubnetworkN becomes max_n; UIDs beyond the Emission
// vector are neither kept nor removed; `mutate` leaves empty weight/bond rows behind).
// PERF: O(n log n) for the sort plus O(n · mechanisms) storage moves; runs only on an owner's or root's call.

import { type DispatchResult, moduleErrors } from "../../frame/dispatch.ts";
import type { State, StateReader } from "../../frame/state.ts";
import { mechanismStorageIndex } from "../subtensor/epoch/storage.ts";
import { storage as st, subtensorPallet } from "../subtensor/pallet.ts";

const SE = moduleErrors(subtensorPallet);

/** `MaxImmuneUidsPercentage`: trimming may not leave immune neurons at 80 % or more of the slots. */
export const MAX_IMMUNE_UIDS_PERCENT = 80n;

const hex = (a: Uint8Array) => Buffer.from(a).toString("hex");

/** `get_neuron_is_immune`: registered less than ImmunityPeriod blocks ago. */
export function neuronIsImmune(s: StateReader, netuid: number, uid: number, block: bigint): boolean {
  const at = st.BlockAtRegistration.get(s, netuid, uid);
  return (block > at ? block - at : 0n) < BigInt(st.ImmunityPeriod.get(s, netuid));
}

/**
 * `get_immune_owner_uids`: the owner coldkey's registered hotkeys, oldest registration first (uid breaks ties),
 * capped at ImmuneOwnerUidsLimit, with the subnet owner hotkey's uid put first when it is missing.
 */
export function immuneOwnerUids(s: StateReader, netuid: number, coldkey: Uint8Array): number[] {
  const triples: [bigint, number, string][] = [];
  for (const hotkey of st.OwnedHotkeys.get(s, coldkey)) {
    const uid = st.Uids.tryGet(s, netuid, hotkey);
    if (uid !== undefined) triples.push([st.BlockAtRegistration.get(s, netuid, uid), uid, hex(hotkey)]);
  }
  triples.sort((x, y) => (x[0] !== y[0] ? (x[0] < y[0] ? -1 : 1) : x[1] - y[1]));
  const limit = st.ImmuneOwnerUidsLimit.get(s, netuid);
  const immune = triples.slice(0, limit).map(([, uid, hk]) => [uid, hk] as [number, string]);
  const ownerHk = st.SubnetOwnerHotkey.tryGet(s, netuid);
  const ownerUid = ownerHk && st.Uids.tryGet(s, netuid, ownerHk);
  if (ownerHk && ownerUid !== undefined && !immune.some(([u, h]) => u === ownerUid && h === hex(ownerHk))) {
    immune.unshift([ownerUid, hex(ownerHk)]);
    immune.length = Math.min(immune.length, limit);
  }
  return immune.map(([uid]) => uid);
}

/** `Percent::from_rational(p, q)`: nearest percent, ties rounded down, saturating at 100 %. */
function percentFromRational(p: bigint, q: bigint): bigint {
  if (q === 0n || p >= q) return 100n;
  const scaled = p * 100n;
  const floor = scaled / q;
  return (scaled % q) * 2n > q ? floor + 1n : floor;
}

/** Storage `swap`: exchange two entries' raw values (an absent one moves the other). */
function swap(s: State, item: { key(...k: never[]): Uint8Array }, k1: unknown[], k2: unknown[]): void {
  const a = item.key(...(k1 as never[]));
  const b = item.key(...(k2 as never[]));
  const va = s.get(a);
  const vb = s.get(b);
  if (vb === undefined) s.delete(a);
  else s.set(a, vb);
  if (va === undefined) s.delete(b);
  else s.set(b, va);
}

export function trimToMaxAllowedUids(s: State, netuid: number, maxN: number, block: bigint): DispatchResult {
  if (!st.NetworksAdded.get(s, netuid)) return SE.SubnetNotExists;
  if (maxN < st.MinAllowedUids.get(s, netuid)) return SE.InvalidValue;
  if (maxN > st.MaxAllowedUids.get(s, netuid)) return SE.InvalidValue;
  st.MaxAllowedUids.set(s, netuid, maxN);
  const n = st.SubnetworkN.get(s, netuid);
  if (n <= maxN) return undefined;

  const ownerUids = new Set(immuneOwnerUids(s, netuid, st.SubnetOwner.get(s, netuid)));
  const protectedUid = (uid: number) => ownerUids.has(uid) || neuronIsImmune(s, netuid, uid, block);
  let immuneCount = 0n;
  for (let uid = 0; uid < n; uid++) if (protectedUid(uid)) immuneCount++;
  if (percentFromRational(immuneCount, BigInt(maxN)) >= MAX_IMMUNE_UIDS_PERCENT)
    return SE.TrimmingWouldExceedMaxImmunePercentage;

  // Highest emitters first (a stable sort keeps uid order among equals); drop from the tail.
  const emissions = st.Emission.get(s, netuid).map((e, uid) => [uid, e] as [number, bigint]);
  emissions.sort((x, y) => (x[1] === y[1] ? 0 : x[1] > y[1] ? -1 : 1));
  const mechanisms = st.MechanismCountCurrent.get(s, netuid);
  let left = n;
  for (let i = n - 1; i >= 0 && left !== maxN; i--) {
    const entry = emissions[i];
    if (!entry) continue;
    const uid = entry[0];
    if (protectedUid(uid)) continue;
    if (st.Keys.has(s, netuid, uid)) {
      const hotkey = st.Keys.get(s, netuid, uid);
      st.Uids.remove(s, netuid, hotkey);
      st.IsNetworkMember.remove(s, hotkey, netuid);
      st.LastHotkeyEmissionOnNetuid.remove(s, hotkey, netuid);
      st.AlphaDividendsPerSubnet.remove(s, netuid, hotkey);
      st.Axons.remove(s, netuid, hotkey);
      st.NeuronCertificates.remove(s, netuid, hotkey);
      st.Prometheus.remove(s, netuid, hotkey);
    }
    st.Keys.remove(s, netuid, uid);
    st.BlockAtRegistration.remove(s, netuid, uid);
    st.AssociatedEvmAddress.remove(s, netuid, uid);
    for (let m = 0; m < mechanisms; m++) {
      st.Weights.remove(s, mechanismStorageIndex(netuid, m), uid);
      st.Bonds.remove(s, mechanismStorageIndex(netuid, m), uid);
    }
    emissions.splice(i, 1);
    left--;
  }

  emissions.sort((x, y) => x[0] - y[0]);
  const kept = emissions.map(([uid]) => uid);
  const pick = <V>(v: V[], fallback: V) => kept.map((uid) => v[uid] ?? fallback);
  st.Emission.set(
    s,
    netuid,
    emissions.map(([, e]) => e),
  );
  st.Active.set(s, netuid, pick(st.Active.get(s, netuid), false));
  st.Consensus.set(s, netuid, pick(st.Consensus.get(s, netuid), 0));
  st.Dividends.set(s, netuid, pick(st.Dividends.get(s, netuid), 0));
  st.ValidatorTrust.set(s, netuid, pick(st.ValidatorTrust.get(s, netuid), 0));
  st.ValidatorPermit.set(s, netuid, pick(st.ValidatorPermit.get(s, netuid), false));
  st.StakeWeight.set(s, netuid, pick(st.StakeWeight.get(s, netuid), 0));
  for (let m = 0; m < mechanisms; m++) {
    const idx = mechanismStorageIndex(netuid, m);
    st.Incentive.set(s, idx, pick(st.Incentive.get(s, idx), 0));
    st.LastUpdate.set(s, idx, pick(st.LastUpdate.get(s, idx), 0n));
  }

  const newUid = new Map(kept.map((old, i) => [old, i]));
  const remap = (row: [number, number][]) =>
    row.flatMap(([t, v]) => (newUid.has(t) ? [[newUid.get(t)!, v] as [number, number]] : []));
  for (const [oldUid, nu] of newUid) {
    swap(s, st.Keys, [netuid, oldUid], [netuid, nu]);
    swap(s, st.AssociatedEvmAddress, [netuid, oldUid], [netuid, nu]);
    swap(s, st.BlockAtRegistration, [netuid, oldUid], [netuid, nu]);
    for (let m = 0; m < mechanisms; m++) {
      const idx = mechanismStorageIndex(netuid, m);
      swap(s, st.Weights, [idx, oldUid], [idx, nu]);
      st.Weights.set(s, idx, nu, remap(st.Weights.get(s, idx, nu)));
      swap(s, st.Bonds, [idx, oldUid], [idx, nu]);
      st.Bonds.set(s, idx, nu, remap(st.Bonds.get(s, idx, nu)));
    }
  }
  st.Uids.clear(s, netuid);
  for (const nu of newUid.values()) st.Uids.set(s, netuid, st.Keys.get(s, netuid, nu), nu);
  st.SubnetworkN.set(s, netuid, maxN);
  return undefined;
}
