// Reading and writing values of the `opentao-economics-vectors/1` format (shared/vectors/economics/README.md).
// Every reader takes the field's path, so a malformed file is reported in one line naming that field.

import { type FixedType, I64F64, I96F32, U64F64, U96F32 } from "@opentao/primitives";
import { VectorFormatError } from "../epoch/vectorFormat.ts";

export { VectorFormatError };

export type Json = unknown;

export function obj(v: Json, f: string): Record<string, Json> {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new VectorFormatError(f, "expected an object");
  return v as Record<string, Json>;
}

export function arr(v: Json, f: string): Json[] {
  if (!Array.isArray(v)) throw new VectorFormatError(f, "expected an array");
  return v;
}

export function bool(v: Json, f: string): boolean {
  if (typeof v !== "boolean") throw new VectorFormatError(f, "expected a boolean");
  return v;
}

export function str(v: Json, f: string): string {
  if (typeof v !== "string") throw new VectorFormatError(f, "expected a string");
  return v;
}

/** One of a fixed set of strings. */
export function oneOf<T extends string>(v: Json, f: string, allowed: readonly T[]): T {
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v))
    throw new VectorFormatError(f, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  return v as T;
}

/** An integer given as a JSON number or a decimal string, within [min, max]. */
export function int(v: Json, f: string, min: bigint, max: bigint): bigint {
  let x: bigint;
  if (typeof v === "number" && Number.isSafeInteger(v)) x = BigInt(v);
  else if (typeof v === "string" && /^-?\d+$/.test(v)) x = BigInt(v);
  else throw new VectorFormatError(f, "expected an integer (number or decimal string)");
  if (x < min || x > max) throw new VectorFormatError(f, `out of range [${min}, ${max}]`);
  return x;
}

const U64_MAX = (1n << 64n) - 1n;
export const u64 = (v: Json, f: string) => int(v, f, 0n, U64_MAX);
export const u128 = (v: Json, f: string) => int(v, f, 0n, (1n << 128n) - 1n);
export const u16 = (v: Json, f: string) => Number(int(v, f, 0n, 65535n));
export const u32 = (v: Json, f: string) => Number(int(v, f, 0n, 0xffff_ffffn));
/** A non-negative integer of any size (big-integer operands). */
export const nat = (v: Json, f: string) => int(v, f, 0n, 1n << 4096n);
/** Perquintill parts: [0, 10^18]. */
export const perquintill = (v: Json, f: string) => int(v, f, 0n, 1_000_000_000_000_000_000n);

const FIXED_TYPES: Record<string, FixedType> = { U64F64, I64F64, U96F32, I96F32 };

/** A `{type, bits}` fixed-point value of the given type; returns the raw bits. */
export function fixed(v: Json, f: string, type: FixedType): bigint {
  const o = obj(v, f);
  if (o.type !== type.name) throw new VectorFormatError(`${f}.type`, `expected "${type.name}"`);
  return int(o.bits, `${f}.bits`, type.min, type.max);
}

/** A fixed-point value in the `expected` encoding: exact `bits`, `approx` for display only. */
export function encodeFixed(type: FixedType, bits: bigint): { type: string; bits: string; approx: number } {
  if (!(type.name in FIXED_TYPES)) throw new Error(`no vector encoding for ${type.name}`);
  return { type: type.name, bits: bits.toString(), approx: type.toNumber(bits) };
}

/** Large integers are decimal strings in `expected`. */
export const dec = (x: bigint) => x.toString();
