// Python's text forms of the values a synapse carries: `str()`/`repr()` (the body hash is built from them)
// and `json.dumps` in the two styles the Python SDK puts on the wire (aiohttp requests, Starlette responses).

/**
 * A value as Python sees it after pydantic's python-mode `model_dump()`: the TS side decides int vs float
 * from the synapse's zod schema, because a JS number alone cannot tell `1` from `1.0`.
 */
export type PyValue =
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "int"; readonly v: bigint }
  | { readonly t: "float"; readonly v: number }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "none" }
  | { readonly t: "list"; readonly v: readonly PyValue[] }
  | { readonly t: "tuple"; readonly v: readonly PyValue[] }
  | { readonly t: "dict"; readonly v: readonly (readonly [PyValue, PyValue])[] };

export const pyNone: PyValue = { t: "none" };

/**
 * `repr(float)`: the shortest digits that round-trip (JS and CPython both produce them), laid out by
 * CPython's rule: scientific when the decimal exponent is < -4 or >= 16, with a signed two-digit exponent;
 * otherwise positional with at least one fractional digit.
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mant, expText] = Math.abs(x).toExponential().split("e");
  const exp = Number(expText);
  const digits = mant.replace(".", "");
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, "0");
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac.length > 0 ? frac : "0"}`;
}

// Characters Python's str.isprintable() rejects: categories Cc Cf Cs Co Cn Zl Zp and Zs other than space.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** `repr(str)`: single quotes unless the text has `'` and no `"`, CPython's escapes for the rest. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f) out += ch;
    else if (ch !== " " && NON_PRINTABLE.test(ch)) {
      if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
      else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
      else out += `\\U${hex(cp, 8)}`;
    } else out += ch;
  }
  return out + quote;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/** `repr(value)` for the dumped types. */
export function pyRepr(p: PyValue): string {
  switch (p.t) {
    case "str":
      return pyStrRepr(p.v);
    case "int":
      return p.v.toString();
    case "float":
      return pyFloatRepr(p.v);
    case "bool":
      return p.v ? "True" : "False";
    case "none":
      return "None";
    case "list":
      return `[${p.v.map(pyRepr).join(", ")}]`;
    case "tuple":
      return p.v.length === 1 ? `(${pyRepr(p.v[0])},)` : `(${p.v.map(pyRepr).join(", ")})`;
    case "dict":
      return `{${p.v.map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(", ")}}`;
  }
}

/** `str(value)`: a string is itself at the top level; everything else is its repr. */
export function pyStr(p: PyValue): string {
  return p.t === "str" ? p.v : pyRepr(p);
}

/** The two encoders the Python SDK's JSON passes through. */
export interface PyJsonStyle {
  /** `json.dumps` default separators `", "`/`": "` (aiohttp `json=`), or Starlette's compact `","`/`":"`. */
  readonly compact: boolean;
  /** `ensure_ascii`: True for aiohttp requests, False for Starlette responses. */
  readonly ensureAscii: boolean;
}

export const PY_REQUEST_JSON: PyJsonStyle = { compact: false, ensureAscii: true };
export const PY_RESPONSE_JSON: PyJsonStyle = { compact: true, ensureAscii: false };

/** `json.dumps(value, ...)` in the given style. Floats use repr; NaN and infinities are JS-style literals. */
export function pyJsonDumps(p: PyValue, style: PyJsonStyle): string {
  const item = style.compact ? "," : ", ";
  const kv = style.compact ? ":" : ": ";
  const enc = (v: PyValue): string => {
    switch (v.t) {
      case "str":
        return pyJsonString(v.v, style.ensureAscii);
      case "int":
        return v.v.toString();
      case "float":
        if (Number.isNaN(v.v)) return "NaN";
        if (!Number.isFinite(v.v)) return v.v > 0 ? "Infinity" : "-Infinity";
        return pyFloatRepr(v.v);
      case "bool":
        return v.v ? "true" : "false";
      case "none":
        return "null";
      case "list":
      case "tuple":
        return `[${v.v.map(enc).join(item)}]`;
      case "dict":
        return `{${v.v.map(([k, x]) => `${pyJsonString(jsonKey(k), style.ensureAscii)}${kv}${enc(x)}`).join(item)}}`;
    }
  };
  return enc(p);
}

// json.dumps turns non-string keys into their JSON text (ints in decimal, True → "true").
function jsonKey(k: PyValue): string {
  switch (k.t) {
    case "str":
      return k.v;
    case "int":
      return k.v.toString();
    case "float":
      return pyFloatRepr(k.v);
    case "bool":
      return k.v ? "true" : "false";
    case "none":
      return "null";
    default:
      throw new TypeError(`keys must be str, int, float, bool or None, not ${k.t}`);
  }
}

/** A JSON string literal the way Python's encoder writes it (`\uXXXX` lowercase, surrogate pairs). */
export function pyJsonString(s: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x0c) out += "\\f";
    else if (c < 0x20 || (ensureAscii && c > 0x7e)) out += `\\u${hex(c, 4)}`;
    else out += s[i];
  }
  return `${out}"`;
}
