// Calls inside extrinsics: pallet and call indexes checked against the runtime's declarations before the
// outer `RuntimeCall` codec runs, and decoded bytes required to re-encode exactly (canonical, no overrun).

import { createDecoder, u16 } from "scale-ts";
import { resolveTy } from "../frame/types.ts";
import { runtimeCall } from "../runtime/definition.ts";
import { ExtrinsicError } from "./errors.ts";

/** A call as the runtime's `RuntimeCall` codec takes it: `{ type: pallet, value: { type: call, value: args } }`. */
export interface RuntimeCallValue {
  type: string;
  value: { type: string; value?: unknown };
}

interface PalletCalls {
  name: string;
  calls: Map<number, string>;
}

let index: Map<number, PalletCalls> | undefined;
let byName: Map<string, Set<string>> | undefined;

// Built on first use: `runtimeCall` refers to pallets through lazy types.
function callIndex(): Map<number, PalletCalls> {
  if (index) return index;
  index = new Map();
  const outer = resolveTy(runtimeCall).def;
  if (outer.tag !== "variant") throw new Error("RuntimeCall is not an enum");
  for (const p of outer.value) {
    const inner = resolveTy(p.fields[0].type).def;
    const calls = new Map<number, string>();
    if (inner.tag === "variant") for (const c of inner.value) calls.set(c.index, c.name);
    index.set(p.index, { name: p.name, calls });
  }
  byName = new Map([...index.values()].map((p) => [p.name, new Set(p.calls.values())]));
  return index;
}

/**
 * Substrate decodes extrinsics with a nesting limit (`MAX_EXTRINSIC_DEPTH`, 256); for calls that means a
 * call inside calls (sudo, batch) at most 256 levels down. Its depth tracker also counts other nested
 * vectors; call nesting is what can grow without bound, so that is what is counted here.
 */
export const MAX_CALL_DEPTH = 256;

const isCall = (v: { type?: unknown; value?: unknown }): boolean =>
  typeof v.type === "string" &&
  typeof v.value === "object" &&
  v.value !== null &&
  byName?.get(v.type)?.has((v.value as { type?: unknown }).type as string) === true;

/** How many calls deep the deepest call inside `v` sits (0 when `v` holds none). */
function nestedCalls(v: unknown): number {
  if (typeof v !== "object" || v === null || v instanceof Uint8Array) return 0;
  let deepest = 0;
  for (const x of Array.isArray(v) ? v : Object.values(v)) deepest = Math.max(deepest, nestedCalls(x));
  return isCall(v as { type?: unknown }) ? deepest + 1 : deepest;
}

/** `Pallet.call_name` for the first two bytes of an encoded call, or a typed error naming the bad index. */
export function callName(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ExtrinsicError("Truncated", "input ends before the call's pallet index");
  const pallet = callIndex().get(bytes[0]);
  if (!pallet) throw new ExtrinsicError("UnknownPallet", `no pallet has index ${bytes[0]}`);
  if (bytes.length === 1)
    throw new ExtrinsicError("Truncated", `input ends before the call index of pallet ${pallet.name}`);
  const call = pallet.calls.get(bytes[1]);
  if (call === undefined)
    throw new ExtrinsicError("UnknownCall", `pallet ${pallet.name} has no call ${bytes[1]}`);
  return `${pallet.name}.${call}`;
}

// scale-ts decoders share a cursor object (`i`) when handed one; getting its class lets the call decoder
// report how far it read, so an overrun (scale-ts reads fixed arrays short at the end without complaint)
// and leftover bytes are told apart from bad values.
type Cursor = Uint8Array & { i: number };
let Cursor: (new (buffer: ArrayBuffer) => Cursor) | undefined;

function cursorOver(bytes: Uint8Array): Cursor {
  if (!Cursor) {
    const C = createDecoder((b) => b.constructor)(new Uint8Array(1)) as unknown as new (
      b: ArrayBuffer,
    ) => Cursor;
    const probe = new C(Uint8Array.of(1, 2).buffer);
    u16.dec(probe);
    if (probe.i !== 2)
      throw new Error("scale-ts no longer shares its decoding cursor; decodeCall needs updating");
    Cursor = C;
  }
  // A fresh copy: a Node Buffer's slice() is a view into a shared pool, and the cursor reads `.buffer` from 0.
  return new Cursor(new Uint8Array(bytes).buffer);
}

export function decodeCall(bytes: Uint8Array): RuntimeCallValue {
  const name = callName(bytes);
  const cursor = cursorOver(bytes);
  let value: RuntimeCallValue;
  try {
    value = runtimeCall.codec.dec(cursor) as RuntimeCallValue;
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message))
      throw new ExtrinsicError("InvalidCall", `${name}: calls nested too deeply`);
    if (e instanceof RangeError)
      throw new ExtrinsicError("Truncated", `${name}: input ends inside the arguments`);
    throw new ExtrinsicError("InvalidCall", `${name}: arguments do not decode (${(e as Error).message})`);
  }
  if (cursor.i > bytes.length)
    throw new ExtrinsicError("Truncated", `${name}: input ends inside the arguments`);
  if (cursor.i < bytes.length)
    throw new ExtrinsicError(
      "TrailingBytes",
      `${bytes.length - cursor.i} bytes after the arguments of ${name}`,
    );
  // The outer call itself is not a nesting level.
  if (nestedCalls(value) - 1 > MAX_CALL_DEPTH)
    throw new ExtrinsicError("InvalidCall", `${name}: calls nested more than ${MAX_CALL_DEPTH} deep`);
  let again: Uint8Array | undefined;
  try {
    again = runtimeCall.codec.enc(value);
  } catch {}
  // SCALE as Substrate decodes it is canonical: a value that re-encodes differently (bool 2, option tag 2,
  // compact in a longer form) is one the chain would have refused.
  if (!again || !equalBytes(again, bytes))
    throw new ExtrinsicError("InvalidCall", `${name}: arguments are not in canonical SCALE form`);
  return value;
}

export function encodeCall(call: RuntimeCallValue): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = runtimeCall.codec.enc(call);
  } catch (e) {
    throw new ExtrinsicError(
      "InvalidCall",
      `${call?.type}.${call?.value?.type}: arguments do not encode (${(e as Error).message})`,
    );
  }
  // The codec writes a short byte array as it is, rather than failing; decoding back catches that.
  try {
    decodeCall(bytes);
  } catch (e) {
    throw new ExtrinsicError(
      "InvalidCall",
      `${call.type}.${call.value.type}: arguments do not match their declared types (${(e as Error).message})`,
    );
  }
  return bytes;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
