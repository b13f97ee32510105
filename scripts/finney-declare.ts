// Developer tool: prints opentao declarations (frame/types.ts DSL) for finney items, as a starting point
// for hand-maintained pallet files. Reads the reference metadata from ../shared (never committed).
//   npx tsx scripts/finney-declare.ts SubtensorModule storage Tempo Kappa …
//   npx tsx scripts/finney-declare.ts SubtensorModule calls add_stake …   (also: events, errors)
//   npx tsx scripts/finney-declare.ts apis SubnetInfoRuntimeApi SwapRuntimeApi …   (runtime APIs)
// The printed code is checked afterwards by packages/runtime/src/metadata/metadata.test.ts.

import { readFileSync } from "node:fs";
import { decAnyMetadata } from "@polkadot-api/substrate-bindings";

const md: any = (
  decAnyMetadata(readFileSync(process.env.FINNEY ?? "../shared/reference/finney-metadata.scale"))
    .metadata as any
).value;
const byId = new Map<number, any>(md.lookup.map((t: any) => [t.id, t]));
const named = new Map<number, string>(); // type id → const name already emitted
const out: string[] = [];

const KNOWN: Record<string, string> = {
  "sp_core::crypto::AccountId32": "AccountId32",
  "primitive_types::H256": "H256",
  "sp_runtime::multiaddress::MultiAddress": "MultiAddress",
  "sp_runtime::DispatchError": "DispatchError",
};

function constName(path: string[]): string {
  return path[path.length - 1];
}

function expr(id: number): string {
  const t = byId.get(id);
  const path = t.path.join("::");
  if (KNOWN[path]) return KNOWN[path];
  if (named.has(id)) return named.get(id) as string;
  const d = t.def;
  switch (d.tag) {
    case "primitive":
      return `T.${d.value.tag}`;
    case "compact": {
      const inner = byId.get(d.value).def.value?.tag;
      return ["u8", "u16", "u32"].includes(inner)
        ? `T.compactNumber(T.${inner})`
        : `T.compactBig(${expr(d.value)})`;
    }
    case "sequence":
      return byId.get(d.value).def.value?.tag === "u8" && byId.get(d.value).def.tag === "primitive"
        ? "Bytes"
        : `T.vec(${expr(d.value)})`;
    case "array":
      return byId.get(d.value.type).def.value?.tag === "u8"
        ? `T.byteArray(${d.value.len}, T.u8)`
        : `T.array(${expr(d.value.type)}, ${d.value.len})`;
    case "tuple":
      return d.value.length === 0 ? "T.unit" : `T.tuple(${d.value.map(expr).join(", ")})`;
    case "composite":
    case "variant": {
      if (path === "Option") return `T.option(${expr(d.value[1].fields[0].type)})`;
      if (path === "Result")
        return `T.result(${expr(d.value[0].fields[0].type)}, ${expr(d.value[1].fields[0].type)})`;
      const name = constName(t.path);
      named.set(id, name);
      const field = (f: any) => expr(f.type);
      let body: string;
      if (d.tag === "composite") {
        if (d.value.length === 0) body = `T.unitStruct(${JSON.stringify(t.path)})`;
        else if (d.value.every((f: { name?: string }) => f.name))
          body = `T.struct(${JSON.stringify(t.path)}, { ${d.value.map((f: { name: string }) => `${f.name}: ${field(f)}`).join(", ")} })`;
        else if (d.value.length === 1) body = `T.newtype(${JSON.stringify(t.path)}, ${field(d.value[0])})`;
        else body = `T.newtype(${JSON.stringify(t.path)}, T.tuple(${d.value.map(field).join(", ")}))`;
      } else {
        const vs = d.value.map((v: any) => {
          const fs =
            v.fields.length === 0
              ? ""
              : `, fields: [${v.fields.map((f: { name?: string; type: number }) => `{ ${f.name ? `name: "${f.name}", ` : ""}type: ${expr(f.type)} }`).join(", ")}]`;
          return `${v.name}: { index: ${v.index}${fs} }`;
        });
        body = `T.enum(${JSON.stringify(t.path)}, { ${vs.join(", ")} })`;
      }
      out.push(`export const ${name} = ${body};`);
      return name;
    }
    default:
      return `/* unsupported ${d.tag} */`;
  }
}

/** A TS literal for the SCALE bytes of type `id` (the common default shapes only), advancing `at.i`. */
function literal(id: number, bytes: Uint8Array, at: { i: number }): string {
  const t = byId.get(id);
  const d = t.def;
  const le = (n: number) => {
    let v = 0n;
    for (let k = n - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[at.i + k]);
    at.i += n;
    return v;
  };
  if (d.tag === "primitive") {
    const w: Record<string, number> = {
      u8: 1,
      u16: 2,
      u32: 4,
      u64: 8,
      u128: 16,
      i8: 1,
      i16: 2,
      i32: 4,
      i64: 8,
      i128: 16,
    };
    if (d.value.tag === "bool") return bytes[at.i++] ? "true" : "false";
    const width = w[d.value.tag];
    if (!width) throw new Error(`no literal for ${d.value.tag}`);
    let v = le(width);
    if (d.value.tag.startsWith("i") && v >= 1n << BigInt(width * 8 - 1)) v -= 1n << BigInt(width * 8);
    return width <= 4 ? `${v}` : `${v}n`;
  }
  if (d.tag === "sequence") {
    const isBytes = byId.get(d.value).def.value?.tag === "u8";
    // Only single-byte compact lengths (< 64) occur in defaults.
    const len = bytes[at.i] >> 2;
    if ((bytes[at.i] & 3) !== 0 || (len > 0 && !isBytes)) throw new Error("unsupported default sequence");
    at.i++;
    if (!isBytes) return "[]";
    const part = bytes.subarray(at.i, at.i + len);
    at.i += len;
    return len === 0 ? "new Uint8Array()" : `Uint8Array.from(${JSON.stringify([...part])})`;
  }
  if (d.tag === "array" && byId.get(d.value.type).def.value?.tag === "u8") {
    const part = bytes.subarray(at.i, at.i + d.value.len);
    at.i += d.value.len;
    return part.every((x) => x === 0)
      ? `new Uint8Array(${d.value.len})`
      : `Uint8Array.from(${JSON.stringify([...part])})`;
  }
  if (d.tag === "tuple") return `[${d.value.map((x: number) => literal(x, bytes, at)).join(", ")}]`;
  if (d.tag === "composite") {
    if (d.value.length === 1 && !d.value[0].name) return literal(d.value[0].type, bytes, at);
    return `{ ${d.value.map((f: { name: string; type: number }) => `${f.name}: ${literal(f.type, bytes, at)}`).join(", ")} }`;
  }
  throw new Error(`no literal for ${d.tag}`);
}

function fallbackLiteral(id: number, hex: string): string {
  const bytes = Uint8Array.from(Buffer.from(hex.slice(2), "hex"));
  try {
    return literal(id, bytes, { i: 0 });
  } catch (e) {
    return `/* TODO decode ${hex}: ${(e as Error).message} */ undefined`;
  }
}

const [palletName, kind, ...names] = process.argv.slice(2);
const lines: string[] = [];
// `apis NameRuntimeApi …`: the runtime API declarations (RuntimeApiDecl) with finney's inputs and outputs.
if (palletName === "apis") {
  for (const name of [kind, ...names]) {
    const api = md.apis.find((a: any) => a.name === name);
    if (!api) throw new Error(`no runtime API ${name}`);
    const methods = api.methods.map((m: any) => {
      const inputs = m.inputs.map((i: any) => `{ name: "${i.name}", type: ${expr(i.type)} }`);
      return `    { name: "${m.name}", inputs: [${inputs.join(", ")}], output: ${expr(m.output)} },`;
    });
    lines.push(
      `  { name: "${name}", version: ${api.version ?? 1}, methods: [\n${methods.join("\n")}\n  ] },`,
    );
  }
  console.log([...out, ...lines].join("\n"));
  process.exit(0);
}
const pallet = md.pallets.find((p: any) => p.name === palletName);
if (!pallet) throw new Error(`no pallet ${palletName}`);
const variantsOf = (id: number) =>
  byId.get(id).def.value as Array<{
    name: string;
    index: number;
    fields: Array<{ name: string; type: number; typeName?: string }>;
  }>;

if (kind === "storage") {
  for (const name of names) {
    const item = pallet.storage.items.find((i: any) => i.name === name);
    if (!item) throw new Error(`no storage ${name}`);
    const valueId = item.type.tag === "plain" ? item.type.value : item.type.value.value;
    const value = expr(valueId);
    const opts =
      item.modifier === 0
        ? `{ modifier: "Optional" }`
        : `{ fallback: ${fallbackLiteral(valueId, item.fallback)} }`;
    if (item.type.tag === "plain") lines.push(`  ${name}: storageValue(P, "${name}", ${value}, ${opts}),`);
    else {
      const { hashers, key } = item.type.value;
      const keyTypes = hashers.length === 1 ? [key] : byId.get(key).def.value;
      const keys = hashers.map(
        (h: { tag: string }, i: number) => `{ hasher: "${h.tag}", type: ${expr(keyTypes[i])} }`,
      );
      lines.push(`  ${name}: storageMap(P, "${name}", [${keys.join(", ")}], ${value}, ${opts}),`);
    }
  }
} else if (kind === "calls" || kind === "events") {
  const id = kind === "calls" ? pallet.calls.type : pallet.events.type;
  for (const name of names) {
    const v = variantsOf(id).find((x) => x.name === name);
    if (!v) throw new Error(`no ${kind} ${name}`);
    const args = v.fields.map(
      (f) =>
        `{ ${f.name ? `name: "${f.name}", ` : ""}type: ${expr(f.type)}${f.typeName ? `, typeName: ${JSON.stringify(f.typeName)}` : ""} }`,
    );
    lines.push(
      `    ${name}: { index: ${v.index}, ${kind === "calls" ? "args" : "fields"}: [${args.join(", ")}] },`,
    );
  }
} else if (kind === "errors") {
  lines.push(`errorsInOrder(${JSON.stringify(variantsOf(pallet.errors.type).map((v) => v.name))})`);
}
console.log([...out, ...lines].join("\n"));
