// Type declarations that carry both a SCALE codec and their metadata description, so the runtime's
// storage, calls, events and the metadata it serves all derive from one declaration per type.

import {
  _void,
  Bytes,
  type Codec,
  compactBn,
  compactNumber,
  createCodec,
  i8,
  i16,
  i32,
  i64,
  i128,
  Option as ScaleOption,
  Result as ScaleResult,
  Self,
  Struct,
  bool as scaleBool,
  str as scaleStr,
  Tuple,
  u8,
  u16,
  u32,
  u64,
  u128,
  u256,
  Variant,
  Vector,
} from "@polkadot-api/substrate-bindings";
import { fixedEncoder, fixedReader, fixedVecDecoder, fixedVecEncoder, fixedWriter } from "./fixedCodec.ts";

export type PrimitiveName =
  | "bool"
  | "char"
  | "str"
  | "u8"
  | "u16"
  | "u32"
  | "u64"
  | "u128"
  | "u256"
  | "i8"
  | "i16"
  | "i32"
  | "i64"
  | "i128"
  | "i256";

export interface Field {
  name?: string;
  type: Ty;
  typeName?: string;
  docs?: string[];
}

export interface VariantDef {
  name: string;
  index: number;
  fields: Field[];
  docs?: string[];
}

export type TyDef =
  | { tag: "primitive"; value: PrimitiveName }
  | { tag: "compact"; value: Ty }
  | { tag: "sequence"; value: Ty }
  | { tag: "array"; value: { len: number; type: Ty } }
  | { tag: "tuple"; value: Ty[] }
  | { tag: "composite"; value: Field[] }
  | { tag: "variant"; value: VariantDef[] };

/** A declared type: how it is encoded, and how the metadata describes it. */
export interface Ty<T = any> {
  readonly codec: Codec<T>;
  readonly path: string[];
  readonly params: Array<{ name: string; type?: Ty }>;
  readonly def: TyDef;
  readonly docs: string[];
}

export type TyValue<X> = X extends Ty<infer T> ? T : never;

function ty<T>(
  codec: Codec<T>,
  def: TyDef,
  path: string[] = [],
  params: Ty["params"] = [],
  docs: string[] = [],
): Ty<T> {
  return { codec, def, path, params, docs };
}

/** The same type with the one-buffer encoder when its encoding has a fixed size (decoder unchanged). */
function withFixedEncoder<T>(t: Ty<T>): Ty<T> {
  const w = fixedWriter(t);
  return w ? { ...t, codec: createCodec(fixedEncoder<T>(w), t.codec.dec) } : t;
}

const prim = <T>(codec: Codec<T>, name: PrimitiveName) => ty(codec, { tag: "primitive", value: name });

/** A primitive with the one-buffer fixed-size encoder (same bytes; the crate's decoder kept). */
const fixedPrim = <T>(codec: Codec<T>, name: PrimitiveName) => withFixedEncoder(prim(codec, name));

export const T = {
  bool: fixedPrim(scaleBool, "bool"),
  str: prim(scaleStr, "str"),
  u8: fixedPrim(u8, "u8"),
  u16: fixedPrim(u16, "u16"),
  u32: fixedPrim(u32, "u32"),
  u64: fixedPrim(u64, "u64"),
  u128: fixedPrim(u128, "u128"),
  u256: prim(u256, "u256"),
  i8: fixedPrim(i8, "i8"),
  i16: fixedPrim(i16, "i16"),
  i32: fixedPrim(i32, "i32"),
  i64: fixedPrim(i64, "i64"),
  i128: fixedPrim(i128, "i128"),
  /** `()`: the empty tuple. */
  unit: ty(_void, { tag: "tuple", value: [] }) as Ty<undefined>,

  /** Compact<u8|u16|u32> decode to numbers, wider ones to bigint. */
  compactNumber: (inner: Ty<number>): Ty<number> => ty(compactNumber, { tag: "compact", value: inner }),
  compactBig: (inner: Ty<bigint>): Ty<bigint> => ty(compactBn, { tag: "compact", value: inner }),

  vec: <E>(inner: Ty<E>): Ty<E[]> => {
    const lib = Vector(inner.codec);
    const w = fixedWriter(inner);
    const r = fixedReader(inner);
    const codec =
      w || r
        ? createCodec(w ? fixedVecEncoder<E>(w) : lib.enc, r ? fixedVecDecoder<E>(r, lib.dec) : lib.dec)
        : lib;
    return ty(codec, { tag: "sequence", value: inner });
  },
  /** `Vec<u8>` as raw bytes. */
  bytes: (u8Ty: Ty<number>): Ty<Uint8Array> => ty(Bytes(), { tag: "sequence", value: u8Ty }),
  /** `[u8; N]` as raw bytes. */
  byteArray: (len: number, u8Ty: Ty<number>): Ty<Uint8Array> =>
    ty(Bytes(len), { tag: "array", value: { len, type: u8Ty } }),
  array: <E>(inner: Ty<E>, len: number): Ty<E[]> =>
    withFixedEncoder(ty(Vector(inner.codec, len), { tag: "array", value: { len, type: inner } })),

  tuple: <A extends Ty[]>(...items: A): Ty<{ [K in keyof A]: TyValue<A[K]> }> =>
    withFixedEncoder(ty(Tuple(...(items.map((i) => i.codec) as any)) as any, { tag: "tuple", value: items })),

  /** A struct with named fields, as Rust's `struct X { a: A, b: B }`. */
  struct: <F extends Record<string, Ty>>(
    path: string[],
    fields: F,
    opts: { typeNames?: Partial<Record<keyof F, string>>; docs?: string[]; params?: Ty["params"] } = {},
  ): Ty<{ [K in keyof F]: TyValue<F[K]> }> => {
    const codecs = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.codec])) as any;
    const metaFields: Field[] = Object.entries(fields).map(([name, type]) => ({
      name,
      type,
      typeName: opts.typeNames?.[name as keyof F],
    }));
    return withFixedEncoder(
      ty(Struct(codecs) as any, { tag: "composite", value: metaFields }, path, opts.params ?? [], opts.docs),
    );
  },

  /** A one-field tuple struct that encodes as its field (`struct AccountId32([u8; 32])`). */
  newtype: <V>(path: string[], inner: Ty<V>, typeName?: string, params: Ty["params"] = []): Ty<V> =>
    ty(inner.codec, { tag: "composite", value: [{ type: inner, typeName }] }, path, params),

  /** A unit struct (`struct CheckWeight;`): no bytes. */
  unitStruct: (path: string[], params: Ty["params"] = []): Ty<undefined> =>
    ty(_void, { tag: "composite", value: [] }, path, params),

  /**
   * An enum. Each variant has fields: none (unit variant), one unnamed (newtype variant, value = the field),
   * several unnamed (tuple) or named (struct). Values are `{ type: name, value }`.
   */
  enum: <V extends Record<string, { index: number; fields?: Field[]; docs?: string[] }>>(
    path: string[],
    variants: V,
    opts: { docs?: string[]; params?: Ty["params"] } = {},
  ): Ty<{ type: keyof V & string; value?: unknown }> => {
    const names = Object.keys(variants);
    const inner: any = {};
    const defs: VariantDef[] = [];
    for (const name of names) {
      const { index, fields = [], docs } = variants[name];
      inner[name] = fieldsCodec(fields);
      defs.push({ name, index, fields, docs });
    }
    const indexes = names.map((n) => variants[n].index);
    const codec = Variant(inner, indexes as any) as unknown as Codec<{
      type: keyof V & string;
      value?: unknown;
    }>;
    return ty(codec, { tag: "variant", value: defs }, path, opts.params ?? [], opts.docs);
  },

  option: <V>(inner: Ty<V>): Ty<V | undefined> =>
    ty(
      ScaleOption(inner.codec),
      {
        tag: "variant",
        value: [
          { name: "None", index: 0, fields: [] },
          { name: "Some", index: 1, fields: [{ type: inner }] },
        ],
      },
      ["Option"],
      [{ name: "T", type: inner }],
    ),

  result: <A, B>(ok: Ty<A>, err: Ty<B>) =>
    ty(
      ScaleResult(ok.codec, err.codec),
      {
        tag: "variant",
        value: [
          { name: "Ok", index: 0, fields: [{ type: ok }] },
          { name: "Err", index: 1, fields: [{ type: err }] },
        ],
      },
      ["Result"],
      [
        { name: "T", type: ok },
        { name: "E", type: err },
      ],
    ),

  /** A type defined later (recursion through RuntimeCall, for instance): resolved on first use. */
  lazy: <V>(get: () => Ty<V>): Ty<V> => {
    let cached: Ty<V> | undefined;
    const resolve = () => {
      cached ??= get();
      return cached;
    };
    return {
      codec: Self(() => resolve().codec),
      get path() {
        return resolve().path;
      },
      get params() {
        return resolve().params;
      },
      get def() {
        return resolve().def;
      },
      get docs() {
        return resolve().docs;
      },
      // Lets the registry see through to the real declaration, so both share one id.
      [LAZY]: resolve,
    } as Ty<V>;
  },
};

const LAZY = Symbol("lazy");

/** The declaration behind a `T.lazy` reference (or the type itself). */
export function resolveTy(t: Ty): Ty {
  const r = (t as unknown as Record<symbol, (() => Ty) | undefined>)[LAZY];
  return r ? resolveTy(r()) : t;
}

/** Codec of a field list: unit, the single unnamed field, a tuple, or a struct. */
export function fieldsCodec(fields: Field[]): Codec<any> {
  if (fields.length === 0) return _void;
  if (fields.every((f) => f.name))
    return Struct(Object.fromEntries(fields.map((f) => [f.name as string, f.type.codec])) as any);
  if (fields.length === 1) return fields[0].type.codec;
  return Tuple(...(fields.map((f) => f.type.codec) as any)) as Codec<any>;
}

/**
 * Decode bytes that may be a view into a larger buffer. scale-ts decoders read from the start of the
 * underlying ArrayBuffer, ignoring `byteOffset`, so views are copied first.
 */
export function decodeBytes<V>(codec: Codec<V>, bytes: Uint8Array): V {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  // `new Uint8Array(view)` copies; a Node Buffer's `slice()` would only make another view.
  return codec.dec(whole ? bytes : new Uint8Array(bytes));
}
