// Storage items under Substrate's key layout: known prefixes, hashed keys, defaults, typed iteration.

import assert from "node:assert/strict";
import { test } from "node:test";
import { AccountId32 } from "./common.ts";
import { MemoryState } from "./state.ts";
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
