// Follower mode (`opentao node --sync-from ws://HOST:PORT`): import the authority's blocks over its JSON-RPC
// (the same legacy methods any client uses), re-execute each one, and keep it only if our header comes out
// identical — a tampered block (other state, other extrinsics) is refused and the follower stops there.
// Transactions submitted to a follower are forwarded to the authority over the same connection.

import { blake2_256 } from "@opentao/primitives";
import { blockHeader } from "@polkadot-api/substrate-bindings";
import type { Logger } from "pino";
import WebSocket from "ws";
import type { BlockProducer, ProducedBlock } from "../chain/index.ts";
import { RpcError } from "../rpc/index.ts";

interface RemoteHeader {
  parentHash: string;
  number: string;
  stateRoot: string;
  extrinsicsRoot: string;
  digest: { logs: string[] };
}

const fromHex = (h: string) => new Uint8Array(Buffer.from(h.replace(/^0x/, ""), "hex"));
const toHex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;
const CLOSED = "connection to the authority closed";

/** The SCALE header for the JSON one the authority serves (opentao headers carry no digest logs yet). */
export function headerFromJson(h: RemoteHeader): Uint8Array {
  if (h.digest.logs.length > 0) throw new Error("headers with digest logs are not supported yet");
  return blockHeader.enc({
    parentHash: h.parentHash as `0x${string}`,
    number: Number.parseInt(h.number, 16),
    stateRoot: h.stateRoot as `0x${string}`,
    extrinsicRoot: h.extrinsicsRoot as `0x${string}`,
    digests: [],
  });
}

/** A minimal JSON-RPC client over one WebSocket: requests and `chain_newHead` notifications. */
class RpcClient {
  #id = 0;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  onNotification: (method: string) => void = () => {};

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const msg = JSON.parse(String(data)) as {
        id?: number;
        result?: unknown;
        error?: { code: number; message: string; data?: unknown };
        method?: string;
      };
      if (msg.id !== undefined) {
        const p = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        // The authority's own error (code, message, data), so a forwarded call fails as it would there.
        if (msg.error) p?.reject(new RpcError(msg.error.code, msg.error.message, msg.error.data));
        else p?.resolve(msg.result);
      } else if (msg.method) this.onNotification(msg.method);
    });
    ws.on("close", () => {
      for (const p of this.#pending.values()) p.reject(new Error(CLOSED));
      this.#pending.clear();
    });
  }

  static async connect(url: string): Promise<RpcClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return new RpcClient(ws);
  }

  call<T>(method: string, params: unknown[] = []): Promise<T> {
    // ws drops a send on a closed socket silently: the reply would never come.
    if (this.ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error(CLOSED));
    const id = ++this.#id;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

export class Follower {
  #syncing: Promise<void> | undefined;
  #again = false;
  /** Why the follower stopped importing (a refused block, a different genesis), if it did. */
  stopped: Error | undefined;

  private constructor(
    readonly client: RpcClient,
    readonly producer: BlockProducer,
    readonly onImported: (block: ProducedBlock) => void,
    readonly logger?: Logger,
  ) {}

  /** Connect, check the authority runs our genesis, import what it has, then follow its new heads. */
  static async start(
    url: string,
    producer: BlockProducer,
    onImported: (block: ProducedBlock) => void,
    logger?: Logger,
  ): Promise<Follower> {
    const client = await RpcClient.connect(url);
    const genesis = await client.call<string>("chain_getBlockHash", [0]);
    if (genesis !== producer.store.genesisHash) {
      client.close();
      throw new Error(
        `the authority at ${url} runs genesis ${genesis}, this node ${producer.store.genesisHash}`,
      );
    }
    const f = new Follower(client, producer, onImported, logger);
    client.onNotification = (method) => {
      if (method === "chain_newHead") void f.sync();
    };
    await client.call("chain_subscribeNewHeads");
    await f.sync();
    return f;
  }

  /** Import every block the authority has beyond ours; concurrent calls coalesce into one more pass. */
  sync(): Promise<void> {
    if (this.#syncing) {
      this.#again = true;
      return this.#syncing;
    }
    this.#syncing = (async () => {
      do {
        this.#again = false;
        await this.#pass();
      } while (this.#again && !this.stopped);
    })().finally(() => {
      this.#syncing = undefined;
    });
    return this.#syncing;
  }

  async #pass(): Promise<void> {
    if (this.stopped) return;
    try {
      const head = await this.client.call<RemoteHeader>("chain_getHeader");
      const target = Number.parseInt(head.number, 16);
      for (let n = this.producer.store.best().number + 1; n <= target; n++) {
        const hash = await this.client.call<string>("chain_getBlockHash", [n]);
        const { block } = await this.client.call<{ block: { header: RemoteHeader; extrinsics: string[] } }>(
          "chain_getBlock",
          [hash],
        );
        const header = headerFromJson(block.header);
        if (toHex(blake2_256(header)) !== hash)
          throw new Error(`block ${n}: the header does not hash to ${hash}`);
        const imported = this.producer.importBlock(header, block.extrinsics.map(fromHex));
        this.onImported(imported);
      }
    } catch (e) {
      if ((e as Error).message === CLOSED) return;
      this.stopped = e as Error;
      this.logger?.error({ err: e }, "follower stopped: block refused");
    }
  }

  /**
   * Hand a transaction (validated here) to the authority, which pools and includes it; resolves to the hash it
   * answers. Its refusal comes back as its RpcError; a lost connection as a −32000 error.
   */
  async forward(bytes: Uint8Array): Promise<string> {
    try {
      return await this.client.call<string>("author_submitExtrinsic", [toHex(bytes)]);
    } catch (e) {
      if (e instanceof RpcError) throw e;
      throw new RpcError(-32000, "The authority could not be reached", (e as Error).message);
    }
  }

  close(): void {
    this.client.close();
  }
}
