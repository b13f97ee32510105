// SubtensorModule hash commit-reveal: commit_weights / reveal_weights (and their mechanism and batch forms),
// batch_set_weights, and the refusal of drand-timelocked commits, which need a beacon opentao does not run.
// A commit is blake2-256 of SCALE (hotkey, netuid index, uids, values, salt, version_key); it may be revealed
// only in the epoch `commit epoch + RevealPeriodEpochs` and expires after it; at most 10 are pending per hotkey.
// PERF: a commit or reveal reads and rewrites one hotkey's queue (≤ 10 entries) plus set_weights' checks.

import { blake2_256, bytesEqual } from "@opentao/primitives";
import { AccountId32 } from "../../../frame/common.ts";
import {
  BadOrigin,
  type CallContext,
  type DispatchErrorValue,
  type DispatchResult,
  ensureSigned,
  moduleErrors,
} from "../../../frame/dispatch.ts";
import { Overlay, type State, type StateReader } from "../../../frame/state.ts";
import { T } from "../../../frame/types.ts";
import { mechanismStorageIndex } from "../epoch/storage.ts";
import { storage as st, subtensorPallet } from "../pallet.ts";
import { currentEpochWithLookahead } from "./epochClock.ts";
import { setWeights } from "./setWeights.ts";

const E = moduleErrors(subtensorPallet);

/** Pending commits per hotkey and mechanism (`TooManyUnrevealedCommits` at this many). */
export const MAX_UNREVEALED_COMMITS = 10;

/** A queued commit: (hash, commit epoch, commit block, unused) as WeightCommits stores it. */
type Commit = [Uint8Array, bigint, bigint, bigint];

const preimage = T.tuple(AccountId32, T.u16, T.vec(T.u16), T.vec(T.u16), T.vec(T.u16), T.u64);

/** `get_commit_hash`: BlakeTwo256 of the SCALE-encoded (hotkey, netuid index, uids, values, salt, version_key). */
export function commitHash(
  hotkey: Uint8Array,
  netuidIndex: number,
  uids: readonly number[],
  values: readonly number[],
  salt: readonly number[],
  versionKey: bigint,
): Uint8Array {
  return blake2_256(
    preimage.codec.enc([hotkey, netuidIndex, [...uids], [...values], [...salt], versionKey] as never),
  );
}

function mechanismExists(s: StateReader, netuid: number, mecid: number): boolean {
  return st.NetworksAdded.get(s, netuid) && st.MechanismCountCurrent.get(s, netuid) > mecid;
}

/** `check_rate_limit`: a registered uid whose last update is unset or at least WeightsSetRateLimit ago. */
function passesWeightsRateLimit(s: StateReader, netuid: number, idx: number, uid: number, block: bigint) {
  if (!st.Keys.has(s, netuid, uid)) return false;
  const last = st.LastUpdate.get(s, idx)[uid] ?? 0n;
  return last === 0n || block - last >= st.WeightsSetRateLimit.get(s, netuid);
}

/** `set_last_update_for_uid`: the vector padded to the subnet's size; out-of-range uids are ignored. */
function setLastUpdate(s: State, netuid: number, idx: number, uid: number, block: bigint): void {
  const v = st.LastUpdate.get(s, idx);
  while (v.length < st.SubnetworkN.get(s, netuid)) v.push(0n);
  if (uid >= v.length) return;
  v[uid] = block;
  st.LastUpdate.set(s, idx, v);
}

/** `is_commit_expired`: the commit's reveal epoch has passed. */
function isExpired(s: StateReader, netuid: number, commitEpoch: bigint, block: bigint): boolean {
  return currentEpochWithLookahead(s, netuid, block) > commitEpoch + st.RevealPeriodEpochs.get(s, netuid);
}

/** `is_reveal_block_range`: this is exactly the commit's reveal epoch. */
function inRevealEpoch(s: StateReader, netuid: number, commitEpoch: bigint, block: bigint): boolean {
  return currentEpochWithLookahead(s, netuid, block) === commitEpoch + st.RevealPeriodEpochs.get(s, netuid);
}

/** Drop expired commits from the queue's front; their hashes tell ExpiredWeightCommit from a wrong hash. */
function dropExpired(s: StateReader, netuid: number, commits: Commit[], block: bigint): Uint8Array[] {
  const expired: Uint8Array[] = [];
  while (commits.length > 0 && isExpired(s, netuid, commits[0][1], block)) expired.push(commits.shift()![0]);
  return expired;
}

const missing = (expired: Uint8Array[], hash: Uint8Array): DispatchErrorValue =>
  expired.some((h) => bytesEqual(h, hash)) ? E.ExpiredWeightCommit : E.InvalidRevealCommitHashNotMatch;

/** `internal_commit_weights`: queue a hash for the mechanism's reveal epoch. */
export function commitWeights(
  ctx: CallContext,
  netuid: number,
  mecid: number,
  hash: Uint8Array,
): DispatchResult {
  const s = ctx.state;
  if (!mechanismExists(s, netuid, mecid)) return E.MechanismDoesNotExist;
  const idx = mechanismStorageIndex(netuid, mecid);
  const who = ensureSigned(ctx.origin);
  if (!who) return BadOrigin;
  if (!st.CommitRevealWeightsEnabled.get(s, netuid)) return E.CommitRevealDisabled;
  const uid = st.Uids.tryGet(s, netuid, who);
  if (uid === undefined) return E.HotKeyNotRegisteredInSubNet;
  const block = BigInt(ctx.blockNumber);
  if (!passesWeightsRateLimit(s, netuid, idx, uid, block)) return E.CommittingWeightsTooFast;
  const epoch = currentEpochWithLookahead(s, netuid, block);
  const commits = (st.WeightCommits.tryGet(s, idx, who) ?? []) as Commit[];
  dropExpired(s, netuid, commits, block);
  if (commits.length >= MAX_UNREVEALED_COMMITS) return E.TooManyUnrevealedCommits;
  commits.push([hash, epoch, block, 0n]);
  st.WeightCommits.set(s, idx, who, commits);
  ctx.deposit("SubtensorModule", "WeightsCommitted", [who, idx, hash]);
  setLastUpdate(s, netuid, idx, uid, block);
  return undefined;
}

export interface RevealArgs {
  netuid: number;
  mecid: number;
  uids: number[];
  values: number[];
  salt: number[];
  version_key: bigint;
}

/**
 * `internal_reveal_weights`: the matching commit (and every older one) leaves the queue and the row is set
 * through set_weights' checks; a failure there fails the reveal and keeps the commit.
 */
export function revealWeights(ctx: CallContext, a: RevealArgs): DispatchResult {
  const s = ctx.state;
  const idx = mechanismStorageIndex(a.netuid, a.mecid);
  const who = ensureSigned(ctx.origin);
  if (!who) return BadOrigin;
  if (!st.CommitRevealWeightsEnabled.get(s, a.netuid)) return E.CommitRevealDisabled;
  const commits = st.WeightCommits.tryGet(s, idx, who) as Commit[] | undefined;
  if (!commits) return E.NoWeightsCommitFound;
  const block = BigInt(ctx.blockNumber);
  const expired = dropExpired(s, a.netuid, commits, block);
  const hash = commitHash(who, idx, a.uids, a.values, a.salt, a.version_key);
  if (commits.length === 0)
    return expired.some((h) => bytesEqual(h, hash)) ? E.ExpiredWeightCommit : E.NoWeightsCommitFound;
  const at = commits.findIndex((c) => bytesEqual(c[0], hash));
  if (at < 0) return missing(expired, hash);
  if (!inRevealEpoch(s, a.netuid, commits[at][1], block)) return E.RevealTooEarly;
  commits.splice(0, at + 1);
  if (commits.length === 0) st.WeightCommits.remove(s, idx, who);
  else st.WeightCommits.set(s, idx, who, commits);
  const failed = setWeights(ctx, {
    netuid: a.netuid,
    mecid: a.mecid,
    dests: a.uids,
    weights: a.values,
    version_key: a.version_key,
  });
  if (failed) return failed;
  ctx.deposit("SubtensorModule", "WeightsRevealed", [who, idx, hash]);
  return undefined;
}

export interface BatchRevealArgs {
  netuid: number;
  uids_list: number[][];
  values_list: number[][];
  salts_list: number[][];
  version_keys: bigint[];
}

/**
 * `do_batch_reveal_weights` (main mechanism): every reveal is checked against the queue first, then each
 * matching commit alone is removed and its row set; any failure fails the whole batch.
 */
export function batchRevealWeights(ctx: CallContext, a: BatchRevealArgs): DispatchResult {
  const s = ctx.state;
  const n = a.uids_list.length;
  if (n !== a.values_list.length || n !== a.salts_list.length || n !== a.version_keys.length)
    return E.InputLengthsUnequal;
  const who = ensureSigned(ctx.origin);
  if (!who) return BadOrigin;
  if (!st.CommitRevealWeightsEnabled.get(s, a.netuid)) return E.CommitRevealDisabled;
  const idx = mechanismStorageIndex(a.netuid, 0);
  const commits = st.WeightCommits.tryGet(s, idx, who) as Commit[] | undefined;
  if (!commits) return E.NoWeightsCommitFound;
  const block = BigInt(ctx.blockNumber);
  const expired = dropExpired(s, a.netuid, commits, block);
  const hashes = a.uids_list.map((uids, i) =>
    commitHash(who, a.netuid, uids, a.values_list[i], a.salts_list[i], a.version_keys[i]),
  );
  for (const hash of hashes) {
    const c = commits.find((x) => bytesEqual(x[0], hash));
    if (!c) return missing(expired, hash);
    if (!inRevealEpoch(s, a.netuid, c[1], block)) return E.RevealTooEarly;
  }
  const revealed: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const at = commits.findIndex((x) => bytesEqual(x[0], hashes[i]));
    // A hash given twice matches one commit only: the second reveal finds nothing.
    if (at < 0) return missing(expired, hashes[i]);
    commits.splice(at, 1);
    const failed = setWeights(ctx, {
      netuid: a.netuid,
      mecid: 0,
      dests: a.uids_list[i],
      weights: a.values_list[i],
      version_key: a.version_keys[i],
    });
    if (failed) return failed;
    revealed.push(hashes[i]);
  }
  if (commits.length === 0) st.WeightCommits.remove(s, idx, who);
  else st.WeightCommits.set(s, idx, who, commits);
  ctx.deposit("SubtensorModule", "WeightsBatchRevealed", [who, a.netuid, revealed]);
  return undefined;
}

/**
 * The batch calls' shape: each item runs in its own layer (a failed item leaves nothing), failures are
 * reported as events, and the call itself succeeds.
 */
function runBatch(
  ctx: CallContext,
  who: Uint8Array,
  netuids: number[],
  item: (c: CallContext, i: number) => DispatchResult,
) {
  const errors: DispatchErrorValue[] = [];
  for (let i = 0; i < netuids.length; i++) {
    const layer = new Overlay(ctx.state);
    const error = item({ ...ctx, state: layer }, i);
    if (error) {
      layer.discard();
      errors.push(error);
    } else layer.commit();
  }
  if (errors.length > 0) ctx.deposit("SubtensorModule", "BatchCompletedWithErrors");
  // finney's BatchWeightItemFailed carries the error alone (HEAD added the netuid).
  for (const error of errors) ctx.deposit("SubtensorModule", "BatchWeightItemFailed", error);
  ctx.deposit("SubtensorModule", "BatchWeightsCompleted", [netuids, who]);
}

/** `do_batch_commit_weights`: one commit per subnet (main mechanism). */
export function batchCommitWeights(ctx: CallContext, a: { netuids: number[]; commit_hashes: Uint8Array[] }) {
  const who = ensureSigned(ctx.origin);
  if (!who) return BadOrigin;
  if (a.netuids.length !== a.commit_hashes.length) return E.InputLengthsUnequal;
  runBatch(ctx, who, a.netuids, (c, i) => commitWeights(c, a.netuids[i], 0, a.commit_hashes[i]));
  return undefined;
}

/** `do_batch_set_weights`: one weight row per subnet (main mechanism); commit-reveal subnets refuse theirs. */
export function batchSetWeights(
  ctx: CallContext,
  a: { netuids: number[]; weights: [number, number][][]; version_keys: bigint[] },
): DispatchResult {
  const who = ensureSigned(ctx.origin);
  if (!who) return BadOrigin;
  if (a.netuids.length !== a.weights.length || a.netuids.length !== a.version_keys.length)
    return E.InputLengthsUnequal;
  runBatch(ctx, who, a.netuids, (c, i) => {
    const netuid = a.netuids[i];
    if (st.CommitRevealWeightsEnabled.get(c.state, netuid)) return E.CommitRevealEnabled;
    return setWeights(c, {
      netuid,
      mecid: 0,
      dests: a.weights[i].map(([u]) => u),
      weights: a.weights[i].map(([, v]) => v),
      version_key: a.version_keys[i],
    });
  });
  return undefined;
}

/**
 * Timelocked (drand) commits: opentao runs no drand beacon, so no commit-reveal version is available for
 * them. After HEAD's own leading checks (mechanism, signer, commit-reveal on) they fail with
 * IncorrectCommitRevealVersion, HEAD's answer to a version it cannot accept.
 */
export function commitTimelockedWeights(ctx: CallContext, netuid: number, mecid: number): DispatchResult {
  if (!mechanismExists(ctx.state, netuid, mecid)) return E.MechanismDoesNotExist;
  if (!ensureSigned(ctx.origin)) return BadOrigin;
  if (!st.CommitRevealWeightsEnabled.get(ctx.state, netuid)) return E.CommitRevealDisabled;
  return E.IncorrectCommitRevealVersion;
}

export const commitRevealCalls = {
  batch_set_weights: batchSetWeights,
  commit_weights: (ctx: CallContext, a: { netuid: number; commit_hash: Uint8Array }) =>
    commitWeights(ctx, a.netuid, 0, a.commit_hash),
  commit_mechanism_weights: (
    ctx: CallContext,
    a: { netuid: number; mecid: number; commit_hash: Uint8Array },
  ) => commitWeights(ctx, a.netuid, a.mecid, a.commit_hash),
  batch_commit_weights: batchCommitWeights,
  reveal_weights: (ctx: CallContext, a: Omit<RevealArgs, "mecid">) => revealWeights(ctx, { ...a, mecid: 0 }),
  reveal_mechanism_weights: revealWeights,
  batch_reveal_weights: batchRevealWeights,
  commit_timelocked_weights: (ctx: CallContext, a: { netuid: number }) =>
    commitTimelockedWeights(ctx, a.netuid, 0),
  commit_timelocked_mechanism_weights: (ctx: CallContext, a: { netuid: number; mecid: number }) =>
    commitTimelockedWeights(ctx, a.netuid, a.mecid),
  commit_crv3_mechanism_weights: (ctx: CallContext, a: { netuid: number; mecid: number }) =>
    commitTimelockedWeights(ctx, a.netuid, a.mecid),
};
