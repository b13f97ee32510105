// The node's persistent block and state store: blocks by hash and number, best and finalized heads, and
// the state of the last N blocks, in one LMDB environment where each block lands in a single transaction.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blake2_256, hashingReady } from "@opentao/primitives";
import type { StateReader } from "@opentao/runtime";
import { type Database, open, type RootDatabase } from "lmdb";
import {
  decodeBody,
  encodeBody,
  escapeKey,
  escapePrefix,
  type HeaderFields,
  type HexHash,
  hashBytes,
  headerFields,
  packKeys,
  plain,
  prefixEnd,
  rangeStart,
  splitVersionKey,
  tagValue,
  toHex,
  u32be,
  unescapeKey,
  unpackKeys,
  untagValue,
  versionKey,
} from "./codec.ts";
import { accumulate, StateAccumulator } from "./commitment.ts";
import type { StateChange } from "./pending.ts";

/*
 * Design: current state + per-block undo history, indexed by key.
 *
 *   state    key → value                       the best block's state: a plain get/range, no indirection
 *   history  esc(key) ‖ u32be(n) → tagged old   the value `key` had before block n changed it
 *   journal  u32be(n) → keys block n changed    tells pruning which history rows block n wrote
 *
 * The state at block m < best is: for each key, the old value stored by the first block after m that
 * changed it (one forward seek from esc(key) ‖ u32be(m+1)), else the current value. Reads at the best block
 * — what block production and most RPC traffic do — cost one LMDB get, and ordered `keys()` at best is one
 * cursor walk. (Versioned keys `key ‖ n` with "latest ≤ m" seeks would make every best-block read a seek and
 * make key iteration step over every retained version.) Keys are escaped so all versions of one key are
 * contiguous (see `escapeKey`), which also keeps the history table in the same order as the keys.
 * PERF: a write costs three B-tree updates per changed key (state, history, and later its pruning); an
 * older-block `keys()` merges the current keys with the history rows under the prefix, i.e. it also steps
 * over up to `stateRetention` rows per key that changed inside the window.
 *
 * Pruning: once block n is older than the retention window, nothing reads at a block < n any more, so the
 * history rows written by blocks ≤ oldest retained block are deleted, found through the journal: the work
 * per block is proportional to what one old block changed. Blocks (headers and bodies) are all kept —
 * they are small, followers re-execute from genesis, and `chain_getBlockHash`/`System.BlockHash` lookups
 * (≥ 2400 back) then hold for any number.
 *
 * One chain: the authority is single and final, so a block must extend the best block; there are no forks
 * to keep, and "best" and "finalized" differ only if the node chooses to finalize later.
 *
 * Atomicity: everything a block writes (header, body, number → hash, state, history, journal, commitment,
 * heads, pruning) happens in one synchronous LMDB write transaction; a process killed at any point reopens
 * at the last committed block. The store assumes it is the only writer of its directory.
 */

/** Schema of the LMDB layout; bumped on any incompatible change. */
const FORMAT = 1;
export const DEFAULT_STATE_RETENTION = 256;

export interface BlockStoreOptions {
  /** LMDB directory (the node passes a folder under `--base-path`); created if missing. */
  path?: string;
  /** A fresh directory under the OS temp dir, removed on close (`--tmp`). Excludes `path`. */
  tmp?: boolean;
  /**
   * How many block states stay readable: the best block's and the `stateRetention - 1` before it.
   * Default 256 (what clients need, spec §1.2); `Infinity` keeps every state (archive).
   */
  stateRetention?: number;
  /** Flush each commit to disk (default true; false with `tmp`). A kill -9 is safe either way. */
  durable?: boolean;
}

export interface BlockRef {
  hash: HexHash;
  number: number;
}

export interface BlockInfo extends HeaderFields {
  hash: HexHash;
}

export type StoreErrorCode =
  | "NotInitialised"
  | "GenesisMismatch"
  | "UnknownBlock"
  | "StatePruned"
  | "NotBestParent"
  | "StaleStage"
  | "StateRootMismatch"
  | "BadHeader"
  | "BadKey"
  | "Corrupt"
  | "Format";

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

/** A block's change set, read against its parent and hashed into the new commitment, ready to commit. */
export interface StagedBlock {
  readonly parentHash: HexHash;
  readonly number: number;
  /** The state root the block's header must carry. */
  readonly stateRoot: HexHash;
  /** Keys whose value actually changed (writes of an unchanged value are dropped). */
  readonly changeCount: number;
}

interface Write {
  key: Buffer;
  old: Uint8Array | undefined;
  value: Uint8Array | null;
}

interface StagedInternals {
  writes: Write[];
  acc: StateAccumulator;
}

const staged = new WeakMap<StagedBlock, StagedInternals>();

type Table = Database<Buffer, Buffer>;

const META = {
  format: Buffer.from("format"),
  genesis: Buffer.from("genesis"),
  best: Buffer.from("best"),
  finalized: Buffer.from("finalized"),
  oldest: Buffer.from("oldestState"),
};

const EMPTY = new Uint8Array();
const SEEK_END = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]);

/** The LMDB tables and the in-memory heads; shared by the store and its state views. */
class Core {
  readonly meta: Table;
  readonly headers: Table;
  readonly bodies: Table;
  readonly canon: Table;
  readonly state: Table;
  readonly history: Table;
  readonly journal: Table;
  readonly accs: Table;
  /** Longest storage key whose escaped, versioned form still fits LMDB's key limit. */
  readonly maxStorageKey: number;

  genesis: HexHash | undefined;
  best: BlockRef | undefined;
  finalized: BlockRef | undefined;
  oldest = 0;
  acc = new StateAccumulator();

  constructor(readonly env: RootDatabase<Buffer, Buffer>) {
    const table = (name: string): Table => env.openDB({ name, keyEncoding: "binary", encoding: "binary" });
    this.meta = table("meta");
    this.headers = table("headers");
    this.bodies = table("bodies");
    this.canon = table("canon");
    this.state = table("state");
    this.history = table("history");
    this.journal = table("journal");
    this.accs = table("accumulators");
    const limit = (this.state as unknown as { maxKeySize?: number }).maxKeySize ?? 511;
    this.maxStorageKey = Math.floor((limit - 6) / 2);
  }

  /** Throws unless block `number`'s state is still kept. */
  readable(number: number): void {
    if (number < this.oldest)
      throw new StoreError(
        "StatePruned",
        `state of block ${number} has been pruned (oldest kept: ${this.oldest}, best: ${this.best?.number})`,
      );
  }

  /** The value of `key` at block `number` (which must be ≤ best and retained). */
  get(number: number, key: Uint8Array): Uint8Array | undefined {
    this.readable(number);
    if (key.length === 0 || key.length > this.maxStorageKey) return undefined;
    const k = Buffer.from(key.buffer, key.byteOffset, key.byteLength);
    if (number !== this.best?.number) {
      const esc = escapeKey(k);
      const start = versionKey(k, number + 1);
      for (const { value } of this.history.getRange({
        start,
        end: Buffer.concat([esc, SEEK_END]),
        limit: 1,
      }))
        return untagValue(value);
    }
    const v = this.state.get(k);
    return v === undefined ? undefined : plain(v);
  }

  /** Keys with `prefix`, ascending, strictly after `after`, at block `number`. */
  *keys(number: number, prefix: Uint8Array, after: Uint8Array | undefined): Generator<Uint8Array> {
    this.readable(number);
    const start = rangeStart(prefix, after);
    const end = prefixEnd(prefix);
    if (end !== undefined && Buffer.compare(start, end) >= 0) return;
    // Both cursors are opened here, in one synchronous step, so they read the same committed snapshot
    // even if the caller pauses iteration across a later commit.
    const current = this.state.getKeys({ start, end })[Symbol.iterator]();
    if (number === this.best?.number) {
      for (let r = current.next(); !r.done; r = current.next()) yield plain(r.value);
      return;
    }
    const escEnd = prefixEnd(escapePrefix(prefix));
    const groups = historyGroups(
      this.history.getRange({ start: escapeKey(start), end: escEnd })[Symbol.iterator](),
      number,
    );
    let a = current.next();
    let g = groups.next();
    while (!a.done || !g.done) {
      const cmp = a.done ? 1 : g.done ? -1 : Buffer.compare(a.value, g.value.key);
      if (cmp < 0) {
        // In the current state and untouched since `number`.
        yield plain(a.value as Buffer);
        a = current.next();
      } else if (cmp > 0) {
        // Not in the current state: it existed at `number` only if a later block removed it.
        if (!g.done && g.value.atNumber === "present") yield g.value.key;
        g = groups.next();
      } else {
        if (!g.done && g.value.atNumber !== "absent") yield plain(a.value as Buffer);
        a = current.next();
        g = groups.next();
      }
    }
  }

  *entries(number: number, prefix: Uint8Array): Generator<[Uint8Array, Uint8Array]> {
    this.readable(number);
    if (number === this.best?.number) {
      const end = prefixEnd(prefix);
      for (const { key, value } of this.state.getRange({ start: Buffer.from(prefix), end }))
        yield [plain(key), plain(value)];
      return;
    }
    for (const k of this.keys(number, prefix, undefined)) {
      const v = this.get(number, k);
      if (v === undefined) throw new StoreError("Corrupt", `key ${toHex(k)} listed but has no value`);
      yield [k, v];
    }
  }
}

interface Group {
  key: Uint8Array;
  /** The key's state at the block read: from the first later change, or "current" if none. */
  atNumber: "present" | "absent" | "current";
}

/** Walks history rows (grouped by key, ascending block within a key) and summarises each key at `number`. */
function* historyGroups(
  rows: Iterator<{ key: Buffer; value: Buffer }>,
  number: number,
): Generator<Group, undefined> {
  let r = rows.next();
  while (!r.done) {
    const [esc] = splitVersionKey(r.value.key);
    let atNumber: Group["atNumber"] = "current";
    for (; !r.done; r = rows.next()) {
      const [e, block] = splitVersionKey(r.value.key);
      if (Buffer.compare(e, esc) !== 0) break;
      if (atNumber === "current" && block > number) atNumber = r.value.value[0] === 0 ? "absent" : "present";
    }
    yield { key: unescapeKey(esc), atNumber };
  }
  return undefined;
}

/** The state at one block, readable as long as that block is retained. Implements the runtime's reader. */
export class StateView implements StateReader {
  constructor(
    private readonly core: Core,
    readonly hash: HexHash,
    readonly number: number,
  ) {}

  get(key: Uint8Array): Uint8Array | undefined {
    return this.core.get(this.number, key);
  }

  keys(prefix: Uint8Array, after?: Uint8Array): Iterable<Uint8Array> {
    this.core.readable(this.number);
    return this.core.keys(this.number, prefix, after);
  }

  /** Every (key, value) under `prefix`, in key order. */
  entries(prefix: Uint8Array = EMPTY): Iterable<[Uint8Array, Uint8Array]> {
    this.core.readable(this.number);
    return this.core.entries(this.number, prefix);
  }
}

export class BlockStore {
  readonly #core: Core;
  readonly #retention: number;
  readonly #path: string;
  readonly #tmp: boolean;
  #closed = false;

  private constructor(core: Core, retention: number, path: string, tmp: boolean) {
    this.#core = core;
    this.#retention = retention;
    this.#path = path;
    this.#tmp = tmp;
  }

  /** Opens (or creates) a store. Waits for the wasm hashers so commitments run at full speed. */
  static async open(options: BlockStoreOptions): Promise<BlockStore> {
    const retention = options.stateRetention ?? DEFAULT_STATE_RETENTION;
    if (!(retention >= 1) || (Number.isFinite(retention) && !Number.isInteger(retention)))
      throw new RangeError(`stateRetention must be a whole number ≥ 1 or Infinity, got ${retention}`);
    if (options.tmp && options.path !== undefined)
      throw new TypeError("give either `path` or `tmp`, not both");
    if (!options.tmp && options.path === undefined) throw new TypeError("give a `path` or `tmp: true`");
    const path = options.tmp ? mkdtempSync(join(tmpdir(), "opentao-store-")) : (options.path as string);
    mkdirSync(path, { recursive: true });
    await hashingReady();
    const env = open<Buffer, Buffer>({
      path,
      maxDbs: 12,
      noSubdir: false, // the path is a directory even when its name has a dot (lmdb guesses otherwise)
      noSync: options.tmp ? true : options.durable === false,
    });
    const core = new Core(env);
    try {
      BlockStore.#load(core);
    } catch (e) {
      await env.close();
      throw e;
    }
    return new BlockStore(core, retention, path, options.tmp === true);
  }

  static #load(core: Core): void {
    const format = core.meta.get(META.format);
    if (format === undefined) return; // fresh store: initGenesis comes next
    if (format.readUInt32BE(0) !== FORMAT)
      throw new StoreError("Format", `store format ${format.readUInt32BE(0)}, this node reads ${FORMAT}`);
    const ref = (key: Buffer): BlockRef => {
      const h = core.meta.get(key);
      if (h === undefined) throw new StoreError("Corrupt", `meta ${key.toString()} missing`);
      const hash = toHex(h);
      const header = core.headers.get(h);
      if (header === undefined)
        throw new StoreError("Corrupt", `header of ${key.toString()} ${hash} missing`);
      return { hash, number: headerFields(header).number };
    };
    core.genesis = toHex(core.meta.get(META.genesis) as Buffer);
    core.best = ref(META.best);
    core.finalized = ref(META.finalized);
    core.oldest = (core.meta.get(META.oldest) as Buffer).readUInt32BE(0);
    const acc = core.accs.get(u32be(core.best.number));
    if (acc === undefined)
      throw new StoreError("Corrupt", `commitment of best block ${core.best.number} missing`);
    core.acc = new StateAccumulator(acc);
  }

  /** Closes LMDB; a `tmp` store's directory is removed. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#core.env.close();
    if (this.#tmp) rmSync(this.#path, { recursive: true, force: true });
  }

  /** The LMDB directory. */
  get path(): string {
    return this.#path;
  }

  get stateRetention(): number {
    return this.#retention;
  }

  get initialised(): boolean {
    return this.#core.best !== undefined;
  }

  get genesisHash(): HexHash {
    return this.#need().genesis as HexHash;
  }

  best(): BlockRef {
    return { ...(this.#need().best as BlockRef) };
  }

  finalized(): BlockRef {
    return { ...(this.#need().finalized as BlockRef) };
  }

  /** The lowest block number whose state is still readable. */
  get oldestState(): number {
    return this.#need().oldest;
  }

  #need(): Core {
    if (this.#core.best === undefined) throw new StoreError("NotInitialised", "store has no genesis yet");
    return this.#core;
  }

  // --- Genesis ------------------------------------------------------------------------------------

  /**
   * Writes block 0 and its state. The header's stateRoot must be `stateRootOf(state)`. On a store that
   * already holds this genesis it does nothing (a restart); a different genesis is refused.
   */
  initGenesis(header: Uint8Array, state: Iterable<readonly [Uint8Array, Uint8Array]>): BlockRef {
    const core = this.#core;
    const hash = toHex(blake2_256(header));
    if (core.genesis !== undefined) {
      if (core.genesis === hash) return { hash, number: 0 };
      throw new StoreError(
        "GenesisMismatch",
        `this data directory holds chain ${core.genesis}, not the genesis ${hash}`,
      );
    }
    const f = parseHeader(header);
    if (f.number !== 0) throw new StoreError("BadHeader", `genesis header has number ${f.number}`);
    const entries = new Map<string, [Buffer, Uint8Array]>();
    for (const [k, v] of state) {
      const key = this.#checkKey(k);
      const hex = key.toString("hex");
      if (entries.has(hex)) throw new StoreError("BadKey", `genesis state lists key 0x${hex} twice`);
      entries.set(hex, [key, v]);
    }
    const acc = accumulate(entries.values());
    const root = toHex(acc.root());
    if (root !== f.stateRoot)
      throw new StoreError(
        "StateRootMismatch",
        `genesis header stateRoot ${f.stateRoot} ≠ ${root}, the commitment of its state`,
      );
    const h = hashBytes(hash);
    const body = encodeBody([]);
    core.env.transactionSync(() => {
      core.meta.putSync(META.format, u32be(FORMAT));
      core.meta.putSync(META.genesis, h);
      core.headers.putSync(h, Buffer.from(header));
      core.bodies.putSync(h, body);
      core.canon.putSync(u32be(0), h);
      for (const [key, v] of entries.values()) core.state.putSync(key, Buffer.from(v));
      core.accs.putSync(u32be(0), Buffer.from(acc.bytes()));
      core.meta.putSync(META.best, h);
      core.meta.putSync(META.finalized, h);
      core.meta.putSync(META.oldest, u32be(0));
    });
    core.genesis = hash;
    core.best = { hash, number: 0 };
    core.finalized = { hash, number: 0 };
    core.oldest = 0;
    core.acc = acc;
    return { hash, number: 0 };
  }

  // --- Writing blocks ------------------------------------------------------------------------------

  /**
   * Reads the old value of every changed key at the parent (the best block), drops writes that change
   * nothing, and computes the new state root. PERF: one get and up to two entry hashes per changed key.
   */
  stage(parentHash: HexHash, changes: Iterable<StateChange>): StagedBlock {
    const core = this.#need();
    const best = core.best as BlockRef;
    if (parentHash !== best.hash) {
      if (this.numberOf(parentHash) === undefined)
        throw new StoreError("UnknownBlock", `parent ${parentHash} is not a known block`);
      throw new StoreError(
        "NotBestParent",
        `parent ${parentHash} is not the best block ${best.hash}: the store keeps one chain`,
      );
    }
    const byKey = new Map<string, [Buffer, Uint8Array | null]>();
    for (const [k, v] of changes) {
      const key = this.#checkKey(k);
      // Copies: the caller may reuse its arrays before commitBlock writes them.
      byKey.set(key.toString("hex"), [key, v === null ? null : v.slice()]);
    }
    const acc = core.acc.clone();
    const writes: Write[] = [];
    for (const hex of [...byKey.keys()].sort()) {
      const [key, value] = byKey.get(hex) as [Buffer, Uint8Array | null];
      const oldBuf = core.state.get(key);
      const old = oldBuf === undefined ? undefined : plain(oldBuf);
      if (value === null ? old === undefined : old !== undefined && Buffer.compare(old, value) === 0)
        continue;
      if (old !== undefined) acc.remove(key, old);
      if (value !== null) acc.insert(key, value);
      writes.push({ key, old, value });
    }
    const block: StagedBlock = {
      parentHash,
      number: best.number + 1,
      stateRoot: toHex(acc.root()),
      changeCount: writes.length,
    };
    staged.set(block, { writes, acc });
    return Object.freeze(block);
  }

  /**
   * Commits a staged block with its header (SCALE, carrying `staged.stateRoot`) and extrinsics (each the
   * full SCALE encoding with its length prefix), in one transaction; it becomes the best block and, unless
   * `finalize: false`, the finalized one. Prunes the state that falls out of the retention window.
   */
  commitBlock(
    block: StagedBlock,
    header: Uint8Array,
    extrinsics: readonly Uint8Array[],
    options: { finalize?: boolean } = {},
  ): BlockRef {
    const core = this.#need();
    const internals = staged.get(block);
    if (internals === undefined) throw new TypeError("commitBlock takes a block returned by stage()");
    const best = core.best as BlockRef;
    if (block.parentHash !== best.hash)
      throw new StoreError(
        "StaleStage",
        `staged on ${block.parentHash}, but the best block is now ${best.hash}`,
      );
    const f = parseHeader(header);
    if (f.parentHash !== block.parentHash || f.number !== block.number)
      throw new StoreError(
        "BadHeader",
        `header #${f.number} on ${f.parentHash} does not extend #${best.number} ${best.hash}`,
      );
    if (f.stateRoot !== block.stateRoot)
      throw new StoreError(
        "StateRootMismatch",
        `block #${f.number} claims stateRoot ${f.stateRoot}, its changes give ${block.stateRoot}`,
      );
    const hash = toHex(blake2_256(header));
    const h = hashBytes(hash);
    const n = block.number;
    const body = encodeBody(extrinsics);
    const finalize = options.finalize !== false;
    const newOldest = Number.isFinite(this.#retention)
      ? Math.max(core.oldest, n - this.#retention + 1)
      : core.oldest;
    const { writes, acc } = internals;
    const journal = writes.length > 0 ? packKeys(writes.map((w) => w.key)) : undefined;

    core.env.transactionSync(() => {
      core.headers.putSync(h, Buffer.from(header));
      core.bodies.putSync(h, body);
      core.canon.putSync(u32be(n), h);
      for (const w of writes) {
        core.history.putSync(versionKey(w.key, n), tagValue(w.old));
        if (w.value === null) core.state.removeSync(w.key);
        else core.state.putSync(w.key, Buffer.from(w.value));
      }
      if (journal !== undefined) core.journal.putSync(u32be(n), journal);
      core.accs.putSync(u32be(n), Buffer.from(acc.bytes()));
      core.meta.putSync(META.best, h);
      if (finalize) core.meta.putSync(META.finalized, h);
      // Reads at m ≥ newOldest need history rows of blocks > m only: drop rows of blocks ≤ newOldest.
      for (let b = core.oldest + 1; b <= newOldest; b++) {
        const keys = core.journal.get(u32be(b));
        if (keys === undefined) continue;
        for (const k of unpackKeys(keys)) core.history.removeSync(versionKey(k, b));
        core.journal.removeSync(u32be(b));
      }
      for (let b = core.oldest; b < newOldest; b++) core.accs.removeSync(u32be(b));
      core.meta.putSync(META.oldest, u32be(newOldest));
    });

    core.best = { hash, number: n };
    if (finalize) core.finalized = { hash, number: n };
    core.oldest = newOldest;
    core.acc = acc;
    return { hash, number: n };
  }

  /** Stage + commit for a block built elsewhere (a follower): refuses it if its stateRoot is not ours. */
  importBlock(
    header: Uint8Array,
    extrinsics: readonly Uint8Array[],
    changes: Iterable<StateChange>,
    options: { finalize?: boolean } = {},
  ): BlockRef {
    const f = parseHeader(header);
    return this.commitBlock(this.stage(f.parentHash, changes), header, extrinsics, options);
  }

  /** Moves the finalized head forward to a block of the chain (between the finalized and best heads). */
  finalize(hash: HexHash): BlockRef {
    const core = this.#need();
    const n = this.numberOf(hash);
    if (n === undefined) throw new StoreError("UnknownBlock", `unknown block ${hash}`);
    const fin = core.finalized as BlockRef;
    if (n < fin.number)
      throw new StoreError("BadHeader", `block #${n} is below the finalized head #${fin.number}`);
    core.env.transactionSync(() => core.meta.putSync(META.finalized, hashBytes(hash)));
    core.finalized = { hash, number: n };
    return { hash, number: n };
  }

  #checkKey(k: Uint8Array): Buffer {
    if (k.length === 0) throw new StoreError("BadKey", "empty storage key");
    if (k.length > this.#core.maxStorageKey)
      throw new StoreError("BadKey", `storage key of ${k.length} bytes (max ${this.#core.maxStorageKey})`);
    return Buffer.from(k);
  }

  // --- Reading blocks ------------------------------------------------------------------------------

  /** The canonical block hash at `number`, or undefined (beyond the best block, or not a block number). */
  hashAt(number: number): HexHash | undefined {
    if (!Number.isInteger(number) || number < 0 || number > 0xffffffff) return undefined;
    const h = this.#core.canon.get(u32be(number));
    return h === undefined ? undefined : toHex(h);
  }

  /** The SCALE-encoded header, or undefined for an unknown hash. */
  header(hash: HexHash): Uint8Array | undefined {
    const h = this.#core.headers.get(hashBytes(hash));
    return h === undefined ? undefined : plain(h);
  }

  blockInfo(hash: HexHash): BlockInfo | undefined {
    const h = this.header(hash);
    return h === undefined ? undefined : { hash, ...headerFields(h) };
  }

  numberOf(hash: HexHash): number | undefined {
    const h = this.header(hash);
    return h === undefined ? undefined : headerFields(h).number;
  }

  /** The block's extrinsics, each as committed (full SCALE with length prefix), or undefined. */
  body(hash: HexHash): Uint8Array[] | undefined {
    const b = this.#core.bodies.get(hashBytes(hash));
    return b === undefined ? undefined : decodeBody(b);
  }

  /** The state at a block (default: the best). Throws `UnknownBlock`, or `StatePruned` when too old. */
  stateAt(hash?: HexHash): StateView {
    const core = this.#need();
    const ref =
      hash === undefined ? (core.best as BlockRef) : { hash, number: this.numberOf(hash) ?? unknown(hash) };
    core.readable(ref.number);
    return new StateView(core, ref.hash, ref.number);
  }

  /** The 64-byte commitment accumulator stored with a retained block (what followers continue from). */
  accumulatorAt(hash: HexHash): Uint8Array {
    const view = this.stateAt(hash);
    const a = this.#core.accs.get(u32be(view.number));
    if (a === undefined) throw new StoreError("Corrupt", `commitment of block ${view.number} missing`);
    return plain(a);
  }

  // --- Checks ----------------------------------------------------------------------------------------

  /**
   * Recomputes the commitment of a retained block's whole state from scratch and checks it against the
   * block's header and stored accumulator. PERF: hashes every entry (O(state)); for startup checks and tests.
   */
  verifyState(hash?: HexHash): { entries: number } {
    const view = this.stateAt(hash);
    let entries = 0;
    const acc = new StateAccumulator();
    for (const [k, v] of view.entries()) {
      acc.insert(k, v);
      entries++;
    }
    const info = this.blockInfo(view.hash) as BlockInfo;
    const root = toHex(acc.root());
    if (root !== info.stateRoot)
      throw new StoreError(
        "Corrupt",
        `state of #${view.number} hashes to ${root}, its header says ${info.stateRoot}`,
      );
    if (!acc.equals(new StateAccumulator(this.accumulatorAt(view.hash))))
      throw new StoreError("Corrupt", `stored accumulator of #${view.number} differs from its state`);
    return { entries };
  }

  /**
   * Walks parent hashes back from the best block (`depth` blocks, default all the way to genesis): each
   * header exists, numbers fall by one, the number → hash index agrees, and the walk ends at genesis.
   */
  verifyChain(depth = Number.POSITIVE_INFINITY): { blocks: number } {
    const core = this.#need();
    let ref = core.best as BlockRef;
    let blocks = 0;
    const fin = core.finalized as BlockRef;
    if (fin.number > ref.number || this.hashAt(fin.number) !== fin.hash)
      throw new StoreError("Corrupt", `finalized head #${fin.number} ${fin.hash} is not on the chain`);
    for (;;) {
      const info = this.blockInfo(ref.hash);
      if (info === undefined) throw new StoreError("Corrupt", `header of #${ref.number} ${ref.hash} missing`);
      if (info.number !== ref.number)
        throw new StoreError(
          "Corrupt",
          `block ${ref.hash} has number ${info.number}, expected ${ref.number}`,
        );
      if (this.hashAt(ref.number) !== ref.hash)
        throw new StoreError("Corrupt", `number index of #${ref.number} does not point at ${ref.hash}`);
      blocks++;
      if (ref.number === 0) {
        if (ref.hash !== core.genesis)
          throw new StoreError("Corrupt", `chain ends at ${ref.hash}, not genesis`);
        break;
      }
      if (blocks >= depth) break;
      ref = { hash: info.parentHash, number: ref.number - 1 };
    }
    return { blocks };
  }
}

function unknown(hash: HexHash): never {
  throw new StoreError("UnknownBlock", `unknown block ${hash}`);
}

function parseHeader(header: Uint8Array): HeaderFields {
  try {
    return headerFields(header);
  } catch (e) {
    throw new StoreError("BadHeader", `undecodable header: ${(e as Error).message}`);
  }
}
