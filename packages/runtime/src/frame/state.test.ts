// The layered state: reads fall through, commit applies everything, discard nothing, and key iteration
// stays ordered across layers and deletions.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { MemoryState, Overlay, transactional } from "./state.ts";

const b = (...x: number[]) => new Uint8Array(x);
const hex = (x: Uint8Array) => Buffer.from(x).toString("hex");

describe("Overlay", () => {
  test("reads fall through; writes stay in the layer until commit", () => {
    const base = new MemoryState();
    base.set(b(1), b(10));
    const o = new Overlay(base);
    o.set(b(2), b(20));
    o.delete(b(1));
    assert.equal(o.get(b(1)), undefined);
    assert.deepEqual(o.get(b(2)), b(20));
    assert.deepEqual(base.get(b(1)), b(10));
    assert.equal(base.get(b(2)), undefined);
    o.commit();
    assert.equal(base.get(b(1)), undefined);
    assert.deepEqual(base.get(b(2)), b(20));
  });

  test("discard leaves the parent untouched", () => {
    const base = new MemoryState();
    base.set(b(1), b(10));
    const o = new Overlay(base);
    o.set(b(1), b(11));
    o.discard();
    assert.deepEqual(o.get(b(1)), b(10));
    assert.deepEqual(base.get(b(1)), b(10));
  });

  test("transactional keeps writes only when the result is accepted, and never after a throw", () => {
    const base = new MemoryState();
    transactional(base, (s) => s.set(b(1), b(1)));
    assert.deepEqual(base.get(b(1)), b(1));
    const r = transactional(
      base,
      (s) => {
        s.set(b(2), b(2));
        return "Error";
      },
      (x) => x !== "Error",
    );
    assert.equal(r, "Error");
    assert.equal(base.get(b(2)), undefined);
    assert.throws(() =>
      transactional(base, (s) => {
        s.set(b(3), b(3));
        throw new Error("boom");
      }),
    );
    assert.equal(base.get(b(3)), undefined);
  });

  test("property: keys() over nested layers equals the keys of the flattened state, in order", () => {
    const op = fc.record({
      layer: fc.integer({ min: 0, max: 2 }),
      key: fc.uint8Array({ minLength: 1, maxLength: 3 }),
      del: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.uint8Array({ maxLength: 1 }), (ops, prefix) => {
        const base = new MemoryState();
        const l1 = new Overlay(base);
        const l2 = new Overlay(l1);
        const layers = [base, l1, l2];
        const model = new Map<string, true>();
        for (const { layer, key, del } of ops) {
          // Writes to a lower layer are only visible above if no upper layer touched the key; keep the
          // model simple by writing through the top layer unless it is the base before any overlay write.
          const target = layers[layer];
          if (del) target.delete(key);
          else target.set(key, b(1));
        }
        // Reference: read every key through the top layer.
        const all = new Set<string>();
        for (const { key } of ops) all.add(hex(key));
        for (const k of all) if (l2.get(Buffer.from(k, "hex")) !== undefined) model.set(k, true);
        const want = [...model.keys()].filter((k) => k.startsWith(hex(prefix))).sort();
        const got = [...l2.keys(prefix)].map(hex);
        assert.deepEqual(got, want);
        // And after committing both layers the base agrees.
        l2.commit();
        l1.commit();
        assert.deepEqual([...base.keys(prefix)].map(hex), want);
      }),
    );
  });

  test("keys() honours `after` strictly", () => {
    const s = new MemoryState();
    for (const k of [b(1, 1), b(1, 2), b(1, 3), b(2, 1)]) s.set(k, b(0));
    assert.deepEqual([...s.keys(b(1), b(1, 1))].map(hex), ["0102", "0103"]);
    const o = new Overlay(s);
    o.set(b(1, 4), b(0));
    o.delete(b(1, 2));
    assert.deepEqual([...o.keys(b(1), b(1, 1))].map(hex), ["0103", "0104"]);
  });
});

describe("MemoryState", () => {
  test("property: keys() stays sorted and exact while keys are added and removed between scans", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant("set" as const), k: fc.uint8Array({ minLength: 1, maxLength: 3 }) }),
            fc.record({ op: fc.constant("del" as const), k: fc.uint8Array({ minLength: 1, maxLength: 3 }) }),
            fc.record({ op: fc.constant("scan" as const), k: fc.uint8Array({ maxLength: 1 }) }),
          ),
          { maxLength: 400 },
        ),
        (ops) => {
          const s = new MemoryState();
          const model = new Set<string>();
          for (const { op, k } of ops) {
            if (op === "set") {
              s.set(k, b(1));
              model.add(hex(k));
            } else if (op === "del") {
              s.delete(k);
              model.delete(hex(k));
            } else {
              const p = hex(k);
              const expected = [...model].filter((x) => x.startsWith(p)).sort();
              assert.deepEqual([...s.keys(k)].map(hex), expected);
            }
          }
          assert.deepEqual([...s.keys(b())].map(hex), [...model].sort());
        },
      ),
    );
  });

  test("property: long runs of changes (folding the index many times) keep scans with `after` exact", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            op: fc.constantFrom("set", "set", "del", "scan"),
            k: fc.uint8Array({ minLength: 1, maxLength: 2 }),
            after: fc.option(fc.uint8Array({ minLength: 1, maxLength: 2 }), { nil: undefined }),
          }),
          { minLength: 500, maxLength: 3000 },
        ),
        (ops) => {
          const s = new MemoryState();
          const model = new Set<string>();
          for (const { op, k, after } of ops) {
            if (op === "set") {
              s.set(k, b(1));
              model.add(hex(k));
            } else if (op === "del") {
              s.delete(k);
              model.delete(hex(k));
            } else {
              const p = hex(k).slice(0, 2);
              const a = after && hex(after);
              const expected = [...model].filter((x) => x.startsWith(p) && (a === undefined || x > a)).sort();
              assert.deepEqual([...s.keys(k.subarray(0, 1), after)].map(hex), expected);
            }
          }
          assert.deepEqual([...s.keys(b())].map(hex), [...model].sort());
        },
      ),
      { numRuns: 40 },
    );
  });

  test("a scan in progress keeps its order while another scan sees new keys", () => {
    const s = new MemoryState();
    for (const x of [1, 3, 5]) s.set(b(x), b(0));
    assert.deepEqual([...s.keys(b())].map(hex), ["01", "03", "05"]);
    const outer = s.keys(b())[Symbol.iterator]();
    assert.equal(hex(outer.next().value as Uint8Array), "01");
    s.set(b(2), b(0));
    assert.deepEqual([...s.keys(b())].map(hex), ["01", "02", "03", "05"]);
    assert.deepEqual([...{ [Symbol.iterator]: () => outer }].map(hex), ["03", "05"]);
  });
});
