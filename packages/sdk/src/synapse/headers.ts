// Synapse ⇄ HTTP headers, as Python's `Synapse.to_headers()` and `parse_headers_to_inputs()/from_headers()`
// do it: `name`, `timeout`, `bt_header_{axon,dendrite}_*`, `bt_header_input_obj_*`, sizes and body hash.

import type { z } from "zod";
import { pyFloatRepr, pyStr } from "./pyFormat.ts";
import { type JsonValue, parsePyJson } from "./pyJson.ts";
import { emptyJsonOf } from "./pyModel.ts";
import {
  bodyHash,
  fieldFromJson,
  fieldPy,
  type Synapse,
  type SynapseBase,
  type SynapseFields,
  type SynapseType,
} from "./synapse.ts";
import {
  pyFloatCast,
  pySmallIntCast,
  SynapseParseError,
  TERMINAL_FIELDS,
  type TerminalInfo,
  terminalFieldPy,
  terminalInfoFrom,
} from "./terminalInfo.ts";

export type HeaderSource =
  | Iterable<readonly [string, string]>
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface ToHeadersOptions {
  /**
   * `total_size`. Python sends its in-memory object size (informational; nobody checks it); this SDK sends
   * the JSON body's byte length when it knows it, else the synapse's `totalSize`.
   */
  readonly totalSize?: number;
}

const AXON = "bt_header_axon_";
const DENDRITE = "bt_header_dendrite_";
const INPUT_OBJ = "bt_header_input_obj";

function terminalHeaders(out: Record<string, string>, prefix: string, t: TerminalInfo | null) {
  if (!t) return;
  for (const [wire, key] of TERMINAL_FIELDS) {
    if (t[key] === null || t[key] === undefined) continue;
    out[prefix + wire] = pyStr(terminalFieldPy(t, key));
  }
}

/**
 * `synapse.to_headers()`: all values are strings, names lowercase, in Python's order. `header_size` is
 * informational in Python (a dict's `sys.getsizeof`); this SDK sends the byte size of the headers before it.
 */
export function synapseToHeaders<S extends SynapseFields>(
  type: SynapseType<S>,
  syn: Synapse<S>,
  options: ToHeadersOptions = {},
): Record<string, string> {
  const out: Record<string, string> = {
    name: syn.name,
    timeout: syn.timeout === null ? "None" : pyFloatRepr(syn.timeout),
  };
  terminalHeaders(out, AXON, syn.axon);
  terminalHeaders(out, DENDRITE, syn.dendrite);
  for (const field of type.requiredFields) {
    const empty = emptyJsonOf(fieldPy(type, syn, field));
    if (empty !== undefined) out[`${INPUT_OBJ}_${field}`] = Buffer.from(empty).toString("base64");
  }
  let size = 0;
  for (const [k, v] of Object.entries(out)) size += k.length + v.length + 4;
  out.header_size = String(size);
  out.total_size = String(options.totalSize ?? syn.totalSize ?? 0);
  out.computed_body_hash = bodyHash(type, syn);
  return out;
}

/** What `parse_headers_to_inputs` extracts: raw strings, before any validation. */
export interface HeaderInputs {
  axon: Record<string, string>;
  dendrite: Record<string, string>;
  /** Decoded `bt_header_input_obj_*` values; undecodable ones are skipped, as Python logs and skips them. */
  inputObj: Record<string, JsonValue>;
  timeout: string | undefined;
  name: string | undefined;
  headerSize: string | undefined;
  totalSize: string | undefined;
  computedBodyHash: string | undefined;
}

function entriesOf(h: HeaderSource): [string, string][] {
  const out: [string, string][] = [];
  if (Symbol.iterator in h) {
    for (const [k, v] of h as Iterable<readonly [string, string]>) out.push([k, v]);
    return out;
  }
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    if (typeof v === "string") out.push([k, v]);
    else for (const x of v as readonly string[]) out.push([k, x]);
  }
  return out;
}

// Python's `key.split(prefix)[1]`: the text between the first occurrence of prefix and the next one.
function afterPrefix(key: string, prefix: string): string | undefined {
  const at = key.indexOf(prefix);
  if (at < 0) return undefined;
  const rest = key.slice(at + prefix.length);
  const next = rest.indexOf(prefix);
  return next < 0 ? rest : rest.slice(0, next);
}

/**
 * `Synapse.parse_headers_to_inputs(headers)`. Key tests are case-sensitive substring tests, as in Python
 * (which is why axons must send lowercase names); the five plain fields are looked up case-insensitively.
 */
export function parseHeaderInputs(headers: HeaderSource): HeaderInputs {
  const out: HeaderInputs = {
    axon: {},
    dendrite: {},
    inputObj: {},
    timeout: undefined,
    name: undefined,
    headerSize: undefined,
    totalSize: undefined,
    computedBodyHash: undefined,
  };
  for (const [key, value] of entriesOf(headers)) {
    if (key.includes(AXON)) {
      out.axon[afterPrefix(key, AXON)!] = value;
    } else if (key.includes(DENDRITE)) {
      out.dendrite[afterPrefix(key, DENDRITE)!] = value;
    } else if (key.includes(INPUT_OBJ)) {
      const field = afterPrefix(key, `${INPUT_OBJ}_`);
      if (field === undefined || field === "axon" || field === "dendrite") continue;
      try {
        Object.defineProperty(out.inputObj, field, {
          value: parsePyJson(Buffer.from(value, "base64").toString("utf8")),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } catch {
        // Python logs the decode error and goes on without the field.
      }
    }
    switch (key.toLowerCase()) {
      case "timeout":
        out.timeout = value;
        break;
      case "name":
        out.name = value;
        break;
      case "header_size":
        out.headerSize = value;
        break;
      case "total_size":
        out.totalSize = value;
        break;
      case "computed_body_hash":
        out.computedBodyHash = value;
        break;
    }
  }
  return out;
}

/** The base fields Python's `from_headers` builds; throws SynapseParseError where pydantic would fail. */
export function baseFromHeaderInputs(inputs: HeaderInputs, name: string): SynapseBase {
  return {
    name,
    // `from_headers` passes timeout=None explicitly when the header is missing, so the default is lost.
    timeout: pyFloatCast(inputs.timeout, "timeout"),
    totalSize: pySmallIntCast(inputs.totalSize, "total_size"),
    headerSize: pySmallIntCast(inputs.headerSize, "header_size"),
    dendrite: terminalInfoFrom(inputs.dendrite, "dendrite"),
    axon: terminalInfoFrom(inputs.axon, "axon"),
    computedBodyHash: inputs.computedBodyHash ?? null,
  };
}

/** A synapse rebuilt from request headers: base fields validated, subclass fields only as far as known. */
export type HeaderSynapse<S extends SynapseFields> = SynapseBase & Partial<z.output<z.ZodObject<S>>>;

/**
 * `Class.from_headers(headers)`. With `strictFields` a required field whose `bt_header_input_obj_*` is
 * missing or invalid fails as in Python; without it (what this SDK's axon does, having the body) subclass
 * fields are filled only where the headers carry a valid value.
 */
export function synapseFromHeaders<S extends SynapseFields>(
  type: SynapseType<S>,
  headers: HeaderSource,
  options: { strictFields?: boolean } = {},
): HeaderSynapse<S> {
  const inputs = parseHeaderInputs(headers);
  const base = baseFromHeaderInputs(inputs, type.name);
  const fields: Record<string, unknown> = {};
  for (const k of Object.keys(type.fields.shape)) {
    const schema = type.fields.shape[k] as z.ZodType;
    if (!Object.hasOwn(inputs.inputObj, k)) {
      if (!type.requiredFields.includes(k)) fields[k] = schema.parse(undefined);
      else if (options.strictFields) throw new SynapseParseError(`${type.name}.${k}: Field required`);
      continue;
    }
    const r = schema.safeParse(fieldFromJson(type, k, inputs.inputObj[k]));
    if (r.success) fields[k] = r.data;
    else if (options.strictFields)
      throw new SynapseParseError(`${type.name}.${k}: ${r.error.issues[0].message}`);
  }
  return { ...base, ...fields } as HeaderSynapse<S>;
}
