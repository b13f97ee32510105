// The state commitment: matches its written definition (recomputed here with node:crypto and BigInt),
// does not depend on entry order, and an incremental update always equals a from-scratch recomputation.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import { blake2_256, hashingReady } from "@opentao/primitives";
import fc from "fast-check";
import { compactEncode } from "./codec.ts";
import { accumulate, entryHash, StateAccumulator, stateRootOf } from "./commitment.ts";

await hashingReady();

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const le = (b: Uint8Array) => BigInt(`0x${hex(Buffer.from(b).reverse())}`);
const toLe = (n: bigint, len: number) => Buffer.from(n.toString(16).padStart(len * 2, "0"), "hex").reverse();

/** The definition, written independently: Σ blake2b-512(compact(len k) ‖ k ‖ v) mod 2^512, then blake2b-256. */
function referenceRoot(entries: Array<[Uint8Array, Uint8Array]>): string {
  let sum = 0n;
  for (const [k, v] of entries) {
    const h = createHash("blake2b512").update(compactEncode(k.length)).update(k).update(v).digest();
    sum = (sum + le(h)) % (1n << 512n);
  }
  return hex(blake2_256(toLe(sum, 64)));
}

const key = fc.uint8Array({ minLength: 1, maxLength: 48 });
const value = fc.uint8Array({ maxLength: 80 });
/** A state as distinct (key, value) entries. */
const stateArb = fc
  .uniqueArray(fc.tuple(key, value), { selector: ([k]) => hex(k), maxLength: 30 })
  .map((es) => es as Array<[Uint8Array, Uint8Array]>);

describe("state commitment", () => {
  test("matches the definition recomputed with node:crypto blake2b512 and BigInt sums", () => {
    fc.assert(
      fc.property(stateArb, (entries) => {
        assert.equal(hex(stateRootOf(entries)), referenceRoot(entries));
      }),
      { numRuns: 200 },
    );
    assert.equal(hex(stateRootOf([])), hex(blake2_256(new Uint8Array(64))));
  });

  test("is independent of entry order", () => {
    const withPermutation = stateArb.chain((es) =>
      fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length, maxLength: es.length })),
    );
    fc.assert(
      fc.property(withPermutation, ([entries, permuted]) => {
        assert.equal(hex(stateRootOf(permuted)), hex(stateRootOf(entries)));
      }),
    );
  });

  test("an incremental update (remove old, insert new) equals recomputing from scratch", () => {
    const op = fc.tuple(fc.integer({ min: 0, max: 11 }), fc.option(value, { nil: null }));
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 8 }), { maxLength: 12 }), (blocks) => {
        const model = new Map<number, Uint8Array>();
        const keyOf = (i: number) => new Uint8Array([i, i ^ 0x55, 0]);
        const acc = new StateAccumulator();
        for (const ops of blocks) {
          for (const [i, v] of ops) {
            const old = model.get(i);
            if (old !== undefined) acc.remove(keyOf(i), old);
            if (v === null) model.delete(i);
            else {
              acc.insert(keyOf(i), v);
              model.set(i, v);
            }
          }
          const scratch = accumulate([...model].map(([i, v]) => [keyOf(i), v] as [Uint8Array, Uint8Array]));
          assert.ok(acc.equals(scratch));
          assert.equal(hex(acc.root()), hex(scratch.root()));
        }
      }),
    );
  });

  test("sums wrap mod 2^512 in both directions and the accumulator bytes round-trip", () => {
    const max = new Uint8Array(64).fill(0xff);
    const a = new StateAccumulator(max);
    const one = new Uint8Array(64);
    one[0] = 1;
    a.addHash(one);
    assert.deepEqual(a.bytes(), new Uint8Array(64));
    a.subHash(one);
    assert.deepEqual(a.bytes(), max);
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        (x, y) => {
          const acc = new StateAccumulator(x);
          acc.addHash(y);
          assert.deepEqual(Buffer.from(acc.bytes()), toLe((le(x) + le(y)) % (1n << 512n), 64));
          acc.subHash(y);
          acc.subHash(y);
          assert.deepEqual(Buffer.from(acc.bytes()), toLe((le(x) - le(y) + (1n << 512n)) % (1n << 512n), 64));
        },
      ),
    );
  });

  test("the key length prefix separates (ab, c) from (a, bc), and values matter", () => {
    const b = (s: string) => new TextEncoder().encode(s);
    assert.notEqual(hex(entryHash(b("ab"), b("c"))), hex(entryHash(b("a"), b("bc"))));
    assert.notEqual(hex(stateRootOf([[b("k"), b("1")]])), hex(stateRootOf([[b("k"), b("2")]])));
    // An empty value is an entry: it changes the root.
    assert.notEqual(hex(stateRootOf([[b("k"), b("")]])), hex(stateRootOf([])));
  });
});
