// The fixed-size codecs agree with the library's: encoders write exactly its bytes for every fixed-size shape
// the runtime declares (integers, bools, byte arrays, tuples, structs, vectors of them) and refuse bad lengths;
// vector decoders give its values, fail where it fails, and work nested inside its decoders.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  Bytes,
  bool,
  type Codec,
  i8,
  i16,
  i32,
  i64,
  i128,
  Struct,
  Tuple,
  u8,
  u16,
  u32,
  u64,
  u128,
  Vector,
} from "@polkadot-api/substrate-bindings";
import fc from "fast-check";
import { AccountId32 } from "./common.ts";
import { fixedWriter } from "./fixedCodec.ts";
import { T, type Ty } from "./types.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

const u128Arb = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
const u64Arb = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const i64Arb = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });
const i128Arb = fc.bigInt({ min: -(1n << 127n), max: (1n << 127n) - 1n });
const idArb = fc.uint8Array({ minLength: 32, maxLength: 32 });

// Each case: our declared type, the same shape built from the library's codecs alone, and values.
const cases: Array<[string, Ty, Codec<any>, fc.Arbitrary<any>]> = [
  ["bool", T.bool, bool, fc.boolean()],
  ["u8", T.u8, u8, fc.integer({ min: 0, max: 255 })],
  ["i8", T.i8, i8, fc.integer({ min: -128, max: 127 })],
  ["i16", T.i16, i16, fc.integer({ min: -32768, max: 32767 })],
  ["i32", T.i32, i32, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })],
  ["i64", T.i64, i64, i64Arb],
  ["i128", T.i128, i128, i128Arb],
  [
    "Vec<(u16, u16)>",
    T.vec(T.tuple(T.u16, T.u16)),
    Vector(Tuple(u16, u16)),
    fc.array(fc.tuple(fc.nat(65535), fc.nat(65535)), { maxLength: 300 }),
  ],
  ["Vec<u16>", T.vec(T.u16), Vector(u16), fc.array(fc.nat(65535), { maxLength: 300 })],
  ["Vec<u64>", T.vec(T.u64), Vector(u64), fc.array(u64Arb, { maxLength: 80 })],
  ["Vec<bool>", T.vec(T.bool), Vector(bool), fc.array(fc.boolean(), { maxLength: 300 })],
  ["Vec<AccountId32>", T.vec(AccountId32), Vector(Bytes(32)), fc.array(idArb, { maxLength: 10 })],
  [
    "Vec<(u64, AccountId32)>",
    T.vec(T.tuple(T.u64, AccountId32)),
    Vector(Tuple(u64, Bytes(32))),
    fc.array(fc.tuple(u64Arb, idArb), { maxLength: 10 }),
  ],
  [
    "Vec<(u16, {bits: i128})> (root claimable rates)",
    T.vec(T.tuple(T.u16, T.struct(["F"], { bits: T.i128 }))),
    Vector(Tuple(u16, Struct({ bits: i128 }))),
    fc.array(fc.tuple(fc.nat(65535), fc.record({ bits: i128Arb })), { maxLength: 20 }),
  ],
  [
    "Vec<(u16, {bits: u128})>",
    T.vec(T.tuple(T.u16, T.struct(["F"], { bits: T.u128 }))),
    Vector(Tuple(u16, Struct({ bits: u128 }))),
    fc.array(fc.tuple(fc.nat(65535), fc.record({ bits: u128Arb })), { maxLength: 20 }),
  ],
  [
    "{mantissa: u128, exponent: i64}",
    T.struct(["S"], { mantissa: T.u128, exponent: T.i64 }),
    Struct({ mantissa: u128, exponent: i64 }),
    fc.record({ mantissa: u128Arb, exponent: i64Arb }),
  ],
  [
    "AccountInfo-like nested struct",
    T.struct(["A"], {
      nonce: T.u32,
      consumers: T.u32,
      data: T.struct(["D"], { free: T.u128, reserved: T.u128, flags: T.u128 }),
    }),
    Struct({ nonce: u32, consumers: u32, data: Struct({ free: u128, reserved: u128, flags: u128 }) }),
    fc.record({
      nonce: fc.nat(),
      consumers: fc.nat(),
      data: fc.record({ free: u128Arb, reserved: u128Arb, flags: u128Arb }),
    }),
  ],
  ["[u16; 3]", T.array(T.u16, 3), Vector(u16, 3), fc.array(fc.nat(65535), { minLength: 3, maxLength: 3 })],
  [
    "(u16, u64, bool)",
    T.tuple(T.u16, T.u64, T.bool),
    Tuple(u16, u64, bool),
    fc.tuple(fc.nat(65535), u64Arb, fc.boolean()),
  ],
];

for (const [name, ours, lib, arb] of cases)
  test(`${name}: the same bytes as the library's codec, and they decode back`, () => {
    fc.assert(
      fc.property(arb, (v) => {
        const bytes = ours.codec.enc(v);
        assert.equal(hex(bytes), hex(lib.enc(v)));
        assert.deepEqual(ours.codec.dec(bytes), lib.dec(lib.enc(v)));
      }),
      { numRuns: 60 },
    );
  });

test("shapes without a fixed size keep the library's encoder", () => {
  assert.equal(fixedWriter(T.vec(T.u16)), undefined);
  assert.equal(fixedWriter(T.compactBig(T.u64)), undefined);
  assert.equal(fixedWriter(T.option(T.u16)), undefined);
  assert.equal(fixedWriter(T.tuple(T.u16, T.vec(T.u8))), undefined);
  assert.equal(fixedWriter(T.tuple(T.u16, T.u16))?.size, 4);
  assert.equal(fixedWriter(AccountId32)?.size, 32);
});

test("a wrong-length byte array or an out-of-range u128/i128 is an error, not malformed bytes", () => {
  assert.throws(() => T.vec(AccountId32).codec.enc([new Uint8Array(31)]), /\[u8; 32\]: got 31 bytes/);
  assert.throws(() => T.struct(["F"], { bits: T.u128 }).codec.enc({ bits: 1n << 128n }), /u128 out of range/);
  assert.throws(() => T.i128.codec.enc(1n << 127n), /i128 out of range/);
  assert.throws(() => T.i128.codec.enc(-(1n << 127n) - 1n), /i128 out of range/);
  assert.throws(() => T.array(T.u16, 3).codec.enc([1, 2]), /array of 3: got 2 items/);
});

test("encodings are independent copies, small or larger than the scratch buffer", () => {
  const ty = T.vec(T.tuple(T.u16, T.u16));
  const lib = Vector(Tuple(u16, u16));
  const rows = (n: number, k: number) =>
    Array.from({ length: n }, (_, i): [number, number] => [i % 65536, k]);
  const small = ty.codec.enc(rows(3, 7));
  const large = ty.codec.enc(rows(20_000, 9)); // 80 kB: beyond the reused scratch buffer
  const again = ty.codec.enc(rows(3, 8)); // reuses the scratch the first one was written in
  assert.equal(hex(small), hex(lib.enc(rows(3, 7))));
  assert.equal(hex(large), hex(lib.enc(rows(20_000, 9))));
  assert.equal(hex(again), hex(lib.enc(rows(3, 8))));
  assert.notEqual(small.buffer, again.buffer);
  const a = T.u64.codec.enc(1n);
  T.u64.codec.enc(2n);
  assert.equal(hex(a), "0100000000000000");
});

test("the compact length prefix matches the library's at every width boundary", () => {
  for (const n of [0, 1, 63, 64, 65, 16_383, 16_384, 16_385, 70_000]) {
    const v = Array.from({ length: n }, (_, i) => i % 3 === 0);
    assert.equal(hex(T.vec(T.bool).codec.enc(v)), hex(Vector(bool).enc(v)), `length ${n}`);
  }
});

// Vectors whose elements the fixed readers decode (integers, bools, tuples and structs of them).
const decodedVectors: Array<[string, Ty, Codec<any>]> = [
  ["Vec<(u16, u16)>", T.vec(T.tuple(T.u16, T.u16)), Vector(Tuple(u16, u16))],
  ["Vec<u64>", T.vec(T.u64), Vector(u64)],
  ["Vec<bool>", T.vec(T.bool), Vector(bool)],
  [
    "Vec<(i8, i16, i32, i64, i128)>",
    T.vec(T.tuple(T.i8, T.i16, T.i32, T.i64, T.i128)),
    Vector(Tuple(i8, i16, i32, i64, i128)),
  ],
  [
    "Vec<{a: u32, b: u128}>",
    T.vec(T.struct(["S"], { a: T.u32, b: T.u128 })),
    Vector(Struct({ a: u32, b: u128 })),
  ],
  ["Vec<[u16; 2]>", T.vec(T.array(T.u16, 2)), Vector(Vector(u16, 2))],
];

/** The library's outcome: its value, or that it failed. */
const outcome = (f: () => unknown) => {
  try {
    return { value: f() };
  } catch {
    return { failed: true };
  }
};

for (const [name, ours, lib] of decodedVectors)
  test(`${name}: any bytes decode to the library's value, or fail where it fails`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        // Big-integer compact lengths are left to the library itself.
        fc.pre(bytes.length === 0 || (bytes[0]! & 3) !== 3);
        assert.deepEqual(
          outcome(() => ours.codec.dec(bytes)),
          outcome(() => lib.dec(bytes)),
        );
      }),
      { numRuns: 400 },
    );
  });

test("a fixed vector decoder nested in a library decoder reads from the cursor and advances it", () => {
  const ours = T.struct(["N"], { head: T.u8, rows: T.vec(T.tuple(T.u16, T.u16)), tail: T.u32 });
  const lib = Struct({ head: u8, rows: Vector(Tuple(u16, u16)), tail: u32 });
  const v = {
    head: 7,
    rows: Array.from({ length: 70 }, (_, i): [number, number] => [i, 65535 - i]),
    tail: 0xdeadbeef,
  };
  const bytes = lib.enc(v);
  assert.deepEqual(ours.codec.dec(bytes), v);
  assert.deepEqual(T.vec(ours).codec.dec(Vector(lib).enc([v, v])), [v, v]);
});
