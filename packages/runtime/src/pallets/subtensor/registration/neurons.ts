// A subnet's neuron slots (subtensor's uids.rs / registration.rs): append a neuron at the next uid, or replace
// the prune candidate when the subnet is full, with every per-uid vector and map kept in step.
// PERF: O(n) per registration (per-uid vectors are rewritten whole, as on chain); pruning scans all uids.

import { bytesEqual } from "@opentao/primitives";
import type { State, StateReader } from "../../../frame/state.ts";
import { mechanismStorageIndex } from "../epoch/storage.ts";
import { storage as st } from "../storage.ts";

function setAt<V>(v: V[], i: number, value: V): V[] {
  if (i < v.length) v[i] = value;
  return v;
}

function mechanismIndices(s: StateReader, netuid: number): number[] {
  const count = st.MechanismCountCurrent.get(s, netuid);
  return Array.from({ length: count }, (_, m) => mechanismStorageIndex(netuid, m));
}

/**
 * `set_last_update_for_uid`: the vector is read padded with zeros to `SubnetworkN` (append has already
 * raised it) and only a position inside it is written.
 */
function setLastUpdateForUid(
  s: State,
  netuidIndex: number,
  netuid: number,
  uid: number,
  block: bigint,
): void {
  const v = st.LastUpdate.get(s, netuidIndex);
  const n = st.SubnetworkN.get(s, netuid);
  while (v.length < n) v.push(0n);
  if (uid >= v.length) return;
  v[uid] = block;
  st.LastUpdate.set(s, netuidIndex, v);
}

/** `append_neuron`: the new uid is `SubnetworkN`; every per-uid vector grows by one default entry. */
export function appendNeuron(s: State, netuid: number, hotkey: Uint8Array, block: bigint): number {
  const uid = st.SubnetworkN.get(s, netuid);
  st.SubnetworkN.set(s, netuid, uid + 1);
  st.Active.mutate(s, netuid, (v) => [...v, true]);
  st.Emission.mutate(s, netuid, (v) => [...v, 0n]);
  st.Consensus.mutate(s, netuid, (v) => [...v, 0]);
  for (const idx of mechanismIndices(s, netuid)) {
    st.Incentive.mutate(s, idx, (v) => [...v, 0]);
    setLastUpdateForUid(s, idx, netuid, uid, block);
  }
  st.Dividends.mutate(s, netuid, (v) => [...v, 0]);
  st.ValidatorTrust.mutate(s, netuid, (v) => [...v, 0]);
  st.ValidatorPermit.mutate(s, netuid, (v) => [...v, false]);
  st.Keys.set(s, netuid, uid, hotkey);
  st.Uids.set(s, netuid, hotkey, uid);
  st.BlockAtRegistration.set(s, netuid, uid, block);
  st.IsNetworkMember.set(s, hotkey, netuid, true);
  return uid;
}

/** `clear_neuron`: zero the uid's per-uid values, its bonds and weights, and every weight pointing at it. */
export function clearNeuron(s: State, netuid: number, uid: number): void {
  st.Emission.mutate(s, netuid, (v) => setAt(v, uid, 0n));
  st.Consensus.mutate(s, netuid, (v) => setAt(v, uid, 0));
  for (const idx of mechanismIndices(s, netuid)) {
    st.Incentive.mutate(s, idx, (v) => setAt(v, uid, 0));
    st.Bonds.remove(s, idx, uid);
    st.Weights.remove(s, idx, uid);
    for (const [[, from], row] of [...st.Weights.entries(s, idx)]) {
      st.Weights.set(
        s,
        idx,
        from,
        row.map(([to, w]) => [to, to === uid ? 0 : w] as [number, number]),
      );
    }
  }
  st.Dividends.mutate(s, netuid, (v) => setAt(v, uid, 0));
  st.StakeWeight.mutate(s, netuid, (v) => setAt(v, uid, 0));
  st.ValidatorTrust.mutate(s, netuid, (v) => setAt(v, uid, 0));
  st.ValidatorPermit.mutate(s, netuid, (v) => setAt(v, uid, false));
}

/** `replace_neuron`: a new hotkey at an existing uid; the subnet owner's hotkey is never replaced. */
export function replaceNeuron(
  s: State,
  netuid: number,
  uid: number,
  hotkey: Uint8Array,
  block: bigint,
): void {
  const old = st.Keys.get(s, netuid, uid);
  const ownerHotkey = st.SubnetOwnerHotkey.tryGet(s, netuid);
  if (ownerHotkey && bytesEqual(ownerHotkey, old)) return;
  st.Uids.remove(s, netuid, old);
  st.AssociatedEvmAddress.remove(s, netuid, uid);
  st.IsNetworkMember.remove(s, old, netuid);
  st.Keys.remove(s, netuid, uid);
  st.Active.mutate(s, netuid, (v) => setAt(v, uid, true));
  st.Keys.set(s, netuid, uid, hotkey);
  st.Uids.set(s, netuid, hotkey, uid);
  st.BlockAtRegistration.set(s, netuid, uid, block);
  st.IsNetworkMember.set(s, hotkey, netuid, true);
  st.Axons.remove(s, netuid, old);
  st.NeuronCertificates.remove(s, netuid, old);
  st.Prometheus.remove(s, netuid, old);
  clearNeuron(s, netuid, uid);
  for (const idx of mechanismIndices(s, netuid)) setLastUpdateForUid(s, idx, netuid, uid, block);
}

/** `get_neuron_is_immune`: registered less than `ImmunityPeriod` blocks ago. */
export function neuronIsImmune(s: StateReader, netuid: number, uid: number, now: bigint): boolean {
  const at = st.BlockAtRegistration.get(s, netuid, uid);
  const since = now > at ? now - at : 0n;
  return since < BigInt(st.ImmunityPeriod.get(s, netuid));
}

/**
 * `get_immune_owner_tuples`: the owner coldkey's hotkeys on the subnet, earliest registration (then uid)
 * first, cut to `ImmuneOwnerUidsLimit`, with the subnet owner hotkey put first if missing (and cut again).
 */
export function immuneOwnerUids(
  s: StateReader,
  netuid: number,
  coldkey: Uint8Array,
): Array<[number, Uint8Array]> {
  const limit = st.ImmuneOwnerUidsLimit.get(s, netuid);
  const triples: Array<[bigint, number, Uint8Array]> = [];
  for (const hk of st.OwnedHotkeys.get(s, coldkey)) {
    const uid = st.Uids.get(s, netuid, hk);
    if (uid === undefined) continue;
    triples.push([st.BlockAtRegistration.get(s, netuid, uid), uid, hk]);
  }
  triples.sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
  const out: Array<[number, Uint8Array]> = triples.slice(0, limit).map(([, uid, hk]) => [uid, hk]);
  const ownerHk = st.SubnetOwnerHotkey.tryGet(s, netuid);
  const ownerUid = ownerHk ? st.Uids.get(s, netuid, ownerHk) : undefined;
  if (ownerHk && ownerUid !== undefined && !out.some(([u, h]) => u === ownerUid && bytesEqual(h, ownerHk))) {
    out.unshift([ownerUid, ownerHk]);
    out.length = Math.min(out.length, limit);
  }
  return out;
}

/**
 * `get_neuron_to_prune` (§8.4): skipping owner-immortal hotkeys, the lowest (emission, registration block, uid)
 * among non-immune uids when more than `MinNonImmuneUids` of them remain, else among immune ones.
 */
export function neuronToPrune(s: StateReader, netuid: number, now: bigint): number | undefined {
  const n = st.SubnetworkN.get(s, netuid);
  if (n === 0) return undefined;
  const immortal = immuneOwnerUids(s, netuid, st.SubnetOwner.get(s, netuid)).map(([, hk]) => hk);
  const emissions = st.Emission.get(s, netuid);
  type Cand = [bigint, bigint, number];
  let bestFree: Cand | undefined;
  let bestImmune: Cand | undefined;
  let free = 0;
  const better = (c: Cand, b: Cand | undefined) =>
    !b || (c[0] !== b[0] ? c[0] < b[0] : c[1] !== b[1] ? c[1] < b[1] : c[2] < b[2]);
  const immunity = BigInt(st.ImmunityPeriod.get(s, netuid));
  for (let uid = 0; uid < n; uid++) {
    const hk = st.Keys.tryGet(s, netuid, uid);
    if (hk === undefined || immortal.some((h) => bytesEqual(h, hk))) continue;
    const at = st.BlockAtRegistration.get(s, netuid, uid);
    const c: Cand = [emissions[uid] ?? 0n, at, uid];
    // `get_neuron_is_immune`, with the period read once.
    if ((now > at ? now - at : 0n) < immunity) {
      if (better(c, bestImmune)) bestImmune = c;
    } else {
      free += 1;
      if (better(c, bestFree)) bestFree = c;
    }
  }
  if (free > st.MinNonImmuneUids.get(s, netuid) && bestFree) return bestFree[2];
  return bestImmune?.[2];
}

/** `register_neuron`: append while below `MaxAllowedUids`, else replace the prune candidate. */
export function registerNeuron(
  s: State,
  netuid: number,
  hotkey: Uint8Array,
  now: bigint,
  candidate?: number,
): number | undefined {
  const n = st.SubnetworkN.get(s, netuid);
  if (n < st.MaxAllowedUids.get(s, netuid)) return appendNeuron(s, netuid, hotkey, now);
  // `candidate`: the prune choice the caller already made on this same state.
  const uid = candidate ?? neuronToPrune(s, netuid, now);
  if (uid === undefined) return undefined;
  replaceNeuron(s, netuid, uid, hotkey, now);
  return uid;
}
