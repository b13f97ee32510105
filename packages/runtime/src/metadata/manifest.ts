// The metadata "manifest": per pallet and runtime API, every item's name, index and type shape.
// Built the same way from finney's metadata (committed as a fixture) and from ours, then compared.

import { decAnyMetadata } from "@polkadot-api/substrate-bindings";
import { type LookupEntry, ShapeTable } from "./shape.ts";

export interface ManifestField {
  name: string | null;
  shape: string;
}

export interface PalletManifest {
  index: number;
  calls: Record<string, { index: number; args: ManifestField[] }>;
  storage: Record<
    string,
    { modifier: "Optional" | "Default"; hashers: string[]; keys: string[]; value: string; fallback: string }
  >;
  events: Record<string, { index: number; fields: ManifestField[] }>;
  errors: Record<string, { index: number }>;
  constants: Record<string, { shape: string; value: string }>;
}

export interface Manifest {
  metadataVersion: number;
  pallets: Record<string, PalletManifest>;
  apis: Record<string, Record<string, { inputs: ManifestField[]; output: string }>>;
  extrinsic: {
    versions: number[];
    address: string;
    signature: string;
    extensions: Array<{ identifier: string; shape: string; implicit: string }>;
  };
}

type AnyMetadata = any;

const hex = (b: Uint8Array | string) =>
  typeof b === "string" ? b : `0x${Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("")}`;

/** Build the manifest of prefixed metadata bytes (V14, V15 or V16). */
export function manifestOf(bytes: Uint8Array): Manifest {
  const decoded = decAnyMetadata(bytes) as AnyMetadata;
  const version = Number(String(decoded.metadata.tag).slice(1));
  const md = decoded.metadata.value;
  const lookup = md.lookup as LookupEntry[];
  const table = new ShapeTable(lookup);
  const byId = new Map(lookup.map((t) => [t.id, t]));
  const variants = (typeId: number | undefined) => {
    if (typeId === undefined) return [];
    const t = byId.get(typeId);
    return t && t.def.tag === "variant" ? t.def.value : [];
  };
  const fields = (fs: Array<{ name?: string; type: number }>): ManifestField[] =>
    fs.map((f) => ({ name: f.name ?? null, shape: table.shape(f.type) }));

  const pallets: Record<string, PalletManifest> = {};
  for (const p of md.pallets) {
    const pm: PalletManifest = {
      index: p.index,
      calls: {},
      storage: {},
      events: {},
      errors: {},
      constants: {},
    };
    for (const v of variants(p.calls?.type ?? p.calls))
      pm.calls[v.name] = { index: v.index, args: fields(v.fields) };
    for (const v of variants(p.events?.type ?? p.events))
      pm.events[v.name] = { index: v.index, fields: fields(v.fields) };
    for (const v of variants(p.errors?.type ?? p.errors)) pm.errors[v.name] = { index: v.index };
    for (const item of p.storage?.items ?? []) {
      const ty = item.type;
      let hashers: string[] = [];
      let keys: string[] = [];
      let value: number;
      if (ty.tag === "plain") value = ty.value;
      else {
        hashers = ty.value.hashers.map((h: { tag: string }) => h.tag);
        value = ty.value.value;
        const keyType = byId.get(ty.value.key);
        keys =
          hashers.length > 1 && keyType?.def.tag === "tuple"
            ? keyType.def.value.map((k: number) => table.shape(k))
            : [table.shape(ty.value.key)];
      }
      pm.storage[item.name] = {
        modifier: item.modifier === 0 ? "Optional" : "Default",
        hashers,
        keys,
        value: table.shape(value),
        fallback: hex(item.fallback),
      };
    }
    for (const c of p.constants) pm.constants[c.name] = { shape: table.shape(c.type), value: hex(c.value) };
    pallets[p.name] = pm;
  }

  const apis: Manifest["apis"] = {};
  for (const api of md.apis ?? []) {
    apis[api.name] = {};
    for (const m of api.methods)
      apis[api.name][m.name] = {
        inputs: m.inputs.map((i: { name: string; type: number }) => ({
          name: i.name,
          shape: table.shape(i.type),
        })),
        output: table.shape(m.output),
      };
  }

  const ex = md.extrinsic;
  const extensions = (ex.signedExtensions ?? []).map(
    (e: { identifier: string; type: number; additionalSigned: number }) => ({
      identifier: e.identifier,
      shape: table.shape(e.type),
      implicit: table.shape(e.additionalSigned),
    }),
  );
  return {
    metadataVersion: version,
    pallets,
    apis,
    extrinsic: {
      versions: Array.isArray(ex.version) ? ex.version : [ex.version],
      address: ex.address !== undefined ? table.shape(ex.address) : "",
      signature: ex.signature !== undefined ? table.shape(ex.signature) : "",
      extensions,
    },
  };
}
