// A bounds-checked SCALE reader and compact-integer codec for the extrinsic envelope: every read names its
// field, so malformed input becomes an ExtrinsicError instead of a RangeError from a DataView.

import { compactBn } from "@polkadot-api/substrate-bindings";
import { ExtrinsicError } from "./errors.ts";

export class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  byte(what: string): number {
    if (this.pos >= this.bytes.length) throw new ExtrinsicError("Truncated", `input ends before ${what}`);
    return this.bytes[this.pos++];
  }

  take(n: number, what: string): Uint8Array {
    if (this.remaining < n)
      throw new ExtrinsicError("Truncated", `${what} needs ${n} bytes, ${this.remaining} left`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /**
   * `Compact<uN>` with parity-scale-codec's rules: each mode only for values that do not fit the shorter
   * one, and big-integer mode only with as many bytes as the value needs, at most `bits / 8`.
   */
  compact(what: string, bits: 32 | 64 | 128): bigint {
    const first = this.byte(what);
    const mode = first & 3;
    if (mode === 0) return BigInt(first >> 2);
    if (mode === 1) {
      const v = (first | (this.byte(what) << 8)) >> 2;
      if (v < 1 << 6) throw new ExtrinsicError("NonCanonical", `${what}: compact ${v} in two-byte form`);
      return BigInt(v);
    }
    if (mode === 2) {
      const rest = this.take(3, what);
      const v = (first | (rest[0] << 8) | (rest[1] << 16) | (rest[2] << 24)) >>> 2;
      if (v < 1 << 14) throw new ExtrinsicError("NonCanonical", `${what}: compact ${v} in four-byte form`);
      return BigInt(v);
    }
    const n = (first >> 2) + 4;
    if (n > bits / 8) throw new ExtrinsicError("OutOfRange", `${what}: compact wider than u${bits}`);
    const raw = this.take(n, what);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(raw[i]);
    const floor = n === 4 ? 1n << 30n : 1n << BigInt(8 * (n - 1));
    if (v < floor) throw new ExtrinsicError("NonCanonical", `${what}: compact ${v} in ${n}-byte form`);
    return v;
  }
}

/** SCALE `Compact<u*>` of a non-negative integer, in its shortest form (scale-ts's encoder). */
export function encodeCompact(value: number | bigint): Uint8Array {
  const v = BigInt(value);
  if (v < 0n) throw new RangeError(`compact of negative ${v}`);
  return compactBn.enc(v);
}

export { concatBytes } from "@opentao/primitives";

export function u32le(v: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, v, true);
  return out;
}
