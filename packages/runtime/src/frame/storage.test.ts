// Storage items under Substrate's key layout: known prefixes, hashed keys, defaults, typed iteration.

import assert from "node:assert/strict";
import { test } from "node:test";
import { AccountId32 } from "./common.ts";
import { MemoryState, Overlay } from "./state.ts";
import { storageMap, storageValue } from "./storage.ts";
import { T } from "./types.ts";

const hex = (x: Uint8Array) => Buffer.from(x).toString("hex");

test("System.Account lives under twox128('System') ++ twox128('Account') ++ blake2_128concat(id)", () => {
  const item = storageMap("System", "Account", [{ hasher: "Blake2128Concat", type: AccountId32 }], T.u32, {
    fallback: 0,
  });
  assert.equal(hex(item.prefix), "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9");
  const id = new Uint8Array(32).fill(7);
  const key = item.key(id);
  assert.equal(key.length, 32 + 16 + 32);
  assert.equal(hex(key.subarray(48)), hex(id));
});

test("ValueQuery reads the default; OptionQuery reads undefined; set/remove round trip", () => {
  const s = new MemoryState();
  const v = storageValue("Pallet", "Value", T.u64, { fallback: 5n });
  const o = storageValue("Pallet", "Maybe", T.u16, { modifier: "Optional" });
  assert.equal(v.get(s), 5n);
  assert.equal(v.tryGet(s), undefined);
  assert.equal(o.get(s), undefined);
  v.set(s, 9n);
  assert.equal(v.get(s), 9n);
  assert.equal(hex(s.get(v.key()) as Uint8Array), "0900000000000000");
  v.remove(s);
  assert.equal(v.get(s), 5n);
  assert.equal(hex(v.fallbackBytes), "0500000000000000");
  assert.equal(hex(o.fallbackBytes), "00");
});

test("N-map: entries under a leading key decode every key, in key order", () => {
  const s = new MemoryState();
  const alpha = storageMap(
    "SubtensorModule",
    "Alpha",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.u128,
    { fallback: 0n },
  );
  const hot = new Uint8Array(32).fill(1);
  const cold = new Uint8Array(32).fill(2);
  alpha.set(s, hot, cold, 3, 30n);
  alpha.set(s, hot, cold, 1, 10n);
  alpha.set(s, hot, new Uint8Array(32).fill(9), 1, 99n);
  alpha.set(s, new Uint8Array(32).fill(5), cold, 1, 5n);
  const under = [...alpha.entries(s, hot, cold)];
  assert.deepEqual(
    under.map(([k, v]) => [k[2], v]),
    [
      [1, 10n],
      [3, 30n],
    ],
  );
  assert.deepEqual(under[0][0][0], hot);
  assert.equal([...alpha.entries(s, hot)].length, 3);
  assert.equal(alpha.clear(s, hot), 3);
  assert.equal([...alpha.entries(s)].length, 1);
  assert.equal(
    alpha.mutate(s, hot, cold, 1, (x) => x + 7n),
    7n,
  );
});

test("a key of the wrong arity is a clear error", () => {
  const m = storageMap("P", "M", [{ hasher: "Twox64Concat", type: T.u16 }], T.u8, { fallback: 0 });
  assert.throws(() => (m.key as (...k: unknown[]) => Uint8Array)(), /P\.M: expected 1 keys, got 0/);
});

test("values stored as views into a larger buffer decode correctly", () => {
  const s = new MemoryState();
  const v = storageValue("P", "V", T.u16, { fallback: 0 });
  const backing = new Uint8Array([9, 9, 1, 2]);
  s.set(v.key(), backing.subarray(2));
  assert.equal(v.get(s), 0x0201);
  // A Node Buffer view (as LMDB hands out): Buffer#slice shares memory, so it must still be copied.
  const pooled = Buffer.from([7, 7, 7, 3, 4]);
  s.set(v.key(), pooled.subarray(3));
  assert.equal(v.get(s), 0x0403);
});

test("the default is a fresh value on every read, so mutating it cannot leak", () => {
  const s = new MemoryState();
  const v = storageValue("P", "List", T.vec(T.u64), { fallback: [] });
  const a = v.get(s);
  a.push(5n);
  assert.deepEqual(v.get(s), []);
});

// The decoded-value cache: a repeated read reuses the last decoding only while the state holds the very same
// bytes; nothing a caller does with what it reads or wrote can change what the next read returns.
test("a cached value is handed out as a copy: mutating a read or a written value cannot leak", () => {
  const s = new MemoryState();
  const rows = storageMap("P", "Rows", [{ hasher: "Identity", type: T.u16 }], T.vec(T.tuple(T.u16, T.u16)), {
    fallback: [],
  });
  const written: Array<[number, number]> = [[1, 2]];
  rows.set(s, 7, written);
  written.push([3, 4]);
  written[0]![1] = 99;
  assert.deepEqual(rows.get(s, 7), [[1, 2]]);
  const read = rows.get(s, 7);
  read[0]![0] = 50;
  read.push([5, 6]);
  assert.deepEqual(rows.get(s, 7), [[1, 2]]);
  const id = storageValue("P", "Id", AccountId32);
  const acct = new Uint8Array(32).fill(3);
  id.set(s, acct);
  acct[0] = 0;
  const got = id.get(s) as Uint8Array;
  assert.equal(got[0], 3);
  got[1] = 0;
  assert.equal((id.get(s) as Uint8Array)[1], 3);
});

test("a write that bypasses the item (raw state, another layer, a discard) is what the next read sees", () => {
  const s = new MemoryState();
  const v = storageMap("P", "Val", [{ hasher: "Twox64Concat", type: T.u32 }], T.u64, { fallback: 0n });
  v.set(s, 1, 10n);
  assert.equal(v.get(s, 1), 10n);
  s.set(v.key(1), T.u64.codec.enc(11n));
  assert.equal(v.get(s, 1), 11n);
  const layer = new Overlay(s);
  v.set(layer, 1, 12n);
  assert.equal(v.get(layer, 1), 12n);
  assert.equal(v.get(s, 1), 11n);
  layer.discard();
  assert.equal(v.get(layer, 1), 11n);
  v.set(layer, 1, 13n);
  layer.commit();
  assert.equal(v.get(s, 1), 13n);
  s.delete(v.key(1));
  assert.equal(v.get(s, 1), 0n);
  assert.equal(v.tryGet(s, 1), undefined);
});

test("a key argument array the caller reuses for another key addresses the other key", () => {
  const s = new MemoryState();
  const m = storageMap("P", "ByAcct", [{ hasher: "Blake2128Concat", type: AccountId32 }], T.u32, {
    fallback: 0,
  });
  const buf = new Uint8Array(32).fill(1);
  m.set(s, buf, 1);
  buf.fill(2);
  assert.equal(m.get(s, buf), 0);
  m.set(s, buf, 2);
  assert.equal(m.get(s, new Uint8Array(32).fill(1)), 1);
  assert.equal(m.get(s, new Uint8Array(32).fill(2)), 2);
  assert.equal(hex(m.key(buf).subarray(-32)), hex(new Uint8Array(32).fill(2)));
});

test("an overlay over an immutable parent remembers the parent's reads, absent ones included", () => {
  const base = new MemoryState();
  base.set(new Uint8Array([1]), new Uint8Array([10]));
  let reads = 0;
  const counting = {
    get: (k: Uint8Array) => {
      reads++;
      return base.get(k);
    },
    keys: base.keys.bind(base),
  };
  const o = new Overlay(counting, { parentIsImmutable: true });
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(o.get(new Uint8Array([1])), new Uint8Array([10]));
    assert.equal(o.get(new Uint8Array([2])), undefined);
  }
  assert.equal(reads, 2);
  o.set(new Uint8Array([2]), new Uint8Array([20]));
  assert.deepEqual(o.get(new Uint8Array([2])), new Uint8Array([20]));
  o.delete(new Uint8Array([1]));
  assert.equal(o.get(new Uint8Array([1])), undefined);
  assert.equal(reads, 2);
});

test("getShared hands out the cached decoding itself; get still copies it", () => {
  const s = new MemoryState();
  const rows = storageMap("P", "Shared", [{ hasher: "Identity", type: T.u16 }], T.vec(T.u16), {
    fallback: [],
  });
  rows.set(s, 1, [1, 2, 3]);
  const a = rows.getShared(s, 1);
  assert.equal(rows.getShared(s, 1), a);
  assert.deepEqual(a, [1, 2, 3]);
  assert.notEqual(rows.get(s, 1), a);
  rows.set(s, 1, [4]);
  assert.deepEqual(rows.getShared(s, 1), [4]);
  assert.deepEqual(rows.getShared(s, 2), []);
});

test("a Node Buffer used as a key argument is copied, not viewed: changing it later addresses another key", () => {
  const s = new MemoryState();
  const m = storageMap("P", "ByBuf", [{ hasher: "Blake2128Concat", type: AccountId32 }], T.u32, {
    fallback: 0,
  });
  const buf = Buffer.alloc(32, 5);
  m.set(s, buf, 7);
  buf.fill(6);
  assert.equal(m.get(s, Buffer.alloc(32, 5)), 7);
  assert.equal(m.get(s, buf), 0);
});

test("entries: keys and values as stored, repeated scans served from the cache, writes between scans seen", () => {
  const s = new MemoryState();
  const m = storageMap(
    "P",
    "Scan",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Blake2128Concat", type: AccountId32 },
    ],
    T.vec(T.u16),
    { fallback: [] },
  );
  const id = (x: number) => new Uint8Array(32).fill(x);
  m.set(s, 1, id(1), [1]);
  m.set(s, 1, id(2), [2]);
  m.set(s, 2, id(3), [3]);
  const read = () => [...m.entries(s, 1)].map(([[n, a], v]) => [n, a[0], v]);
  const first = read();
  assert.deepEqual(first.sort(), [
    [1, 1, [1]],
    [1, 2, [2]],
  ]);
  const [[[, key], value]] = [...m.entries(s, 1)];
  key[0] = 99;
  value.push(42);
  assert.deepEqual(read().sort(), first);
  m.set(s, 1, id(2), [20]);
  m.remove(s, 1, id(1));
  const layer = new Overlay(s);
  m.set(layer, 1, id(4), [4]);
  assert.deepEqual([...m.entries(layer, 1)].map(([[n, a], v]) => [n, a[0], v]).sort(), [
    [1, 2, [20]],
    [1, 4, [4]],
  ]);
  assert.deepEqual(read(), [[1, 2, [20]]]);
});
