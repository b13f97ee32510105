// A new subnet's owner hotkey gets every root validator as a 100 % parent (HEAD's
// `do_set_root_validators_for_subnet`): each root member that has not opted out schedules the owner hotkey
// as its only child on the subnet, through the same checks as set_children; a refused one is skipped.
// PERF: O(root members × their parent/child links) once per subnet registration.

import { bytesEqual, U64F64 } from "@opentao/primitives";
import type { CallContext } from "../../../frame/dispatch.ts";
import type { State, StateReader } from "../../../frame/state.ts";
import { storage as st } from "../storage.ts";
import { coldkeyOwnsHotkey } from "./accounts.ts";
import { currentAlphaPrice } from "./registerNetwork.ts";

const U64_MAX = (1n << 64n) - 1n;
/** `TransactionType::SetChildren`: its rate-limit key and its limit in blocks. */
const SET_CHILDREN_TX = 0;
const SET_CHILDREN_RATE_LIMIT = 150n;

type Edge = [bigint, Uint8Array];
const hexOf = (a: Uint8Array) => Buffer.from(a).toString("hex");
const without = (edges: Edge[], who: Uint8Array) => edges.filter(([, k]) => !bytesEqual(k, who));

/** `get_total_stake_for_hotkey`: Σ over subnets of its alpha at the spot price, U64F64, floored. */
export function totalStakeForHotkey(s: StateReader, hotkey: Uint8Array): bigint {
  let sum = 0n;
  for (const [[netuid]] of st.NetworksAdded.entries(s)) {
    const alpha = U64F64.fromInt(st.TotalHotkeyAlpha.get(s, hotkey, netuid));
    sum = U64F64.saturatingAdd(sum, U64F64.saturatingMul(alpha, currentAlphaPrice(s, netuid)));
  }
  return U64F64.toU64(sum);
}

function upsert(edges: Edge[], p: bigint, who: Uint8Array): Edge[] {
  const i = edges.findIndex(([, k]) => bytesEqual(k, who));
  if (i >= 0) edges[i] = [p, who];
  else edges.push([p, who]);
  return edges;
}

function setEdges(s: State, item: typeof st.ChildKeys, who: Uint8Array, netuid: number, edges: Edge[]): void {
  if (edges.length === 0) item.remove(s, who, netuid);
  else item.set(s, who, netuid, edges);
}

/** `persist_child_parent_relations` for `pivot` with new children and its (unchanged) parents. */
function persist(s: State, pivot: Uint8Array, netuid: number, children: Edge[], parents: Edge[]): void {
  const prevChildren = st.ChildKeys.get(s, pivot, netuid);
  setEdges(s, st.ChildKeys, pivot, netuid, children);
  for (const [p, child] of children)
    setEdges(s, st.ParentKeys, child, netuid, upsert(st.ParentKeys.get(s, child, netuid), p, pivot));
  for (const [, old] of prevChildren) {
    if (children.some(([, c]) => bytesEqual(c, old))) continue;
    setEdges(s, st.ParentKeys, old, netuid, without(st.ParentKeys.get(s, old, netuid), pivot));
  }
  // Parents are rewritten in account order (a BTreeMap on chain); each parent's edge to the pivot refreshed.
  const sorted = [...parents].sort((a, b) => (hexOf(a[1]) < hexOf(b[1]) ? -1 : 1));
  setEdges(s, st.ParentKeys, pivot, netuid, sorted);
  for (const [p, parent] of sorted)
    setEdges(s, st.ChildKeys, parent, netuid, upsert(st.ChildKeys.get(s, parent, netuid), p, pivot));
}

export function setRootValidatorsForSubnet(ctx: CallContext, netuid: number): void {
  const s = ctx.state;
  const owner = st.SubnetOwnerHotkey.tryGet(s, netuid);
  if (netuid === 0 || !owner) return;
  const now = BigInt(ctx.blockNumber);
  const threshold = st.StakeThreshold.get(s);
  for (const [, root] of [...st.Keys.entries(s, 0)]) {
    if (bytesEqual(root, owner) || !st.AutoParentDelegationEnabled.get(s, root)) continue;
    if (!st.Owner.has(s, root) || !coldkeyOwnsHotkey(s, st.Owner.get(s, root), root)) continue;
    const last = st.TransactionKeyLastBlock.get(s, root, netuid, SET_CHILDREN_TX);
    if (last !== 0n && (now > last ? now - last : 0n) < SET_CHILDREN_RATE_LIMIT) continue;
    // Relations around the root validator: its current children and parents (self-links dropped).
    const children = without(st.ChildKeys.get(s, root, netuid), root);
    const parents = without(st.ParentKeys.get(s, root, netuid), root);
    const overlaps = (a: Edge[], b: Edge[]) => a.some(([, x]) => b.some(([, y]) => bytesEqual(x, y)));
    if (children.reduce((t, [p]) => t + p, 0n) > U64_MAX || overlaps(children, parents)) continue;
    const next: Edge[] = [[U64_MAX, owner]];
    if (overlaps(next, parents)) continue;
    if (threshold > 0n && totalStakeForHotkey(s, root) < threshold) continue;
    st.TransactionKeyLastBlock.set(s, root, netuid, SET_CHILDREN_TX, now);
    if (!st.SubtokenEnabled.get(s, netuid)) {
      persist(s, root, netuid, next, parents);
      ctx.deposit("SubtensorModule", "SetChildren", [root, netuid, next]);
    } else {
      const cooldown = now + st.PendingChildKeyCooldown.get(s);
      st.PendingChildKeys.set(s, netuid, root, [next, cooldown]);
      ctx.deposit("SubtensorModule", "SetChildrenScheduled", [root, netuid, cooldown, next]);
    }
  }
}
