// Byte layouts of the block store: LMDB keys for versioned state, block numbers, block bodies, and the
// few header fields the store reads itself (parent hash, number, state root) straight from SCALE.

import { compactNumber } from "@polkadot-api/substrate-bindings";

/** A block hash as the JSON-RPC and polkadot-api write it: `0x` + 64 lowercase hex digits. */
export type HexHash = `0x${string}`;

export const toHex = (b: Uint8Array): HexHash =>
  `0x${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex")}`;

/** 32 bytes of a `0x`-hex hash; throws on anything else so a bad hash never reaches LMDB as a key. */
export function hashBytes(hash: string): Buffer {
  if (!/^0x[0-9a-fA-F]{64}$/.test(hash)) throw new TypeError(`not a 32-byte 0x-hex hash: ${hash}`);
  return Buffer.from(hash.slice(2), "hex");
}

/** A plain Uint8Array view of an LMDB Buffer, so callers' deep-equality checks see ordinary bytes. */
export const plain = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export function u32be(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n, 0);
  return b;
}

// --- SCALE compact integers (up to u32, which is all block numbers and lengths need) -----------------

export function compactEncode(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`compact: ${n} is not a u32`);
  return Buffer.from(compactNumber.enc(n));
}

// Decoding stays hand-written: it reads at an offset inside a larger buffer and reports where it ended,
// which scale-ts decoders (they ignore a view's byteOffset) do not.
/** Decodes a compact u32 at `offset`; returns the value and the offset just past it. */
export function compactDecode(b: Uint8Array, offset: number): [number, number] {
  if (offset >= b.length) throw new RangeError("compact: out of input");
  const mode = b[offset] & 3;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (mode === 0) return [b[offset] >>> 2, offset + 1];
  if (mode === 1) {
    if (offset + 2 > b.length) throw new RangeError("compact: out of input");
    return [dv.getUint16(offset, true) >>> 2, offset + 2];
  }
  if (mode === 2) {
    if (offset + 4 > b.length) throw new RangeError("compact: out of input");
    return [dv.getUint32(offset, true) >>> 2, offset + 4];
  }
  if (b[offset] >>> 2 !== 0) throw new RangeError("compact: wider than u32");
  if (offset + 5 > b.length) throw new RangeError("compact: out of input");
  return [dv.getUint32(offset + 1, true), offset + 5];
}

// --- Headers ---------------------------------------------------------------------------------------

/** The header fields the store itself needs; the node decodes the rest (digest) with its own codec. */
export interface HeaderFields {
  parentHash: HexHash;
  number: number;
  stateRoot: HexHash;
  extrinsicsRoot: HexHash;
}

/** Reads a SCALE header's fixed prefix: parentHash ‖ compact(number) ‖ stateRoot ‖ extrinsicsRoot ‖ digest. */
export function headerFields(header: Uint8Array): HeaderFields {
  if (header.length < 32 + 1 + 64 + 1) throw new RangeError("header: too short");
  const [number, at] = compactDecode(header, 32);
  if (at + 64 > header.length) throw new RangeError("header: too short");
  return {
    parentHash: toHex(header.subarray(0, 32)),
    number,
    stateRoot: toHex(header.subarray(at, at + 32)),
    extrinsicsRoot: toHex(header.subarray(at + 32, at + 64)),
  };
}

// --- Bodies ----------------------------------------------------------------------------------------

/**
 * compact(count) ‖ (compact(len) ‖ bytes)*. Each extrinsic is framed by the store itself, so a body comes
 * back byte for byte whatever the extrinsics hold (they carry their own SCALE length prefix too).
 */
export function encodeBody(extrinsics: readonly Uint8Array[]): Buffer {
  const parts: Uint8Array[] = [compactEncode(extrinsics.length)];
  for (const x of extrinsics) parts.push(compactEncode(x.length), x);
  return Buffer.concat(parts);
}

export function decodeBody(body: Uint8Array): Uint8Array[] {
  let [count, at] = compactDecode(body, 0);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    let len: number;
    [len, at] = compactDecode(body, at);
    out.push(body.slice(at, at + len));
    at += len;
  }
  if (at !== body.length) throw new RangeError("body: trailing bytes");
  return out;
}

// --- Versioned state keys --------------------------------------------------------------------------

/**
 * Order-preserving, prefix-free escaping: 0x00 → 00 FF, then a 00 00 terminator. Appending a block number
 * to an escaped key keeps every version of one storage key contiguous in LMDB, even when another storage
 * key extends it (raw `key ‖ u32be(n)` would interleave "ab"'s versions with the key "ab 00 00 00 02").
 */
export function escapeKey(key: Uint8Array, extra = 0): Buffer {
  let zeros = 0;
  for (let i = 0; i < key.length; i++) if (key[i] === 0) zeros++;
  const out = Buffer.allocUnsafe(key.length + zeros + 2 + extra);
  let j = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    out[j++] = c;
    if (c === 0) out[j++] = 0xff;
  }
  out[j++] = 0;
  out[j++] = 0;
  return out;
}

/** The escaped bytes of a key prefix without the terminator: every escaped key with that prefix starts so. */
export function escapePrefix(prefix: Uint8Array): Buffer {
  const full = escapeKey(prefix);
  return full.subarray(0, full.length - 2);
}

/** History key: escaped storage key ‖ u32be(block number). */
export function versionKey(key: Uint8Array, block: number): Buffer {
  const out = escapeKey(key, 4);
  out.writeUInt32BE(block, out.length - 4);
  return out;
}

/** Splits a history key back into (escaped key with terminator, block number). */
export function splitVersionKey(vk: Uint8Array): [Uint8Array, number] {
  const n = vk.length - 4;
  return [vk.subarray(0, n), new DataView(vk.buffer, vk.byteOffset, vk.byteLength).getUint32(n, false)];
}

export function unescapeKey(escaped: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    const c = escaped[i];
    if (c !== 0) out.push(c);
    else if (escaped[i + 1] === 0xff) {
      out.push(0);
      i++;
    } else return new Uint8Array(out); // terminator
  }
  throw new RangeError("escaped key without terminator");
}

/** The least byte string greater than every string that starts with `prefix`; undefined if none (all 0xff). */
export function prefixEnd(prefix: Uint8Array): Buffer | undefined {
  let n = prefix.length;
  while (n > 0 && prefix[n - 1] === 0xff) n--;
  if (n === 0) return undefined;
  const out = Buffer.from(prefix.subarray(0, n));
  out[n - 1]++;
  return out;
}

/** The first key in byte order that is ≥ prefix and, when `after` is given, strictly after it. */
export function rangeStart(prefix: Uint8Array, after: Uint8Array | undefined): Buffer {
  if (after === undefined || Buffer.compare(after, prefix) < 0) return Buffer.from(prefix);
  // after ‖ 0x00 is the immediate successor of `after` in byte order.
  const out = Buffer.alloc(after.length + 1);
  out.set(after, 0);
  return out;
}

/**
 * A value as it was before a block changed it: 0x00 when the key was absent, 0x01 ‖ value when present.
 * Stored in the history table so that "absent" and "empty value" stay distinct.
 */
export function tagValue(v: Uint8Array | undefined): Buffer {
  if (v === undefined) return Buffer.from([0]);
  const out = Buffer.allocUnsafe(v.length + 1);
  out[0] = 1;
  out.set(v, 1);
  return out;
}

export function untagValue(t: Uint8Array): Uint8Array | undefined {
  if (t[0] === 0) return undefined;
  return t.slice(1);
}

/** The keys a block changed, packed as (compact(len) ‖ key)* for the pruning journal. */
export function packKeys(keys: readonly Uint8Array[]): Buffer {
  const parts: Uint8Array[] = [];
  for (const k of keys) parts.push(compactEncode(k.length), k);
  return Buffer.concat(parts);
}

export function unpackKeys(packed: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < packed.length) {
    let len: number;
    [len, at] = compactDecode(packed, at);
    out.push(packed.subarray(at, at + len));
    at += len;
  }
  return out;
}
