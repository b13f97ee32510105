// A running node: the store, the block producer, the transaction pool, sealing (instant, interval or manual)
// and the JSON-RPC methods Substrate clients need to connect, read state and metadata, follow new heads,
// submit and watch transactions, and (loopback only) drive a dev chain as chopsticks does. A follower
// (`syncFrom`) imports the authority's blocks instead of sealing, and forwards the transactions it is sent.

import { cryptoReady } from "@opentao/primitives";
import { type ChainSpec, runtimeMetadata, runtimeVersion, systemStorage } from "@opentao/runtime";
import { blockHeader, getSs58AddressInfo } from "@polkadot-api/substrate-bindings";
import type { Logger } from "pino";
import { BlockProducer, type ProducedBlock } from "../chain/index.ts";
import { type PoolOptions, TransactionPool, type TxStatus } from "../pool/pool.ts";
import {
  type ValidationEnv,
  type ValidTransaction,
  VerifiedExtrinsics,
  validateTransaction,
} from "../pool/validate.ts";
import { RpcError, RpcServer } from "../rpc/index.ts";
import { BlockStore, type HexHash, PendingState } from "../store/index.ts";
import { dryRun } from "./dryRun.ts";
import { Follower } from "./follower.ts";
import { stateCall } from "./runtimeApi.ts";

export type Sealing = "instant" | "interval" | "manual";

export interface NodeOptions {
  spec: ChainSpec;
  /** Data directory; omitted with `tmp: true` for a throwaway chain. */
  basePath?: string;
  tmp?: boolean;
  host?: string;
  port?: number;
  sealing?: Sealing;
  /** Interval sealing period in ms (default 12 000). */
  blockTimeMs?: number;
  logger?: Logger;
  /** Block timestamps: the node's clock, injectable for tests. The runtime never reads a clock. */
  now?: () => bigint;
  /** The block author (fees go there); default the chain spec's sudo key, //Alice on dev. */
  author?: Uint8Array;
  pool?: PoolOptions;
  /** Follower mode: import and re-execute the blocks of the authority at this ws:// URL instead of sealing. */
  syncFrom?: string;
}

const hex = (b: Uint8Array): string => `0x${Buffer.from(b).toString("hex")}`;
const bytes = (h: unknown, what: string): Uint8Array => {
  if (typeof h !== "string" || !/^(0x)?([0-9a-fA-F]{2})*$/.test(h))
    throw RpcError.invalidParams(`${what}: expected hex`);
  return new Uint8Array(Buffer.from(h.startsWith("0x") ? h.slice(2) : h, "hex"));
};

const isLoopback = (addr: string | undefined) =>
  addr !== undefined && (addr === "::1" || addr.startsWith("127.") || addr.startsWith("::ffff:127."));

/** The header as Substrate's JSON-RPC shows it (`number` as a hex string). */
function headerJson(scale: Uint8Array) {
  const h = blockHeader.dec(scale);
  return {
    parentHash: h.parentHash,
    number: `0x${h.number.toString(16)}`,
    stateRoot: h.stateRoot,
    extrinsicsRoot: h.extrinsicRoot,
    digest: { logs: [] as string[] },
  };
}

function runtimeVersionJson() {
  const v = runtimeVersion;
  return {
    specName: v.spec_name,
    implName: v.impl_name,
    authoringVersion: v.authoring_version,
    specVersion: v.spec_version,
    implVersion: v.impl_version,
    apis: v.apis.map(([id, ver]) => [hex(id), ver]),
    transactionVersion: v.transaction_version,
    systemVersion: v.system_version,
    stateVersion: v.system_version,
  };
}

/** An account parameter: an SS58 address or 0x-hex AccountId. */
function accountParam(v: unknown): Uint8Array {
  if (typeof v === "string" && /^0x[0-9a-fA-F]{64}$/.test(v))
    return new Uint8Array(Buffer.from(v.slice(2), "hex"));
  if (typeof v === "string") {
    const info = getSs58AddressInfo(v);
    if (info.isValid && info.publicKey.length === 32) return info.publicKey;
  }
  throw RpcError.invalidParams("expected an SS58 address or a 32-byte hex account id");
}

const devOnly = (remote: string | undefined) => {
  if (!isLoopback(remote))
    throw new RpcError(-32601, "Method not found", "dev_* methods are served to loopback callers only");
};

export class Node {
  readonly #heads = new Set<(h: unknown) => void>();
  readonly #storageSubs = new Set<() => void>();
  #timer: NodeJS.Timeout | undefined;
  #sealScheduled = false;
  /** dev_timeTravel: added to the clock for every later block, and the next block's timestamp. */
  #clockOffset = 0n;
  #nextTimestamp: bigint | undefined;
  readonly pool: TransactionPool;
  /** What validation at the best block needs, built once per best block rather than per transaction. */
  /**
   * What submissions are validated against until the best block changes: its env, and a layer over its state
   * that remembers every read (a burst from few senders reads each account from the store once).
   */
  #submitEnv: { best: string; env: ValidationEnv; state: PendingState } | undefined;
  /** Signatures this node verified (its pool's): neither its block builder nor its imports verify them again. */
  readonly verified = new VerifiedExtrinsics();
  /** Set in follower mode. */
  follower: Follower | undefined;

  private constructor(
    readonly store: BlockStore,
    readonly producer: BlockProducer,
    readonly rpc: RpcServer,
    readonly options: NodeOptions,
  ) {
    this.pool = new TransactionPool(options.pool);
    producer.verified = this.verified;
  }

  static async start(options: NodeOptions): Promise<Node> {
    // sr25519 through wasm: the pool's signature checks are 7–8× slower on the pure-JS fallback.
    await cryptoReady();
    const store = await BlockStore.open(options.tmp ? { tmp: true } : { path: options.basePath as string });
    const producer = BlockProducer.init(
      store,
      options.spec,
      options.author ?? options.spec.genesis.sudo ?? undefined,
    );
    const rpc = new RpcServer({
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 9944,
      logger: options.logger,
    });
    const node = new Node(store, producer, rpc, options);
    node.#registerMethods();
    await rpc.listen();
    if (options.syncFrom) {
      try {
        node.follower = await Follower.start(
          options.syncFrom,
          producer,
          (block) => node.#announce(block),
          rpc.logger,
        );
      } catch (e) {
        await node.stop();
        throw e;
      }
      return node;
    }
    if ((options.sealing ?? "interval") === "interval")
      node.#timer = setInterval(() => {
        // A failed block is logged and the next interval tries again; the node keeps serving.
        try {
          node.sealBlock();
        } catch (e) {
          rpc.logger.error({ err: e }, "block production failed");
        }
      }, options.blockTimeMs ?? 12_000);
    return node;
  }

  get port(): number {
    return this.rpc.port;
  }

  /**
   * Produce one block now (interval and instant sealing, `dev_newBlock`, tests): the given extrinsics, or the
   * pool's ready transactions. `storage` (dev_setStorage) is written before the block opens.
   */
  sealBlock(extrinsics?: Uint8Array[], storage?: Array<[Uint8Array, Uint8Array | null]>) {
    if (this.follower) throw new RpcError(-32000, "This node follows an authority and does not seal blocks");
    const clock = this.#clock();
    if (this.#nextTimestamp !== undefined) this.#clockOffset = this.#nextTimestamp - clock;
    this.#nextTimestamp = undefined;
    const now = clock + this.#clockOffset;
    const fromPool = extrinsics === undefined;
    // The pool's transactions go in decoded and verified: the builder re-checks only nonce, era and funds.
    const txs = fromPool ? this.pool.ready() : extrinsics;
    const block = this.producer.produceBlock(now, txs, storage);
    if (fromPool)
      for (const x of block.excluded)
        if (x.reason !== "Future" && x.reason !== "ExhaustsResources")
          this.pool.invalidate((txs[x.position] as ValidTransaction).bytes);
    this.#announce(block);
    return block;
  }

  /** A new best block (sealed or imported): re-validate the pool, push heads and storage changes. */
  #announce(block: ProducedBlock): void {
    this.pool.onBlock(block.hash, block.includedHashes, this.store.stateAt(block.hash), block.number + 1);
    const header = headerJson(this.store.header(block.hash) as Uint8Array);
    for (const emit of this.#heads) emit(header);
    for (const push of this.#storageSubs) push();
  }

  /** Instant sealing: one block for whatever became ready in this turn of the event loop. */
  #scheduleSeal(): void {
    if (this.#sealScheduled) return;
    this.#sealScheduled = true;
    setImmediate(() => {
      this.#sealScheduled = false;
      try {
        if (this.pool.readyCount > 0) this.sealBlock();
      } catch (e) {
        this.rpc.logger.error({ err: e }, "block production failed");
      }
    });
  }

  #clock(): bigint {
    return this.options.now?.() ?? BigInt(Date.now());
  }

  /** Validate and pool an extrinsic (author_submit*); throws the pool's JSON-RPC error. */
  submit(bytes: Uint8Array): { hash: string; status: "ready" | "future" } {
    const best = this.store.best();
    if (this.#submitEnv?.best !== best.hash)
      this.#submitEnv = {
        best: best.hash,
        env: {
          genesisHash: this.producer.genesisHash,
          blockNumber: best.number + 1,
          parentHash: new Uint8Array(Buffer.from(best.hash.slice(2), "hex")),
        },
        // stateAt() without a hash is the best block's state, without looking its number up by hash.
        state: new PendingState(this.store.stateAt()),
      };
    const validity = validateTransaction(this.#submitEnv.state, bytes, this.#submitEnv.env);
    if (validity.ok) this.verified.add(bytes);
    const result = this.pool.submit(validity);
    if (result.status === "ready" && !this.follower && (this.options.sealing ?? "interval") === "instant")
      this.#scheduleSeal();
    return result;
  }

  /**
   * author_submit* on any node: the authority pools the transaction; a follower validates it here too (a bad one
   * never leaves it; its signature is then not verified again when the block comes back), keeps it in its own
   * pool for status and nonces, and forwards it to the authority, whose hash (or refusal) it answers.
   */
  async submitExtrinsic(bytes: Uint8Array): Promise<string> {
    const { hash } = this.submit(bytes);
    const follower = this.follower;
    if (!follower) return hash;
    try {
      return await follower.forward(bytes);
    } catch (e) {
      this.pool.drop(hash);
      throw e;
    }
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.follower?.close();
    await this.rpc.close();
    await this.store.close();
  }

  /** The block a request means: `at` as a hash, or the best block. */
  #at(at: unknown): HexHash {
    if (at === undefined || at === null) return this.store.best().hash;
    if (typeof at !== "string" || this.store.numberOf(at as HexHash) === undefined)
      throw new RpcError(4003, "Client error: UnknownBlock: header not found", at);
    return at as HexHash;
  }

  #registerMethods(): void {
    const { rpc, store, options } = this;
    const spec = options.spec;
    rpc.register("system_chain", () => spec.name);
    rpc.register("system_name", () => "opentao");
    rpc.register("system_version", () => "0.1.0");
    rpc.register("system_chainType", () => spec.chainType);
    rpc.register("system_properties", () => spec.properties);
    rpc.register("system_health", () => ({ peers: 0, isSyncing: false, shouldHavePeers: false }));
    rpc.register(
      "chain_getBlockHash",
      ([n]) => {
        if (n === undefined || n === null) return store.best().hash;
        const num = typeof n === "string" ? Number.parseInt(n, n.startsWith("0x") ? 16 : 10) : n;
        if (typeof num !== "number" || !Number.isSafeInteger(num) || num < 0)
          throw RpcError.invalidParams("block number");
        return store.hashAt(num) ?? null;
      },
      { aliases: ["chain_getHead"], maxParams: 1 },
    );
    rpc.register(
      "chain_getHeader",
      ([h]) => {
        const scale = store.header(this.#at(h));
        return scale ? headerJson(scale) : null;
      },
      { maxParams: 1 },
    );
    rpc.register(
      "chain_getBlock",
      ([h]) => {
        const hash = this.#at(h);
        const scale = store.header(hash);
        if (!scale) return null;
        return {
          block: { header: headerJson(scale), extrinsics: (store.body(hash) ?? []).map(hex) },
          justifications: null,
        };
      },
      { maxParams: 1 },
    );
    rpc.register("chain_getFinalizedHead", () => store.finalized().hash, {
      aliases: ["chain_getFinalisedHead"],
    });
    rpc.register("state_getRuntimeVersion", () => runtimeVersionJson(), {
      aliases: ["chain_getRuntimeVersion"],
      maxParams: 1,
    });
    rpc.register(
      "state_getMetadata",
      ([at]) => {
        this.#at(at);
        // V14, which the Python SDK decodes with scalecodec.
        return hex(runtimeMetadata().v14);
      },
      { maxParams: 1 },
    );
    rpc.register(
      "state_call",
      ([method, args, at]) => {
        if (typeof method !== "string") throw RpcError.invalidParams("method name");
        const hash = this.#at(at);
        return hex(
          stateCall(
            store.stateAt(hash),
            method,
            args === undefined || args === "" ? new Uint8Array() : bytes(args, "args"),
            {
              genesisHash: this.producer.genesisHash,
              blockNumber: (store.numberOf(hash) as number) + 1,
              parentHash: new Uint8Array(Buffer.from(hash.slice(2), "hex")),
            },
          ),
        );
      },
      { aliases: ["state_callAt"], minParams: 1, maxParams: 3 },
    );
    rpc.register(
      "state_getStorage",
      ([key, at]) => {
        const v = store.stateAt(this.#at(at)).get(bytes(key, "key"));
        return v === undefined ? null : hex(v);
      },
      { aliases: ["state_getStorageAt"], minParams: 1, maxParams: 2 },
    );
    rpc.register(
      "state_getKeysPaged",
      ([prefix, count, start, at]) => {
        if (typeof count !== "number" || count < 0 || count > 1000)
          throw RpcError.invalidParams("count must be 0..1000");
        const out: string[] = [];
        const startKey = start === undefined || start === null ? undefined : bytes(start, "startKey");
        for (const k of store.stateAt(this.#at(at)).keys(bytes(prefix ?? "0x", "prefix"), startKey)) {
          if (out.length >= count) break;
          out.push(hex(k));
        }
        return out;
      },
      { aliases: ["state_getKeysPagedAt"], minParams: 2, maxParams: 4 },
    );
    rpc.register(
      "state_queryStorageAt",
      ([keys, at]) => {
        if (!Array.isArray(keys)) throw RpcError.invalidParams("keys must be an array");
        const hash = this.#at(at);
        const state = store.stateAt(hash);
        return [
          {
            block: hash,
            changes: keys.map((k) => {
              const v = state.get(bytes(k, "key"));
              return [k, v === undefined ? null : hex(v)];
            }),
          },
        ];
      },
      { minParams: 1, maxParams: 2 },
    );
    rpc.register(
      "author_submitExtrinsic",
      ([x]) => {
        const tx = bytes(x, "extrinsic");
        // The authority's path stays synchronous: no promise per transaction.
        return this.follower ? this.submitExtrinsic(tx) : this.submit(tx).hash;
      },
      { minParams: 1, maxParams: 1 },
    );
    rpc.registerSubscription({
      subscribe: ["author_submitAndWatchExtrinsic"],
      unsubscribe: ["author_unwatchExtrinsic"],
      notification: "author_extrinsicUpdate",
      minParams: 1,
      maxParams: 1,
      start: async ([x], emit, ctx) => {
        const tx = bytes(x, "extrinsic");
        const { hash, status } = this.submit(tx);
        // Watched from admission: on a follower the authority's block may come back before its reply is read.
        const later: TxStatus[] = [];
        let live = false;
        const update = (s: TxStatus) => {
          if (!live) {
            later.push(s);
            return;
          }
          emit(s);
          if (typeof s === "object" && ("finalized" in s || "usurped" in s)) ctx.close();
          else if (s === "dropped" || s === "invalid") ctx.close();
        };
        const unwatch = this.pool.watch(hash, update);
        if (this.follower)
          try {
            await this.follower.forward(tx);
          } catch (e) {
            unwatch();
            this.pool.drop(hash);
            throw e;
          }
        emit(status);
        live = true;
        for (const s of later) update(s);
        return unwatch;
      },
    });
    rpc.register("author_pendingExtrinsics", () => this.pool.pending().map(hex), { maxParams: 0 });
    rpc.register(
      "system_accountNextIndex",
      ([who]) => {
        const id = accountParam(who);
        const best = store.stateAt(store.best().hash);
        return this.pool.nextNonce(hex(id), systemStorage.Account.get(best, id).nonce);
      },
      { aliases: ["account_nextIndex"], minParams: 1, maxParams: 1 },
    );
    rpc.register(
      "system_dryRun",
      ([x, at]) => {
        const hash = this.#at(at);
        return hex(
          dryRun(store.stateAt(hash), bytes(x, "extrinsic"), {
            genesisHash: this.producer.genesisHash,
            blockNumber: (store.numberOf(hash) as number) + 1,
            parentHash: new Uint8Array(Buffer.from(hash.slice(2), "hex")),
            runtime: spec.runtime,
            author: this.producer.author,
          }),
        );
      },
      { aliases: ["system_dryRunAt"], minParams: 1, maxParams: 2 },
    );
    rpc.registerSubscription({
      subscribe: ["state_subscribeStorage"],
      unsubscribe: ["state_unsubscribeStorage"],
      notification: "state_storage",
      minParams: 1,
      maxParams: 1,
      start: ([keys], emit) => {
        if (!Array.isArray(keys) || keys.length > 1000)
          throw RpcError.invalidParams("keys: an array of up to 1000");
        const ks = keys.map((k) => [k as string, bytes(k, "key")] as const);
        const read = () => {
          const best = store.best().hash;
          const state = store.stateAt(best);
          return { best, values: ks.map(([k, key]) => [k, state.get(key)] as const) };
        };
        const first = read();
        let last = new Map(first.values.map(([k, v]) => [k, v === undefined ? null : hex(v)]));
        emit({ block: first.best, changes: [...last] });
        const push = () => {
          const now = read();
          const next = new Map(now.values.map(([k, v]) => [k, v === undefined ? null : hex(v)]));
          const changes = [...next].filter(([k, v]) => last.get(k) !== v);
          last = next;
          if (changes.length > 0) emit({ block: now.best, changes });
        };
        this.#storageSubs.add(push);
        return () => {
          this.#storageSubs.delete(push);
        };
      },
    });
    // chopsticks' dev_setStorage: raw [[key, value | null], …] written in a new block (the head's state stays
    // what its header commits to); returns that block's hash.
    rpc.register(
      "dev_setStorage",
      ([values], ctx) => {
        devOnly(ctx.remoteAddress);
        if (!Array.isArray(values))
          throw RpcError.invalidParams("values: [[key, value | null], …] (the object form is not supported)");
        const writes = values.map((pair) => {
          if (!Array.isArray(pair) || pair.length !== 2)
            throw RpcError.invalidParams("each entry: [key, value | null]");
          return [bytes(pair[0], "key"), pair[1] === null ? null : bytes(pair[1], "value")] as [
            Uint8Array,
            Uint8Array | null,
          ];
        });
        return this.sealBlock(undefined, writes).hash;
      },
      { minParams: 1, maxParams: 2 },
    );
    // chopsticks' dev_timeTravel: the next block's timestamp (ms, or a date string); later blocks follow on.
    rpc.register(
      "dev_timeTravel",
      ([date], ctx) => {
        devOnly(ctx.remoteAddress);
        const ms = typeof date === "number" ? date : typeof date === "string" ? Date.parse(date) : Number.NaN;
        if (!Number.isSafeInteger(ms) || ms < 0)
          throw RpcError.invalidParams("a timestamp in ms or a date string");
        this.#nextTimestamp = BigInt(ms);
        return ms;
      },
      { minParams: 1, maxParams: 1 },
    );
    // chopsticks' dev_newBlock: seal `count` blocks now (fast-forwarding tempos), loopback callers only.
    rpc.register(
      "dev_newBlock",
      ([opts], ctx) => {
        devOnly(ctx.remoteAddress);
        const o = (opts ?? {}) as { count?: unknown; to?: unknown };
        const best = store.best().number;
        const count = o.to !== undefined ? Number(o.to) - best : o.count === undefined ? 1 : Number(o.count);
        if (!Number.isInteger(count) || count < 1 || count > 100_000)
          throw RpcError.invalidParams("count (or to − best) must be an integer from 1 to 100000");
        let hash = store.best().hash;
        for (let i = 0; i < count; i++) hash = this.sealBlock().hash;
        return hash;
      },
      { maxParams: 1 },
    );
    rpc.registerSubscription({
      subscribe: ["state_subscribeRuntimeVersion", "chain_subscribeRuntimeVersion"],
      unsubscribe: ["state_unsubscribeRuntimeVersion", "chain_unsubscribeRuntimeVersion"],
      notification: "state_runtimeVersion",
      start: (_p, emit) => {
        emit(runtimeVersionJson());
        return () => {};
      },
    });
    for (const [sub, unsub, note] of [
      [
        ["chain_subscribeNewHeads", "chain_subscribeNewHead", "subscribe_newHead"],
        ["chain_unsubscribeNewHeads", "chain_unsubscribeNewHead", "unsubscribe_newHead"],
        "chain_newHead",
      ],
      [
        ["chain_subscribeFinalizedHeads", "chain_subscribeFinalisedHeads"],
        ["chain_unsubscribeFinalizedHeads", "chain_unsubscribeFinalisedHeads"],
        "chain_finalizedHead",
      ],
      [["chain_subscribeAllHeads"], ["chain_unsubscribeAllHeads"], "chain_allHead"],
    ] as const)
      rpc.registerSubscription({
        subscribe: sub,
        unsubscribe: unsub,
        notification: note,
        start: (_p, emit) => {
          emit(headerJson(store.header(store.best().hash) as Uint8Array));
          this.#heads.add(emit);
          return () => {
            this.#heads.delete(emit);
          };
        },
      });
  }
}
