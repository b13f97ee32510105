// The extrinsic wire format against hand-assembled bytes (spec/interop.md §2.10), signing and verification
// with real keys, every malformed-input class as a typed error, and round trips over random extrinsics.

import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { blake2_256, cryptoReady } from "@opentao/primitives";
import { Keyring } from "@polkadot/keyring";
import fc from "fast-check";
import { callName, decodeCall, encodeCall, MAX_CALL_DEPTH, type RuntimeCallValue } from "./call.ts";
import { type Era, IMMORTAL, mortalEra } from "./era.ts";
import { ExtrinsicError } from "./errors.ts";
import type { ImplicitValues } from "./extensions.ts";
import {
  type DecodedExtrinsic,
  decodeExtrinsic,
  type Extrinsic,
  encodeExtrinsic,
  extrinsicHash,
  type SignedExtrinsic,
} from "./extrinsic.ts";
import { encodeCompact } from "./scale.ts";
import { type Signer, signExtrinsic, signingPayload, verifyExtrinsic } from "./sign.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const unhex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ""), "hex"));
const fill = (n: number, v: number) => new Uint8Array(n).fill(v);
const fails = (code: string, mention?: string) => (e: unknown) =>
  e instanceof ExtrinsicError && e.code === code && (!mention || e.message.includes(mention));

const transfer = (dest: Uint8Array, value: bigint): RuntimeCallValue => ({
  type: "Balances",
  value: { type: "transfer_keep_alive", value: { dest: { type: "Id", value: dest }, value } },
});

/** A signer that returns a fixed signature and records what it was asked to sign. */
function stubSigner(type = "sr25519") {
  const seen: Uint8Array[] = [];
  const signer: Signer = {
    type,
    publicKey: fill(32, 0x11),
    sign: (m) => {
      seen.push(m);
      return fill(64, 0xab);
    },
  };
  return { signer, seen };
}

const GENESIS = fill(32, 0x33);
const CHECKPOINT = fill(32, 0x44);
const chain = (over: Partial<ImplicitValues> = {}): ImplicitValues => ({
  specVersion: 425,
  transactionVersion: 1,
  genesisHash: GENESIS,
  checkpointHash: CHECKPOINT,
  ...over,
});

/** Re-wrap a body with a correct length prefix (two-byte compact; bodies here are 64…16383 bytes). */
const withLength = (body: Uint8Array) => {
  assert.ok(body.length >= 64 && body.length < 1 << 14);
  const x = (body.length << 2) | 1;
  return Uint8Array.of(x & 0xff, x >> 8, ...body);
};
const bodyOf = (ext: Uint8Array) => ext.subarray((ext[0] & 3) === 1 ? 2 : 1);

const strip = (d: DecodedExtrinsic): Extrinsic => {
  const { callBytes, extensionBytes, encoded, ...rest } = d;
  return rest as Extrinsic;
};

let alice: Signer;
let bob: Signer;
let aliceEd: Signer;
before(async () => {
  await cryptoReady();
  alice = new Keyring({ type: "sr25519" }).addFromUri("//Alice");
  bob = new Keyring({ type: "sr25519" }).addFromUri("//Bob");
  aliceEd = new Keyring({ type: "ed25519" }).addFromUri("//Alice");
});

describe("call encoding", () => {
  test("Balances.transfer_keep_alive(Id(0), 1 TAO): pallet 5, call 3, MultiAddress::Id, Compact<u64>", () => {
    // 1e9 < 2^30: four-byte compact, (1e9 << 2) | 2 = 0xee6b2802 little-endian.
    const expected = `0503 00 ${"00".repeat(32)} 02286bee`;
    assert.equal(hex(encodeCall(transfer(fill(32, 0), 1_000_000_000n))), expected.replace(/ /g, ""));
    assert.deepEqual(decodeCall(unhex(expected)), transfer(fill(32, 0), 1_000_000_000n));
  });

  test("unknown names do not encode", () => {
    const bad = { type: "Balances", value: { type: "transfer_everything", value: {} } };
    assert.throws(() => encodeCall(bad), fails("InvalidCall"));
    const short = transfer(fill(31, 0), 1n);
    assert.throws(() => encodeCall(short), fails("InvalidCall"));
  });
});

describe("wire layout", () => {
  test("signed v4: prefix, 0x84, Id signer, sr25519 signature, era, nonce, tip, mode, call", () => {
    const { signer, seen } = stubSigner();
    const call = transfer(fill(32, 0x22), 1_000_000_000n);
    const bytes = signExtrinsic({
      signer,
      call,
      nonce: 7,
      tip: 1000n,
      era: mortalEra(64, 42),
      genesisHash: GENESIS,
      checkpointHash: CHECKPOINT,
    });
    const callHex = `0503 00 ${"22".repeat(32)} 02286bee`;
    // era 64/42 = a502; nonce 7 = 7 << 2 = 1c; tip 1000: (1000 << 2) | 1 = 0x0fa1; mode Disabled = 00.
    const ext = "a502 1c a10f 00";
    const body = `84 00 ${"11".repeat(32)} 01 ${"ab".repeat(64)} ${ext} ${callHex}`;
    // 144-byte body: (144 << 2) | 1 = 0x0241.
    assert.equal(hex(bytes), `4102${body}`.replace(/ /g, ""));
    // Signed payload: call ‖ explicit ‖ spec 425 ‖ tx 1 ‖ genesis ‖ checkpoint ‖ None; 118 bytes, unhashed.
    const payload = `${callHex} ${ext} a9010000 01000000 ${"33".repeat(32)} ${"44".repeat(32)} 00`;
    assert.equal(seen.length, 1);
    assert.equal(hex(seen[0]), payload.replace(/ /g, ""));
  });

  test("bare v4: Timestamp.set inherent", () => {
    const call = { type: "Timestamp", value: { type: "set", value: { now: 1_700_000_000_000n } } };
    // 1.7e12 = 0x018bcfe56800 needs 6 bytes: prefix ((6 - 4) << 2) | 3 = 0x0b. Body 10 bytes → 0x28.
    const bytes = encodeExtrinsic({ signed: false, version: 4, call });
    assert.equal(hex(bytes), "28 04 0200 0b 0068e5cf8b01".replace(/ /g, ""));
    const d = decodeExtrinsic(bytes);
    assert.deepEqual(strip(d), { signed: false, version: 4, call });
    const v5 = encodeExtrinsic({ signed: false, version: 5, call });
    assert.equal(hex(v5), "28 05 0200 0b 0068e5cf8b01".replace(/ /g, ""));
    assert.equal(decodeExtrinsic(v5).version, 5);
  });

  test("payloads over 256 bytes are signed as their blake2-256 hash", () => {
    const { signer, seen } = stubSigner();
    const batch = {
      type: "Utility",
      value: {
        type: "batch",
        value: { calls: Array.from({ length: 8 }, (_, i) => transfer(fill(32, i), 1n)) },
      },
    };
    const bytes = signExtrinsic({ signer, call: batch, nonce: 0, genesisHash: GENESIS });
    const d = decodeExtrinsic(bytes);
    // Immortal: era 00, checkpoint = genesis.
    const full = new Uint8Array([
      ...d.callBytes,
      ...unhex("00 00 00 00"),
      ...unhex("a9010000 01000000"),
      ...GENESIS,
      ...GENESIS,
      0,
    ]);
    assert.ok(full.length > 256);
    assert.equal(hex(seen[0]), hex(blake2_256(full)));
    assert.equal(hex(signingPayload(d, chain({ checkpointHash: GENESIS }))), hex(blake2_256(full)));
  });

  test("transaction hash is blake2-256 of the bytes with their length prefix", () => {
    const bytes = encodeExtrinsic({ signed: false, version: 4, call: transfer(fill(32, 1), 5n) });
    assert.equal(hex(extrinsicHash(bytes)), hex(blake2_256(bytes)));
    assert.notEqual(hex(extrinsicHash(bytes)), hex(blake2_256(bodyOf(bytes))));
  });
});

describe("signing and verification with real keys", () => {
  const ctx = chain();
  const sign = (signer: Signer, over: Partial<Parameters<typeof signExtrinsic>[0]> = {}) =>
    signExtrinsic({
      signer,
      call: transfer(bob.publicKey, 12_345n),
      nonce: 3,
      tip: 10n,
      era: mortalEra(128, 5000),
      genesisHash: GENESIS,
      checkpointHash: CHECKPOINT,
      ...over,
    });

  test("sr25519 and ed25519 signatures verify; the decoded fields are what was signed", () => {
    for (const signer of [alice, aliceEd]) {
      const d = decodeExtrinsic(sign(signer));
      assert.ok(d.signed);
      assert.deepEqual(verifyExtrinsic(d, ctx), { ok: true });
      assert.equal(d.signature.scheme, signer.type);
      assert.equal(hex(d.signer), hex(signer.publicKey));
      assert.equal(d.nonce, 3);
      assert.equal(d.tip, 10n);
      assert.deepEqual(d.era, { type: "Mortal", period: 128, phase: 5000 % 128 });
      assert.equal(d.metadataHashMode, "Disabled");
      assert.deepEqual(d.call, transfer(bob.publicKey, 12_345n));
      // The same extrinsic, not decoded: its payload is built by encoding.
      assert.deepEqual(verifyExtrinsic(strip(d) as SignedExtrinsic, ctx), { ok: true });
    }
  });

  test("a changed signature bit, genesis, checkpoint, spec or tx version is BadProof", () => {
    const bytes = sign(alice);
    const tampered = bytes.slice();
    tampered[40] ^= 1; // inside the signature (prefix 2 + version 1 + address 33 + type 1 = 37)
    const d = decodeExtrinsic(tampered);
    assert.equal(verifyExtrinsic(d, ctx).ok, false);
    const good = decodeExtrinsic(bytes);
    for (const wrong of [
      chain({ genesisHash: fill(32, 0x34) }),
      chain({ checkpointHash: GENESIS }),
      chain({ specVersion: 393 }),
      chain({ transactionVersion: 2 }),
    ]) {
      const r = verifyExtrinsic(good, wrong);
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.error, "BadProof");
    }
  });

  test("a signature by another key, or moved to another signer, is BadProof", () => {
    const d = decodeExtrinsic(sign(alice));
    assert.ok(d.signed);
    const moved = { ...d, signer: bob.publicKey };
    assert.equal(verifyExtrinsic(moved, ctx).ok, false);
    // The ed25519 signature of the same payload by the same seed is not an sr25519 one.
    const ed = decodeExtrinsic(sign(aliceEd));
    assert.ok(ed.signed);
    assert.equal(
      verifyExtrinsic({ ...ed, signature: { ...ed.signature, scheme: "sr25519" } }, ctx).ok,
      false,
    );
  });

  test("metadata hash mode Enabled: the hash is in the payload; without one it is CannotLookup", () => {
    const hash = fill(32, 0x5a);
    const bytes = sign(alice, { metadataHashMode: "Enabled", metadataHash: hash });
    const d = decodeExtrinsic(bytes);
    assert.equal(d.signed && d.metadataHashMode, "Enabled");
    assert.deepEqual(verifyExtrinsic(d, chain({ metadataHash: hash })), { ok: true });
    assert.equal(verifyExtrinsic(d, chain({ metadataHash: fill(32, 0x5b) })).ok, false);
    const r = verifyExtrinsic(d, ctx);
    assert.equal(!r.ok && r.error, "CannotLookup");
    assert.ok(hex(signingPayload(d, chain({ metadataHash: hash }))).endsWith(`01${hex(hash)}`));
  });

  test("signing refuses ecdsa signers and a mortal era without its checkpoint", () => {
    assert.throws(
      () => sign({ ...alice, type: "ecdsa", publicKey: alice.publicKey, sign: alice.sign }),
      fails("UnsupportedSignature"),
    );
    assert.throws(() => sign(alice, { checkpointHash: undefined }), /checkpoint/);
    // Immortal without a checkpoint signs against the genesis hash.
    const d = decodeExtrinsic(sign(alice, { era: IMMORTAL, checkpointHash: undefined }));
    assert.deepEqual(verifyExtrinsic(d, chain({ checkpointHash: GENESIS })), { ok: true });
  });

  test("an already-encoded call signs the same as its value", () => {
    const call = transfer(bob.publicKey, 1n);
    const d = decodeExtrinsic(sign(alice, { call: encodeCall(call) }));
    assert.deepEqual(d.call, call);
    assert.deepEqual(verifyExtrinsic(d, ctx), { ok: true });
  });
});

describe("malformed input is a typed error naming the problem", () => {
  const { signer } = stubSigner();
  const valid = signExtrinsic({
    signer,
    call: transfer(fill(32, 0x22), 1_000_000_000n),
    nonce: 70_000, // four-byte compact
    tip: 1n << 40n, // big-integer compact
    era: mortalEra(64, 42),
    genesisHash: GENESIS,
    checkpointHash: CHECKPOINT,
  });
  const body = bodyOf(valid);
  // body offsets: 0 version, 1 address type, 2..33 signer, 34 signature type, 35..98 signature, 99.. extensions
  const patched = (at: number, ...bytes: number[]) => {
    const b = body.slice();
    b.set(bytes, at);
    return withLength(b);
  };

  test("every proper prefix is Truncated", () => {
    for (let k = 0; k < valid.length; k++)
      assert.throws(() => decodeExtrinsic(valid.subarray(0, k)), fails("Truncated"), `prefix ${k}`);
  });

  test("every cut of the body, re-prefixed with its true length, is Truncated", () => {
    for (let k = 64; k < body.length; k++)
      assert.throws(() => decodeExtrinsic(withLength(body.subarray(0, k))), fails("Truncated"), `cut ${k}`);
  });

  test("trailing bytes after the extrinsic or after the call", () => {
    assert.throws(() => decodeExtrinsic(Uint8Array.of(...valid, 0)), fails("TrailingBytes", "length prefix"));
    assert.throws(
      () => decodeExtrinsic(withLength(Uint8Array.of(...body, 0))),
      fails("TrailingBytes", "Balances.transfer_keep_alive"),
    );
  });

  test("unknown pallet and call indexes are named", () => {
    const callAt = body.length - 39;
    assert.equal(body[callAt], 5);
    assert.throws(() => decodeExtrinsic(patched(callAt, 200)), fails("UnknownPallet", "200"));
    assert.throws(
      () => decodeExtrinsic(patched(callAt + 1, 99)),
      fails("UnknownCall", "Balances has no call 99"),
    );
  });

  test("unsupported and invalid signature and address types", () => {
    assert.throws(() => decodeExtrinsic(patched(34, 2)), fails("UnsupportedSignature", "ecdsa"));
    assert.throws(() => decodeExtrinsic(patched(34, 3)), fails("InvalidSignature"));
    assert.throws(() => decodeExtrinsic(patched(1, 1)), fails("UnsupportedAddress", "Index"));
    assert.throws(() => decodeExtrinsic(patched(1, 4)), fails("UnsupportedAddress", "Address20"));
    assert.throws(() => decodeExtrinsic(patched(1, 5)), fails("InvalidAddress"));
  });

  test("unsupported versions", () => {
    assert.throws(() => decodeExtrinsic(patched(0, 0x45)), fails("UnsupportedVersion", "general"));
    assert.throws(() => decodeExtrinsic(patched(0, 0x85)), fails("UnsupportedVersion", "0x85"));
    assert.throws(() => decodeExtrinsic(patched(0, 0x03)), fails("UnsupportedVersion"));
  });

  test("extension values out of range or not canonical", () => {
    assert.equal(hex(body.subarray(99, 101)), "a502");
    assert.throws(() => decodeExtrinsic(patched(99, 0x10, 0x00)), fails("InvalidEra"));
    // nonce 70_000 sits at 101..104 in four-byte form; a big-integer prefix of 5 bytes is wider than u32.
    assert.throws(() => decodeExtrinsic(patched(101, 0x07)), fails("OutOfRange", "nonce"));
    // 0x0100 is 0 in two-byte form.
    const zeroNonceLong = withLength(
      Uint8Array.of(...body.subarray(0, 101), 0x01, 0x00, ...body.subarray(105)),
    );
    assert.throws(() => decodeExtrinsic(zeroNonceLong), fails("NonCanonical", "nonce"));
    // the mode byte follows the tip (prefix + 6 bytes at 105..111)
    assert.equal(body[112], 0);
    assert.throws(() => decodeExtrinsic(patched(112, 2)), fails("InvalidExtension", "mode 2"));
  });

  test("call arguments that are not canonical SCALE", () => {
    const transferAll = (keepAlive: number) =>
      encodeExtrinsic({
        signed: false,
        version: 4,
        call: {
          type: "Balances",
          value: {
            type: "transfer_all",
            value: { dest: { type: "Id", value: fill(32, 1) }, keep_alive: true },
          },
        },
      }).map((b, i, a) => (i === a.length - 1 ? keepAlive : b));
    assert.equal(decodeExtrinsic(transferAll(1)).signed, false);
    assert.throws(() => decodeExtrinsic(transferAll(2)), fails("InvalidCall", "canonical"));
    // value 1 TAO written as a 5-byte big-integer compact
    const callAt = body.length - 39;
    const long = withLength(
      Uint8Array.of(...body.subarray(0, callAt + 35), 0x07, 0x00, 0xca, 0x9a, 0x3b, 0x00),
    );
    assert.throws(() => decodeExtrinsic(long), fails("InvalidCall", "canonical"));
    // nested: a MultiAddress variant that does not exist
    assert.throws(() => decodeExtrinsic(patched(callAt + 2, 9)), fails("InvalidCall", "do not decode"));
  });

  test("calls nested deeper than Substrate's limit", () => {
    const remark = encodeCall({
      type: "System",
      value: { type: "remark", value: { remark: new Uint8Array(0) } },
    });
    // Sudo (pallet 12) .sudo (call 0) wrapping a remark `levels` times, as a bare extrinsic.
    const nested = (levels: number) => {
      const body = Uint8Array.of(
        0x04,
        ...new Uint8Array(levels * 2).map((_, i) => (i % 2 ? 0 : 12)),
        ...remark,
      );
      return Uint8Array.of(...encodeCompact(body.length), ...body);
    };
    assert.equal(decodeExtrinsic(nested(MAX_CALL_DEPTH)).signed, false);
    assert.throws(() => decodeExtrinsic(nested(MAX_CALL_DEPTH + 1)), fails("InvalidCall", "nested"));
    assert.throws(() => decodeExtrinsic(nested(20_000)), fails("InvalidCall", "nested"));
  });

  test("fuzz: random bytes and mutations only ever give ExtrinsicError, and what decodes re-encodes", () => {
    const check = (bytes: Uint8Array) => {
      try {
        const d = decodeExtrinsic(bytes);
        assert.equal(hex(encodeExtrinsic(strip(d))), hex(bytes));
      } catch (e) {
        if (!(e instanceof ExtrinsicError)) throw e;
      }
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => check(b)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const b = valid.slice();
        b[at] ^= x;
        check(b);
      }),
      { numRuns: 2000 },
    );
    // Random bodies behind a valid header: the call decoder sees arbitrary bytes.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 120 }), (tail) =>
        check(withLength(Uint8Array.of(...body.subarray(0, 112 + 1), ...tail))),
      ),
      { numRuns: 1000 },
    );
  });
});

describe("round trips over random extrinsics", () => {
  // Plain-prototype records, so decoded values compare deep-equal to them.
  const record = <T extends object>(m: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> =>
    fc.record(m, { noNullPrototype: true }) as fc.Arbitrary<T>;
  const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
  const u64 = fc.bigInt(0n, (1n << 64n) - 1n);
  const address = fc.oneof(
    bytes(32).map((value) => ({ type: "Id", value })),
    bytes(32).map((value) => ({ type: "Address32", value })),
    bytes(20).map((value) => ({ type: "Address20", value })),
    fc.uint8Array({ maxLength: 40 }).map((value) => ({ type: "Raw", value })),
  );
  const leaf: fc.Arbitrary<RuntimeCallValue> = fc.oneof(
    record({ dest: address, value: u64 }).map((value) => ({
      type: "Balances",
      value: { type: "transfer_keep_alive", value },
    })),
    record({ dest: address, value: u64 }).map((value) => ({
      type: "Balances",
      value: { type: "transfer_allow_death", value },
    })),
    record({ dest: address, keep_alive: fc.boolean() }).map((value) => ({
      type: "Balances",
      value: { type: "transfer_all", value },
    })),
    fc.uint8Array({ maxLength: 300 }).map((remark) => ({
      type: "System",
      value: { type: "remark", value: { remark } },
    })),
    u64.map((now) => ({ type: "Timestamp", value: { type: "set", value: { now } } })),
  );
  const call: fc.Arbitrary<RuntimeCallValue> = fc.oneof(
    leaf,
    fc
      .array(leaf, { maxLength: 4 })
      .map((calls) => ({ type: "Utility", value: { type: "batch_all", value: { calls } } })),
    leaf.map((c) => ({ type: "Sudo", value: { type: "sudo", value: { call: c } } })),
  );
  const era: fc.Arbitrary<Era> = fc.oneof(
    fc.constant(IMMORTAL),
    fc.tuple(fc.nat(1 << 17), fc.nat(0xffff_ffff)).map(([p, n]) => mortalEra(p, n)),
  );
  const signed: fc.Arbitrary<Extrinsic> = record({
    signed: fc.constant(true as const),
    version: fc.constant(4 as const),
    signer: bytes(32),
    signature: record({
      scheme: fc.constantFrom("sr25519" as const, "ed25519" as const),
      bytes: bytes(64),
    }),
    era,
    nonce: fc.nat(0xffff_ffff),
    tip: u64,
    metadataHashMode: fc.constantFrom("Disabled" as const, "Enabled" as const),
    call,
  });
  const bare: fc.Arbitrary<Extrinsic> = record({
    signed: fc.constant(false as const),
    version: fc.constantFrom(4 as const, 5 as const),
    call,
  });

  test("decode(encode(x)) = x and encoding is stable", () => {
    fc.assert(
      fc.property(fc.oneof(signed, bare), (x) => {
        const enc = encodeExtrinsic(x);
        const d = decodeExtrinsic(enc);
        assert.deepEqual(strip(d), x);
        assert.equal(hex(d.encoded), hex(enc));
        assert.equal(hex(encodeExtrinsic(strip(d))), hex(enc));
      }),
      { numRuns: 500 },
    );
  });

  test("signed with a real key over random calls and extension values, verifies only for its chain", () => {
    fc.assert(
      fc.property(call, era, fc.nat(0xffff_ffff), u64, bytes(32), (c, e, nonce, tip, checkpoint) => {
        const ctx = chain({ checkpointHash: e.type === "Immortal" ? GENESIS : checkpoint });
        const enc = signExtrinsic({
          signer: alice,
          call: c,
          era: e,
          nonce,
          tip,
          genesisHash: GENESIS,
          checkpointHash: ctx.checkpointHash,
        });
        const d = decodeExtrinsic(enc);
        assert.deepEqual(verifyExtrinsic(d, ctx), { ok: true });
        assert.equal(
          verifyExtrinsic(d, chain({ genesisHash: checkpoint, checkpointHash: ctx.checkpointHash })).ok,
          false,
        );
      }),
      { numRuns: 60 },
    );
  });
});

test("decoding works on Node Buffer views (as LMDB and sockets hand them out)", () => {
  const call = { type: "System", value: { type: "remark", value: { remark: new Uint8Array([1, 2, 3]) } } };
  const bytes = encodeExtrinsic({ signed: false, version: 4, call });
  const pooled = Buffer.concat([Buffer.from([9, 9, 9]), Buffer.from(bytes)]);
  const decoded = decodeExtrinsic(pooled.subarray(3));
  assert.deepEqual(decodeCall(encodeCall(decoded.call)), decoded.call);
  assert.equal(callName(encodeCall(decoded.call)), "System.remark");
});
