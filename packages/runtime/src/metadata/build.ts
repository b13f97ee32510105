// Builds the runtime's metadata (V14, V15, V16) from its declarations: a type registry from the declared
// types, pallets from the pallet declarations, plus runtime APIs and the extrinsic format.

import { metadata as metadataCodec } from "@polkadot-api/substrate-bindings";
import type { Pallet } from "../frame/pallet.ts";
import { type Field, resolveTy, type Ty } from "../frame/types.ts";

/** Assigns registry ids to declared types, children after their parent's id so recursion terminates. */
export class TypeRegistry {
  readonly #ids = new Map<Ty, number>();
  readonly entries: any[] = [];

  id(t: Ty): number {
    const ty = resolveTy(t);
    const known = this.#ids.get(ty);
    if (known !== undefined) return known;
    const id = this.entries.length;
    this.#ids.set(ty, id);
    const entry: any = { id, path: ty.path, params: [], def: undefined, docs: ty.docs };
    this.entries.push(entry);
    entry.params = ty.params.map((p) => ({ name: p.name, type: p.type ? this.id(p.type) : undefined }));
    entry.def = this.#def(ty);
    return id;
  }

  #fields(fs: Field[]) {
    return fs.map((f) => ({ name: f.name, type: this.id(f.type), typeName: f.typeName, docs: f.docs ?? [] }));
  }

  #def(ty: Ty) {
    const d = ty.def;
    switch (d.tag) {
      case "primitive":
        return { tag: "primitive", value: { tag: d.value, value: undefined } };
      case "compact":
        return { tag: "compact", value: this.id(d.value) };
      case "sequence":
        return { tag: "sequence", value: this.id(d.value) };
      case "array":
        return { tag: "array", value: { len: d.value.len, type: this.id(d.value.type) } };
      case "tuple":
        return { tag: "tuple", value: d.value.map((x) => this.id(x)) };
      case "composite":
        return { tag: "composite", value: this.#fields(d.value) };
      case "variant":
        return {
          tag: "variant",
          value: d.value.map((v) => ({
            name: v.name,
            index: v.index,
            fields: this.#fields(v.fields),
            docs: v.docs ?? [],
          })),
        };
    }
  }
}

export interface RuntimeApiMethod {
  name: string;
  inputs: Array<{ name: string; type: Ty }>;
  output: Ty;
  docs?: string[];
}

export interface RuntimeApiDecl {
  name: string;
  version: number;
  methods: RuntimeApiMethod[];
  docs?: string[];
}

export interface ExtensionDecl {
  identifier: string;
  type: Ty;
  /** What the extension adds to the signed payload (`additionalSigned`, "implicit"). */
  implicit: Ty;
}

export interface MetadataInputs {
  pallets: Pallet[];
  apis: RuntimeApiDecl[];
  runtimeCall: Ty;
  runtimeEvent: Ty;
  runtimeError: Ty;
  /** `node_subtensor_runtime::Runtime`, the V14/V15 top-level type. */
  runtimeType: Ty;
  extrinsic: {
    address: Ty;
    signature: Ty;
    uncheckedExtrinsic: Ty;
    extensions: ExtensionDecl[];
    extensionTuple: Ty;
  };
}

const NOT_DEPRECATED = { tag: "NotDeprecated", value: undefined };

/** The V16 metadata object (substrate-bindings' decoded shape) and the registry ids V15/V14 need. */
function buildV16(inp: MetadataInputs) {
  const reg = new TypeRegistry();
  const pallets = [...inp.pallets]
    .sort((a, b) => a.index - b.index)
    .map((p) => ({
      name: p.name,
      storage:
        p.storage && p.storage.length > 0
          ? {
              prefix: p.name,
              items: p.storage.map((s) => ({
                name: s.name,
                modifier: s.modifier === "Optional" ? 0 : 1,
                type:
                  s.keys.length === 0
                    ? { tag: "plain", value: reg.id(s.value) }
                    : {
                        tag: "map",
                        value: {
                          hashers: s.keys.map((k: { hasher: string }) => ({
                            tag: k.hasher,
                            value: undefined,
                          })),
                          key: reg.id(s.keyType as Ty),
                          value: reg.id(s.value),
                        },
                      },
                fallback: `0x${Buffer.from(s.fallbackBytes).toString("hex")}`,
                docs: s.docs,
                deprecationInfo: NOT_DEPRECATED,
              })),
            }
          : undefined,
      calls: p.callType ? { type: reg.id(p.callType), deprecationInfo: [] } : undefined,
      events: p.eventType ? { type: reg.id(p.eventType), deprecationInfo: [] } : undefined,
      constants: Object.entries(p.constants ?? {}).map(([name, c]) => ({
        name,
        type: reg.id(c.type),
        value: `0x${Buffer.from(c.type.codec.enc(c.value)).toString("hex")}`,
        docs: c.docs ?? [],
        deprecationInfo: NOT_DEPRECATED,
      })),
      errors: p.errorType ? { type: reg.id(p.errorType), deprecationInfo: [] } : undefined,
      associatedTypes: [],
      viewFns: [],
      index: p.index,
      docs: p.docs ?? [],
      deprecationInfo: NOT_DEPRECATED,
    }));
  const ex = inp.extrinsic;
  const extensions = ex.extensions.map((e) => ({
    identifier: e.identifier,
    type: reg.id(e.type),
    additionalSigned: reg.id(e.implicit),
  }));
  const extrinsic = {
    version: [4],
    address: reg.id(ex.address),
    call: reg.id(inp.runtimeCall),
    signature: reg.id(ex.signature),
    signedExtensionsByVersion: [[0, extensions.map((_, i) => i)]],
    signedExtensions: extensions,
  };
  const apis = inp.apis.map((a) => ({
    name: a.name,
    methods: a.methods.map((m) => ({
      name: m.name,
      inputs: m.inputs.map((i) => ({ name: i.name, type: reg.id(i.type) })),
      output: reg.id(m.output),
      docs: m.docs ?? [],
      deprecationInfo: NOT_DEPRECATED,
    })),
    docs: a.docs ?? [],
    version: a.version,
    deprecationInfo: NOT_DEPRECATED,
  }));
  const outerEnums = {
    call: reg.id(inp.runtimeCall),
    event: reg.id(inp.runtimeEvent),
    error: reg.id(inp.runtimeError),
  };
  const ids = {
    runtime: reg.id(inp.runtimeType),
    uncheckedExtrinsic: reg.id(ex.uncheckedExtrinsic),
    extensionTuple: reg.id(ex.extensionTuple),
  };
  return { v16: { lookup: reg.entries, pallets, extrinsic, apis, outerEnums, custom: [] }, ids };
}

export interface EncodedMetadata {
  v14: Uint8Array;
  v15: Uint8Array;
  v16: Uint8Array;
}

/** Encode the runtime's metadata in every served version (prefixed with `meta` and the version byte). */
export function buildMetadata(inp: MetadataInputs): EncodedMetadata {
  const { v16, ids } = buildV16(inp);
  const palletsV15 = v16.pallets.map((p) => ({
    name: p.name,
    storage: p.storage
      ? { prefix: p.storage.prefix, items: p.storage.items.map(({ deprecationInfo: _, ...rest }) => rest) }
      : undefined,
    calls: p.calls?.type,
    events: p.events?.type,
    constants: p.constants.map(({ deprecationInfo: _, ...rest }) => rest),
    errors: p.errors?.type,
    index: p.index,
    docs: p.docs,
  }));
  const v15 = {
    lookup: v16.lookup,
    pallets: palletsV15,
    extrinsic: {
      version: 4,
      address: v16.extrinsic.address,
      call: v16.extrinsic.call,
      signature: v16.extrinsic.signature,
      extra: ids.extensionTuple,
      signedExtensions: v16.extrinsic.signedExtensions,
    },
    type: ids.runtime,
    apis: v16.apis.map((a) => ({
      name: a.name,
      methods: a.methods.map(({ deprecationInfo: _, ...m }) => m),
      docs: a.docs,
    })),
    outerEnums: v16.outerEnums,
    custom: [],
  };
  const v14 = {
    lookup: v16.lookup,
    pallets: palletsV15.map(({ docs: _, ...p }) => p),
    extrinsic: { type: ids.uncheckedExtrinsic, version: 4, signedExtensions: v16.extrinsic.signedExtensions },
    type: ids.runtime,
  };
  const enc = (tag: string, value: any) =>
    metadataCodec.enc({ magicNumber: 0x6174656d, metadata: { tag, value } } as any);
  return { v14: enc("v14", v14), v15: enc("v15", v15), v16: enc("v16", v16) };
}
