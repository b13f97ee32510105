// Child keys (§11.3, subtensor's set_children.rs): set_children schedules a hotkey's children behind a cooldown,
// applyPendingChildKeys moves due schedules into ChildKeys/ParentKeys; childkey take and its root-set bounds.

import { bytesEqual } from "@opentao/primitives";
import {
  BadOrigin,
  type CallContext,
  type DispatchErrorValue,
  type DispatchResult,
  ensureSigned,
} from "../../../frame/dispatch.ts";
import type { State, StateReader } from "../../../frame/state.ts";
import { storage as st } from "../pallet.ts";
import { coldkeyOwnsHotkey, E, isRoot, ROOT, subnetExists, totalStakeForHotkey, U64_MAX } from "./helpers.ts";

type Edge = [bigint, Uint8Array];
const MAX_CHILDREN = 5;
/** `TransactionType::SetChildren` (rate limit 150 blocks) and `SetChildkeyTake`, keyed per (hotkey, netuid). */
const TX_SET_CHILDREN = 0;
const TX_SET_CHILDKEY_TAKE = 1;
const SET_CHILDREN_RATE_LIMIT = 150n;

const hex = (k: Uint8Array) => Buffer.from(k).toString("hex");

/** A BTreeMap<AccountId, u64>: iteration in account-byte order, as the chain's. */
class KeyMap {
  readonly #m = new Map<string, { key: Uint8Array; p: bigint }>();
  set(key: Uint8Array, p: bigint): void {
    this.#m.set(hex(key), { key, p });
  }
  has(key: Uint8Array): boolean {
    return this.#m.has(hex(key));
  }
  get(key: Uint8Array): bigint | undefined {
    return this.#m.get(hex(key))?.p;
  }
  get size(): number {
    return this.#m.size;
  }
  /** Sorted (proportion, account) pairs. */
  edges(): Edge[] {
    return [...this.#m.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, v]) => [v.p, v.key]);
  }
  keys(): Uint8Array[] {
    return this.edges().map(([, k]) => k);
  }
}

const mapOf = (edges: Edge[], pivot: Uint8Array): KeyMap => {
  const m = new KeyMap();
  for (const [p, k] of edges) if (!bytesEqual(k, pivot)) m.set(k, p);
  return m;
};

const ensureNoSelfLoop = (pivot: Uint8Array, m: KeyMap) => (m.has(pivot) ? E.InvalidChild : undefined);
const ensureTotal = (m: KeyMap) =>
  m.edges().reduce((a, [p]) => a + p, 0n) > U64_MAX ? E.ProportionOverflow : undefined;
const ensureSeparated = (children: KeyMap, parents: KeyMap) =>
  children.keys().some((c) => parents.has(c)) ? E.ChildParentInconsistency : undefined;

interface Relations {
  pivot: Uint8Array;
  children: KeyMap;
  parents: KeyMap;
}

/** `load_relations_from_pending` (children given) or `load_child_parent_relations` (children from storage). */
function loadRelations(
  s: StateReader,
  pivot: Uint8Array,
  netuid: number,
  childEdges: Edge[],
): Relations | DispatchErrorValue {
  const children = mapOf(childEdges, pivot);
  const e1 =
    ensureNoSelfLoop(pivot, children) ?? ensureTotal(children) ?? ensureSeparated(children, new KeyMap());
  if (e1) return e1;
  const parents = mapOf(st.ParentKeys.get(s, pivot, netuid) as Edge[], pivot);
  const e2 = ensureNoSelfLoop(pivot, parents) ?? ensureSeparated(children, parents);
  if (e2) return e2;
  return { pivot, children, parents };
}

const isRelations = (r: Relations | DispatchErrorValue): r is Relations => "pivot" in r;

/** `ensure_pending_consistency`: the proposed children against the pivot's current parents. */
function pendingConsistency(rel: Relations, pending: Edge[]): DispatchResult {
  const m = new KeyMap();
  for (const [p, c] of pending) m.set(c, p);
  return (
    ensureNoSelfLoop(rel.pivot, m) ??
    (m.size > MAX_CHILDREN ? E.TooManyChildren : undefined) ??
    ensureTotal(m) ??
    ensureSeparated(m, rel.parents)
  );
}

function setEdges(item: typeof st.ChildKeys, s: State, who: Uint8Array, netuid: number, edges: Edge[]): void {
  if (edges.length === 0) item.remove(s, who, netuid);
  else item.set(s, who, netuid, edges);
}

function upsertEdge(list: Edge[], p: bigint, id: Uint8Array): Edge[] {
  const i = list.findIndex(([, k]) => bytesEqual(k, id));
  if (i >= 0) return list.map((e, j) => (j === i ? [p, e[1]] : e));
  return [...list, [p, id]];
}
const removeEdge = (list: Edge[], id: Uint8Array): Edge[] => list.filter(([, k]) => !bytesEqual(k, id));

/** `persist_child_parent_relations`: write the pivot's children and parents and mirror each edge. */
function persistRelations(s: State, rel: Relations, netuid: number): void {
  const { pivot } = rel;
  const prevChildren = st.ChildKeys.get(s, pivot, netuid) as Edge[];
  setEdges(st.ChildKeys, s, pivot, netuid, rel.children.edges());
  const prevChildSet = mapOf(prevChildren, new Uint8Array(0));
  const mirror = (item: typeof st.ChildKeys, who: Uint8Array, p: bigint | undefined) => {
    const list = item.get(s, who, netuid) as Edge[];
    setEdges(item, s, who, netuid, p === undefined ? removeEdge(list, pivot) : upsertEdge(list, p, pivot));
  };
  for (const c of rel.children.keys())
    if (!prevChildSet.has(c)) mirror(st.ParentKeys, c, rel.children.get(c));
  for (const c of rel.children.keys()) if (prevChildSet.has(c)) mirror(st.ParentKeys, c, rel.children.get(c));
  for (const c of prevChildSet.keys()) if (!rel.children.has(c)) mirror(st.ParentKeys, c, undefined);

  const prevParentSet = mapOf(st.ParentKeys.get(s, pivot, netuid) as Edge[], new Uint8Array(0));
  setEdges(st.ParentKeys, s, pivot, netuid, rel.parents.edges());
  for (const p of rel.parents.keys()) if (!prevParentSet.has(p)) mirror(st.ChildKeys, p, rel.parents.get(p));
  for (const p of rel.parents.keys()) if (prevParentSet.has(p)) mirror(st.ChildKeys, p, rel.parents.get(p));
  for (const p of prevParentSet.keys()) if (!rel.parents.has(p)) mirror(st.ChildKeys, p, undefined);
}

type Deposit = CallContext["deposit"];

/** `persist_pending_chidren_ok`: apply a schedule if it is still consistent; `SetChildren` when it is. */
function applySchedule(
  s: State,
  netuid: number,
  hotkey: Uint8Array,
  children: Edge[],
  deposit?: Deposit,
): void {
  const rel = loadRelations(s, hotkey, netuid, children);
  if (!isRelations(rel)) return;
  persistRelations(s, rel, netuid);
  deposit?.("SubtensorModule", "SetChildren", [hotkey, netuid, children]);
}

/**
 * `do_set_pending_children` for one subnet, or for every subnet when `netuid` is omitted: schedules whose
 * cooldown block is before `blockNumber` (or any, on a subnet that has not started) become ChildKeys/ParentKeys.
 */
export function applyPendingChildKeys(
  s: State,
  blockNumber: number,
  opts: { netuid?: number; deposit?: Deposit } = {},
): void {
  const block = BigInt(blockNumber);
  const netuids =
    opts.netuid !== undefined ? [opts.netuid] : [...st.NetworksAdded.entries(s)].map(([[netuid]]) => netuid);
  for (const netuid of netuids) {
    const started = st.SubtokenEnabled.get(s, netuid);
    const due: Array<[Uint8Array, Edge[]]> = [];
    for (const [[, hotkey], [children, cooldown]] of st.PendingChildKeys.entries(s, netuid))
      if (cooldown < block || !started) due.push([hotkey, children as Edge[]]);
    for (const [hotkey, children] of due) applySchedule(s, netuid, hotkey, children, opts.deposit);
    for (const [hotkey] of due) st.PendingChildKeys.remove(s, netuid, hotkey);
  }
}

const passesRateLimit = (limit: bigint, block: bigint, last: bigint) => last === 0n || block - last >= limit;

/** `do_schedule_children`. */
export function setChildren(
  ctx: CallContext,
  a: { hotkey: Uint8Array; netuid: number; children: Edge[] },
): DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  const s = ctx.state;
  const block = BigInt(ctx.blockNumber);
  const last = st.TransactionKeyLastBlock.get(s, a.hotkey, a.netuid, TX_SET_CHILDREN);
  if (!passesRateLimit(SET_CHILDREN_RATE_LIMIT, block, last)) return E.TxRateLimitExceeded;
  if (a.netuid === ROOT) return E.RegistrationNotPermittedOnRootSubnet;
  if (!subnetExists(s, a.netuid)) return E.SubnetNotExists;
  if (!coldkeyOwnsHotkey(s, coldkey, a.hotkey)) return E.NonAssociatedColdKey;
  const seen = new KeyMap();
  for (const [, child] of a.children) {
    if (seen.has(child)) return E.DuplicateChild;
    seen.set(child, 0n);
  }
  const rel = loadRelations(s, a.hotkey, a.netuid, st.ChildKeys.get(s, a.hotkey, a.netuid) as Edge[]);
  if (!isRelations(rel)) return rel;
  const inconsistent = pendingConsistency(rel, a.children);
  if (inconsistent) return inconsistent;
  const ownerHotkey = st.SubnetOwnerHotkey.tryGet(s, a.netuid);
  if (
    !(
      a.children.length === 0 ||
      totalStakeForHotkey(s, a.hotkey) >= st.StakeThreshold.get(s) ||
      (ownerHotkey !== undefined && bytesEqual(ownerHotkey, a.hotkey))
    )
  )
    return E.NotEnoughStakeToSetChildkeys;
  st.TransactionKeyLastBlock.set(s, a.hotkey, a.netuid, TX_SET_CHILDREN, block);
  if (!st.SubtokenEnabled.get(s, a.netuid)) {
    applySchedule(s, a.netuid, a.hotkey, a.children, ctx.deposit);
    return undefined;
  }
  const cooldownBlock = block + st.PendingChildKeyCooldown.get(s);
  st.PendingChildKeys.set(s, a.netuid, a.hotkey, [a.children, cooldownBlock]);
  ctx.deposit("SubtensorModule", "SetChildrenScheduled", [a.hotkey, a.netuid, cooldownBlock, a.children]);
  return undefined;
}

/** `get_effective_min_childkey_take` (the per-subnet minimum is spec-425 storage not declared here: 0). */
const effectiveMinChildkeyTake = (s: StateReader) => st.MinChildkeyTake.get(s);

/** `do_set_childkey_take`: within [min, max]; an increase waits `TxChildkeyTakeRateLimit` blocks. */
export function setChildkeyTake(
  ctx: CallContext,
  a: { hotkey: Uint8Array; netuid: number; take: number },
): DispatchResult {
  const coldkey = ensureSigned(ctx.origin);
  if (!coldkey) return BadOrigin;
  const s = ctx.state;
  if (!coldkeyOwnsHotkey(s, coldkey, a.hotkey)) return E.NonAssociatedColdKey;
  const min = effectiveMinChildkeyTake(s);
  if (!(a.take >= min && a.take <= st.MaxChildkeyTake.get(s))) return E.InvalidChildkeyTake;
  const stored = st.ChildkeyTake.get(s, a.hotkey, a.netuid);
  const current = stored > min ? stored : min;
  const block = BigInt(ctx.blockNumber);
  if (a.take > current) {
    const last = st.TransactionKeyLastBlock.get(s, a.hotkey, a.netuid, TX_SET_CHILDKEY_TAKE);
    if (!passesRateLimit(st.TxChildkeyTakeRateLimit.get(s), block, last))
      return E.TxChildkeyTakeRateLimitExceeded;
  }
  st.TransactionKeyLastBlock.set(s, a.hotkey, a.netuid, TX_SET_CHILDKEY_TAKE, block);
  st.ChildkeyTake.set(s, a.hotkey, a.netuid, a.take);
  ctx.deposit("SubtensorModule", "ChildKeyTakeSet", [a.hotkey, a.take]);
  return undefined;
}

export function setPendingChildkeyCooldown(ctx: CallContext, a: { cooldown: bigint }): DispatchResult {
  if (!isRoot(ctx)) return BadOrigin;
  st.PendingChildKeyCooldown.set(ctx.state, a.cooldown);
  return undefined;
}

export function sudoSetTxChildkeyTakeRateLimit(
  ctx: CallContext,
  a: { tx_rate_limit: bigint },
): DispatchResult {
  if (!isRoot(ctx)) return BadOrigin;
  st.TxChildkeyTakeRateLimit.set(ctx.state, a.tx_rate_limit);
  ctx.deposit("SubtensorModule", "TxChildKeyTakeRateLimitSet", a.tx_rate_limit);
  return undefined;
}

export function sudoSetMinChildkeyTake(ctx: CallContext, a: { take: number }): DispatchResult {
  if (!isRoot(ctx)) return BadOrigin;
  st.MinChildkeyTake.set(ctx.state, a.take);
  ctx.deposit("SubtensorModule", "MinChildKeyTakeSet", a.take);
  return undefined;
}

export function sudoSetMaxChildkeyTake(ctx: CallContext, a: { take: number }): DispatchResult {
  if (!isRoot(ctx)) return BadOrigin;
  st.MaxChildkeyTake.set(ctx.state, a.take);
  ctx.deposit("SubtensorModule", "MaxChildKeyTakeSet", a.take);
  return undefined;
}
