// The writable state a block is built on: reads fall through to the parent block's stored state, writes
// collect as the block's change set, which the store then commits (or the node drops) in one piece.

import type { State, StateReader } from "@opentao/runtime";

const hexOf = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
const bytesOf = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, "hex"));

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

/** One change of a block: the key and its new value, or null for a deletion. */
export type StateChange = readonly [key: Uint8Array, value: Uint8Array | null];

/**
 * A `State` over a read-only `StateReader` (typically `store.stateAt(parent)`) that records every write.
 * The runtime runs on `new Overlay(pending)` layers as usual; what they commit lands here, and
 * `changes()` is what `BlockStore.stage`/`importBlock` take.
 */
export class PendingState implements State {
  /** hex key → new value, or null for a deletion. */
  readonly #changes = new Map<string, Uint8Array | null>();
  #sorted: string[] | null = null;

  constructor(readonly base: StateReader) {}

  get changeCount(): number {
    return this.#changes.size;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const c = this.#changes.get(hexOf(key));
    if (c === null) return undefined;
    return c ?? this.base.get(key);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    const k = hexOf(key);
    if (!this.#changes.has(k)) this.#sorted = null;
    this.#changes.set(k, value);
  }

  delete(key: Uint8Array): void {
    const k = hexOf(key);
    if (!this.#changes.has(k)) this.#sorted = null;
    this.#changes.set(k, null);
  }

  *keys(prefix: Uint8Array, after?: Uint8Array): Iterable<Uint8Array> {
    this.#sorted ??= [...this.#changes.keys()].sort();
    const sorted = this.#sorted;
    const p = hexOf(prefix);
    const a = after && hexOf(after);
    // Our changed keys in range, found by binary search (hex strings sort like the bytes).
    const mine: string[] = [];
    for (let i = lowerBound(sorted, a !== undefined && a >= p ? a : p); i < sorted.length; i++) {
      const k = sorted[i];
      if (!k.startsWith(p)) break;
      if (a === undefined || k > a) mine.push(k);
    }
    // Merge the base's ordered keys with ours; ours win on equal keys, and deletions hide base keys.
    let i = 0;
    for (const bk of this.base.keys(prefix, after)) {
      const bh = hexOf(bk);
      while (i < mine.length && mine[i] < bh) {
        if (this.#changes.get(mine[i]) !== null) yield bytesOf(mine[i]);
        i++;
      }
      if (i < mine.length && mine[i] === bh) {
        if (this.#changes.get(mine[i]) !== null) yield bk;
        i++;
        continue;
      }
      yield bk;
    }
    for (; i < mine.length; i++) if (this.#changes.get(mine[i]) !== null) yield bytesOf(mine[i]);
  }

  /** The block's change set, in key order. */
  *changes(): Iterable<StateChange> {
    this.#sorted ??= [...this.#changes.keys()].sort();
    for (const k of this.#sorted) yield [bytesOf(k), this.#changes.get(k) as Uint8Array | null];
  }
}
