// A minimal SCALE reader/writer for runtime-API answers: the SDK decodes `state_call` bytes itself so a
// metagraph sync does not wait on metadata-driven codecs (and works with any node serving finney's types).

import { ss58Encode } from "../keys/ss58.ts";

// SS58 encoding (blake2b-512 checksum + base58) costs ~15 µs; a 256-uid sync meets ~800 account ids.
const SS58_CACHE_SIZE = 65_536;
const ss58Cache = new Map<string, string>();

export class ScaleError extends Error {
  override readonly name = "ScaleError";
}

export class ScaleReader {
  #at = 0;
  readonly #view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get offset(): number {
    return this.#at;
  }
  get done(): boolean {
    return this.#at === this.bytes.length;
  }
  #need(n: number): number {
    const at = this.#at;
    if (at + n > this.bytes.length)
      throw new ScaleError(`SCALE input ends at ${this.bytes.length}, needed ${n} bytes at ${at}`);
    this.#at += n;
    return at;
  }
  u8(): number {
    return this.bytes[this.#need(1)]!;
  }
  bool(): boolean {
    const b = this.u8();
    if (b > 1) throw new ScaleError(`invalid bool byte ${b} at ${this.#at - 1}`);
    return b === 1;
  }
  u16(): number {
    return this.#view.getUint16(this.#need(2), true);
  }
  u32(): number {
    return this.#view.getUint32(this.#need(4), true);
  }
  u64(): bigint {
    return this.#view.getBigUint64(this.#need(8), true);
  }
  u128(): bigint {
    const lo = this.u64();
    return (this.u64() << 64n) | lo;
  }
  i128(): bigint {
    const v = this.u128();
    return v >= 1n << 127n ? v - (1n << 128n) : v;
  }
  raw(n: number): Uint8Array {
    const at = this.#need(n);
    return this.bytes.subarray(at, at + n);
  }
  /** Compact<uN> as a bigint. */
  compactBig(): bigint {
    const b0 = this.u8();
    const mode = b0 & 3;
    if (mode === 0) return BigInt(b0 >> 2);
    if (mode === 1) return BigInt((b0 | (this.u8() << 8)) >> 2);
    if (mode === 2) {
      const b = this.raw(3);
      return BigInt(((b0 | (b[0]! << 8) | (b[1]! << 16) | (b[2]! << 24)) >>> 0) >>> 2);
    }
    const len = (b0 >> 2) + 4;
    const b = this.raw(len);
    let v = 0n;
    for (let i = len - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
    return v;
  }
  /** Compact integer that fits a JS number (lengths, u16/u32 fields). */
  compact(): number {
    const b0 = this.bytes[this.#at];
    // Fast paths for the 1- and 2-byte forms, which are nearly every field of a metagraph.
    if (b0 !== undefined && (b0 & 3) === 0) {
      this.#at++;
      return b0 >> 2;
    }
    if (b0 !== undefined && (b0 & 3) === 1 && this.#at + 1 < this.bytes.length) {
      const v = (b0 | (this.bytes[this.#at + 1]! << 8)) >> 2;
      this.#at += 2;
      return v;
    }
    const v = this.compactBig();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ScaleError(`compact ${v} does not fit a number`);
    return Number(v);
  }
  /** AccountId32 as an SS58 address (prefix 42); addresses are cached, a metagraph repeats the same keys. */
  accountId(): string {
    const raw = this.raw(32);
    const key = Buffer.from(raw.buffer, raw.byteOffset, 32).toString("latin1");
    let address = ss58Cache.get(key);
    if (address === undefined) {
      if (ss58Cache.size >= SS58_CACHE_SIZE) ss58Cache.clear();
      address = ss58Encode(raw, 42);
      ss58Cache.set(key, address);
    }
    return address;
  }
  vec<T>(item: (r: ScaleReader) => T): T[] {
    const n = this.compact();
    if (n > this.bytes.length - this.#at) throw new ScaleError(`vector length ${n} exceeds the input`);
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = item(this);
    return out;
  }
  option<T>(item: (r: ScaleReader) => T): T | undefined {
    const tag = this.u8();
    if (tag === 0) return undefined;
    if (tag !== 1) throw new ScaleError(`invalid Option tag ${tag} at ${this.#at - 1}`);
    return item(this);
  }
  bytesVec(): Uint8Array {
    return this.raw(this.compact());
  }
  /** Vec<Compact<u8>> or Vec<u8> holding UTF-8 text. */
  text(compactBytes: boolean): string {
    const bytes = compactBytes ? Uint8Array.from(this.vec((r) => r.compact())) : this.bytesVec();
    return new TextDecoder().decode(bytes);
  }
}

/** SCALE encoding helpers for runtime-API arguments. */
export const scaleEncode = {
  u8: (v: number) => Uint8Array.of(v & 0xff),
  u16: (v: number) => Uint8Array.of(v & 0xff, (v >> 8) & 0xff),
  compact(v: number | bigint): Uint8Array {
    const n = BigInt(v);
    if (n < 64n) return Uint8Array.of(Number(n) << 2);
    if (n < 1n << 14n) {
      const x = (Number(n) << 2) | 1;
      return Uint8Array.of(x & 0xff, x >> 8);
    }
    if (n < 1n << 30n) {
      const x = ((Number(n) << 2) | 2) >>> 0;
      return Uint8Array.of(x & 0xff, (x >> 8) & 0xff, (x >> 16) & 0xff, x >>> 24);
    }
    const bytes: number[] = [];
    let m = n;
    while (m > 0n) {
      bytes.push(Number(m & 0xffn));
      m >>= 8n;
    }
    return Uint8Array.of(((bytes.length - 4) << 2) | 3, ...bytes);
  },
  concat(...parts: Uint8Array[]): Uint8Array {
    const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  },
  vecU16(values: readonly number[]): Uint8Array {
    return scaleEncode.concat(scaleEncode.compact(values.length), ...values.map(scaleEncode.u16));
  },
};
