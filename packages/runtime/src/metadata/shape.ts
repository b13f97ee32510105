// Structural "type shapes" of a metadata registry: one canonical string per type, independent of registry ids,
// so our generated metadata can be compared item by item with finney's (shared/reference/finney-metadata.scale).

/** The subset of a decoded V14–V16 lookup entry that shapes depend on (as @polkadot-api/substrate-bindings decodes it). */
export interface LookupEntry {
  id: number;
  path: string[];
  def:
    | { tag: "composite"; value: Array<{ name?: string; type: number }> }
    | {
        tag: "variant";
        value: Array<{ name: string; index: number; fields: Array<{ name?: string; type: number }> }>;
      }
    | { tag: "sequence"; value: number }
    | { tag: "array"; value: { len: number; type: number } }
    | { tag: "tuple"; value: number[] }
    | { tag: "primitive"; value: { tag: string } }
    | { tag: "compact"; value: number }
    | { tag: "bitSequence"; value: { bitStoreType: number; bitOrderType: number } };
}

/**
 * Outer and per-pallet dispatch enums differ by construction (we implement fewer calls and events than finney),
 * so shapes stop at them and name them instead; each call, event and error is compared on its own.
 */
function isOpaque(path: string[]): boolean {
  const last = path[path.length - 1];
  if (path.length === 2 && /^Runtime(Call|Event|Error|HoldReason|FreezeReason|Origin)$/.test(last))
    return true;
  return (
    path.length >= 2 && (last === "Call" || last === "Event" || last === "Error") && path.includes("pallet")
  );
}

export class ShapeTable {
  readonly #byId = new Map<number, LookupEntry>();
  readonly #memo = new Map<number, string>();

  constructor(lookup: readonly LookupEntry[]) {
    for (const t of lookup) this.#byId.set(t.id, t);
  }

  shape(id: number): string {
    const cached = this.#memo.get(id);
    if (cached !== undefined) return cached;
    const s = this.#shape(id, new Set());
    this.#memo.set(id, s);
    return s;
  }

  #shape(id: number, stack: Set<number>): string {
    const t = this.#byId.get(id);
    if (!t) throw new Error(`metadata lookup has no type ${id}`);
    const path = t.path.join("::");
    if (isOpaque(t.path)) return `<${path}>`;
    if (stack.has(id)) return `@${path || id}`;
    stack.add(id);
    try {
      const d = t.def;
      const sub = (x: number) => this.#shape(x, stack);
      const fields = (fs: Array<{ name?: string; type: number }>) =>
        fs.length === 0
          ? ""
          : fs.every((f) => f.name)
            ? `{${fs.map((f) => `${f.name}:${sub(f.type)}`).join(",")}}`
            : `(${fs.map((f) => sub(f.type)).join(",")})`;
      switch (d.tag) {
        case "primitive":
          return d.value.tag;
        case "compact":
          return `Compact<${sub(d.value)}>`;
        case "sequence":
          return `Vec<${sub(d.value)}>`;
        case "array":
          return `[${sub(d.value.type)};${d.value.len}]`;
        case "tuple":
          return `(${d.value.map(sub).join(",")})`;
        case "bitSequence":
          return `BitSeq<${sub(d.value.bitStoreType)},${sub(d.value.bitOrderType)}>`;
        case "composite":
          return `${path}${fields(d.value) || "{}"}`;
        case "variant":
          return `${path}<${[...d.value]
            .sort((a, b) => a.index - b.index)
            .map((v) => `${v.index}:${v.name}${fields(v.fields)}`)
            .join("|")}>`;
      }
    } finally {
      stack.delete(id);
    }
  }
}
