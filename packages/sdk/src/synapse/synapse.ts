// Synapse types: a zod schema for the subclass fields plus the Python class name, which is also the axon
// route. Instances carry the Python base fields; JSON and the body hash follow pydantic/Python exactly.

import { createHash } from "node:crypto";
import { z } from "zod";
import { type PyJsonStyle, type PyValue, pyJsonDumps, pyStr } from "./pyFormat.ts";
import { type JsonValue, parsePyJson } from "./pyJson.ts";
import { fromJson, isRequiredField, objectFromJson, toPy } from "./pyModel.ts";
import {
  emptyTerminalInfo,
  pyFloatCast,
  pySmallIntCast,
  SynapseParseError,
  type TerminalInfo,
  terminalInfoFrom,
  terminalInfoPy,
} from "./terminalInfo.ts";

/** The fields every Python Synapse has (bittensor/core/synapse.py), camelCased. */
export interface SynapseBase {
  /** The Python class name; pydantic forces it to the class's own name on every construction. */
  name: string;
  /** seconds; Python default 12.0 */
  timeout: number | null;
  totalSize: number | null;
  headerSize: number | null;
  dendrite: TerminalInfo;
  axon: TerminalInfo;
  /** Frozen in Python: a dendrite never overwrites it from a response. */
  computedBodyHash: string | null;
}

export type SynapseFields = z.ZodRawShape;

/** An instance: the base fields plus the subclass fields under their wire (Python) names. */
export type Synapse<S extends SynapseFields = SynapseFields> = SynapseBase & z.output<z.ZodObject<S>>;

/** SHA3-256 of the empty string: the body hash of every synapse without `required_hash_fields`. */
export const EMPTY_BODY_HASH = "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a";

export const DEFAULT_TIMEOUT = 12;

const BASE_WIRE_NAMES = new Set([
  "name",
  "timeout",
  "total_size",
  "header_size",
  "dendrite",
  "axon",
  "computed_body_hash",
  "required_hash_fields",
  "totalSize",
  "headerSize",
  "computedBodyHash",
]);

/** How a streaming synapse's dendrite reads the chunked answer (Python's two abstract methods). */
export interface StreamingHooks<S extends SynapseFields, T> {
  /** Turns raw chunks into items as they arrive; may update `synapse` (e.g. append to a completion field). */
  processStreamingResponse(synapse: Synapse<S>, chunks: AsyncIterable<Uint8Array>): AsyncIterable<T>;
  /** The dict that then goes through the normal 200 path, usually built from the response headers. */
  extractResponseJson(
    synapse: Synapse<S>,
    headers: Readonly<Record<string, string>>,
  ): Record<string, unknown>;
}

export interface SynapseTypeOptions<S extends SynapseFields, R, T> {
  /** Python's `required_hash_fields` class variable, in its order. */
  readonly requiredHashFields?: readonly (keyof S & string)[];
  /** Python's `deserialize()`: what `dendrite.query` hands back. Default: the synapse itself. */
  readonly deserialize?: (synapse: Synapse<S>) => R;
  /** Present on a `StreamingSynapse` subclass. */
  readonly streaming?: StreamingHooks<S, T>;
}

export interface SynapseType<S extends SynapseFields = SynapseFields, R = unknown, T = unknown> {
  /** Python class name = route `/<name>`. */
  readonly name: string;
  readonly fields: z.ZodObject<S>;
  readonly requiredHashFields: readonly (keyof S & string)[];
  /** Fields without a default, for which Python sends `bt_header_input_obj_<field>`. */
  readonly requiredFields: readonly (keyof S & string)[];
  readonly deserialize: (synapse: Synapse<S>) => R;
  readonly streaming: StreamingHooks<S, T> | undefined;
  /** A new instance; `fields` go through zod (defaults applied), base fields take Python's defaults. */
  create(fields: z.input<z.ZodObject<S>>, base?: Partial<SynapseBase>): Synapse<S>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Declares a synapse class. `name` must be the Python class name the other side uses; `fields` are the
 * subclass's pydantic fields with their Python names (a field is required unless optional or defaulted).
 */
export function defineSynapse<S extends SynapseFields, R = Synapse<S>, T = string>(
  name: string,
  fields: S,
  options: SynapseTypeOptions<S, R, T> = {},
): SynapseType<S, R, T> {
  if (!NAME.test(name))
    throw new TypeError(`synapse name ${JSON.stringify(name)} is not a Python class name`);
  for (const k of Object.keys(fields)) {
    if (BASE_WIRE_NAMES.has(k))
      throw new TypeError(`synapse ${name}: field "${k}" clashes with a base field`);
  }
  const schema = z.object(fields);
  const requiredHashFields = [...(options.requiredHashFields ?? [])];
  for (const f of requiredHashFields) {
    if (!Object.hasOwn(fields, f)) throw new TypeError(`synapse ${name}: hash field "${f}" is not a field`);
  }
  const requiredFields = Object.keys(fields).filter((k) => isRequiredField(fields[k] as z.ZodType));
  const type: SynapseType<S, R, T> = {
    name,
    fields: schema,
    requiredHashFields,
    requiredFields: requiredFields as (keyof S & string)[],
    deserialize: options.deserialize ?? ((s) => s as unknown as R),
    streaming: options.streaming,
    create(input, base = {}) {
      const parsed = schema.parse(input);
      return {
        timeout: DEFAULT_TIMEOUT,
        totalSize: 0,
        headerSize: 0,
        computedBodyHash: "",
        ...base,
        dendrite: { ...emptyTerminalInfo(), ...base.dendrite },
        axon: { ...emptyTerminalInfo(), ...base.axon },
        ...parsed,
        name,
      } as Synapse<S>;
    },
  };
  return type;
}

/**
 * A Python `int` field: a JS number while it is safe, a bigint beyond 2^53 (JSON from Python may carry
 * any size). Plain `z.int()` works too when values stay small; `z.bigint()` when they never do.
 */
export const pythonInt = () => z.union([z.int(), z.bigint()]);

/** The base class itself: every axon serves it at `/Synapse` as a ping. */
export const BaseSynapse = defineSynapse("Synapse", {});

/** The Python value of one subclass field. */
export function fieldPy<S extends SynapseFields>(
  type: SynapseType<S>,
  syn: Synapse<S>,
  field: string,
): PyValue {
  return toPy(type.fields.shape[field] as z.ZodType, (syn as Record<string, unknown>)[field]);
}

const num = (v: number | null, int: boolean): PyValue =>
  v === null || v === undefined ? { t: "none" } : int ? { t: "int", v: BigInt(v) } : { t: "float", v };

/** `synapse.model_dump()` (python mode): base fields first in Python's order, then the subclass fields. */
export function synapseToPy<S extends SynapseFields>(type: SynapseType<S>, syn: Synapse<S>): PyValue {
  const entries: [PyValue, PyValue][] = [
    [
      { t: "str", v: "name" },
      { t: "str", v: type.name },
    ],
    [{ t: "str", v: "timeout" }, num(syn.timeout, false)],
    [{ t: "str", v: "total_size" }, num(syn.totalSize, true)],
    [{ t: "str", v: "header_size" }, num(syn.headerSize, true)],
    [{ t: "str", v: "dendrite" }, terminalInfoPy(syn.dendrite ?? emptyTerminalInfo())],
    [{ t: "str", v: "axon" }, terminalInfoPy(syn.axon ?? emptyTerminalInfo())],
    [
      { t: "str", v: "computed_body_hash" },
      syn.computedBodyHash === null ? { t: "none" } : { t: "str", v: syn.computedBodyHash },
    ],
  ];
  for (const k of Object.keys(type.fields.shape)) entries.push([{ t: "str", v: k }, fieldPy(type, syn, k)]);
  return { t: "dict", v: entries };
}

/** The synapse as JSON text in a Python encoder's style (request: aiohttp; response: Starlette). */
export function synapseToJson<S extends SynapseFields>(
  type: SynapseType<S>,
  syn: Synapse<S>,
  style: PyJsonStyle,
): string {
  return pyJsonDumps(synapseToPy(type, syn), style);
}

/**
 * `Synapse.body_hash`: SHA3-256 hex of the concatenated SHA3-256 hex digests of `str(value)` of each
 * required hash field, in the declared order.
 */
export function bodyHash<S extends SynapseFields>(type: SynapseType<S>, syn: Synapse<S>): string {
  let joined = "";
  for (const f of type.requiredHashFields) joined += sha3Hex(pyStr(fieldPy(type, syn, f)));
  return sha3Hex(joined);
}

export function sha3Hex(text: string): string {
  return createHash("sha3-256").update(text, "utf8").digest("hex");
}

/**
 * Builds an instance from a decoded JSON dict the way `Class(**body)` does in Python: base fields through
 * pydantic's int/float casts, subclass fields through zod after pydantic-style number loosening.
 * Throws SynapseParseError naming the first bad field.
 */
export function synapseFromDict<S extends SynapseFields>(type: SynapseType<S>, dict: unknown): Synapse<S> {
  if (typeof dict !== "object" || dict === null || Array.isArray(dict)) {
    throw new SynapseParseError(`${type.name}: body must be a JSON object`);
  }
  const src = dict as Record<string, JsonValue>;
  const has = (k: string) => Object.hasOwn(src, k) && src[k] !== undefined;
  const base = {
    name: type.name,
    timeout: has("timeout") ? pyFloatCast(src.timeout, "timeout") : DEFAULT_TIMEOUT,
    totalSize: has("total_size") ? pySmallIntCast(src.total_size, "total_size") : 0,
    headerSize: has("header_size") ? pySmallIntCast(src.header_size, "header_size") : 0,
    dendrite: terminalInfoFrom(src.dendrite, "dendrite"),
    axon: terminalInfoFrom(src.axon, "axon"),
    computedBodyHash: has("computed_body_hash") ? strOrNull(src.computed_body_hash) : "",
  };
  const loose = objectFromJson(type.fields.shape as unknown as Record<string, z.ZodType>, src);
  const parsed = type.fields.safeParse(loose);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SynapseParseError(`${type.name}.${issue.path.join(".")}: ${issue.message}`);
  }
  return { ...base, ...parsed.data } as Synapse<S>;
}

function strOrNull(v: JsonValue): string | null {
  if (v === null || typeof v === "string") return v;
  throw new SynapseParseError("computed_body_hash: Input should be a valid string");
}

/** Parses JSON text (Python's dialect) into an instance. */
export function synapseFromJson<S extends SynapseFields>(type: SynapseType<S>, text: string): Synapse<S> {
  return synapseFromDict(type, parsePyJson(text));
}

/** A deep copy (Python's dendrite copies the synapse once per target axon). */
export function copySynapse<S extends SynapseFields>(syn: Synapse<S>): Synapse<S> {
  return structuredClone(syn);
}

/** Loosens a JSON value for one field of `type` (used when a dict arrives from headers or streams). */
export function fieldFromJson<S extends SynapseFields>(type: SynapseType<S>, field: string, v: JsonValue) {
  return fromJson(type.fields.shape[field] as z.ZodType, v);
}
