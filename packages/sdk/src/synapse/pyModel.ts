// A synapse's zod schema read as the pydantic model it stands for: which JS numbers are Python ints and which
// are floats, how JSON values are loosened before validation (pydantic's lax mode), what `model_dump` yields.

import type { z } from "zod";
import { type PyValue, pyNone } from "./pyFormat.ts";
import type { JsonValue } from "./pyJson.ts";

type AnySchema = z.ZodType;

interface Def {
  readonly type: string;
  readonly [k: string]: unknown;
}

const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** True for z.int(), z.number().int(), z.int32() …: a Python `int` carried in a JS number. */
function isIntNumber(s: AnySchema): boolean {
  const n = s as unknown as { isInt?: boolean; format?: string | null };
  return n.isInt === true || (typeof n.format === "string" && n.format.includes("int"));
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** A field is required (no default) in pydantic's sense unless zod lets it be absent. */
export function isRequiredField(s: AnySchema): boolean {
  return (s as unknown as { _zod: { optin?: string } })._zod.optin === undefined;
}

/** The Python value of a JS value that carries no schema (z.any, unions, literals): ints stay ints when safe. */
export function inferPy(v: unknown): PyValue {
  if (v === null || v === undefined) return pyNone;
  switch (typeof v) {
    case "string":
      return { t: "str", v };
    case "boolean":
      return { t: "bool", v };
    case "bigint":
      return { t: "int", v };
    case "number":
      return Number.isSafeInteger(v) ? { t: "int", v: BigInt(v) } : { t: "float", v };
    case "object": {
      if (Array.isArray(v)) return { t: "list", v: v.map(inferPy) };
      return {
        t: "dict",
        v: Object.entries(v as Record<string, unknown>)
          .filter(([, x]) => x !== undefined)
          .map(([k, x]) => [{ t: "str", v: k }, inferPy(x)] as const),
      };
    }
    default:
      throw new TypeError(`a ${typeof v} has no Python/JSON form`);
  }
}

/** The python-mode `model_dump()` value of `v`, typed by schema `s`. */
export function toPy(s: AnySchema, v: unknown): PyValue {
  if (v === null || v === undefined) return pyNone;
  const d = defOf(s);
  if (WRAPPERS.has(d.type)) return toPy(d.innerType as AnySchema, v);
  switch (d.type) {
    case "string":
      return typeof v === "string" ? { t: "str", v } : inferPy(v);
    case "number":
      if (typeof v === "number" || typeof v === "bigint") {
        if (isIntNumber(s) && (typeof v === "bigint" || Number.isInteger(v)))
          return { t: "int", v: BigInt(v) };
        return { t: "float", v: Number(v) };
      }
      return inferPy(v);
    case "bigint":
      return typeof v === "bigint" || typeof v === "number" ? { t: "int", v: BigInt(v) } : inferPy(v);
    case "boolean":
      return typeof v === "boolean" ? { t: "bool", v } : inferPy(v);
    case "array":
      return Array.isArray(v) ? { t: "list", v: v.map((x) => toPy(d.element as AnySchema, x)) } : inferPy(v);
    case "tuple": {
      if (!Array.isArray(v)) return inferPy(v);
      const items = d.items as AnySchema[];
      const rest = d.rest as AnySchema | null;
      return {
        t: "tuple",
        v: v.map((x, i) => (i < items.length ? toPy(items[i], x) : rest ? toPy(rest, x) : inferPy(x))),
      };
    }
    case "record": {
      if (typeof v !== "object" || Array.isArray(v)) return inferPy(v);
      const keyType = d.keyType as AnySchema;
      const valueType = d.valueType as AnySchema;
      return {
        t: "dict",
        v: Object.entries(v as Record<string, unknown>).map(
          ([k, x]) => [recordKeyToPy(keyType, k), toPy(valueType, x)] as const,
        ),
      };
    }
    case "object": {
      if (typeof v !== "object" || Array.isArray(v)) return inferPy(v);
      return { t: "dict", v: objectEntries(s, v as Record<string, unknown>) };
    }
    case "pipe":
      return toPy(d.out as AnySchema, v);
    case "lazy":
      return toPy((d.getter as () => AnySchema)(), v);
    default:
      return inferPy(v);
  }
}

/** A nested model dumps to a dict with every declared field, in declaration order, None for absent ones. */
export function objectEntries(s: AnySchema, v: Record<string, unknown>): (readonly [PyValue, PyValue])[] {
  const shape = defOf(s).shape as Record<string, AnySchema>;
  return Object.entries(shape).map(([k, fs]) => [{ t: "str", v: k }, toPy(fs, v[k])] as const);
}

// pydantic parses dict keys from JSON strings into the declared key type.
function recordKeyToPy(keyType: AnySchema, k: string): PyValue {
  const d = defOf(keyType);
  if ((d.type === "number" && isIntNumber(keyType)) || d.type === "bigint") {
    if (/^-?\d+$/.test(k)) return { t: "int", v: BigInt(k) };
  }
  if (d.type === "number" && Number.isFinite(Number(k))) return { t: "float", v: Number(k) };
  return { t: "str", v: k };
}

/**
 * Loosens a JSON value towards schema `s` the way pydantic's lax mode does for numbers: an int schema takes
 * an integral float, a float schema takes an int, a bigint schema takes a number. zod then validates.
 */
export function fromJson(s: AnySchema, v: JsonValue | undefined): unknown {
  if (v === null || v === undefined) return v;
  const d = defOf(s);
  if (WRAPPERS.has(d.type)) return fromJson(d.innerType as AnySchema, v);
  switch (d.type) {
    case "number":
      if (typeof v === "bigint" && (!isIntNumber(s) || Number.isSafeInteger(Number(v)))) return Number(v);
      return v;
    case "bigint":
      if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
      return v;
    case "array":
      return Array.isArray(v) ? v.map((x) => fromJson(d.element as AnySchema, x)) : v;
    case "tuple": {
      if (!Array.isArray(v)) return v;
      const items = d.items as AnySchema[];
      const rest = d.rest as AnySchema | null;
      return v.map((x, i) => (i < items.length ? fromJson(items[i], x) : rest ? fromJson(rest, x) : x));
    }
    case "record": {
      if (typeof v !== "object" || Array.isArray(v)) return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) setOwn(out, k, fromJson(d.valueType as AnySchema, x));
      return out;
    }
    case "object": {
      if (typeof v !== "object" || Array.isArray(v)) return v;
      return objectFromJson(d.shape as Record<string, AnySchema>, v);
    }
    case "pipe":
      return fromJson(d.in as AnySchema, v);
    case "lazy":
      return fromJson((d.getter as () => AnySchema)(), v);
    default:
      return v;
  }
}

export function objectFromJson(shape: Record<string, AnySchema>, v: { [k: string]: JsonValue }) {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const fs = Object.hasOwn(shape, k) ? shape[k] : undefined;
    setOwn(out, k, fs ? fromJson(fs, x) : x);
  }
  return out;
}

// Keys such as "__proto__" arrive from the network; define them instead of assigning.
function setOwn(o: Record<string, unknown>, k: string, v: unknown) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** `json.dumps(type(value)())`: the empty value of a field's Python type, for `bt_header_input_obj_*`. */
export function emptyJsonOf(p: PyValue): string | undefined {
  switch (p.t) {
    case "str":
      return '""';
    case "int":
      return "0";
    case "float":
      return "0.0";
    case "bool":
      return "false";
    case "list":
    case "tuple":
      return "[]";
    case "dict":
      return "{}";
    case "none":
      return undefined;
  }
}
