// A running node: the store, the block producer, sealing (instant, interval or manual) and the JSON-RPC
// methods Substrate clients need to connect, read state and metadata, and follow new heads.
// Not yet: the transaction pool and author_* methods, dev_* methods, followers (see the Node issue).

import { type ChainSpec, runtimeMetadata, runtimeVersion } from "@opentao/runtime";
import { blockHeader } from "@polkadot-api/substrate-bindings";
import type { Logger } from "pino";
import { BlockProducer } from "../chain/index.ts";
import { RpcError, RpcServer } from "../rpc/index.ts";
import { BlockStore, type HexHash } from "../store/index.ts";
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

export class Node {
  readonly #heads = new Set<(h: unknown) => void>();
  #timer: NodeJS.Timeout | undefined;

  private constructor(
    readonly store: BlockStore,
    readonly producer: BlockProducer,
    readonly rpc: RpcServer,
    readonly options: NodeOptions,
  ) {}

  static async start(options: NodeOptions): Promise<Node> {
    const store = await BlockStore.open(options.tmp ? { tmp: true } : { path: options.basePath as string });
    const producer = BlockProducer.init(store, options.spec);
    const rpc = new RpcServer({
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 9944,
      logger: options.logger,
    });
    const node = new Node(store, producer, rpc, options);
    node.#registerMethods();
    await rpc.listen();
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

  /** Produce one block now (manual sealing, tests, `dev_newBlock`). */
  sealBlock(extrinsics: Uint8Array[] = []) {
    const now = this.options.now?.() ?? BigInt(Date.now());
    const block = this.producer.produceBlock(now, extrinsics);
    const header = headerJson(this.store.header(block.hash) as Uint8Array);
    for (const emit of this.#heads) emit(header);
    return block;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
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
        return hex(
          stateCall(
            store.stateAt(this.#at(at)),
            method,
            args === undefined || args === "" ? new Uint8Array() : bytes(args, "args"),
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
    // chopsticks' dev_newBlock: seal `count` blocks now (fast-forwarding tempos), loopback callers only.
    rpc.register(
      "dev_newBlock",
      ([opts], ctx) => {
        if (!isLoopback(ctx.remoteAddress))
          throw new RpcError(-32601, "Method not found", "dev_* methods are served to loopback callers only");
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
