// Pending child-key schedules applied after a subnet's epoch (`try_set_pending_children`, block_step step 7):
// a matured `PendingChildKeys` entry becomes the hotkey's `ChildKeys`, with `ParentKeys` kept in sync both ways.
// PERF: per subnet whose epoch ran, one prefix scan of `PendingChildKeys` and O(children + parents) writes.

import type { CallContext } from "../../../frame/dispatch.ts";
import type { State } from "../../../frame/state.ts";
import { storage as st } from "../storage.ts";

type Edge = [bigint, Uint8Array];
const U64_MAX = (1n << 64n) - 1n;
const hex = (a: Uint8Array) => Buffer.from(a).toString("hex");
const byKey = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** A BTreeMap<AccountId, u64> by account bytes: last wins on duplicates, the pivot itself left out. */
function edgeMap(edges: readonly Edge[], pivot: Uint8Array): Map<string, Edge> {
  const m = new Map<string, Edge>();
  const p = hex(pivot);
  for (const [proportion, who] of edges) if (hex(who) !== p) m.set(hex(who), [proportion, who]);
  return new Map([...m.entries()].sort(byKey));
}

function upsertEdge(list: Edge[], proportion: bigint, id: Uint8Array): Edge[] {
  const k = hex(id);
  const i = list.findIndex(([, who]) => hex(who) === k);
  if (i >= 0) return list.map((e, j) => (j === i ? [proportion, e[1]] : e));
  return [...list, [proportion, id]];
}
const removeEdge = (list: Edge[], id: Uint8Array): Edge[] => list.filter(([, who]) => hex(who) !== hex(id));

function setChildKeys(s: State, parent: Uint8Array, netuid: number, list: Edge[]): void {
  if (list.length === 0) st.ChildKeys.remove(s, parent, netuid);
  else st.ChildKeys.set(s, parent, netuid, list);
}
function setParentKeys(s: State, child: Uint8Array, netuid: number, list: Edge[]): void {
  if (list.length === 0) st.ParentKeys.remove(s, child, netuid);
  else st.ParentKeys.set(s, child, netuid, list);
}

/**
 * `load_relations_from_pending` + `persist_child_parent_relations`: the pivot's new children (Σ ≤ u64::MAX,
 * none also a parent) replace the old ones; each added/kept child's `ParentKeys` gets the edge, each dropped
 * one loses it; the pivot's parents are rewritten unchanged and their `ChildKeys` re-synced. Returns false
 * (and writes nothing) when the relations are inconsistent, as the chain fails silently there.
 */
export function persistPendingChildren(
  s: State,
  netuid: number,
  pivot: Uint8Array,
  pending: readonly Edge[],
): boolean {
  const children = edgeMap(pending, pivot);
  let total = 0n;
  for (const [p] of children.values()) total += p;
  if (total > U64_MAX) return false;
  const parents = edgeMap(st.ParentKeys.get(s, pivot, netuid), pivot);
  for (const k of children.keys()) if (parents.has(k)) return false;

  const prevChildren = new Set(st.ChildKeys.get(s, pivot, netuid).map(([, c]) => hex(c)));
  const prevChildList = st.ChildKeys.get(s, pivot, netuid);
  setChildKeys(s, pivot, netuid, [...children.values()]);
  // Added children first, then the ones kept (their proportion may change), then the dropped ones.
  const order = [
    ...[...children.entries()].filter(([k]) => !prevChildren.has(k)),
    ...[...children.entries()].filter(([k]) => prevChildren.has(k)),
  ];
  for (const [, [p, child]] of order)
    setParentKeys(s, child, netuid, upsertEdge(st.ParentKeys.get(s, child, netuid), p, pivot));
  const dropped = new Map(prevChildList.map(([, c]) => [hex(c), c] as [string, Uint8Array]));
  for (const [k, child] of [...dropped.entries()].sort(byKey))
    if (!children.has(k))
      setParentKeys(s, child, netuid, removeEdge(st.ParentKeys.get(s, child, netuid), pivot));

  // The pivot's parents are rewritten as they were (self-edges dropped); each parent's ChildKeys keeps (p, pivot).
  setParentKeys(s, pivot, netuid, [...parents.values()]);
  for (const [p, parent] of parents.values())
    setChildKeys(s, parent, netuid, upsertEdge(st.ChildKeys.get(s, parent, netuid), p, pivot));
  return true;
}

/**
 * `do_set_pending_children` for one subnet: entries whose cooldown has passed (or any, before `start_call`)
 * are applied (`SetChildren` on success) and removed.
 */
export function doSetPendingChildren(ctx: CallContext, netuid: number, block: bigint): void {
  const s = ctx.state;
  const started = st.SubtokenEnabled.get(s, netuid);
  const due: Array<[Uint8Array, Edge[]]> = [];
  for (const [[, hotkey], [children, coolDown]] of st.PendingChildKeys.entries(s, netuid))
    if (coolDown < block || !started) due.push([hotkey, children as Edge[]]);
  for (const [hotkey, children] of due) {
    if (persistPendingChildren(s, netuid, hotkey, children))
      ctx.deposit("SubtensorModule", "SetChildren", [hotkey, netuid, children]);
  }
  for (const [hotkey] of due) st.PendingChildKeys.remove(s, netuid, hotkey);
}
