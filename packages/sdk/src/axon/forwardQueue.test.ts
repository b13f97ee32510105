// The axon's forward queue: never more than N running, admission by priority then arrival, timeouts and
// aborts leave no trace, a release counts once. Random schedules check the invariants.

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { ForwardQueue, QueueTimeoutError } from "./forwardQueue.ts";

const tick = () => new Promise((r) => setImmediate(r));

test("admits by priority, FIFO among equals", async () => {
  const q = new ForwardQueue(1);
  const first = await q.acquire(0, 1000);
  const order: string[] = [];
  const wait = (name: string, p: number) =>
    q.acquire(p, 1000).then((release) => {
      order.push(name);
      release();
    });
  const all = Promise.all([wait("low", 1), wait("high-a", 5), wait("mid", 3), wait("high-b", 5)]);
  await tick();
  assert.equal(q.waiting, 4);
  first();
  await all;
  assert.deepEqual(order, ["high-a", "high-b", "mid", "low"]);
  assert.equal(q.running, 0);
});

test("a wait past its timeout rejects and leaves the queue", async () => {
  const q = new ForwardQueue(1);
  const hold = await q.acquire(0, 1000);
  await assert.rejects(q.acquire(0, 20), QueueTimeoutError);
  assert.equal(q.waiting, 0);
  hold();
  assert.equal(q.running, 0);
});

test("an aborted wait rejects with the reason; releases count once", async () => {
  const q = new ForwardQueue(1);
  const hold = await q.acquire(0, 1000);
  const ac = new AbortController();
  const p = q.acquire(0, 1000, ac.signal);
  ac.abort(new Error("gone"));
  await assert.rejects(p, /gone/);
  hold();
  hold();
  assert.equal(q.running, 0);
  const again = await q.acquire(0, 10);
  again();
});

test("random schedules never exceed the limit and finish everything", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }),
      fc.array(
        fc.record({ priority: fc.integer({ min: 0, max: 3 }), work: fc.integer({ min: 0, max: 3 }) }),
        {
          maxLength: 30,
        },
      ),
      async (limit, jobs) => {
        const q = new ForwardQueue(limit);
        let peak = 0;
        let done = 0;
        await Promise.all(
          jobs.map(async (j) => {
            const release = await q.acquire(j.priority, 10_000);
            peak = Math.max(peak, q.running);
            for (let i = 0; i < j.work; i++) await tick();
            done++;
            release();
          }),
        );
        assert.ok(peak <= limit);
        assert.equal(done, jobs.length);
        assert.equal(q.running, 0);
        assert.equal(q.waiting, 0);
      },
    ),
    { numRuns: 100 },
  );
});

test("a limit below 1 is refused", () => {
  assert.throws(() => new ForwardQueue(0), RangeError);
});
