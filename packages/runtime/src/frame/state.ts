// The key-value state the runtime reads and writes: raw Substrate keys to SCALE bytes, with layered
// overlays so an extrinsic or a block commits atomically or leaves no trace.

// Buffer's own hex slicer called on any Uint8Array: no Buffer wrapper per key (a third of the cost of
// `Buffer.from(…).toString("hex")`, measured on 32–80-byte keys; a key is hexed on every access).
const nativeHexSlice = (Buffer.prototype as unknown as { hexSlice?: (start: number, end: number) => string })
  .hexSlice;
export const hexOf: (b: Uint8Array) => string =
  typeof nativeHexSlice === "function"
    ? (b) => nativeHexSlice.call(b, 0, b.length)
    : (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
export const bytesOf = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, "hex"));

/** Read access to state. Keys are compared as bytes; iteration is in ascending key order. */
export interface StateReader {
  get(key: Uint8Array): Uint8Array | undefined;
  /** Keys starting with `prefix`, ascending, strictly after `after` if given. */
  keys(prefix: Uint8Array, after?: Uint8Array): Iterable<Uint8Array>;
  /**
   * The same read as `get` when the caller already holds the key's hex (storage items cache it): states
   * keyed by hex skip converting the key again. Optional; `readRaw` falls back to `get`.
   */
  getHex?(hex: string, key: Uint8Array): Uint8Array | undefined;
  /** `keys` as hex strings, for states keyed by hex (optional; `keysHexOf` falls back to `keys`). */
  keysHex?(prefix: string, after?: string): Iterable<string>;
  /** This state's own entry for the key, if it has one (see `Slot`; optional). */
  slotHex?(hex: string): Slot | undefined;
  /** The `owner` of this state's slots. */
  readonly slotOwner?: number;
  /** Whether a key without a slot is absent (no layer below to ask). */
  readonly slotsComplete?: boolean;
}

export interface State extends StateReader {
  set(key: Uint8Array, value: Uint8Array): void;
  delete(key: Uint8Array): void;
  /** `set` by the key's hex (optional, for states keyed by hex; see `getHex`). */
  setHex?(hex: string, value: Uint8Array): void;
  /** `delete` by the key's hex (optional, see `setHex`). */
  deleteHex?(hex: string): void;
}

/** Read `key` (whose hex is `hex`) through the state's hex path when it has one. */
export const readRaw = (s: StateReader, hex: string, key: Uint8Array): Uint8Array | undefined =>
  s.getHex ? s.getHex(hex, key) : s.get(key);

/** The keys under a hex prefix, as hex, through the state's hex path when it has one. */
export function* keysHexOf(s: StateReader, prefix: string, after?: string): Iterable<string> {
  if (s.keysHex) yield* s.keysHex(prefix, after);
  else
    for (const k of s.keys(bytesOf(prefix), after === undefined ? undefined : bytesOf(after))) yield hexOf(k);
}

/** Write the key whose hex is `hex` through the state's hex path when it has one (else its bytes, `key`). */
export function writeRaw(s: State, hex: string, value: Uint8Array, key?: Uint8Array): void {
  if (s.setHex) s.setHex(hex, value);
  else s.set(key ?? bytesOf(hex), value);
}

/** Delete the key whose hex is `hex` through the state's hex path when it has one (else its bytes, `key`). */
export function deleteRaw(s: State, hex: string, key?: Uint8Array): void {
  if (s.deleteHex) s.deleteHex(hex);
  else s.delete(key ?? bytesOf(hex));
}

/** Sorted insertion point of `k` in `arr` (binary search over hex strings, which sort like the bytes). */
function lowerBound(arr: string[], k: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Two sorted lists merged into a new one. */
function mergeSorted(a: string[], b: string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < a.length && j < b.length) out[o++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[o++] = a[i++]!;
  while (j < b.length) out[o++] = b[j++]!;
  return out;
}

/**
 * The keys of a hex-keyed map in sorted order, for prefix scans. A block adds and removes keys between scans
 * (an epoch block thousands, clearing whole prefixes between scans), so the index is a sorted main list built
 * once, a small sorted list of keys added since, and a set of keys removed since; a scan merges the two lists
 * and skips the removed. They are folded into a new main list once the changes pass a fraction of it, so
 * each change costs amortized O(log n) and a scan O(log n + keys yielded).
 */
class SortedKeys {
  #main: string[] | null = null;
  /** Keys added since the last fold, sorted (merged from `#recent` when a scan needs them). */
  #added: string[] = [];
  /** Keys added since the last scan, unsorted: appending is O(1), sorting waits for the next scan. */
  #recent: string[] = [];
  #gone = new Set<string>();
  /** Scans in progress: while any runs, a removal copies the removed set instead of editing it in place. */
  #scans = 0;

  /** `allKeys`: the map's keys, read when a scan first needs the index. */
  constructor(private readonly allKeys: () => Iterable<string>) {}

  /** Record a key that was not in the map before. */
  added(k: string): void {
    if (this.#main === null) return;
    if (this.#gone.has(k)) {
      // Removed and back again: it is still in one of the lists.
      if (this.#scans > 0) this.#gone = new Set(this.#gone);
      this.#gone.delete(k);
      return;
    }
    // Running scans never read `#recent`: no copy needed.
    this.#recent.push(k);
    this.#maybeFold();
  }

  /** Record a key that left the map. */
  removed(k: string): void {
    if (this.#main === null) return;
    if (this.#scans > 0) this.#gone = new Set(this.#gone);
    this.#gone.add(k);
    this.#maybeFold();
  }

  /** Forget everything (the map was cleared). */
  reset(): void {
    this.#main = null;
    this.#added = [];
    this.#recent = [];
    this.#gone = new Set();
  }

  /**
   * Fold once additions pass 1/16 of the main list (they cost a merge per scan) or removals pass half of it
   * (they only cost a skip when a scan meets them; an epoch clears and refills whole prefixes, and a key
   * removed and added back leaves the removed set again without a fold).
   */
  #maybeFold(): void {
    const n = (this.#main as string[]).length;
    if (
      this.#added.length + this.#recent.length > Math.max(256, n >> 4) ||
      this.#gone.size > Math.max(256, n >> 1)
    )
      this.#fold();
  }

  /** Sort the keys added since the last scan into `#added` (a new array: a running scan keeps the old). */
  #settle(): void {
    if (this.#recent.length === 0) return;
    this.#added = mergeSorted(this.#added, this.#recent.sort());
    this.#recent = [];
  }

  /** Merge the additions into a new main list, without the removed keys. */
  #fold(): void {
    this.#settle();
    const merged = mergeSorted(this.#main as string[], this.#added);
    const gone = this.#gone;
    this.#main = gone.size > 0 ? merged.filter((k) => !gone.has(k)) : merged;
    this.#added = [];
    this.#gone = new Set();
  }

  /** Sorted keys under `prefix` (strictly after `after`), as of the scan's start. */
  *scan(prefix: string, after: string | undefined): Generator<string> {
    // With no main list yet, nothing was recorded (`added`/`removed` wait for it).
    this.#main ??= [...this.allKeys()].sort();
    this.#settle();
    const main = this.#main;
    const added = this.#added;
    const gone = this.#gone;
    const from = after !== undefined && after >= prefix ? after : prefix;
    let i = lowerBound(main, from);
    let j = lowerBound(added, from);
    this.#scans++;
    try {
      while (i < main.length || j < added.length) {
        const k = j >= added.length || (i < main.length && main[i] < added[j]) ? main[i++] : added[j++];
        if (!k.startsWith(prefix)) return;
        if (after !== undefined && k <= after) continue;
        if (gone.size > 0 && gone.has(k)) continue;
        yield k;
      }
    } finally {
      this.#scans--;
    }
  }
}

/**
 * One key's entry in a state that hands its entries out (`slotHex`): storage items keep the slot of a key they
 * use, so a repeated read or write of it skips the state's map. The state updates `value` in place and clears
 * `live` once it stops tracking the entry; `owner` is the state's `slotOwner`. `value` null is an absent key
 * (a memory state) or a deletion the layer records (an overlay). A holder may store a new non-null value
 * through a live slot whose value is not null; anything else goes through the state's methods.
 */
export interface Slot {
  value: Uint8Array | null;
  live: boolean;
  readonly owner: number;
}

let slotOwners = 0;

/** An in-memory state (genesis building, tests, the node's working copy). */
export class MemoryState implements State {
  readonly #map = new Map<string, Slot>();
  /**
   * Slots handed out for keys that are absent (value null), so repeated reads of a missing key skip the map
   * too; a write moves the slot into `#map`. Bounded: past the bound they are all retired (`live` false).
   */
  readonly #absent = new Map<string, Slot>();
  readonly #index = new SortedKeys(() => this.#map.keys());
  /** Tells this state's slots from other states'. */
  readonly slotOwner = ++slotOwners;
  /** A key without a slot here is absent: there is no layer below. */
  readonly slotsComplete = true;

  get size(): number {
    return this.#map.size;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.getHex(hexOf(key));
  }

  getHex(hex: string): Uint8Array | undefined {
    return this.#map.get(hex)?.value ?? undefined;
  }

  /** The key's slot; an absent key gets one too (value null), which a later write fills. */
  slotHex(hex: string): Slot {
    let slot = this.#map.get(hex) ?? this.#absent.get(hex);
    if (slot === undefined) {
      slot = { value: null, live: true, owner: this.slotOwner };
      this.#keepAbsent(hex, slot);
    }
    return slot;
  }

  #keepAbsent(hex: string, slot: Slot): void {
    if (this.#absent.size >= 100_000) {
      for (const old of this.#absent.values()) old.live = false;
      this.#absent.clear();
    }
    this.#absent.set(hex, slot);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.setHex(hexOf(key), value);
  }

  setHex(k: string, value: Uint8Array): void {
    let slot = this.#map.get(k);
    if (slot !== undefined) {
      slot.value = value;
      return;
    }
    slot = this.#absent.get(k);
    if (slot !== undefined) {
      this.#absent.delete(k);
      slot.value = value;
    } else slot = { value, live: true, owner: this.slotOwner };
    this.#map.set(k, slot);
    this.#index.added(k);
  }

  delete(key: Uint8Array): void {
    this.deleteHex(hexOf(key));
  }

  deleteHex(k: string): void {
    const slot = this.#map.get(k);
    if (slot === undefined) return;
    slot.value = null;
    this.#map.delete(k);
    this.#index.removed(k);
    this.#keepAbsent(k, slot);
  }

  *keys(prefix: Uint8Array, after?: Uint8Array): Iterable<Uint8Array> {
    for (const k of this.#index.scan(hexOf(prefix), after && hexOf(after))) yield bytesOf(k);
  }

  keysHex(prefix: string, after?: string): Iterable<string> {
    return this.#index.scan(prefix, after);
  }

  /** Every (key, value) pair in key order, as hex (for commitments and snapshots). */
  *entries(): Iterable<[string, Uint8Array]> {
    for (const k of this.#index.scan("", undefined))
      yield [k, (this.#map.get(k) as Slot).value as Uint8Array];
  }
}

/** One change of a layer: the key and its new value, or null for a deletion. */
export type StateChange = readonly [key: Uint8Array, value: Uint8Array | null];

/**
 * A write layer over another state. Reads fall through to the parent; `commit()` applies the layer's
 * writes to the parent in one go, `discard()` drops them. Layers nest (block → extrinsic → call). Over a
 * read-only parent (a stored block's state) the layer cannot commit; its `changes()` are the block's writes.
 */
export class Overlay implements State {
  /** hex key → this layer's entry: a value, or null for a deletion. */
  readonly #changes = new Map<string, Slot>();
  /** Our changed keys (deletions included), sorted for scans. */
  readonly #index = new SortedKeys(() => this.#changes.keys());
  readonly slotOwner = ++slotOwners;

  /**
   * Reads that fell through to the parent, remembered (null = absent) — only when the parent cannot change
   * while this layer lives (a stored block's state under the block being built), where a read may cost a
   * database lookup.
   */
  readonly #parentReads: Map<string, Uint8Array | null> | undefined;

  constructor(
    readonly parent: StateReader,
    options: { parentIsImmutable?: boolean } = {},
  ) {
    if (options.parentIsImmutable) this.#parentReads = new Map();
  }

  get changeCount(): number {
    return this.#changes.size;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.getHex(hexOf(key), key);
  }

  getHex(hex: string, key: Uint8Array): Uint8Array | undefined {
    const c = this.#changes.get(hex);
    if (c !== undefined) return c.value ?? undefined;
    const cache = this.#parentReads;
    if (cache === undefined) return readRaw(this.parent, hex, key);
    const hit = cache.get(hex);
    if (hit !== undefined) return hit ?? undefined;
    const v = readRaw(this.parent, hex, key);
    cache.set(hex, v ?? null);
    return v;
  }

  /** This layer's own entry for the key (a write or a deletion), if it has one. */
  slotHex(hex: string): Slot | undefined {
    return this.#changes.get(hex);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.setHex(hexOf(key), value);
  }

  setHex(k: string, value: Uint8Array): void {
    this.#record(k, value);
  }

  delete(key: Uint8Array): void {
    this.deleteHex(hexOf(key));
  }

  deleteHex(k: string): void {
    this.#record(k, null);
  }

  #record(k: string, value: Uint8Array | null): void {
    const slot = this.#changes.get(k);
    if (slot !== undefined) slot.value = value;
    else {
      this.#changes.set(k, { value, live: true, owner: this.slotOwner });
      this.#index.added(k);
    }
  }

  #isWrite = (k: string) => (this.#changes.get(k) as Slot).value !== null;

  *keys(prefix: Uint8Array, after?: Uint8Array): Iterable<Uint8Array> {
    for (const k of this.keysHex(hexOf(prefix), after && hexOf(after))) yield bytesOf(k);
  }

  /** `keys` as hex: ours merged with the parent's, ours winning, deletions hiding the parent's. */
  *keysHex(prefix: string, after?: string): Iterable<string> {
    const mine = [...this.#index.scan(prefix, after)];
    let i = 0;
    for (const ph of keysHexOf(this.parent, prefix, after)) {
      while (i < mine.length && mine[i] < ph) {
        if (this.#isWrite(mine[i])) yield mine[i];
        i++;
      }
      if (i < mine.length && mine[i] === ph) {
        if (this.#isWrite(ph)) yield ph;
        i++;
        continue;
      }
      yield ph;
    }
    for (; i < mine.length; i++) if (this.#isWrite(mine[i])) yield mine[i];
  }

  /** This layer's writes in key order. */
  *changes(): Iterable<StateChange> {
    for (const k of this.#index.scan("", undefined)) yield [bytesOf(k), (this.#changes.get(k) as Slot).value];
  }

  /** Apply every write to the parent and clear this layer. */
  commit(): void {
    const parent = this.parent as Partial<State>;
    if (typeof parent.set !== "function" || typeof parent.delete !== "function")
      throw new Error("Overlay.commit: the parent state is read-only; take changes() instead");
    const p = parent as State;
    for (const [k, { value: v }] of this.#changes) {
      if (v === null) deleteRaw(p, k);
      else writeRaw(p, k, v);
    }
    this.discard();
  }

  discard(): void {
    for (const slot of this.#changes.values()) slot.live = false;
    this.#changes.clear();
    this.#index.reset();
  }
}

/**
 * Run `fn` in a fresh layer over `state`: its writes land only if it returns normally and `keep(result)`
 * holds; an exception or a rejected result leaves `state` exactly as it was.
 */
export function transactional<R>(
  state: State,
  fn: (layer: Overlay) => R,
  keep: (r: R) => boolean = () => true,
): R {
  const layer = new Overlay(state);
  const result = fn(layer);
  if (keep(result)) layer.commit();
  return result;
}
