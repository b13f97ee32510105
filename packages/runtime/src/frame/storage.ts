// Typed storage items over raw state, under Substrate's key layout: twox128(pallet) ++ twox128(item) ++
// hasher(key)… with SCALE values, so `state_getStorage` and any Substrate client read the same bytes.

import { bytesEqual, concatBytes } from "@opentao/primitives";
import {
  Blake2128,
  Blake2128Concat,
  Blake2256,
  Identity,
  Twox64Concat,
  Twox128,
  Twox256,
} from "@polkadot-api/substrate-bindings";
import {
  bytesOf,
  deleteRaw,
  hexOf,
  keysHexOf,
  readRaw,
  type Slot,
  type State,
  type StateReader,
  writeRaw,
} from "./state.ts";
import { decodeBytes, T, type Ty } from "./types.ts";

export type Hasher =
  | "Blake2128"
  | "Blake2256"
  | "Blake2128Concat"
  | "Twox128"
  | "Twox256"
  | "Twox64Concat"
  | "Identity";

/**
 * Blake2 in JS costs tens of µs per key and the same accounts are hashed over and over (a hotkey's stake,
 * owner, children… every block): remember recent results. Bounded; cleared wholesale when full.
 */
function memoized(hash: (b: Uint8Array) => Uint8Array): (b: Uint8Array) => Uint8Array {
  const cache = new Map<string, Uint8Array>();
  return (b) => {
    const k = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");
    let h = cache.get(k);
    if (h === undefined) {
      if (cache.size >= 200_000) cache.clear();
      h = hash(b);
      cache.set(k, h);
    }
    return h;
  };
}

const HASH: Record<Hasher, (b: Uint8Array) => Uint8Array> = {
  Blake2128: memoized(Blake2128),
  Blake2256: memoized(Blake2256),
  Blake2128Concat: memoized(Blake2128Concat),
  Twox128,
  Twox256,
  Twox64Concat,
  Identity,
};

// Buffer's latin1 slicer on any Uint8Array: a byte key argument becomes a string for the key cache without a
// Buffer wrapper (3–4× cheaper than `Buffer.from(…).toString("latin1")` on 32-byte account ids).
const nativeLatin1Slice = (
  Buffer.prototype as unknown as { latin1Slice?: (start: number, end: number) => string }
).latin1Slice;
const latin1Of: (b: Uint8Array) => string =
  typeof nativeLatin1Slice === "function"
    ? (b) => nativeLatin1Slice.call(b, 0, b.length)
    : (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");

/**
 * A copy of a decoded value that shares nothing mutable with it: callers may mutate what they read
 * (push to a vector, edit a struct), so a cached decoded value is handed out as a copy. Decoded SCALE
 * values are primitives, Uint8Arrays, arrays and plain objects.
 */
function deepCopy<V>(v: V): V {
  if (typeof v !== "object" || v === null) return v;
  // `new Uint8Array(v)` copies even a Node Buffer (whose `slice` is a view).
  if (v instanceof Uint8Array) return new Uint8Array(v) as V;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = deepCopy(v[i]);
    return out as V;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = deepCopy((v as Record<string, unknown>)[k]);
  return out as V;
}

/** Written values up to this many encoded bytes stay decoded on their key (see `#write`). */
const REMEMBER_WRITTEN_MAX = 64;

/** Values of these types are immutable in JS (numbers, bigints, booleans, strings): no copy needed. */
const immutableTy = (t: Ty): boolean =>
  t.def.tag === "primitive" || t.def.tag === "compact" || (t.def.tag === "tuple" && t.def.value.length === 0);

/**
 * One built storage key, with the last value decoded from (or encoded to) it. The value is reused while the
 * state still holds the very same bytes object it came from: states never mutate stored arrays, so identity
 * means the bytes are unchanged, whichever layer or path wrote them.
 */
interface KeyRef {
  /** The item the key belongs to (handles from `keyRef` are checked against it). */
  readonly item: object;
  readonly bytes: Uint8Array;
  readonly hex: string;
  raw: Uint8Array | undefined;
  value: unknown;
  /** The state entry of the key last used (see `Slot`), valid while live and for the state that owns it. */
  slot: Slot | undefined;
  /** The key arguments, and the next entry with the same `argsHash`. */
  readonly args: readonly unknown[];
  next: KeyRef | undefined;
}

/**
 * Equal key arguments: numbers by value, byte arrays by content. `stored` holds numbers and Uint8Array copies
 * (the only kinds `argsHash` admits, so `k` has the same kinds in the same places).
 */
function sameArgs(stored: readonly unknown[], k: readonly unknown[]): boolean {
  for (let i = 0; i < stored.length; i++) {
    const x = stored[i];
    if (typeof x === "number") {
      if (x !== k[i]) return false;
      continue;
    }
    const a = x as Uint8Array;
    const b = k[i] as Uint8Array;
    const n = a.length;
    if (b.length !== n) return false;
    for (let j = 0; j < n; j++) if (a[j] !== b[j]) return false;
  }
  return true;
}

/**
 * A 30-bit hash of key arguments that are integers or byte arrays (nearly every key: netuids, uids, account
 * ids), or -1 for any other kind. Numeric map keys avoid building and hashing a string per access, which
 * was the largest single cost of a storage access in the epoch block.
 */
function argsHash(k: readonly unknown[]): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < k.length; i++) {
    const x = k[i];
    if (typeof x === "number") {
      if (!Number.isSafeInteger(x)) return -1;
      h = Math.imul(h ^ (x | 0), 0x01000193);
      h = Math.imul(h ^ Math.floor(x / 0x1_0000_0000), 0x01000193);
    } else if (x instanceof Uint8Array) {
      const n = x.length;
      h = Math.imul(h ^ (n + 0x100), 0x01000193);
      // Four bytes a step: account ids are 32 bytes, hashed on every access.
      let j = 0;
      for (; j + 4 <= n; j += 4)
        h = Math.imul(h ^ (x[j]! | (x[j + 1]! << 8) | (x[j + 2]! << 16) | (x[j + 3]! << 24)), 0x01000193);
      for (; j < n; j++) h = Math.imul(h ^ x[j]!, 0x01000193);
    } else return -1;
  }
  // 30 bits: a small integer (Smi) on every platform, so the Map lookup never boxes the key.
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

/** A string that identifies key arguments (the key cache's key). */
function argsId(k: readonly unknown[]): string {
  let id = "";
  for (const x of k)
    id +=
      x instanceof Uint8Array
        ? `b${latin1Of(x)}\u0000`
        : typeof x === "number" || typeof x === "bigint" || typeof x === "boolean"
          ? `n${x}\u0000`
          : `j${JSON.stringify(x, (_, v) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? [...v] : v))}\u0000`;
  return id;
}

/** An opaque handle on one key of one storage item (`StorageItem.keyRef`). */
export interface StorageKeyRef<V> {
  readonly bytes: Uint8Array;
  /** Type-only: ties the handle to the item's value type. */
  readonly __value?: V;
}

/** Bytes of the hash part before the concatenated key, for hashers whose key can be read back. */
const CONCAT_SKIP: Partial<Record<Hasher, number>> = { Blake2128Concat: 16, Twox64Concat: 8, Identity: 0 };

export interface StorageKey<K> {
  hasher: Hasher;
  type: Ty<K>;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** twox128(pallet) ++ twox128(item): the prefix every key of the item starts with. */
export function storagePrefix(pallet: string, item: string): Uint8Array {
  return concatBytes([Twox128(utf8(pallet)), Twox128(utf8(item))]);
}

export interface StorageOptions<V> {
  /** `Default` (ValueQuery: absent reads as `fallback`) or `Optional` (OptionQuery: absent reads as undefined). */
  modifier?: "Default" | "Optional";
  fallback?: V;
  docs?: string[];
}

/** One storage item: a plain value (no keys) or a map over one or more hashed keys. */
export class StorageItem<K extends unknown[], V> {
  readonly prefix: Uint8Array;
  readonly modifier: "Default" | "Optional";
  readonly fallback: V | undefined;
  readonly fallbackBytes: Uint8Array;
  readonly docs: string[];
  /** The metadata's key type: the key itself, or the tuple of keys for an N-map. */
  readonly keyType: Ty | undefined;

  constructor(
    readonly pallet: string,
    readonly name: string,
    readonly keys: { [I in keyof K]: StorageKey<K[I]> },
    readonly value: Ty<V>,
    opts: StorageOptions<V> = {},
  ) {
    this.prefix = storagePrefix(pallet, name);
    this.modifier = opts.modifier ?? (opts.fallback === undefined ? "Optional" : "Default");
    this.fallback = opts.fallback;
    this.docs = opts.docs ?? [];
    const keyTys = (keys as StorageKey<unknown>[]).map((k) => k.type);
    this.keyType = keyTys.length === 0 ? undefined : keyTys.length === 1 ? keyTys[0] : T.tuple(...keyTys);
    // Metadata carries the default's encoding; OptionQuery items advertise `None` (0x00).
    this.fallbackBytes =
      this.modifier === "Default" && opts.fallback !== undefined
        ? value.codec.enc(opts.fallback)
        : new Uint8Array([0]);
    this.#copy = immutableTy(value) ? (v) => v : deepCopy;
  }

  /**
   * Keys already built, by their arguments: the same (netuid, hotkey…) keys are read and written many times a
   * block, and encoding + hashing + concatenating them was a fifth of a coinbase block. Each also carries the
   * last value read or written under it, so a repeated read skips decoding. Bounded; keys are never mutated by
   * the state layer, so the cached arrays are shared.
   */
  readonly #keyCache = new Map<string, KeyRef>();
  /** The plain value's key (no arguments). */
  #valueRef: KeyRef | undefined;
  /** Keys whose arguments are integers and byte arrays, by `argsHash` (colliding entries chained). */
  readonly #refsByHash = new Map<number, KeyRef>();
  /** Keys met by `entries`, by their hex. */
  readonly #refsByHex = new Map<string, KeyRef>();
  /** Whether a decoded value can be handed out as is (immutable JS values) or needs a copy. */
  readonly #copy: <T>(v: T) => T;
  /** The decoded default, kept to hand out copies of. */
  #fallbackValue: V | undefined;

  /** The full storage key for these key values. */
  key(...k: K): Uint8Array {
    return this.#ref(k).bytes;
  }

  #ref(k: unknown[]): KeyRef {
    if (k.length !== this.keys.length)
      throw new TypeError(`${this.pallet}.${this.name}: expected ${this.keys.length} keys, got ${k.length}`);
    if (k.length === 0) {
      this.#valueRef ??= this.#newRef(k);
      return this.#valueRef;
    }
    const h = argsHash(k);
    if (h >= 0) {
      const first = this.#refsByHash.get(h);
      for (let r = first; r !== undefined; r = r.next) if (sameArgs(r.args as unknown[], k)) return r;
      const ref = this.#newRef(k);
      ref.next = first;
      if (this.#refsByHash.size >= 100_000) this.#refsByHash.clear();
      this.#refsByHash.set(h, ref);
      return ref;
    }
    const id = argsId(k);
    let ref = this.#keyCache.get(id);
    if (ref === undefined) {
      ref = this.#newRef(k);
      if (this.#keyCache.size >= 100_000) this.#keyCache.clear();
      this.#keyCache.set(id, ref);
    }
    return ref;
  }

  #newRef(k: unknown[]): KeyRef {
    const bytes = this.partialKey(...k);
    return {
      item: this,
      bytes,
      hex: hexOf(bytes),
      raw: undefined,
      value: undefined,
      slot: undefined,
      // Kept (byte arrays copied: the caller may reuse its array) to tell hash collisions apart and to hand
      // back decoded keys from `entries`.
      args: deepCopy(k),
      next: undefined,
    };
  }

  /** The bytes under `ref`: through the slot kept from the last access to this state when it is still live. */
  #read(s: StateReader, ref: KeyRef): Uint8Array | undefined {
    let slot = ref.slot;
    if (slot === undefined || !slot.live || slot.owner !== s.slotOwner) {
      if (s.slotHex === undefined) return readRaw(s, ref.hex, ref.bytes);
      slot = s.slotHex(ref.hex);
      if (slot === undefined) return s.slotsComplete ? undefined : readRaw(s, ref.hex, ref.bytes);
      ref.slot = slot;
    }
    return slot.value ?? undefined;
  }

  /** What the state holds under `ref`, decoded: the last decoding while the bytes are the same object. */
  #decoded(ref: KeyRef, raw: Uint8Array): V {
    if (ref.raw !== raw) {
      ref.value = decodeBytes(this.value.codec, raw);
      ref.raw = raw;
    }
    return ref.value as V;
  }

  /** `#decoded`, copied for a caller that may mutate it. */
  #decode(ref: KeyRef, raw: Uint8Array): V {
    return this.#copy(this.#decoded(ref, raw));
  }

  /** The value under `ref`, or the default. */
  #value(s: StateReader, ref: KeyRef): V {
    const raw = this.#read(s, ref);
    // A fresh copy of the default each time: callers may mutate what they read (arrays, structs).
    return raw === undefined ? this.#fallback() : this.#decode(ref, raw);
  }

  /** The value under `ref`, or undefined. */
  #tryValue(s: StateReader, ref: KeyRef): V | undefined {
    const raw = this.#read(s, ref);
    return raw === undefined ? undefined : this.#decode(ref, raw);
  }

  #fallback(): V {
    if (this.modifier !== "Default") return undefined as V;
    this.#fallbackValue ??= this.value.codec.dec(this.fallbackBytes);
    return this.#copy(this.#fallbackValue);
  }

  #write(s: State, ref: KeyRef, v: V): void {
    let raw = this.value.codec.enc(v);
    const current = this.#read(s, ref);
    // Writing the bytes already there changes nothing: skip it, so a layer records (and a block commits) only
    // real changes — the coinbase rewrites many values unchanged (zero payouts, untouched bond rows).
    if (current !== undefined && bytesEqual(current, raw)) raw = current;
    else {
      const slot = ref.slot;
      if (slot?.live && slot.value !== null && slot.owner === s.slotOwner) slot.value = raw;
      else writeRaw(s, ref.hex, raw, ref.bytes);
    }
    if (raw.length <= REMEMBER_WRITTEN_MAX) {
      // The caller keeps `v` and may change it after writing: remember a copy.
      ref.raw = raw;
      ref.value = this.#copy(v);
    } else {
      // A large value (a bond row, a per-uid vector) is rarely read back soon, and a copy of it is thousands
      // of small long-lived objects: the epoch block's garbage collection was mostly copying those.
      ref.raw = undefined;
      ref.value = undefined;
    }
  }

  /** Prefix of all keys that start with the given leading key values. */
  partialKey(...k: unknown[]): Uint8Array {
    const parts = [this.prefix];
    for (let i = 0; i < k.length; i++) {
      const { hasher, type } = this.keys[i] as StorageKey<unknown>;
      parts.push(HASH[hasher](type.codec.enc(k[i])));
    }
    return concatBytes(parts);
  }

  /** The stored value, or undefined if absent. */
  tryGet(s: StateReader, ...k: K): V | undefined {
    return this.#tryValue(s, this.#ref(k));
  }

  /**
   * A handle on the key for these key values: `getAt`/`setAt`/`removeAt` with it skip finding the key again
   * (a read-modify-write of a stake position touches five items under two keys).
   */
  keyRef(...k: K): StorageKeyRef<V> {
    return this.#ref(k) as unknown as StorageKeyRef<V>;
  }

  #own(r: StorageKeyRef<V>): KeyRef {
    const ref = r as unknown as KeyRef;
    if (ref.item !== this) throw new TypeError(`${this.pallet}.${this.name}: a key of another storage item`);
    return ref;
  }

  /** `get` by a handle from `keyRef`. */
  getAt(s: StateReader, r: StorageKeyRef<V>): V {
    return this.#value(s, this.#own(r));
  }

  /** `tryGet` by a handle from `keyRef`. */
  tryGetAt(s: StateReader, r: StorageKeyRef<V>): V | undefined {
    return this.#tryValue(s, this.#own(r));
  }

  /** `set` by a handle from `keyRef`. */
  setAt(s: State, r: StorageKeyRef<V>, v: V): void {
    this.#write(s, this.#own(r), v);
  }

  /** `remove` by a handle from `keyRef`. */
  removeAt(s: State, r: StorageKeyRef<V>): void {
    this.#delete(s, this.#own(r));
  }

  /** The stored value, or the declared default (undefined for Optional items). */
  get(s: StateReader, ...k: K): V {
    return this.#value(s, this.#ref(k));
  }

  /**
   * `get` without the defensive copy: the value may be shared with the storage item's cache, so the caller
   * must not mutate it (or anything in it). For hot read-only paths over large values (the epoch reading
   * every weight and bond row).
   */
  getShared(s: StateReader, ...k: K): Readonly<V> {
    return this.#shared(s, this.#ref(k));
  }

  /** `getShared` by a handle from `keyRef`. */
  getSharedAt(s: StateReader, r: StorageKeyRef<V>): Readonly<V> {
    return this.#shared(s, this.#own(r));
  }

  #shared(s: StateReader, ref: KeyRef): Readonly<V> {
    const raw = this.#read(s, ref);
    return raw === undefined ? this.#fallback() : this.#decoded(ref, raw);
  }

  has(s: StateReader, ...k: K): boolean {
    const ref = this.#ref(k);
    return this.#read(s, ref) !== undefined;
  }

  set(s: State, ...args: [...K, V]): void {
    const v = args.pop() as V;
    this.#write(s, this.#ref(args), v);
  }

  remove(s: State, ...k: K): void {
    this.#delete(s, this.#ref(k));
  }

  #delete(s: State, ref: KeyRef): void {
    // Removing an absent key changes nothing (and would only add a deletion to a layer's change set).
    if (this.#read(s, ref) === undefined) return;
    deleteRaw(s, ref.hex, ref.bytes);
    ref.raw = undefined;
    ref.value = undefined;
  }

  /** Read, transform and write back (`mutate`); the new value is stored even if it equals the default. */
  mutate(s: State, ...args: [...K, (v: V) => V]): V {
    const f = args.pop() as (v: V) => V;
    const ref = this.#ref(args);
    const next = f(this.#value(s, ref));
    this.#write(s, ref, next);
    return next;
  }

  /**
   * Entries under the given leading keys, in key order, with every key decoded (requires concat or identity
   * hashers for the remaining keys).
   */
  *entries(s: StateReader, ...leading: unknown[]): Iterable<[K, V]> {
    for (const hex of keysHexOf(s, hexOf(this.partialKey(...leading)))) {
      // A key seen before maps to its entry (decoded key values, cached value, slot): no decoding again.
      let ref = this.#refsByHex.get(hex);
      if (ref === undefined) {
        const bytes = bytesOf(hex);
        const args = this.decodeKey(bytes);
        const found = this.#ref(args);
        if (found.hex !== hex) {
          // Not the canonical encoding of the key values it decodes to (a raw write): read it as it is.
          const raw = readRaw(s, hex, bytes);
          if (raw !== undefined) yield [args, decodeBytes(this.value.codec, raw)];
          continue;
        }
        ref = found;
        if (this.#refsByHex.size >= 100_000) this.#refsByHex.clear();
        this.#refsByHex.set(hex, ref);
      }
      const raw = this.#read(s, ref);
      if (raw !== undefined) yield [deepCopy(ref.args) as K, this.#decode(ref, raw)];
    }
  }

  /** Read the key values back out of a full storage key. */
  decodeKey(full: Uint8Array): K {
    const out: unknown[] = [];
    let o = this.prefix.length;
    for (let i = 0; i < this.keys.length; i++) {
      const { hasher, type } = this.keys[i] as StorageKey<unknown>;
      const skip = CONCAT_SKIP[hasher];
      if (skip === undefined)
        throw new Error(`${this.pallet}.${this.name}: key ${i} (${hasher}) cannot be decoded`);
      o += skip;
      const v = decodeBytes(type.codec, full.subarray(o));
      // Keys are canonical SCALE, so re-encoding gives the length consumed.
      o += type.codec.enc(v).length;
      out.push(v);
    }
    return out as K;
  }

  /** Remove every entry under the given leading keys; returns how many were removed. */
  clear(s: State, ...leading: unknown[]): number {
    const keys = [...keysHexOf(s, hexOf(this.partialKey(...leading)))];
    for (const k of keys) deleteRaw(s, k);
    return keys.length;
  }
}

/** Declare a storage value (no keys). */
export function storageValue<V>(
  pallet: string,
  name: string,
  value: Ty<V>,
  opts?: StorageOptions<NoInfer<V>>,
): StorageItem<[], V> {
  return new StorageItem<[], V>(pallet, name, [], value, opts);
}

/** Declare a storage map with one or more hashed keys. */
export function storageMap<K extends unknown[], V>(
  pallet: string,
  name: string,
  keys: { [I in keyof K]: StorageKey<K[I]> },
  value: Ty<V>,
  opts?: StorageOptions<NoInfer<V>>,
): StorageItem<K, V> {
  return new StorageItem<K, V>(pallet, name, keys, value, opts);
}
