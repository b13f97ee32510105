// PendingState against a MemoryState model: reads and ordered keys over a base with writes on top, and
// a change set that, applied to the base, gives exactly the state the writes produced.

import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryState } from "@opentao/runtime";
import fc from "fast-check";
import { PendingState } from "./pending.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const key = fc.uint8Array({ minLength: 1, maxLength: 3, max: 3 });
const op = fc.tuple(key, fc.option(fc.uint8Array({ maxLength: 3 }), { nil: null }));

test("reads, keys and changes() agree with applying the same writes to a copy of the base", () => {
  fc.assert(
    fc.property(
      fc.array(op, { maxLength: 15 }),
      fc.array(op, { maxLength: 15 }),
      key,
      key,
      (base, writes, p, a) => {
        const baseState = new MemoryState();
        const model = new MemoryState();
        for (const [k, v] of base)
          if (v !== null) {
            baseState.set(k, v);
            model.set(k, v);
          }
        const snapshot = () => [...baseState.entries()].map(([k, v]) => `${k}=${hex(v)}`);
        const before = snapshot();
        const pending = new PendingState(baseState);
        for (const [k, v] of writes) {
          if (v === null) {
            pending.delete(k);
            model.delete(k);
          } else {
            pending.set(k, v);
            model.set(k, v);
          }
        }
        for (const [k] of [...base, ...writes])
          assert.equal(
            hex(pending.get(k) ?? new Uint8Array([9, 9])),
            hex(model.get(k) ?? new Uint8Array([9, 9])),
          );
        const prefix = p.subarray(0, 1);
        for (const after of [undefined, a])
          assert.deepEqual(
            [...pending.keys(prefix, after)].map(hex),
            [...model.keys(prefix, after)].map(hex),
          );
        // The base is untouched until the change set is applied; applied, it equals the model.
        assert.deepEqual(snapshot(), before);
        for (const [k, v] of pending.changes()) {
          if (v === null) baseState.delete(k);
          else baseState.set(k, v);
        }
        assert.deepEqual(
          [...baseState.entries()].map(([k, v]) => [k, hex(v)]),
          [...model.entries()].map(([k, v]) => [k, hex(v)]),
        );
        const changed = [...pending.changes()].map(([k]) => hex(k));
        assert.deepEqual(changed, [...changed].sort(), "changes come in key order");
        assert.equal(pending.changeCount, new Set(writes.map(([k]) => hex(k))).size);
      },
    ),
    { numRuns: 500 },
  );
});
