// The transaction pool: valid signed transactions by sender and nonce, ready (their nonce chain reaches the
// account's) or future, ordered by priority for block building; limits, replacement, bans, re-validation after
// every block, and the author_extrinsicUpdate status stream of each transaction.

import { canWithdrawFee, type StateReader, systemStorage as system } from "@opentao/runtime";
import { RpcError } from "../rpc/index.ts";
import { poolError, type Validity, type ValidTransaction } from "./validate.ts";

/** Substrate's extrinsic status values (author_extrinsicUpdate payloads). */
export type TxStatus =
  | "future"
  | "ready"
  | { inBlock: string }
  | { finalized: string }
  | { usurped: string }
  | "dropped"
  | "invalid";

const isTerminal = (s: TxStatus) =>
  s === "dropped" || s === "invalid" || (typeof s === "object" && ("finalized" in s || "usurped" in s));

export interface PoolOptions {
  /** Most transactions held, ready and future together (Substrate's --pool-limit, 8192). */
  maxCount?: number;
  /** Most bytes held (Substrate's --pool-kbytes, 20 MiB). */
  maxBytes?: number;
  /** Most future transactions (a tenth of the count, as Substrate's future queue). */
  maxFuture?: number;
  /** How long a removed invalid or usurped transaction's hash is refused (1012), in ms (30 min). */
  banMs?: number;
  /** Wall clock for bans; injectable for tests. */
  clock?: () => number;
}

interface Entry {
  tx: ValidTransaction;
  seq: number;
  ready: boolean;
}

interface Sender {
  accountNonce: number;
  txs: Map<number, Entry>;
}

type Listener = (status: TxStatus) => void;

export class TransactionPool {
  readonly #byHash = new Map<string, Entry>();
  readonly #senders = new Map<string, Sender>();
  readonly #banned = new Map<string, number>();
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #opts: Required<PoolOptions>;
  #seq = 0;
  #bytes = 0;
  #future = 0;

  constructor(opts: PoolOptions = {}) {
    const maxCount = opts.maxCount ?? 8192;
    this.#opts = {
      maxCount,
      maxBytes: opts.maxBytes ?? 20 * 1024 * 1024,
      maxFuture: opts.maxFuture ?? Math.max(1, Math.floor(maxCount / 10)),
      banMs: opts.banMs ?? 30 * 60_000,
      clock: opts.clock ?? Date.now,
    };
  }

  get size(): number {
    return this.#byHash.size;
  }

  get readyCount(): number {
    return this.#byHash.size - this.#future;
  }

  get futureCount(): number {
    return this.#future;
  }

  has(hash: string): boolean {
    return this.#byHash.has(hash);
  }

  /**
   * Admit a validated transaction. Throws the RpcError a submitter gets: the validity's own (1001/1010/1011),
   * 1013 already imported, 1012 banned, 1014 priority too low to replace, 1016 pool full.
   */
  submit(validity: Validity): { hash: string; status: "ready" | "future" } {
    if (!validity.ok) throw poolError(validity);
    const tx = validity.tx;
    if (this.#byHash.has(tx.hash)) throw new RpcError(1013, "Transaction Already Imported");
    const bannedUntil = this.#banned.get(tx.hash);
    if (bannedUntil !== undefined) {
      if (bannedUntil > this.#opts.clock()) throw new RpcError(1012, "Transaction is temporarily banned");
      this.#banned.delete(tx.hash);
    }
    let sender = this.#senders.get(tx.sender);
    const replaced = sender?.txs.get(tx.nonce);
    if (replaced && tx.priority <= replaced.tx.priority)
      throw new RpcError(1014, `Priority is too low: (${replaced.tx.priority} vs ${tx.priority})`);
    const full =
      this.#byHash.size - (replaced ? 1 : 0) >= this.#opts.maxCount ||
      this.#bytes - (replaced?.tx.bytes.length ?? 0) + tx.bytes.length > this.#opts.maxBytes;
    if (full)
      throw new RpcError(
        1016,
        "Immediately Dropped",
        "The transaction couldn't enter the pool because of the limit",
      );
    if (
      !replaced &&
      sender &&
      !this.#wouldBeReady({ ...sender, accountNonce: tx.accountNonce }, tx.nonce) &&
      this.#future >= this.#opts.maxFuture
    )
      throw new RpcError(
        1016,
        "Immediately Dropped",
        "The transaction couldn't enter the pool because of the limit",
      );
    if (!replaced && !sender && tx.nonce > tx.accountNonce && this.#future >= this.#opts.maxFuture)
      throw new RpcError(
        1016,
        "Immediately Dropped",
        "The transaction couldn't enter the pool because of the limit",
      );
    if (replaced) this.#remove(replaced, { usurped: tx.hash }, true);
    // Removing the replaced transaction may have dropped the sender's record: look it up again.
    sender = this.#senders.get(tx.sender);
    const known = sender !== undefined && sender.accountNonce === tx.accountNonce;
    if (!sender) {
      sender = { accountNonce: tx.accountNonce, txs: new Map() };
      this.#senders.set(tx.sender, sender);
    }
    sender.accountNonce = tx.accountNonce;
    const entry: Entry = { tx, seq: this.#seq++, ready: false };
    sender.txs.set(tx.nonce, entry);
    this.#byHash.set(tx.hash, entry);
    this.#bytes += tx.bytes.length;
    this.#future++;
    // PERF: a sender's queue is already sorted for this account nonce unless something was replaced, so a new
    // nonce can only extend the ready chain; recomputing it all made a burst from one sender quadratic.
    if (known && !replaced) this.#extend(sender, entry);
    else this.#refresh(tx.sender, entry);
    return { hash: tx.hash, status: entry.ready ? "ready" : "future" };
  }

  /** `fresh` joined a sender whose ready/future split is current: it and the future ones after it may turn ready. */
  #extend(sender: Sender, fresh: Entry): void {
    const n = fresh.tx.nonce;
    if (n !== sender.accountNonce && !sender.txs.get(n - 1)?.ready) return;
    let e: Entry | undefined = fresh;
    for (let k = n; e && !e.ready; e = sender.txs.get(++k)) {
      e.ready = true;
      this.#future--;
      if (e !== fresh) this.#notify(e.tx.hash, "ready");
    }
  }

  /** Follow a transaction's status; returns the unsubscribe function. */
  watch(hash: string, listener: Listener): () => void {
    let set = this.#listeners.get(hash);
    if (!set) {
      set = new Set();
      this.#listeners.set(hash, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(hash) === set) this.#listeners.delete(hash);
    };
  }

  /** The next nonce `sender` (hex) should use: past its account nonce and every pooled nonce that follows it. */
  nextNonce(sender: string, accountNonce: number): number {
    const s = this.#senders.get(sender);
    let n = accountNonce;
    while (s?.txs.has(n)) n++;
    return n;
  }

  /** Every pooled transaction, ready first (author_pendingExtrinsics). */
  pending(): Uint8Array[] {
    const all = [...this.#byHash.values()];
    return [...all.filter((e) => e.ready), ...all.filter((e) => !e.ready)].map((e) => e.tx.bytes);
  }

  /**
   * Ready transactions in block order: highest priority first (earliest submitted among equals), each sender's
   * transactions in nonce order. A lower-nonce transaction drags its successors along right after it.
   */
  ready(limit = Number.POSITIVE_INFINITY): ValidTransaction[] {
    const entries = [...this.#byHash.values()].filter((e) => e.ready);
    entries.sort((a, b) =>
      a.tx.priority === b.tx.priority ? a.seq - b.seq : a.tx.priority > b.tx.priority ? -1 : 1,
    );
    const next = new Map<string, number>();
    const deferred = new Map<string, Map<number, Entry>>();
    const out: ValidTransaction[] = [];
    const emit = (e: Entry) => {
      out.push(e.tx);
      let n = e.tx.nonce + 1;
      next.set(e.tx.sender, n);
      const waiting = deferred.get(e.tx.sender);
      while (waiting?.has(n) && out.length < limit) {
        out.push((waiting.get(n) as Entry).tx);
        waiting.delete(n);
        n++;
        next.set(e.tx.sender, n);
      }
    };
    for (const e of entries) {
      if (out.length >= limit) break;
      const expected = next.get(e.tx.sender) ?? (this.#senders.get(e.tx.sender) as Sender).accountNonce;
      if (e.tx.nonce === expected) emit(e);
      else {
        let d = deferred.get(e.tx.sender);
        if (!d) {
          d = new Map();
          deferred.set(e.tx.sender, d);
        }
        d.set(e.tx.nonce, e);
      }
    }
    return out;
  }

  /**
   * After block `blockHash` (final at once on a single authority): its transactions get inBlock and finalized and
   * leave the pool; the rest are re-validated against the new best `state`: stale nonces, expired eras and heads
   * that can no longer pay their fee are dropped as invalid (and banned); future ones whose gap closed turn ready.
   */
  onBlock(blockHash: string, included: readonly string[], state: StateReader, nextBlock: number): void {
    // Account nonces first, so removing an included transaction does not briefly demote its successors.
    for (const sender of this.#senders.values()) {
      const first = sender.txs.values().next().value as Entry | undefined;
      if (!first) continue;
      const account = first.tx.xt.signer;
      sender.accountNonce = system.Account.has(state, account) ? system.Account.get(state, account).nonce : 0;
    }
    for (const hash of included) {
      const e = this.#byHash.get(hash);
      if (!e) continue;
      this.#notify(hash, { inBlock: blockHash });
      this.#remove(e, { finalized: blockHash }, false, false);
    }
    for (const [key, sender] of [...this.#senders]) {
      const first = sender.txs.values().next().value as Entry | undefined;
      if (!first) continue;
      const account = first.tx.xt.signer;
      for (const e of [...sender.txs.values()]) {
        if (e.tx.nonce < sender.accountNonce || e.tx.death <= nextBlock)
          this.#remove(e, "invalid", true, false);
      }
      const head = sender.txs.get(sender.accountNonce);
      if (head && !canWithdrawFee(state, account, head.tx.fee)) this.#remove(head, "invalid", true, false);
      if (sender.txs.size > 0) this.#refresh(key);
    }
  }

  /** Remove a transaction the block builder found invalid (status invalid, hash banned). */
  invalidate(bytes: Uint8Array): void {
    for (const e of this.#byHash.values())
      if (e.tx.bytes === bytes) {
        this.#remove(e, "invalid", true);
        return;
      }
  }

  /** Drop a transaction (author_removeExtrinsic, tests). */
  drop(hash: string): boolean {
    const e = this.#byHash.get(hash);
    if (!e) return false;
    this.#remove(e, "dropped", false);
    return true;
  }

  #wouldBeReady(sender: Sender, nonce: number): boolean {
    for (let n = sender.accountNonce; n < nonce; n++) if (!sender.txs.has(n)) return false;
    return true;
  }

  /** Recompute ready/future for a sender's transactions and announce changes (`fresh` is announced as is). */
  #refresh(key: string, fresh?: Entry): void {
    const sender = this.#senders.get(key) as Sender;
    let n = sender.accountNonce;
    const readySet = new Set<Entry>();
    while (sender.txs.has(n)) {
      readySet.add(sender.txs.get(n) as Entry);
      n++;
    }
    for (const e of sender.txs.values()) {
      const ready = readySet.has(e);
      if (ready !== e.ready) {
        e.ready = ready;
        this.#future += ready ? -1 : 1;
        if (e !== fresh) this.#notify(e.tx.hash, ready ? "ready" : "future");
      }
    }
  }

  /** `refresh: false` when the caller re-sorts the sender's queue itself afterwards. */
  #remove(e: Entry, status: TxStatus, ban: boolean, refresh = true): void {
    const { tx } = e;
    if (this.#byHash.get(tx.hash) !== e) return;
    this.#byHash.delete(tx.hash);
    this.#bytes -= tx.bytes.length;
    if (!e.ready) this.#future--;
    const sender = this.#senders.get(tx.sender);
    if (sender?.txs.get(tx.nonce) === e) {
      sender.txs.delete(tx.nonce);
      if (sender.txs.size === 0) this.#senders.delete(tx.sender);
      else if (refresh) this.#refresh(tx.sender);
    }
    if (ban) this.#banned.set(tx.hash, this.#opts.clock() + this.#opts.banMs);
    this.#notify(tx.hash, status);
  }

  #notify(hash: string, status: TxStatus): void {
    const set = this.#listeners.get(hash);
    if (!set) return;
    for (const l of [...set]) l(status);
    if (isTerminal(status)) this.#listeners.delete(hash);
  }
}
