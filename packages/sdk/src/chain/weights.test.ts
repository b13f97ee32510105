import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  convertWeightsAndUidsForEmit,
  normalizeMaxWeight,
  pyRound,
  U16_MAX,
  WeightsError,
} from "./weights.ts";

test("pyRound rounds half to even like Python's round()", () => {
  assert.equal(pyRound(0.5), 0);
  assert.equal(pyRound(1.5), 2);
  assert.equal(pyRound(2.5), 2);
  assert.equal(pyRound(2.4999), 2);
  assert.equal(pyRound(2.51), 3);
  assert.equal(pyRound(32767.5), 32768);
});

test("convert: max-upscale to u16, zero entries dropped", () => {
  // [0.1, 0.2, 0.7] → /0.7 → ×65535: 9362.14…, 18724.28…, 65535
  const out = convertWeightsAndUidsForEmit([3, 5, 9], [0.1, 0.2, 0.7]);
  assert.deepEqual(out, { uids: [3, 5, 9], weights: [9362, 18724, 65535] });
  const dropped = convertWeightsAndUidsForEmit([0, 1, 2], [0, 1, 0.000001]);
  assert.deepEqual(dropped, { uids: [1], weights: [65535] });
  assert.deepEqual(convertWeightsAndUidsForEmit([0, 1], [0, 0]), { uids: [], weights: [] });
});

test("convert rejects negative weights, bad uids and length mismatch", () => {
  assert.throws(() => convertWeightsAndUidsForEmit([0, 1], [1]), WeightsError);
  assert.throws(() => convertWeightsAndUidsForEmit([0], [-1]), WeightsError);
  assert.throws(() => convertWeightsAndUidsForEmit([-1], [1]), WeightsError);
  assert.throws(() => convertWeightsAndUidsForEmit([0], [Number.NaN]), WeightsError);
});

test("convert property: the largest weight becomes 65535, order preserved, all in u16", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 64 }),
      (ws) => {
        const uids = ws.map((_, i) => i);
        const out = convertWeightsAndUidsForEmit(uids, ws);
        if (ws.every((w) => w === 0)) return out.uids.length === 0;
        assert.equal(Math.max(...out.weights), U16_MAX);
        for (let i = 1; i < out.uids.length; i++) assert.ok(out.uids[i]! > out.uids[i - 1]!);
        for (const [k, u] of out.uids.entries()) {
          assert.ok(out.weights[k]! >= 1 && out.weights[k]! <= U16_MAX);
          assert.equal(out.weights[k], pyRound((ws[u]! / Math.max(...ws)) * U16_MAX));
        }
        return true;
      },
    ),
  );
});

test("normalizeMaxWeight: sums to 1 and caps entries at the limit", () => {
  const y = normalizeMaxWeight([10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0.2);
  assert.ok(Math.abs(y.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.ok(Math.max(...y) <= 0.2 + 1e-6, `max ${Math.max(...y)}`);
  assert.ok(y[0]! > y[1]!);
  // Below the limit it is a plain normalisation.
  assert.deepEqual(normalizeMaxWeight([1, 1, 2], 0.9), [0.25, 0.25, 0.5]);
  // n·limit ≤ 1: uniform, as the SDK does.
  assert.deepEqual(normalizeMaxWeight([5, 1], 0.5), [0.5, 0.5]);
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 11, maxLength: 40 }),
      (ws) => {
        const y = normalizeMaxWeight(ws, 0.1);
        assert.ok(Math.abs(y.reduce((a, b) => a + b, 0) - 1) < 1e-9);
        assert.ok(Math.max(...y) <= 0.1 + 1e-6);
      },
    ),
  );
});
