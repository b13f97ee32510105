// Test support for the RPC server: a bare WebSocket client (raw frames out, parsed messages in arrival
// order, so tests can check ordering and exact shapes) and a silent server on a free port.

import { pino } from "pino";
import { WebSocket } from "ws";
import { RpcServer, type RpcServerOptions } from "./server.ts";

// biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON replies.
export type Json = any;

export class TestClient {
  readonly #inbox: Json[] = [];
  #wake: (() => void) | undefined;
  #nextId = 1;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.#inbox.push(JSON.parse(data.toString("utf8")));
      this.#wake?.();
    });
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => {
        resolve({ code, reason: reason.toString("utf8") });
        this.#wake?.();
      });
    });
    ws.on("error", () => {});
  }

  static connect(url: string, options?: { autoPong?: boolean }): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { maxPayload: 256 * 1024 * 1024, autoPong: options?.autoPong ?? true });
      ws.once("open", () => resolve(new TestClient(ws)));
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) => {
        reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode }));
        res.resume();
        ws.terminate();
      });
    });
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Sends a request and resolves with its reply; other messages stay queued for {@link next}. */
  async call(method: string, params: unknown[] = [], id: number | string = this.#nextId++): Promise<Json> {
    this.send({ jsonrpc: "2.0", id, method, params });
    return this.waitFor((m) => m.id === id && !("method" in m));
  }

  /** The oldest message not taken yet. */
  next(timeoutMs = 5000): Promise<Json> {
    return this.waitFor(() => true, timeoutMs);
  }

  /** The oldest message satisfying `pred`, taken out of the queue. */
  async waitFor(pred: (message: Json) => boolean, timeoutMs = 5000): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.#inbox.findIndex(pred);
      if (i >= 0) return this.#inbox.splice(i, 1)[0];
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error("connection closed while waiting");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for a message");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** The close code and reason, once the connection closes; throws if it is still open after `timeoutMs`. */
  waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("connection still open")), timeoutMs);
    });
    return Promise.race([this.closed, timeout]).finally(() => clearTimeout(timer));
  }

  /** Messages received and not taken, without waiting. */
  pending(): Json[] {
    return [...this.#inbox];
  }

  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.close();
    await this.closed;
  }
}

/** A silent server on a free loopback port, with `setup` registering its methods before it listens. */
export async function startServer(options: RpcServerOptions = {}, setup?: (server: RpcServer) => void) {
  const server = new RpcServer({ port: 0, logger: pino({ level: "silent" }), ...options });
  setup?.(server);
  const { port } = await server.listen();
  return { server, ws: `ws://127.0.0.1:${port}`, http: `http://127.0.0.1:${port}` };
}

/** Resolves once `cond` holds, polling; throws after `timeoutMs`. */
export async function until(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}
