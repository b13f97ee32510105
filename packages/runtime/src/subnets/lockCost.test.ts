// Lock cost properties: doubles at registration, decays linearly, never below the minimum, and the
// reduction interval follows the block emission.

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { lockReductionInterval, networkLockCost } from "./lockCost.ts";

const TAO = 1_000_000_000n;

test("the interval scales with the block emission (halvings shorten it)", () => {
  assert.equal(lockReductionInterval(100_800n, TAO), 100_800n);
  assert.equal(lockReductionInterval(100_800n, TAO / 2n), 50_400n);
  assert.equal(lockReductionInterval(100_800n, 0n), 0n);
});

test("cost is 2·last at the registration block, non-increasing after, and at least the minimum", () => {
  fc.assert(
    fc.property(
      fc.bigInt(TAO, 100_000n * TAO),
      fc.bigInt(0n, 10_000n * TAO),
      fc.bigInt(1n, 10_000_000n),
      fc.bigInt(0n, 300_000n),
      fc.bigInt(0n, 300_000n),
      fc.bigInt(1n, 200_000n),
      (last, min, block, d1, d2, interval) => {
        const at = (now: bigint) =>
          networkLockCost({
            lastLock: last,
            minLock: min,
            lastLockBlock: block,
            currentBlock: now,
            reductionInterval: interval,
          });
        const start = at(block);
        assert.equal(start, 2n * last > min ? 2n * last : min);
        const a = at(block + d1);
        const b = at(block + d1 + d2);
        assert.ok(b <= a && a <= start);
        assert.ok(b >= min);
        // Linear decay by ⌊last / interval⌋ per block until the minimum binds.
        const linear = 2n * last - (last / interval) * d1;
        assert.equal(a, linear > min ? linear : min);
      },
    ),
  );
});

test("before any registration the multiplier is 1 and a zero interval means no decay", () => {
  assert.equal(
    networkLockCost({
      lastLock: 5n * TAO,
      minLock: TAO,
      lastLockBlock: 0n,
      currentBlock: 0n,
      reductionInterval: 10n,
    }),
    5n * TAO,
  );
  assert.equal(
    networkLockCost({
      lastLock: 5n * TAO,
      minLock: TAO,
      lastLockBlock: 7n,
      currentBlock: 1000n,
      reductionInterval: 0n,
    }),
    10n * TAO,
  );
});
