// SCALE encoders for values of a fixed encoded size (integers, bools, byte arrays, tuples and
// structs of them) and vectors of such values: the bytes the library's codecs produce, written in place.
// PERF: scale-ts encodes a vector by allocating a buffer per element (and per tuple field) and merging them;
// encoding weight and bond rows that way was most of the cost of writing an epoch's results.

import type { Ty } from "./types.ts";

/** Writes one value of a fixed size at `o` (`dv` views the same buffer as `out`). */
export interface FixedWriter {
  readonly size: number;
  readonly write: (out: Uint8Array, dv: DataView, o: number, v: any) => void;
}

const M64 = (1n << 64n) - 1n;
const I128_MAX = (1n << 127n) - 1n;
const I128_MIN = -(1n << 127n);

const PRIMITIVES: Partial<Record<string, FixedWriter>> = {
  bool: {
    size: 1,
    write: (out, _dv, o, v: boolean) => {
      out[o] = v ? 1 : 0;
    },
  },
  u8: {
    size: 1,
    write: (out, _dv, o, v: number) => {
      out[o] = v;
    },
  },
  i8: { size: 1, write: (_out, dv, o, v: number) => dv.setInt8(o, v) },
  u16: { size: 2, write: (_out, dv, o, v: number) => dv.setUint16(o, v, true) },
  i16: { size: 2, write: (_out, dv, o, v: number) => dv.setInt16(o, v, true) },
  u32: { size: 4, write: (_out, dv, o, v: number) => dv.setUint32(o, v, true) },
  i32: { size: 4, write: (_out, dv, o, v: number) => dv.setInt32(o, v, true) },
  u64: { size: 8, write: (_out, dv, o, v: bigint) => dv.setBigUint64(o, v, true) },
  i64: { size: 8, write: (_out, dv, o, v: bigint) => dv.setBigInt64(o, v, true) },
  u128: {
    size: 16,
    write: (_out, dv, o, v: bigint) => {
      if (v < 0n || v >> 128n !== 0n) throw new RangeError(`u128 out of range: ${v}`);
      dv.setBigUint64(o, v & M64, true);
      dv.setBigUint64(o + 8, v >> 64n, true);
    },
  },
  i128: {
    size: 16,
    write: (_out, dv, o, v: bigint) => {
      if (v < I128_MIN || v > I128_MAX) throw new RangeError(`i128 out of range: ${v}`);
      const u = BigInt.asUintN(128, v);
      dv.setBigUint64(o, u & M64, true);
      dv.setBigUint64(o + 8, u >> 64n, true);
    },
  },
};

/** Whether a type is a `T.lazy` reference (resolved late; never fast-pathed). */
const isLazy = (t: Ty) => Object.getOwnPropertySymbols(t).length > 0;

/** The writer for a type whose encoding always has the same length, or undefined. */
export function fixedWriter(t: Ty): FixedWriter | undefined {
  if (isLazy(t)) return undefined;
  const d = t.def;
  switch (d.tag) {
    case "primitive":
      return PRIMITIVES[d.value];
    case "array": {
      const { len, type } = d.value;
      if (type.def.tag === "primitive" && type.def.value === "u8")
        return {
          size: len,
          write: (out, _dv, o, v: Uint8Array | number[]) => {
            if (v.length !== len) throw new RangeError(`[u8; ${len}]: got ${v.length} bytes`);
            out.set(v, o);
          },
        };
      const inner = fixedWriter(type);
      if (!inner) return undefined;
      return {
        size: len * inner.size,
        write: (out, dv, o, v: unknown[]) => {
          if (v.length !== len) throw new RangeError(`array of ${len}: got ${v.length} items`);
          for (let i = 0; i < len; i++) inner.write(out, dv, o + i * inner.size, v[i]);
        },
      };
    }
    case "tuple": {
      const items = d.value.map(fixedWriter);
      if (items.some((w) => w === undefined)) return undefined;
      const ws = items as FixedWriter[];
      const offsets = offsetsOf(ws);
      return {
        size: offsets.size,
        write: (out, dv, o, v: unknown[]) => {
          for (let i = 0; i < ws.length; i++) ws[i]!.write(out, dv, o + offsets.at[i]!, v[i]);
        },
      };
    }
    case "composite": {
      const fields = d.value;
      // A newtype (`struct AccountId32([u8; 32])`) encodes as, and is valued as, its one field.
      if (fields.length === 1 && !fields[0]!.name) return fixedWriter(fields[0]!.type);
      if (fields.length === 0 || !fields.every((f) => f.name)) return undefined;
      const ws = fields.map((f) => fixedWriter(f.type));
      if (ws.some((w) => w === undefined)) return undefined;
      const names = fields.map((f) => f.name as string);
      const writers = ws as FixedWriter[];
      const offsets = offsetsOf(writers);
      return {
        size: offsets.size,
        write: (out, dv, o, v: Record<string, unknown>) => {
          for (let i = 0; i < writers.length; i++)
            writers[i]!.write(out, dv, o + offsets.at[i]!, v[names[i]!]);
        },
      };
    }
    default:
      return undefined;
  }
}

function offsetsOf(ws: readonly { readonly size: number }[]): { at: number[]; size: number } {
  const at: number[] = [];
  let size = 0;
  for (const w of ws) {
    at.push(size);
    size += w.size;
  }
  return { at, size };
}

/**
 * Values are written into one reused scratch buffer, then copied out: a `DataView` over a fresh small array
 * makes V8 move the array's bytes off-heap into a new ArrayBuffer, which cost several times the encoding.
 * Writers fill every byte of their size, so nothing stale is copied out; they never re-enter an encoder.
 */
const SCRATCH_MAX = 64 * 1024;
let scratch = new Uint8Array(1024);
let scratchView = new DataView(scratch.buffer);

/** The scratch buffer, grown to hold `size` bytes (at most `SCRATCH_MAX`). */
function scratchFor(size: number): Uint8Array {
  if (size > scratch.length) {
    scratch = new Uint8Array(SCRATCH_MAX);
    scratchView = new DataView(scratch.buffer);
  }
  return scratch;
}

/** Encoder of a fixed-size value. */
export function fixedEncoder<V>(w: FixedWriter): (v: V) => Uint8Array {
  const size = w.size;
  if (size > SCRATCH_MAX)
    return (v) => {
      const out = new Uint8Array(size);
      w.write(out, new DataView(out.buffer), 0, v);
      return out;
    };
  return (v) => {
    const out = scratchFor(size);
    w.write(out, scratchView, 0, v);
    return out.slice(0, size);
  };
}

/** Bytes of SCALE's compact encoding of a length. */
const compactLengthSize = (n: number) => (n < 1 << 6 ? 1 : n < 1 << 14 ? 2 : n < 1 << 30 ? 4 : 5);

/** Write a length < 2^32 in SCALE's compact form (the library's encoder allocates a DataView per call). */
function writeCompactLength(out: Uint8Array, dv: DataView, n: number): void {
  if (n < 1 << 6) out[0] = n << 2;
  else if (n < 1 << 14) dv.setUint16(0, (n << 2) | 1, true);
  else if (n < 1 << 30) dv.setUint32(0, ((n << 2) | 2) >>> 0, true);
  else {
    out[0] = 3; // big-integer mode, 4 bytes follow
    dv.setUint32(1, n, true);
  }
}

/** Encoder of `Vec<E>` for a fixed-size E: the compact length, then every element. */
export function fixedVecEncoder<E>(w: FixedWriter): (v: E[]) => Uint8Array {
  return (v) => {
    const n = v.length;
    const head = compactLengthSize(n);
    const size = head + n * w.size;
    const own = size > SCRATCH_MAX;
    const out = own ? new Uint8Array(size) : scratchFor(size);
    const dv = own ? new DataView(out.buffer) : scratchView;
    writeCompactLength(out, dv, n);
    for (let i = 0, o = head; i < n; i++, o += w.size) w.write(out, dv, o, v[i]);
    return own ? out : out.slice(0, size);
  };
}

/** Reads one value of a fixed size at `o` (integers, bools, and tuples, arrays and structs of them). */
export interface FixedReader {
  readonly size: number;
  readonly read: (b: Uint8Array, o: number) => any;
}

const u32At = (b: Uint8Array, o: number) =>
  (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const u64At = (b: Uint8Array, o: number) => BigInt(u32At(b, o)) | (BigInt(u32At(b, o + 4)) << 32n);
const u128At = (b: Uint8Array, o: number) => u64At(b, o) | (u64At(b, o + 8) << 64n);

// The values the library's decoders give: numbers up to 32 bits, bigints above, `Boolean(byte)` for bool.
const PRIMITIVE_READERS: Partial<Record<string, FixedReader>> = {
  bool: { size: 1, read: (b, o) => b[o] !== 0 },
  u8: { size: 1, read: (b, o) => b[o] },
  i8: { size: 1, read: (b, o) => (b[o]! << 24) >> 24 },
  u16: { size: 2, read: (b, o) => b[o]! | (b[o + 1]! << 8) },
  i16: { size: 2, read: (b, o) => ((b[o]! | (b[o + 1]! << 8)) << 16) >> 16 },
  u32: { size: 4, read: u32At },
  i32: { size: 4, read: (b, o) => u32At(b, o) | 0 },
  u64: { size: 8, read: u64At },
  i64: { size: 8, read: (b, o) => BigInt.asIntN(64, u64At(b, o)) },
  u128: { size: 16, read: u128At },
  i128: { size: 16, read: (b, o) => BigInt.asIntN(128, u128At(b, o)) },
};

/**
 * The reader for a fixed-size type built of integers and bools, or undefined. Byte arrays are left to the
 * library (its decoder hands back short arrays from short input rather than failing).
 */
export function fixedReader(t: Ty): FixedReader | undefined {
  if (isLazy(t)) return undefined;
  const d = t.def;
  switch (d.tag) {
    case "primitive":
      return PRIMITIVE_READERS[d.value];
    case "array": {
      const { len, type } = d.value;
      if (type.def.tag === "primitive" && type.def.value === "u8") return undefined;
      const inner = fixedReader(type);
      if (!inner) return undefined;
      return {
        size: len * inner.size,
        read: (b, o) => Array.from({ length: len }, (_, i) => inner.read(b, o + i * inner.size)),
      };
    }
    case "tuple": {
      const items = d.value.map(fixedReader);
      if (items.length === 0 || items.some((r) => r === undefined)) return undefined;
      const rs = items as FixedReader[];
      const { at, size } = offsetsOf(rs);
      if (rs.length === 2) {
        const [a, c] = rs as [FixedReader, FixedReader];
        const second = at[1]!;
        return { size, read: (b, o) => [a.read(b, o), c.read(b, o + second)] };
      }
      return { size, read: (b, o) => rs.map((r, i) => r.read(b, o + at[i]!)) };
    }
    case "composite": {
      const fields = d.value;
      if (fields.length === 1 && !fields[0]!.name) return fixedReader(fields[0]!.type);
      if (fields.length === 0 || !fields.every((f) => f.name)) return undefined;
      const rs = fields.map((f) => fixedReader(f.type));
      if (rs.some((r) => r === undefined)) return undefined;
      const readers = rs as FixedReader[];
      const names = fields.map((f) => f.name as string);
      const { at, size } = offsetsOf(readers);
      return {
        size,
        read: (b, o) => {
          const v: Record<string, unknown> = {};
          for (let i = 0; i < readers.length; i++) v[names[i]!] = readers[i]!.read(b, o + at[i]!);
          return v;
        },
      };
    }
    default:
      return undefined;
  }
}

/** scale-ts's cursor over a whole buffer, handed to a decoder nested in one of the library's decoders. */
interface LibraryCursor extends Uint8Array {
  i: number;
  v: DataView;
}
const isCursor = (b: Uint8Array): b is LibraryCursor =>
  typeof (b as Partial<LibraryCursor>).i === "number" && (b as Partial<LibraryCursor>).v instanceof DataView;

/**
 * Decoder of `Vec<E>` for a fixed-size E, one pass over the bytes (the library's runs a chain of closures and
 * a DataView per element: decoding bond rows was a tenth of an epoch). Same values as the library's decoder
 * `lib`, and an error where it would fail; input other than bytes, and a length in the big-integer compact
 * form (no real vector has one), go to `lib`.
 */
export function fixedVecDecoder<E>(r: FixedReader, lib: (input: any) => E[]): (input: any) => E[] {
  return (input) => {
    if (!(input instanceof Uint8Array)) return lib(input);
    const cursor = isCursor(input);
    const b = input;
    let o = cursor ? input.i : 0;
    const need = (k: number) => {
      if (o + k > b.length) throw new RangeError(`Vec: ${k} bytes needed at ${o}, ${b.length - o} left`);
    };
    need(1);
    let n: number;
    switch (b[o]! & 3) {
      case 0:
        n = b[o]! >>> 2;
        o += 1;
        break;
      case 1:
        need(2);
        n = (b[o]! | (b[o + 1]! << 8)) >>> 2;
        o += 2;
        break;
      case 2:
        need(4);
        n = u32At(b, o) >>> 2;
        o += 4;
        break;
      default:
        return lib(input);
    }
    need(n * r.size);
    const out = new Array<E>(n);
    for (let i = 0; i < n; i++, o += r.size) out[i] = r.read(b, o);
    if (cursor) input.i = o;
    return out;
  };
}
