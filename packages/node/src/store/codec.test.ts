// The store's byte layouts: escaped keys keep byte order and never prefix one another (so each key's
// versions are contiguous), compact integers round-trip, headers parse as the real SCALE codec writes them.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { blockHeader } from "@polkadot-api/substrate-bindings";
import fc from "fast-check";
import {
  compactDecode,
  compactEncode,
  decodeBody,
  encodeBody,
  escapeKey,
  escapePrefix,
  headerFields,
  packKeys,
  prefixEnd,
  rangeStart,
  splitVersionKey,
  unescapeKey,
  unpackKeys,
  versionKey,
} from "./codec.ts";

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
// Bytes biased towards 0x00 and 0xff, the values the escaping treats specially.
const byte = fc.oneof(fc.constant(0), fc.constant(0xff), fc.constant(1), fc.integer({ min: 0, max: 255 }));
const bytes = fc.array(byte, { maxLength: 8 }).map((a) => new Uint8Array(a));
const startsWith = (a: Uint8Array, p: Uint8Array) => Buffer.compare(a.subarray(0, p.length), p) === 0;

describe("escaped keys", () => {
  test("round-trip, keep byte order, and no escaped key is a prefix of another", () => {
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        const ea = escapeKey(a);
        const eb = escapeKey(b);
        assert.deepEqual(unescapeKey(ea), a);
        assert.equal(sign(Buffer.compare(ea, eb)), sign(Buffer.compare(a, b)));
        if (Buffer.compare(a, b) !== 0) assert.ok(!startsWith(eb, ea) && !startsWith(ea, eb));
      }),
      { numRuns: 2000 },
    );
  });

  test("every version of a key sorts apart from every version of another key", () => {
    fc.assert(
      fc.property(bytes, bytes, fc.nat(), fc.nat(), fc.nat(), (a, b, n1, n2, m) => {
        fc.pre(Buffer.compare(a, b) < 0);
        // a's versions, whatever their block numbers, all sort before b's.
        assert.ok(Buffer.compare(versionKey(a, Math.max(n1, n2)), versionKey(b, m % 3)) < 0);
        const [esc, n] = splitVersionKey(versionKey(a, n1));
        assert.deepEqual(unescapeKey(esc), a);
        assert.equal(n, n1);
      }),
      { numRuns: 2000 },
    );
  });

  test("the escaped prefix bounds exactly the escaped keys that start with the raw prefix", () => {
    fc.assert(
      fc.property(bytes, bytes, (p, k) => {
        const ek = escapeKey(k);
        const ep = escapePrefix(p);
        assert.equal(startsWith(ek, ep), startsWith(k, p));
        const end = prefixEnd(ep);
        const inRange =
          Buffer.compare(ek, escapeKey(p)) >= 0 && (end === undefined || Buffer.compare(ek, end) < 0);
        assert.equal(inRange, startsWith(k, p));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("ranges", () => {
  test("prefixEnd is the least string above every string with the prefix", () => {
    assert.deepEqual(prefixEnd(new Uint8Array([1, 2])), Buffer.from([1, 3]));
    assert.deepEqual(prefixEnd(new Uint8Array([1, 0xff, 0xff])), Buffer.from([2]));
    assert.equal(prefixEnd(new Uint8Array([0xff])), undefined);
    assert.equal(prefixEnd(new Uint8Array()), undefined);
    fc.assert(
      fc.property(bytes, bytes, (p, k) => {
        const end = prefixEnd(p);
        if (startsWith(k, p)) assert.ok(end === undefined || Buffer.compare(k, end) < 0);
        else if (Buffer.compare(k, p) > 0) assert.ok(end !== undefined && Buffer.compare(k, end) >= 0);
      }),
      { numRuns: 2000 },
    );
  });

  test("rangeStart is the least key ≥ prefix and strictly after `after`", () => {
    fc.assert(
      fc.property(bytes, bytes, fc.option(bytes, { nil: undefined }), (k, p, after) => {
        const start = rangeStart(p, after);
        const wanted = Buffer.compare(k, p) >= 0 && (after === undefined || Buffer.compare(k, after) > 0);
        assert.equal(Buffer.compare(k, start) >= 0, wanted);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("compact, bodies, journals", () => {
  test("compact u32 round-trips in all four modes, as SCALE writes them", () => {
    assert.deepEqual(compactEncode(1), Buffer.from([4]));
    assert.deepEqual(compactEncode(64), Buffer.from([1, 1]));
    assert.deepEqual(compactEncode(0x3fffffff), Buffer.from([0xfe, 0xff, 0xff, 0xff]));
    assert.deepEqual(compactEncode(0xffffffff), Buffer.from([3, 0xff, 0xff, 0xff, 0xff]));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        const e = compactEncode(n);
        assert.deepEqual(compactDecode(e, 0), [n, e.length]);
      }),
    );
    assert.throws(() => compactDecode(new Uint8Array([0x07, 0, 0, 0, 0, 0]), 0), /wider than u32/);
  });

  test("bodies and key journals round-trip byte for byte", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), (xs) => {
        assert.deepEqual(
          decodeBody(encodeBody(xs)).map((x) => Buffer.from(x)),
          xs.map((x) => Buffer.from(x)),
        );
        const nonEmpty = xs.filter((x) => x.length > 0);
        assert.deepEqual(
          unpackKeys(packKeys(nonEmpty)).map((x) => Buffer.from(x)),
          nonEmpty.map((x) => Buffer.from(x)),
        );
      }),
    );
  });
});

describe("headers", () => {
  test("headerFields reads what @polkadot-api's blockHeader codec writes, digests included", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (parent, state, ext, number) => {
          const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}` as const;
          const encoded = blockHeader.enc({
            parentHash: hex(parent),
            number,
            stateRoot: hex(state),
            extrinsicRoot: hex(ext),
            digests: [{ type: "preRuntime", value: { engine: "aura", payload: "0x0102030405060708" } }],
          });
          const f = headerFields(encoded);
          assert.deepEqual(f, {
            parentHash: hex(parent),
            number,
            stateRoot: hex(state),
            extrinsicsRoot: hex(ext),
          });
        },
      ),
      { numRuns: 200 },
    );
    assert.throws(() => headerFields(new Uint8Array(40)), /too short/);
  });
});
