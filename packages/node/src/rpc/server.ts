// The node's JSON-RPC server: one port answering HTTP POST (plain methods) and WebSocket (everything),
// with the size, connection, subscription and back-pressure limits that keep one client from sinking it.

import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from "fastify";
import { type Logger, pino } from "pino";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { RpcConnection } from "./connection.ts";
import { Dispatcher, errorText } from "./dispatch.ts";
import { ErrorCode, exceededLimit } from "./errors.ts";
import { type MethodHandler, type MethodOptions, RpcRegistry, type SubscriptionSpec } from "./registry.ts";

export const DEFAULT_RPC_PORT = 9944;
export const DEFAULT_RPC_HOST = "127.0.0.1";
export const DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
export const DEFAULT_MAX_CONNECTIONS = 100;
export const DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION = 1024;
export const DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION = 256;
export const DEFAULT_PING_INTERVAL_MS = 30_000;

export interface RpcServerOptions {
  /** Interface to bind; `0.0.0.0` (or `::`) serves other machines, as `--rpc-external` does. */
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /**
   * Largest request and response, in bytes (also the HTTP body limit). A larger WebSocket message is
   * answered with error −32007 and the connection stays usable; a larger reply becomes error −32008.
   */
  maxMessageSize?: number;
  /**
   * Largest WebSocket message the server reads at all (default 2 × maxMessageSize). A client that sends
   * more is disconnected with close code 1009 without the server buffering it.
   */
  maxFrameSize?: number;
  /** Concurrent WebSocket connections; further upgrades get HTTP 429. */
  maxConnections?: number;
  maxSubscriptionsPerConnection?: number;
  /** Requests of one WebSocket being answered at once; past it the server stops reading that socket. */
  maxInFlightPerConnection?: number;
  /**
   * Bytes queued for a WebSocket client that does not read (default 4 × maxMessageSize). Past it the
   * connection is dropped, as Substrate drops subscriptions whose client lags.
   */
  maxSendBuffer?: number;
  /**
   * WebSocket ping period in ms; a client that has not answered the previous ping (nor sent anything)
   * is dropped, so vanished peers do not hold connection slots. 0 turns pings off.
   */
  pingInterval?: number;
  /** Defaults to a pino logger at `info`. Tests pass `pino({ level: "silent" })`. */
  logger?: Logger;
  /** Methods to serve; a fresh registry (with only `rpc_methods`) when omitted. */
  registry?: RpcRegistry;
}

interface Limits {
  maxMessageSize: number;
  maxFrameSize: number;
  maxConnections: number;
  maxSubscriptionsPerConnection: number;
  maxInFlightPerConnection: number;
  maxSendBuffer: number;
  pingInterval: number;
}

const JSON_TYPE = "application/json; charset=utf-8";

export class RpcServer {
  readonly registry: RpcRegistry;
  readonly logger: Logger;
  readonly host: string;
  readonly limits: Readonly<Limits>;
  readonly #requestedPort: number;
  readonly #dispatcher: Dispatcher;
  readonly #app: FastifyInstance;
  readonly #wss: WebSocketServer;
  /** Open sockets, each with whether it showed signs of life since the last ping. */
  readonly #sockets = new Map<WebSocket, { alive: boolean; remoteAddress: string | undefined }>();
  #heartbeat: NodeJS.Timeout | undefined;
  #upgrading = 0;
  #closing: Promise<void> | undefined;

  constructor(options: RpcServerOptions = {}) {
    this.registry = options.registry ?? new RpcRegistry();
    this.logger = options.logger ?? pino({ name: "rpc" });
    this.host = options.host ?? DEFAULT_RPC_HOST;
    this.#requestedPort = options.port ?? DEFAULT_RPC_PORT;
    if (!Number.isInteger(this.#requestedPort) || this.#requestedPort < 0 || this.#requestedPort > 65535) {
      throw new RangeError(`bad RPC port ${this.#requestedPort}`);
    }
    const maxMessageSize = positive("maxMessageSize", options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE);
    this.limits = {
      maxMessageSize,
      maxFrameSize: positive("maxFrameSize", options.maxFrameSize ?? 2 * maxMessageSize),
      maxConnections: positive("maxConnections", options.maxConnections ?? DEFAULT_MAX_CONNECTIONS),
      maxSubscriptionsPerConnection: positive(
        "maxSubscriptionsPerConnection",
        options.maxSubscriptionsPerConnection ?? DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      ),
      maxInFlightPerConnection: positive(
        "maxInFlightPerConnection",
        options.maxInFlightPerConnection ?? DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION,
      ),
      maxSendBuffer: positive("maxSendBuffer", options.maxSendBuffer ?? 4 * maxMessageSize),
      pingInterval: options.pingInterval ?? DEFAULT_PING_INTERVAL_MS,
    };
    if (!Number.isSafeInteger(this.limits.pingInterval) || this.limits.pingInterval < 0) {
      throw new RangeError("pingInterval must be a non-negative integer");
    }
    if (this.limits.maxFrameSize < maxMessageSize)
      throw new RangeError("maxFrameSize is below maxMessageSize");
    this.#dispatcher = new Dispatcher(this.registry, this.logger, maxMessageSize);

    this.#app = Fastify({
      loggerInstance: this.logger as FastifyBaseLogger,
      // A node answers thousands of calls a second: one log line per HTTP request would drown the log.
      logController: new LogController({ disableRequestLogging: true }),
      bodyLimit: maxMessageSize,
    });
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.limits.maxFrameSize,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.#routes();
    this.#app.server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.#onUpgrade(req, socket, head),
    );
  }

  /** Adds a plain method (HTTP and WebSocket). See {@link RpcRegistry.register}. */
  register(name: string, handler: MethodHandler, options?: MethodOptions): void {
    this.registry.register(name, handler, options);
  }

  /** Adds a subscription family (WebSocket only). See {@link RpcRegistry.registerSubscription}. */
  registerSubscription(spec: SubscriptionSpec): void {
    this.registry.registerSubscription(spec);
  }

  async listen(): Promise<{ host: string; port: number }> {
    await this.#app.listen({ host: this.host, port: this.#requestedPort });
    if (this.limits.pingInterval > 0 && this.#heartbeat === undefined) {
      this.#heartbeat = setInterval(() => this.#ping(), this.limits.pingInterval);
      this.#heartbeat.unref();
    }
    const { address, port } = this.#app.server.address() as AddressInfo;
    return { host: address, port };
  }

  /** The bound port (after {@link listen}). */
  get port(): number {
    return (this.#app.server.address() as AddressInfo).port;
  }

  /** Open WebSocket connections. */
  get connectionCount(): number {
    return this.#sockets.size;
  }

  /**
   * Stops serving: WebSocket clients get close code 1001 (and are cut after a second if they do not
   * answer it), every subscription's stop function runs, HTTP requests in progress finish.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    clearInterval(this.#heartbeat);
    const closed = [...this.#sockets.keys()].map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.once("close", () => resolve());
          ws.close(1001, "server shutting down");
        }),
    );
    const cut = setTimeout(() => {
      for (const ws of this.#sockets.keys()) ws.terminate();
    }, 1000);
    await Promise.all(closed);
    clearTimeout(cut);
    this.#wss.close();
    await this.#app.close();
  }

  #routes(): void {
    const app = this.#app;
    const { maxMessageSize } = this.limits;
    // Any content type is read as text: the JSON-RPC layer, not fastify, decides what is a parse error.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "string", bodyLimit: maxMessageSize }, (_req, body, done) =>
      done(null, body),
    );

    const route = async (request: FastifyRequest, reply: FastifyReply) => {
      const conn = new RpcConnection({
        transport: "http",
        remoteAddress: request.ip,
        maxSubscriptions: 0,
        logger: this.logger,
      });
      let out: string | undefined;
      const body = typeof request.body === "string" ? request.body : "";
      await this.#dispatcher.handle(body, conn, (text) => {
        out = text;
      });
      conn.close();
      if (out === undefined) return reply.code(204).send();
      return reply.type(JSON_TYPE).send(out);
    };
    app.post("/", route);
    app.post("/*", route);

    // Substrate's node answers GET /health with system_health; local-network scripts poll it.
    app.get("/health", async (request, reply) => {
      const entry = this.registry.get("system_health");
      if (entry?.kind !== "call") return reply.code(404).type(JSON_TYPE).send('{"error":"no system_health"}');
      try {
        const result = await entry.handler([], { transport: "http", remoteAddress: request.ip });
        return reply.type(JSON_TYPE).send(JSON.stringify(result) ?? "null");
      } catch (err) {
        this.logger.error({ err }, "GET /health failed");
        return reply.code(500).type(JSON_TYPE).send('{"error":"system_health failed"}');
      }
    });

    app.setNotFoundHandler((_request, reply) =>
      reply
        .code(405)
        .type("text/plain; charset=utf-8")
        .send("JSON-RPC needs an HTTP POST or a WebSocket upgrade"),
    );

    app.setErrorHandler((err: FastifyError, _request, reply) => {
      const status = err.statusCode ?? 500;
      if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
        return reply
          .code(413)
          .type(JSON_TYPE)
          .send(errorText(null, ErrorCode.OversizedRequest, exceededLimit(maxMessageSize)));
      }
      if (status >= 400 && status < 500) {
        return reply
          .code(status)
          .type(JSON_TYPE)
          .send(errorText(null, ErrorCode.InvalidRequest, err.message));
      }
      this.logger.error({ err }, "RPC HTTP request failed");
      return reply.code(500).type(JSON_TYPE).send(errorText(null, ErrorCode.InternalError));
    });
  }

  #ping(): void {
    for (const [ws, state] of this.#sockets) {
      // A paused socket is not read, so its pong cannot arrive; its slow requests are not its fault.
      if (ws.readyState !== WebSocket.OPEN || ws.isPaused) continue;
      if (!state.alive) {
        this.logger.debug({ remoteAddress: state.remoteAddress }, "RPC client gone silent; disconnecting");
        ws.terminate();
        continue;
      }
      state.alive = false;
      ws.ping();
    }
  }

  #onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", (err) => this.logger.debug({ err }, "RPC socket error during upgrade"));
    if (this.#closing !== undefined) {
      refuse(socket, 503, "Service Unavailable", "The server is shutting down.");
      return;
    }
    if (this.#sockets.size + this.#upgrading >= this.limits.maxConnections) {
      this.logger.warn({ limit: this.limits.maxConnections }, "RPC connection refused: too many connections");
      refuse(socket, 429, "Too Many Requests", "Too many connections. Please try again later.");
      return;
    }
    // Counted from here, so simultaneous upgrades cannot overshoot the limit.
    this.#upgrading++;
    let pending = true;
    const settle = () => {
      if (pending) {
        pending = false;
        this.#upgrading--;
      }
    };
    socket.once("close", settle);
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      settle();
      socket.removeListener("close", settle);
      this.#onConnection(ws, req);
    });
  }

  #onConnection(ws: WebSocket, req: IncomingMessage): void {
    const { maxMessageSize, maxInFlightPerConnection, maxSendBuffer } = this.limits;
    const remoteAddress = req.socket.remoteAddress;
    const liveness = { alive: true, remoteAddress };
    this.#sockets.set(ws, liveness);
    ws.on("pong", () => {
      liveness.alive = true;
    });
    const send = (text: string) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > maxSendBuffer) {
        this.logger.warn(
          { remoteAddress, buffered: ws.bufferedAmount },
          "RPC client not reading; disconnecting",
        );
        ws.terminate();
        return;
      }
      ws.send(text);
    };
    const conn = new RpcConnection({
      transport: "ws",
      remoteAddress,
      send,
      maxSubscriptions: this.limits.maxSubscriptionsPerConnection,
      logger: this.logger,
    });
    this.logger.debug({ remoteAddress }, "RPC connection opened");

    let inFlight = 0;
    const finished = () => {
      inFlight--;
      if (ws.isPaused && inFlight <= maxInFlightPerConnection / 2) ws.resume();
    };
    ws.on("message", (data: RawData) => {
      liveness.alive = true;
      const size = rawSize(data);
      if (size > maxMessageSize) {
        send(errorText(null, ErrorCode.OversizedRequest, exceededLimit(maxMessageSize)));
        return;
      }
      inFlight++;
      if (inFlight >= maxInFlightPerConnection && !ws.isPaused) ws.pause();
      this.#dispatcher.handle(rawText(data), conn, send).then(finished, (err) => {
        this.logger.error({ err }, "RPC dispatch failed");
        finished();
      });
    });
    ws.on("error", (err) => this.logger.debug({ err, remoteAddress }, "RPC WebSocket error"));
    ws.on("close", (code) => {
      this.#sockets.delete(ws);
      conn.close();
      this.logger.debug({ remoteAddress, code }, "RPC connection closed");
    });
  }
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function rawSize(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data.byteLength;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}

/** Answers an upgrade the server will not take with a plain HTTP status, then closes the socket. */
function refuse(socket: Duplex, status: number, reason: string, body: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
