// The integer codecs' fast encoders write exactly the bytes the crate's encoders write, and decode back.

import assert from "node:assert/strict";
import { test } from "node:test";
import { u16, u32, u64 } from "@polkadot-api/substrate-bindings";
import fc from "fast-check";
import { T } from "./types.ts";

test("u16 / u32 / u64 encode as scale-ts does and round-trip", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 65_535 }),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      fc.bigInt(0n, (1n << 64n) - 1n),
      (a, b, c) => {
        assert.deepEqual(T.u16.codec.enc(a), u16.enc(a));
        assert.deepEqual(T.u32.codec.enc(b), u32.enc(b));
        assert.deepEqual(T.u64.codec.enc(c), u64.enc(c));
        assert.equal(T.u16.codec.dec(T.u16.codec.enc(a)), a);
        assert.equal(T.u32.codec.dec(T.u32.codec.enc(b)), b);
        assert.equal(T.u64.codec.dec(T.u64.codec.enc(c)), c);
        // Two encodings in a row must not share the scratch buffer.
        const first = T.u64.codec.enc(c);
        T.u64.codec.enc(c ^ 1n);
        assert.deepEqual(first, u64.enc(c));
      },
    ),
    { numRuns: 2000 },
  );
  assert.deepEqual(
    T.vec(T.tuple(T.u16, T.u16)).codec.enc([[1, 65_535]]),
    new Uint8Array([4, 1, 0, 255, 255]),
  );
});
