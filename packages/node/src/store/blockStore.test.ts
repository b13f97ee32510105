// The block store against an in-memory model: state reads at every retained block after many writes,
// pruning, commitments, heads, reopening, and the refusals (pruned state, stale stage, wrong state root).

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { blake2_256 } from "@opentao/primitives";
import { Overlay } from "@opentao/runtime";
import fc from "fast-check";
import { BlockStore, type StoreError } from "./blockStore.ts";
import { type HexHash, toHex } from "./codec.ts";
import { stateRootOf } from "./commitment.ts";
import { PendingState } from "./pending.ts";
import { commitChanges, genesisHeader, makeHeader, randomChanges, rng, storageKey } from "./testChain.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const bytes = (h: string) => new Uint8Array(Buffer.from(h, "hex"));
type Model = Map<string, Uint8Array>;

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), "store-test-"));
  dirs.push(d);
  return d;
}

/** Keys chosen to stress ordering: prefixes of one another, zero and 0xff bytes, storage-length keys. */
const KEYS = [
  [1],
  [1, 0],
  [1, 0, 0],
  [1, 0, 0, 0, 0, 0, 0, 2],
  [1, 0, 0, 0, 1],
  [1, 1],
  [1, 0xff],
  [2],
  [2, 0, 0xff],
  [0],
  [0, 0],
  [0xff],
  [0xff, 0xff, 1],
  ...[0, 1, 2, 5].map((i) => [...storageKey(i)]),
].map((k) => new Uint8Array(k));
const PREFIXES = [[], [1], [1, 0], [1, 0, 0], [2], [0], [0xff], [0xff, 0xff], [3], [0x10], [0x11]].map(
  (p) => new Uint8Array(p),
);

function modelKeys(m: Model, prefix: Uint8Array, after?: Uint8Array): string[] {
  const p = hex(prefix);
  const a = after && hex(after);
  return [...m.keys()].filter((k) => k.startsWith(p) && (a === undefined || k > a)).sort();
}

/** Every get, and keys() for every prefix with several `after`s, at one block against the model. */
function assertStateEquals(store: BlockStore, hash: HexHash, model: Model, label: string): void {
  const view = store.stateAt(hash);
  for (const k of KEYS) {
    const got = view.get(k);
    const want = model.get(hex(k));
    assert.equal(got && hex(got), want && hex(want), `${label}: get ${hex(k)}`);
  }
  for (const p of PREFIXES) {
    for (const a of [undefined, new Uint8Array(), ...KEYS.slice(0, 8), new Uint8Array([1, 0, 0, 0])]) {
      const got = [...view.keys(p, a)].map(hex);
      assert.deepEqual(got, modelKeys(model, p, a), `${label}: keys ${hex(p)} after ${a && hex(a)}`);
    }
  }
  const entries = [...view.entries()].map(([k, v]) => [hex(k), hex(v)]);
  assert.deepEqual(
    entries,
    [...model].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, hex(v)]),
    `${label}: entries`,
  );
}

const rootOf = (m: Model): HexHash => toHex(stateRootOf([...m].map(([k, v]) => [bytes(k), v] as const)));

const opArb = fc.tuple(
  fc.integer({ min: 0, max: KEYS.length - 1 }),
  fc.option(fc.uint8Array({ maxLength: 12 }), { nil: null, freq: 3 }),
);

describe("BlockStore state against a model", () => {
  test("get, keys and entries at every retained block equal the model; older blocks are pruned", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: KEYS.length - 1 }), fc.uint8Array({ maxLength: 6 }))),
        fc.array(fc.array(opArb, { maxLength: 8 }), { minLength: 1, maxLength: 12 }),
        async (retention, genesisOps, blocks) => {
          const store = await BlockStore.open({ tmp: true, stateRetention: retention });
          try {
            const genesis: Model = new Map();
            for (const [i, v] of genesisOps) genesis.set(hex(KEYS[i]), v);
            const g = store.initGenesis(
              genesisHeader(stateRootOf([...genesis].map(([k, v]) => [bytes(k), v] as const))),
              [...genesis].map(([k, v]) => [bytes(k), v] as const),
            );
            const models: Model[] = [genesis];
            const hashes: HexHash[] = [g.hash];
            // A view taken at genesis must keep answering for genesis while blocks are added on top.
            const genesisView = store.stateAt(g.hash);
            for (const ops of blocks) {
              const m = new Map(models[models.length - 1]);
              for (const [i, v] of ops) {
                if (v === null) m.delete(hex(KEYS[i]));
                else m.set(hex(KEYS[i]), v);
              }
              const ref = commitChanges(
                store,
                ops.map(([i, v]) => [KEYS[i], v]),
              );
              models.push(m);
              hashes.push(ref.hash);
              assert.equal(ref.number, models.length - 1);
              assert.equal(
                store.blockInfo(ref.hash)?.stateRoot,
                rootOf(m),
                "header root = from-scratch root",
              );
              const best = ref.number;
              const oldest = Math.max(0, best - retention + 1);
              assert.equal(store.oldestState, oldest);
              for (let n = oldest; n <= best; n++)
                assertStateEquals(store, hashes[n], models[n], `#${n}/${best}`);
              for (let n = 0; n < oldest; n++)
                assert.throws(
                  () => store.stateAt(hashes[n]),
                  (e: StoreError) => e.code === "StatePruned" && /pruned/.test(e.message),
                );
              if (oldest > 0) assert.throws(() => genesisView.get(KEYS[0]), /pruned/);
              else
                assert.deepEqual(
                  [...genesisView.keys(new Uint8Array())].map(hex),
                  modelKeys(genesis, new Uint8Array()),
                );
            }
            store.verifyChain();
            store.verifyState();
            store.verifyState(hashes[store.oldestState]);
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  test("random storage-sized blocks: reads at random retained blocks after 300 blocks", async () => {
    const store = await BlockStore.open({ tmp: true, stateRetention: 64 });
    try {
      const r = rng(7);
      const genesis = randomChanges(r, 400, 300).filter(([, v]) => v !== null) as Array<
        [Uint8Array, Uint8Array]
      >;
      const gm: Model = new Map();
      for (const [k, v] of genesis) gm.set(hex(k), v);
      const g = store.initGenesis(
        genesisHeader(stateRootOf([...gm].map(([k, v]) => [bytes(k), v] as const))),
        [...gm].map(([k, v]) => [bytes(k), v] as const),
      );
      const models: Model[] = [gm];
      const hashes: HexHash[] = [g.hash];
      for (let n = 1; n <= 300; n++) {
        const changes = randomChanges(r, 400, 1 + Math.floor(r() * 40));
        const m = new Map(models[n - 1]);
        for (const [k, v] of changes) {
          if (v === null) m.delete(hex(k));
          else m.set(hex(k), v);
        }
        hashes.push(commitChanges(store, changes).hash);
        models.push(m);
      }
      for (let i = 0; i < 20; i++) {
        const n = 300 - Math.floor(r() * 64);
        const view = store.stateAt(hashes[n]);
        for (let j = 0; j < 400; j += 7) {
          const k = storageKey(j);
          const want = models[n].get(hex(k));
          const got = view.get(k);
          assert.equal(got && hex(got), want && hex(want), `#${n} key ${j}`);
        }
        const prefix = storageKey(i % 4).subarray(0, 32);
        const afterKey = storageKey(i * 13);
        assert.deepEqual([...view.keys(prefix, afterKey)].map(hex), modelKeys(models[n], prefix, afterKey));
      }
      assert.throws(() => store.stateAt(hashes[300 - 64]), /pruned/);
      assert.equal(store.verifyState(hashes[300 - 63]).entries, models[300 - 63].size);
    } finally {
      await store.close();
    }
  });

  test("a keys() iteration started before a commit finishes on the state it started on", async () => {
    const store = await BlockStore.open({ tmp: true, stateRetention: 4 });
    try {
      const entries = KEYS.map((k, i) => [k, new Uint8Array([i])] as const);
      store.initGenesis(genesisHeader(stateRootOf(entries)), entries);
      for (const atBest of [true, false]) {
        if (!atBest) commitChanges(store, [[KEYS[0], new Uint8Array([9])]]);
        const view = store.stateAt(atBest ? undefined : store.hashAt(store.best().number - 1));
        const before = [...view.keys(new Uint8Array())].map(hex);
        const it = view.keys(new Uint8Array())[Symbol.iterator]();
        const got = [hex(it.next().value as Uint8Array)];
        // Delete every key and add new ones under the open iterator.
        commitChanges(store, [
          ...KEYS.map((k) => [k, null] as const),
          [new Uint8Array([0x42]), new Uint8Array([1])],
        ]);
        for (let x = it.next(); !x.done; x = it.next()) got.push(hex(x.value));
        assert.deepEqual(got, before);
      }
    } finally {
      await store.close();
    }
  });
});

describe("BlockStore blocks and heads", () => {
  test("headers, bodies, number index, best and finalized heads", async () => {
    const store = await BlockStore.open({ tmp: true });
    try {
      assert.equal(store.initialised, false);
      assert.throws(
        () => store.best(),
        (e: StoreError) => e.code === "NotInitialised",
      );
      const g = store.initGenesis(genesisHeader(stateRootOf([])), []);
      assert.equal(store.genesisHash, g.hash);
      assert.equal(g.hash, toHex(blake2_256(store.header(g.hash) as Uint8Array)));
      const xts = [new Uint8Array([0x0c, 1, 2, 3]), new Uint8Array(), new Uint8Array(300).fill(7)];
      const b1 = commitChanges(store, [[KEYS[0], new Uint8Array([1])]], xts);
      assert.deepEqual(store.best(), { hash: b1.hash, number: 1 });
      assert.deepEqual(store.finalized(), store.best());
      assert.deepEqual(
        store.body(b1.hash)?.map((x) => hex(x)),
        xts.map((x) => hex(x)),
      );
      assert.deepEqual(store.body(g.hash), []);
      assert.equal(store.hashAt(0), g.hash);
      assert.equal(store.hashAt(1), b1.hash);
      assert.equal(store.hashAt(2), undefined);
      assert.equal(store.hashAt(-1), undefined);
      assert.equal(store.hashAt(1.5), undefined);
      assert.equal(store.numberOf(b1.hash), 1);
      assert.equal(store.blockInfo(b1.hash)?.parentHash, g.hash);
      const unknown = toHex(new Uint8Array(32).fill(9));
      assert.equal(store.header(unknown), undefined);
      assert.equal(store.body(unknown), undefined);
      assert.throws(
        () => store.stateAt(unknown),
        (e: StoreError) => e.code === "UnknownBlock",
      );
      assert.throws(() => store.header("0x12" as HexHash), TypeError);

      // Finality kept as its own head: a block committed with finalize:false leaves it behind.
      const best = store.best();
      const staged = store.stage(best.hash, [[KEYS[1], new Uint8Array([2])]]);
      const b2 = store.commitBlock(staged, makeHeader(best.hash, 2, staged.stateRoot), [], {
        finalize: false,
      });
      assert.equal(store.best().hash, b2.hash);
      assert.equal(store.finalized().hash, b1.hash);
      assert.deepEqual(store.finalize(b2.hash), { hash: b2.hash, number: 2 });
      assert.equal(store.finalized().hash, b2.hash);
      assert.throws(() => store.finalize(b1.hash), /below the finalized head/);
      store.verifyChain();
    } finally {
      await store.close();
    }
  });

  test("keeps every block's hash and header, far beyond the state window", async () => {
    const store = await BlockStore.open({ tmp: true, stateRetention: 2 });
    try {
      store.initGenesis(genesisHeader(stateRootOf([])), []);
      const hashes = [store.genesisHash];
      for (let n = 1; n <= 2500; n++) hashes.push(commitChanges(store, [[KEYS[n % 5], u32(n)]]).hash);
      for (const n of [0, 1, 100, 2499 - 2400, 2500]) {
        assert.equal(store.hashAt(n), hashes[n]);
        assert.equal(store.numberOf(hashes[n]), n);
      }
      assert.equal(store.verifyChain().blocks, 2501);
      assert.equal(store.oldestState, 2499);
    } finally {
      await store.close();
    }
  });

  test("refuses: a parent that is not best, a stale stage, a wrong state root, a bad header", async () => {
    const store = await BlockStore.open({ tmp: true });
    try {
      const g = store.initGenesis(genesisHeader(stateRootOf([])), []);
      const s1 = store.stage(g.hash, [[KEYS[0], new Uint8Array([1])]]);
      const s1b = store.stage(g.hash, [[KEYS[1], new Uint8Array([1])]]);
      // Wrong root in the header.
      assert.throws(
        () => store.commitBlock(s1, makeHeader(g.hash, 1, s1b.stateRoot), []),
        (e: StoreError) => e.code === "StateRootMismatch",
      );
      // Wrong number / parent.
      assert.throws(
        () => store.commitBlock(s1, makeHeader(g.hash, 2, s1.stateRoot), []),
        (e: StoreError) => e.code === "BadHeader",
      );
      assert.throws(
        () => store.commitBlock(s1, new Uint8Array(10), []),
        (e: StoreError) => e.code === "BadHeader",
      );
      // Nothing was written by the refusals.
      assert.equal(store.best().number, 0);
      assert.equal(store.hashAt(1), undefined);
      const b1 = store.commitBlock(s1, makeHeader(g.hash, 1, s1.stateRoot), []);
      assert.throws(
        () => store.commitBlock(s1b, makeHeader(g.hash, 1, s1b.stateRoot), []),
        (e: StoreError) => e.code === "StaleStage",
      );
      assert.throws(
        () => store.stage(g.hash, []),
        (e: StoreError) => e.code === "NotBestParent",
      );
      assert.throws(
        () => store.stage(toHex(new Uint8Array(32).fill(3)), []),
        (e: StoreError) => e.code === "UnknownBlock",
      );
      assert.throws(
        () => store.stage(b1.hash, [[new Uint8Array(), new Uint8Array([1])]]),
        (e: StoreError) => e.code === "BadKey",
      );
      assert.throws(
        () => store.stage(b1.hash, [[new Uint8Array(5000), new Uint8Array([1])]]),
        (e: StoreError) => e.code === "BadKey",
      );
      assert.throws(() => store.commitBlock({ ...s1 }, makeHeader(b1.hash, 2, s1.stateRoot), []), TypeError);
      // A follower's import checks the claimed root against its own execution.
      const changes = [[KEYS[2], new Uint8Array([5])]] as const;
      const good = store.stage(b1.hash, changes);
      assert.throws(
        () => store.importBlock(makeHeader(b1.hash, 2, s1.stateRoot), [], changes),
        (e: StoreError) => e.code === "StateRootMismatch",
      );
      assert.equal(store.importBlock(makeHeader(b1.hash, 2, good.stateRoot), [], changes).number, 2);
    } finally {
      await store.close();
    }
  });

  test("writes that change nothing are dropped and leave the root as it was", async () => {
    const store = await BlockStore.open({ tmp: true });
    try {
      const entries = [[KEYS[0], new Uint8Array([1])] as const];
      const g = store.initGenesis(genesisHeader(stateRootOf(entries)), entries);
      const s = store.stage(g.hash, [
        [KEYS[0], new Uint8Array([1])],
        [KEYS[1], null],
      ]);
      assert.equal(s.changeCount, 0);
      assert.equal(s.stateRoot, store.blockInfo(g.hash)?.stateRoot);
      // The last write to a key wins.
      const s2 = store.stage(g.hash, [
        [KEYS[1], new Uint8Array([1])],
        [KEYS[1], new Uint8Array([2])],
      ]);
      assert.equal(s2.changeCount, 1);
      store.commitBlock(s2, makeHeader(g.hash, 1, s2.stateRoot), []);
      assert.deepEqual(store.stateAt().get(KEYS[1]), new Uint8Array([2]));
    } finally {
      await store.close();
    }
  });
});

describe("BlockStore genesis and reopening", () => {
  test("genesis is checked against its state root, is idempotent on restart, and refuses another chain", async () => {
    const path = freshDir();
    const entries = [
      [KEYS[0], new Uint8Array([1])],
      [KEYS[3], new Uint8Array()],
    ] as const;
    const header = genesisHeader(stateRootOf(entries));
    let store = await BlockStore.open({ path });
    assert.throws(
      () => store.initGenesis(genesisHeader(stateRootOf([])), entries),
      (e: StoreError) => e.code === "StateRootMismatch",
    );
    assert.throws(
      () => store.initGenesis(makeHeader(toHex(new Uint8Array(32)), 1, toHex(stateRootOf(entries))), entries),
      (e: StoreError) => e.code === "BadHeader",
    );
    assert.throws(
      () => store.initGenesis(header, [...entries, entries[0]]),
      (e: StoreError) => e.code === "BadKey",
    );
    assert.equal(store.initialised, false);
    const g = store.initGenesis(header, entries);
    await store.close();
    store = await BlockStore.open({ path });
    assert.deepEqual(store.initGenesis(header, entries), g);
    assert.deepEqual(store.stateAt().get(KEYS[3]), new Uint8Array());
    assert.throws(
      () => store.initGenesis(genesisHeader(stateRootOf([])), []),
      (e: StoreError) => e.code === "GenesisMismatch",
    );
    await store.close();
  });

  test("reopening restores blocks, heads, retained states and the commitment, and the chain goes on", async () => {
    // A dot in the directory name must not make LMDB treat the path as a file.
    const path = join(freshDir(), "chain.v1");
    let store = await BlockStore.open({ path, stateRetention: 8 });
    const r = rng(3);
    const models: Model[] = [new Map()];
    const hashes: HexHash[] = [store.initGenesis(genesisHeader(stateRootOf([])), []).hash];
    const addBlocks = (count: number) => {
      for (let i = 0; i < count; i++) {
        const changes = randomChanges(r, 50, 10);
        const m = new Map(models[models.length - 1]);
        for (const [k, v] of changes) {
          if (v === null) m.delete(hex(k));
          else m.set(hex(k), v);
        }
        models.push(m);
        hashes.push(commitChanges(store, changes, [u32(i)]).hash);
      }
    };
    addBlocks(20);
    const best = store.best();
    await store.close();

    store = await BlockStore.open({ path, stateRetention: 8 });
    assert.deepEqual(store.best(), best);
    assert.deepEqual(store.finalized(), best);
    assert.equal(store.oldestState, 13);
    for (let n = 0; n <= 20; n++) assert.equal(store.hashAt(n), hashes[n]);
    for (let n = 13; n <= 20; n++) {
      const view = store.stateAt(hashes[n]);
      const all = [...view.entries()].map(([k, v]) => `${hex(k)}=${hex(v)}`);
      assert.deepEqual(all, [...models[n]].map(([k, v]) => `${k}=${hex(v)}`).sort(), `#${n}`);
    }
    store.verifyState();
    store.verifyChain();
    addBlocks(5);
    assert.equal(store.blockInfo(store.best().hash)?.stateRoot, rootOf(models[25]));
    await store.close();

    // A smaller window prunes at the next commit; a larger one cannot bring pruned states back.
    store = await BlockStore.open({ path, stateRetention: 2 });
    assert.equal(store.oldestState, 18);
    addBlocks(1);
    assert.equal(store.oldestState, 25);
    assert.throws(() => store.stateAt(hashes[24]), /pruned/);
    await store.close();
    store = await BlockStore.open({ path, stateRetention: 100 });
    assert.equal(store.oldestState, 25);
    addBlocks(1);
    assert.equal(store.oldestState, 25);
    store.verifyState(hashes[25]);
    await store.close();
  });

  test("tmp mode uses a fresh directory and removes it on close", async () => {
    const a = await BlockStore.open({ tmp: true });
    const b = await BlockStore.open({ tmp: true });
    assert.notEqual(a.path, b.path);
    assert.ok(existsSync(a.path));
    await a.close();
    await b.close();
    assert.ok(!existsSync(a.path) && !existsSync(b.path));
    await assert.rejects(BlockStore.open({ tmp: true, stateRetention: 0 }), RangeError);
    await assert.rejects(BlockStore.open({}), TypeError);
  });
});

describe("running the runtime's Overlay on a stored block", () => {
  test("Overlay → PendingState → stateAt(best): reads fall through, the change set commits as a block", async () => {
    const store = await BlockStore.open({ tmp: true });
    try {
      const entries = KEYS.slice(0, 6).map((k, i) => [k, new Uint8Array([i])] as const);
      const g = store.initGenesis(genesisHeader(stateRootOf(entries)), entries);
      const pending = new PendingState(store.stateAt(g.hash));
      const extrinsic = new Overlay(pending);
      extrinsic.set(KEYS[7], new Uint8Array([7]));
      extrinsic.delete(KEYS[1]);
      assert.deepEqual(extrinsic.get(KEYS[0]), new Uint8Array([0]));
      extrinsic.commit();
      const failed = new Overlay(pending);
      failed.set(KEYS[0], new Uint8Array([99]));
      failed.discard();
      assert.deepEqual([...pending.keys(new Uint8Array([1]))].map(hex), [
        "01",
        "010000",
        "0100000000000002",
        "0100000001",
        "0101",
      ]);
      assert.equal(pending.changeCount, 2);
      const staged = store.stage(g.hash, pending.changes());
      const b1 = store.commitBlock(staged, makeHeader(g.hash, 1, staged.stateRoot), []);
      const view = store.stateAt(b1.hash);
      assert.deepEqual(view.get(KEYS[7]), new Uint8Array([7]));
      assert.equal(view.get(KEYS[1]), undefined);
      assert.deepEqual(view.get(KEYS[0]), new Uint8Array([0]));
      store.verifyState();
    } finally {
      await store.close();
    }
  });
});

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}
