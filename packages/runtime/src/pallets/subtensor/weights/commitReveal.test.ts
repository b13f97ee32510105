// Hash commit-reveal through the executive: the commit hash's preimage, commit → reveal in the reveal epoch,
// too early, expired, wrong hash, the 10-commit queue, the commit rate limit, mechanism and batch forms,
// batch_set_weights, timelocked refusals, and no writes when a call fails.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { blake2_256 } from "@opentao/primitives";
import fc from "fast-check";
import { describeError, type Origin } from "../../../frame/dispatch.ts";
import { MemoryState } from "../../../frame/state.ts";
import { storagePrefix } from "../../../frame/storage.ts";
import { pallets, systemEvents } from "../../../runtime/definition.ts";
import { Executive, implementedCalls } from "../../../runtime/executive.ts";
import { storage as system } from "../../system/pallet.ts";
import { storage as st } from "../pallet.ts";
import { commitHash, MAX_UNREVEALED_COMMITS } from "./commitReveal.ts";
import { maxUpscaleToU16 } from "./setWeights.ts";

const NET = 2;
const NET_B = 5;
const TEMPO = 10;
const hk = (i: number) => new Uint8Array(32).fill(i + 1);
const V: Origin = { kind: "signed", who: hk(0) };

function addSubnet(s: MemoryState, netuid: number, n = 3) {
  st.NetworksAdded.set(s, netuid, true);
  st.SubnetworkN.set(s, netuid, n);
  for (let uid = 0; uid < n; uid++) {
    st.Keys.set(s, netuid, uid, hk(uid));
    st.Uids.set(s, netuid, hk(uid), uid);
  }
  st.ValidatorPermit.set(s, netuid, [true, false, false]);
  st.MinAllowedWeights.set(s, netuid, 1);
  st.WeightsSetRateLimit.set(s, netuid, 0n);
  st.CommitRevealWeightsEnabled.set(s, netuid, true);
  st.Tempo.set(s, netuid, TEMPO);
  st.TotalHotkeyAlpha.set(s, hk(0), netuid, 1_000_000n);
}

/** Subnet NET at epoch 5, whose last epoch ran at block 995 (tempo 10), at block 1000. */
function chain() {
  const s = new MemoryState();
  const ex = new Executive();
  ex.initializeBlock(s, { number: 1_000, parentHash: new Uint8Array(32) });
  addSubnet(s, NET);
  st.SubnetEpochIndex.set(s, NET, 5n);
  st.LastEpochBlock.set(s, NET, 995n);
  return { s, ex };
}
type Chain = ReturnType<typeof chain>;

/** Move to `block` after `epochs` more epochs ran (the last at the block before), hooks left out. */
function advance(c: Chain, epochs: number, block: number) {
  system.Number.set(c.s, block);
  st.SubnetEpochIndex.set(c.s, NET, st.SubnetEpochIndex.get(c.s, NET) + BigInt(epochs));
  st.LastEpochBlock.set(c.s, NET, BigInt(block - 1));
}

function run(c: Chain, name: string, value: object, origin: Origin = V): string {
  const e = c.ex.applyCall(c.s, 0, origin, { type: "SubtensorModule", value: { type: name, value } });
  return e ? describeError(e, pallets) : "ok";
}
const lastEvents = (c: Chain, n: number) =>
  systemEvents
    .get(c.s)
    .slice(-n - 1, -1)
    .map((r) => r.event.value.type);
function subtensorState(s: MemoryState): Map<string, string> {
  const prefix = storagePrefix("SubtensorModule", "Tempo").subarray(0, 16);
  const out = new Map<string, string>();
  for (const k of s.keys(prefix))
    out.set(Buffer.from(k).toString("hex"), Buffer.from(s.get(k)!).toString("hex"));
  return out;
}
function failsCleanly(c: Chain, name: string, value: object, error: string, origin: Origin = V) {
  const before = subtensorState(c.s);
  assert.equal(run(c, name, value, origin), error);
  assert.deepEqual(subtensorState(c.s), before, `${name} wrote state although it failed`);
}

const row = { uids: [1, 2], values: [1, 3], salt: [9, 8, 7], version_key: 0n };
const hashOf = (r = row, netuidIndex = NET, who = hk(0)) =>
  commitHash(who, netuidIndex, r.uids, r.values, r.salt, r.version_key);

describe("registration", () => {
  test("the executive dispatches every weights call", () => {
    const names = new Set(
      implementedCalls()
        .filter(([p]) => p === "SubtensorModule")
        .map(([, c]) => c),
    );
    for (const name of [
      "batch_set_weights",
      "commit_weights",
      "commit_mechanism_weights",
      "batch_commit_weights",
      "reveal_weights",
      "reveal_mechanism_weights",
      "batch_reveal_weights",
      "commit_timelocked_weights",
      "commit_timelocked_mechanism_weights",
      "commit_crv3_mechanism_weights",
    ])
      assert.ok(names.has(name), name);
  });
});

describe("commit hash", () => {
  test("blake2-256 of SCALE (AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)", () => {
    const le16 = (x: number) => [x & 0xff, x >> 8];
    const vec16 = (v: number[]) => [v.length << 2, ...v.flatMap(le16)]; // compact length < 64
    const bytes = Uint8Array.from([
      ...hk(0),
      ...le16(4098),
      ...vec16([1, 300]),
      ...vec16([65535, 7]),
      ...vec16([42]),
      ...[5, 1, 0, 0, 0, 0, 0, 0], // 261 as u64 LE
    ]);
    assert.deepEqual(commitHash(hk(0), 4098, [1, 300], [65535, 7], [42], 261n), blake2_256(bytes));
    assert.notDeepEqual(commitHash(hk(0), 4098, [1, 300], [65535, 7], [43], 261n), blake2_256(bytes));
  });
});

describe("commit → reveal", () => {
  test("a commit is revealed in epoch commit + RevealPeriodEpochs and sets the row", () => {
    const c = chain();
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf() }), "ok");
    assert.deepEqual(st.WeightCommits.get(c.s, NET, hk(0)), [[hashOf(), 5n, 1_000n, 0n]]);
    assert.deepEqual(st.LastUpdate.get(c.s, NET), [1_000n, 0n, 0n]);
    assert.deepEqual(lastEvents(c, 1), ["WeightsCommitted"]);
    // Same epoch: too early, and nothing changes.
    failsCleanly(c, "reveal_weights", { netuid: NET, ...row }, "SubtensorModule.RevealTooEarly");
    advance(c, 1, 1_006);
    assert.equal(run(c, "reveal_weights", { netuid: NET, ...row }), "ok");
    assert.deepEqual(st.Weights.get(c.s, NET, 0), [
      [1, 21845],
      [2, 65535],
    ]);
    assert.equal(st.WeightCommits.tryGet(c.s, NET, hk(0)), undefined);
    assert.deepEqual(lastEvents(c, 2), ["WeightsSet", "WeightsRevealed"]);
    // Commit-reveal leaves LastUpdate to the commit.
    assert.deepEqual(st.LastUpdate.get(c.s, NET), [1_000n, 0n, 0n]);
  });

  test("a commit made in the block its epoch runs counts for the next epoch", () => {
    const c = chain();
    system.Number.set(c.s, 1_005); // 1005 − 995 ≥ tempo: this block runs epoch 6
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf() }), "ok");
    assert.equal(st.WeightCommits.get(c.s, NET, hk(0))[0][1], 6n);
  });

  test("a longer reveal period moves the reveal epoch", () => {
    const c = chain();
    st.RevealPeriodEpochs.set(c.s, NET, 2n);
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf() }), "ok");
    advance(c, 1, 1_006);
    assert.equal(run(c, "reveal_weights", { netuid: NET, ...row }), "SubtensorModule.RevealTooEarly");
    advance(c, 1, 1_016);
    assert.equal(run(c, "reveal_weights", { netuid: NET, ...row }), "ok");
  });

  test("after the reveal epoch the commit is expired", () => {
    const c = chain();
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf() }), "ok");
    advance(c, 2, 1_016);
    failsCleanly(c, "reveal_weights", { netuid: NET, ...row }, "SubtensorModule.ExpiredWeightCommit");
    // A hash never committed, with only expired commits left.
    failsCleanly(
      c,
      "reveal_weights",
      { netuid: NET, ...row, salt: [1] },
      "SubtensorModule.NoWeightsCommitFound",
    );
  });

  test("a wrong hash, no commit, commit-reveal off", () => {
    const c = chain();
    failsCleanly(c, "reveal_weights", { netuid: NET, ...row }, "SubtensorModule.NoWeightsCommitFound");
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf() }), "ok");
    advance(c, 1, 1_006);
    for (const bad of [{ salt: [9, 8] }, { values: [1, 4] }, { version_key: 1n }])
      failsCleanly(
        c,
        "reveal_weights",
        { netuid: NET, ...row, ...bad },
        "SubtensorModule.InvalidRevealCommitHashNotMatch",
      );
    // Another hotkey cannot reveal it: its own queue is empty.
    failsCleanly(c, "reveal_weights", { netuid: NET, ...row }, "SubtensorModule.NoWeightsCommitFound", {
      kind: "signed",
      who: hk(1),
    });
    st.CommitRevealWeightsEnabled.set(c.s, NET, false);
    failsCleanly(c, "reveal_weights", { netuid: NET, ...row }, "SubtensorModule.CommitRevealDisabled");
    failsCleanly(
      c,
      "commit_weights",
      { netuid: NET, commit_hash: hashOf() },
      "SubtensorModule.CommitRevealDisabled",
    );
  });

  test("a reveal whose row fails set_weights' checks fails and keeps the commit", () => {
    const c = chain();
    const dup = { ...row, uids: [1, 1] };
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf(dup) }), "ok");
    advance(c, 1, 1_006);
    failsCleanly(c, "reveal_weights", { netuid: NET, ...dup }, "SubtensorModule.DuplicateUids");
    assert.equal(st.WeightCommits.get(c.s, NET, hk(0)).length, 1);
  });

  test("revealing a later commit drops the older ones before it", () => {
    const c = chain();
    const other = { ...row, salt: [1] };
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf(other) }), "ok");
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf() }), "ok");
    const third = { ...row, salt: [2] };
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf(third) }), "ok");
    advance(c, 1, 1_006);
    assert.equal(run(c, "reveal_weights", { netuid: NET, ...row }), "ok");
    assert.deepEqual(
      st.WeightCommits.get(c.s, NET, hk(0)).map((x) => x[0]),
      [hashOf(third)],
    );
  });
});

describe("property", () => {
  test("any committed row reveals to its max-upscaled row; any other salt does not open it", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 8 }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        (uids, allValues, salt, version_key) => {
          const c = chain();
          addSubnet(c.s, NET, 6);
          st.ValidatorPermit.set(c.s, NET, [true, true, true, true, true, true]);
          const r = { uids, values: allValues.slice(0, uids.length), salt, version_key };
          assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf(r) }), "ok");
          advance(c, 1, 1_006);
          assert.equal(
            run(c, "reveal_weights", { netuid: NET, ...r, salt: [...salt, 1] }),
            "SubtensorModule.InvalidRevealCommitHashNotMatch",
          );
          assert.equal(run(c, "reveal_weights", { netuid: NET, ...r }), "ok");
          const up = maxUpscaleToU16(r.values);
          assert.deepEqual(
            st.Weights.get(c.s, NET, 0),
            uids.map((u, i) => [u, up[i]]),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("commit limits", () => {
  test("commits are rate-limited by WeightsSetRateLimit through LastUpdate", () => {
    const c = chain();
    st.WeightsSetRateLimit.set(c.s, NET, 3n);
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf() }), "ok");
    system.Number.set(c.s, 1_002);
    failsCleanly(
      c,
      "commit_weights",
      { netuid: NET, commit_hash: hashOf({ ...row, salt: [3] }) },
      "SubtensorModule.CommittingWeightsTooFast",
    );
    system.Number.set(c.s, 1_003);
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf({ ...row, salt: [3] }) }), "ok");
  });

  test("at most 10 unrevealed commits; expired ones make room", () => {
    const c = chain();
    for (let i = 0; i < MAX_UNREVEALED_COMMITS; i++)
      assert.equal(
        run(c, "commit_weights", { netuid: NET, commit_hash: hashOf({ ...row, salt: [i] }) }),
        "ok",
      );
    failsCleanly(
      c,
      "commit_weights",
      { netuid: NET, commit_hash: hashOf({ ...row, salt: [99] }) },
      "SubtensorModule.TooManyUnrevealedCommits",
    );
    advance(c, 2, 1_016);
    assert.equal(
      run(c, "commit_weights", { netuid: NET, commit_hash: hashOf({ ...row, salt: [99] }) }),
      "ok",
    );
    assert.equal(st.WeightCommits.get(c.s, NET, hk(0)).length, 1);
  });

  test("unregistered hotkeys and missing subnets", () => {
    const c = chain();
    failsCleanly(
      c,
      "commit_weights",
      { netuid: NET, commit_hash: hashOf() },
      "SubtensorModule.HotKeyNotRegisteredInSubNet",
      { kind: "signed", who: hk(7) },
    );
    failsCleanly(
      c,
      "commit_weights",
      { netuid: 9, commit_hash: hashOf() },
      "SubtensorModule.MechanismDoesNotExist",
    );
    failsCleanly(c, "commit_weights", { netuid: NET, commit_hash: hashOf() }, "BadOrigin", { kind: "root" });
  });
});

describe("mechanisms", () => {
  test("commit_mechanism_weights / reveal_mechanism_weights use the mechanism's storage index", () => {
    const c = chain();
    const idx = 4096 + NET;
    const args = { netuid: NET, mecid: 1, commit_hash: hashOf(row, idx) };
    failsCleanly(c, "commit_mechanism_weights", args, "SubtensorModule.MechanismDoesNotExist");
    st.MechanismCountCurrent.set(c.s, NET, 2);
    assert.equal(run(c, "commit_mechanism_weights", args), "ok");
    assert.equal(st.WeightCommits.get(c.s, idx, hk(0)).length, 1);
    advance(c, 1, 1_006);
    // The main mechanism's hash does not open it.
    assert.equal(
      run(c, "reveal_mechanism_weights", { netuid: NET, mecid: 0, ...row }),
      "SubtensorModule.NoWeightsCommitFound",
    );
    assert.equal(run(c, "reveal_mechanism_weights", { netuid: NET, mecid: 1, ...row }), "ok");
    assert.deepEqual(st.Weights.get(c.s, idx, 0), [
      [1, 21845],
      [2, 65535],
    ]);
    assert.deepEqual(st.Weights.get(c.s, NET, 0), []);
  });
});

describe("batches", () => {
  test("batch_reveal_weights reveals several commits at once", () => {
    const c = chain();
    const r2 = { uids: [2], values: [5], salt: [4], version_key: 0n };
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf() }), "ok");
    assert.equal(run(c, "commit_weights", { netuid: NET, commit_hash: hashOf(r2) }), "ok");
    advance(c, 1, 1_006);
    const batch = (rows: (typeof row)[]) => ({
      netuid: NET,
      uids_list: rows.map((r) => r.uids),
      values_list: rows.map((r) => r.values),
      salts_list: rows.map((r) => r.salt),
      version_keys: rows.map((r) => r.version_key),
    });
    failsCleanly(
      c,
      "batch_reveal_weights",
      { ...batch([row, r2]), version_keys: [0n] },
      "SubtensorModule.InputLengthsUnequal",
    );
    failsCleanly(
      c,
      "batch_reveal_weights",
      batch([row, { ...r2, salt: [5] }]),
      "SubtensorModule.InvalidRevealCommitHashNotMatch",
    );
    assert.equal(run(c, "batch_reveal_weights", batch([r2, row])), "ok");
    // Both rows were set, the last one stays.
    assert.deepEqual(st.Weights.get(c.s, NET, 0), [
      [1, 21845],
      [2, 65535],
    ]);
    assert.equal(st.WeightCommits.tryGet(c.s, NET, hk(0)), undefined);
    const ev = systemEvents.get(c.s).at(-2)!.event.value;
    assert.equal(ev.type, "WeightsBatchRevealed");
    assert.deepEqual(ev.value, [hk(0), NET, [hashOf(r2), hashOf()]]);
  });

  test("batch_commit_weights: failed items are reported, the others stay", () => {
    const c = chain();
    addSubnet(c.s, NET_B);
    st.CommitRevealWeightsEnabled.set(c.s, NET_B, false);
    failsCleanly(
      c,
      "batch_commit_weights",
      { netuids: [NET], commit_hashes: [] },
      "SubtensorModule.InputLengthsUnequal",
    );
    assert.equal(
      run(c, "batch_commit_weights", {
        netuids: [NET, NET_B],
        commit_hashes: [hashOf(), hashOf(row, NET_B)],
      }),
      "ok",
    );
    assert.equal(st.WeightCommits.get(c.s, NET, hk(0)).length, 1);
    assert.equal(st.WeightCommits.tryGet(c.s, NET_B, hk(0)), undefined);
    assert.deepEqual(lastEvents(c, 4), [
      "WeightsCommitted",
      "BatchCompletedWithErrors",
      "BatchWeightItemFailed",
      "BatchWeightsCompleted",
    ]);
    const failed = systemEvents.get(c.s).at(-3)!.event.value.value as never;
    assert.equal(describeError(failed, pallets), "SubtensorModule.CommitRevealDisabled");
  });

  test("batch_set_weights: commit-reveal subnets refuse their row, others are set", () => {
    const c = chain();
    addSubnet(c.s, NET_B);
    st.CommitRevealWeightsEnabled.set(c.s, NET_B, false);
    const args = {
      netuids: [NET, NET_B],
      weights: [
        [[1, 1]],
        [
          [1, 1],
          [2, 3],
        ],
      ],
      version_keys: [0n, 0n],
    };
    failsCleanly(
      c,
      "batch_set_weights",
      { ...args, version_keys: [0n] },
      "SubtensorModule.InputLengthsUnequal",
    );
    assert.equal(run(c, "batch_set_weights", args), "ok");
    assert.deepEqual(st.Weights.get(c.s, NET_B, 0), [
      [1, 21845],
      [2, 65535],
    ]);
    assert.deepEqual(st.Weights.get(c.s, NET, 0), []);
    const failed = systemEvents.get(c.s).at(-3)!.event.value.value as never;
    assert.equal(describeError(failed, pallets), "SubtensorModule.CommitRevealEnabled");
  });
});

describe("timelocked commits", () => {
  test("are refused with IncorrectCommitRevealVersion after HEAD's leading checks", () => {
    const c = chain();
    const commit = new Uint8Array([1, 2, 3]);
    failsCleanly(
      c,
      "commit_timelocked_weights",
      { netuid: NET, commit, reveal_round: 1n, commit_reveal_version: 4 },
      "SubtensorModule.IncorrectCommitRevealVersion",
    );
    failsCleanly(
      c,
      "commit_crv3_mechanism_weights",
      { netuid: NET, mecid: 0, commit, reveal_round: 1n },
      "SubtensorModule.IncorrectCommitRevealVersion",
    );
    failsCleanly(
      c,
      "commit_timelocked_mechanism_weights",
      { netuid: NET, mecid: 1, commit, reveal_round: 1n, commit_reveal_version: 4 },
      "SubtensorModule.MechanismDoesNotExist",
    );
    st.CommitRevealWeightsEnabled.set(c.s, NET, false);
    failsCleanly(
      c,
      "commit_timelocked_weights",
      { netuid: NET, commit, reveal_round: 1n, commit_reveal_version: 4 },
      "SubtensorModule.CommitRevealDisabled",
    );
  });
});
