// The Python SDK's TerminalInfo (one per end of a call: `synapse.dendrite`, `synapse.axon`) and the loose
// int()/float() casts pydantic applies to it and to the synapse's base fields, headers and body alike.

import type { PyValue } from "./pyFormat.ts";

/** One terminal's view of a call; every field is optional (None) as in Python. */
export interface TerminalInfo {
  statusCode: number | null;
  statusMessage: string | null;
  /** seconds */
  processTime: number | null;
  ip: string | null;
  port: number | null;
  /** bittensor version as an integer, major·10^6 + minor·10^3 + patch */
  version: number | null;
  /** wall-clock nanoseconds since the Unix epoch */
  nonce: bigint | null;
  uuid: string | null;
  /** SS58 */
  hotkey: string | null;
  /** `0x` + 128 hex chars */
  signature: string | null;
}

/** Wire names in Python's field order: headers and JSON follow it. */
export const TERMINAL_FIELDS = [
  ["status_code", "statusCode"],
  ["status_message", "statusMessage"],
  ["process_time", "processTime"],
  ["ip", "ip"],
  ["port", "port"],
  ["version", "version"],
  ["nonce", "nonce"],
  ["uuid", "uuid"],
  ["hotkey", "hotkey"],
  ["signature", "signature"],
] as const satisfies readonly (readonly [string, keyof TerminalInfo])[];

type Kind = "int" | "bigint" | "float" | "str";
const KIND: Record<keyof TerminalInfo, Kind> = {
  statusCode: "int",
  statusMessage: "str",
  processTime: "float",
  ip: "str",
  port: "int",
  version: "int",
  nonce: "bigint",
  uuid: "str",
  hotkey: "str",
  signature: "str",
};

export function emptyTerminalInfo(): TerminalInfo {
  return {
    statusCode: null,
    statusMessage: null,
    processTime: null,
    ip: null,
    port: null,
    version: null,
    nonce: null,
    uuid: null,
    hotkey: null,
    signature: null,
  };
}

export class SynapseParseError extends Error {
  override readonly name = "SynapseParseError";
}

const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;
const DIGITS = String.raw`\d+(?:_\d+)*`;
const PY_FLOAT = new RegExp(
  String.raw`^\s*[+-]?(?:(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf(?:inity)?|nan)\s*$`,
  "i",
);

/** Python's `int(raw)` as pydantic's `cast_int` calls it; None passes through. */
export function pyIntCast(raw: unknown, field: string): bigint | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "bigint") return raw;
  if (typeof raw === "boolean") return raw ? 1n : 0n;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw))
      throw new SynapseParseError(`${field}: cannot convert float ${raw} to integer`);
    return BigInt(Math.trunc(raw));
  }
  if (typeof raw === "string" && PY_INT.test(raw)) return BigInt(raw.trim().replaceAll("_", ""));
  throw new SynapseParseError(`${field}: invalid literal for int(): ${JSON.stringify(raw)}`);
}

/** Python's `float(raw)` as pydantic's `cast_float` calls it; None passes through. */
export function pyFloatCast(raw: unknown, field: string): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "number") return raw;
  if (typeof raw === "bigint") return Number(raw);
  if (typeof raw === "boolean") return raw ? 1 : 0;
  if (typeof raw === "string" && PY_FLOAT.test(raw)) {
    const t = raw.trim().replaceAll("_", "").toLowerCase();
    const sign = t.startsWith("-") ? -1 : 1;
    const body = t.replace(/^[+-]/, "");
    if (body.startsWith("inf")) return sign * Number.POSITIVE_INFINITY;
    if (body === "nan") return Number.NaN;
    return Number(t);
  }
  throw new SynapseParseError(`${field}: could not convert string to float: ${JSON.stringify(raw)}`);
}

/** An int that must fit a JS number (ports, versions, status codes, sizes). */
export function pySmallIntCast(raw: unknown, field: string): number | null {
  const v = pyIntCast(raw, field);
  if (v === null) return null;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new SynapseParseError(`${field}: ${v} is out of range`);
  return n;
}

function strField(raw: unknown, field: string): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "string") return raw;
  throw new SynapseParseError(`${field}: Input should be a valid string`);
}

/**
 * Builds a TerminalInfo from a dict (JSON body or parsed headers) with pydantic's validators; unknown keys
 * are ignored, as pydantic does by default.
 */
export function terminalInfoFrom(raw: unknown, where: string): TerminalInfo {
  if (raw === null || raw === undefined) return emptyTerminalInfo();
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new SynapseParseError(`${where}: Input should be a valid dictionary or instance of TerminalInfo`);
  }
  const src = raw as Record<string, unknown>;
  const out = emptyTerminalInfo();
  for (const [wire, key] of TERMINAL_FIELDS) {
    if (!Object.hasOwn(src, wire)) continue;
    const v = src[wire];
    const field = `${where}.${wire}`;
    switch (KIND[key]) {
      case "int":
        (out[key] as number | null) = pySmallIntCast(v, field);
        break;
      case "bigint":
        (out[key] as bigint | null) = pyIntCast(v, field);
        break;
      case "float":
        (out[key] as number | null) = pyFloatCast(v, field);
        break;
      case "str":
        (out[key] as string | null) = strField(v, field);
        break;
    }
  }
  return out;
}

/** The Python value of one terminal field (for `str()` in headers and for JSON). */
export function terminalFieldPy(t: TerminalInfo, key: keyof TerminalInfo): PyValue {
  const v = t[key];
  if (v === null || v === undefined) return { t: "none" };
  switch (KIND[key]) {
    case "int":
    case "bigint":
      return { t: "int", v: BigInt(v as number | bigint) };
    case "float":
      return { t: "float", v: v as number };
    default:
      return { t: "str", v: v as string };
  }
}

/** `TerminalInfo.model_dump()` as a dict, every field present (None included). */
export function terminalInfoPy(t: TerminalInfo): PyValue {
  return {
    t: "dict",
    v: TERMINAL_FIELDS.map(([wire, key]) => [{ t: "str", v: wire }, terminalFieldPy(t, key)] as const),
  };
}
