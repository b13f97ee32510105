// The axon: a fastify server answering Python dendrites and ours exactly as bittensor 10.2's axon does —
// route, headers, blacklist, verify (signature + nonce), priority, body hash, forward — codes and texts alike.

import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import {
  BaseSynapse,
  bodyHash,
  type HeaderSynapse,
  PY_RESPONSE_JSON,
  parsePyJson,
  pyFloatRepr,
  pyJsonString,
  pyRepr,
  type Synapse,
  type SynapseFields,
  type SynapseType,
  synapseFromDict,
  synapseFromHeaders,
  synapseToHeaders,
  synapseToJson,
} from "../synapse/index.ts";
import { ForwardQueue, QueueTimeoutError } from "./forwardQueue.ts";
import type { Signer } from "./signer.ts";
import { axonSignatureMessage, BT_VERSION, defaultVerify, NonceStore, nowNs } from "./verify.ts";

/** `[blacklisted, reason]`, as the Python hook returns it. */
export type BlacklistResult = readonly [boolean, string];
export type BlacklistFn<S extends SynapseFields> = (
  synapse: HeaderSynapse<S>,
) => BlacklistResult | Promise<BlacklistResult>;
/** Higher runs first when the forward queue is full. */
export type PriorityFn<S extends SynapseFields> = (synapse: HeaderSynapse<S>) => number | Promise<number>;
/** Replaces the default signature/nonce check; throw to answer 401. */
export type VerifyFn<S extends SynapseFields> = (synapse: HeaderSynapse<S>) => void | Promise<void>;

export interface ForwardContext {
  /** The TCP peer as the axon sees it. */
  readonly peer: { readonly ip: string; readonly port: number };
  /** The verified caller hotkey (SS58). */
  readonly hotkey: string | null;
  /** Aborted when the caller disconnects before the answer is sent. */
  readonly signal: AbortSignal;
}

/** A streaming answer: headers from `synapse` go out first, then every chunk of `body` as it comes. */
export interface StreamingReply<S extends SynapseFields> {
  readonly kind: "stream";
  readonly synapse: Synapse<S>;
  readonly body: AsyncIterable<string | Uint8Array>;
}

/** Python's `synapse.create_streaming_response(token_streamer)`. */
export function streamingReply<S extends SynapseFields>(
  synapse: Synapse<S>,
  body: AsyncIterable<string | Uint8Array>,
): StreamingReply<S> {
  return { kind: "stream", synapse, body };
}

export type ForwardResult<S extends SynapseFields> = Synapse<S> | StreamingReply<S> | undefined;
export type ForwardFn<S extends SynapseFields> = (
  synapse: Synapse<S>,
  context: ForwardContext,
) => ForwardResult<S> | Promise<ForwardResult<S>>;

export interface AttachOptions<S extends SynapseFields> {
  readonly blacklist?: BlacklistFn<S>;
  readonly priority?: PriorityFn<S>;
  readonly verify?: VerifyFn<S>;
}

export interface AxonOptions {
  readonly signer: Signer;
  /** Listening port; default `BT_AXON_PORT` or 8091; 0 picks a free one. */
  readonly port?: number;
  /** Bind address; default 0.0.0.0 as the Python axon. */
  readonly host?: string;
  /** What `info()` advertises (serve_axon); default `BT_AXON_EXTERNAL_IP` or the bind address. */
  readonly externalIp?: string;
  readonly externalPort?: number;
  /** Forward handlers running at once (the rest wait by priority); default 64. */
  readonly maxConcurrentForwards?: number;
  /** Larger bodies get 413; default 16 MiB (Python has no limit). */
  readonly maxBodyBytes?: number;
  /** Accept requests without `bt_header_dendrite_signature`, as Python does. Default false. */
  readonly allowUnsigned?: boolean;
  /** Where handler exceptions are reported (Python logs them); default console.error. */
  readonly onError?: (error: unknown, synapseName: string) => void;
}

/** `AxonInfo` fields for `serve_axon` and for dendrites. */
export interface AxonInfo {
  readonly version: number;
  readonly ip: string;
  readonly ipType: 4 | 6;
  readonly port: number;
  readonly hotkey: string;
  readonly protocol: 4;
}

interface Route {
  readonly type: SynapseType;
  readonly forward: ForwardFn<SynapseFields>;
  readonly blacklist?: BlacklistFn<SynapseFields>;
  readonly priority?: PriorityFn<SynapseFields>;
  readonly verify?: VerifyFn<SynapseFields>;
}

/** Per-request state between the pre-body checks (onRequest) and the handler. */
interface RequestState {
  readonly start: number;
  route?: Route;
  headerSynapse?: HeaderSynapse<SynapseFields>;
  priority: number;
}

declare module "fastify" {
  interface FastifyRequest {
    btState: RequestState | null;
  }
}

const DEFAULT_PORT = 8091;
const DEFAULT_MAX_BODY = 16 * 1024 * 1024;
const DEFAULT_CONCURRENCY = 64;
const HTTP_METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"];

export class Axon {
  readonly uuid: string = randomUUID();
  readonly nonces = new NonceStore();
  readonly #signer: Signer;
  readonly #routes = new Map<string, Route>();
  readonly #queue: ForwardQueue;
  readonly #opts: AxonOptions;
  readonly #app: FastifyInstance;
  #port: number;
  readonly #host: string;

  constructor(opts: AxonOptions) {
    this.#opts = opts;
    this.#signer = opts.signer;
    this.#port = opts.port ?? envInt("BT_AXON_PORT") ?? DEFAULT_PORT;
    this.#host = opts.host ?? "0.0.0.0";
    this.#queue = new ForwardQueue(opts.maxConcurrentForwards ?? DEFAULT_CONCURRENCY);
    this.#app = this.#buildApp(opts.maxBodyBytes ?? DEFAULT_MAX_BODY);
    // Every Python axon answers the base class as a ping.
    this.attach(BaseSynapse, (s) => s);
  }

  /** The underlying fastify instance (for `inject` in tests, or extra routes). */
  get app(): FastifyInstance {
    return this.#app;
  }

  get hotkey(): string {
    return this.#signer.ss58Address;
  }

  /** The bound port once started (the requested one before). */
  get port(): number {
    return this.#port;
  }

  /** Serves `type` at `/<type.name>` with `forward`; blacklist, priority and verify hooks are optional. */
  attach<S extends SynapseFields>(
    type: SynapseType<S>,
    forward: ForwardFn<S>,
    hooks: AttachOptions<S> = {},
  ): this {
    this.#routes.set(type.name, {
      type: type as unknown as SynapseType,
      forward: forward as unknown as ForwardFn<SynapseFields>,
      blacklist: hooks.blacklist as BlacklistFn<SynapseFields> | undefined,
      priority: hooks.priority as PriorityFn<SynapseFields> | undefined,
      verify: hooks.verify as VerifyFn<SynapseFields> | undefined,
    });
    return this;
  }

  async start(): Promise<this> {
    await this.#app.listen({ port: this.#port, host: this.#host });
    const addr = this.#app.server.address();
    if (addr && typeof addr === "object") this.#port = addr.port;
    return this;
  }

  /** Stops accepting, lets running requests finish, closes idle connections. */
  async stop(): Promise<void> {
    await this.#app.close();
  }

  info(): AxonInfo {
    const ip = this.#opts.externalIp ?? process.env.BT_AXON_EXTERNAL_IP ?? this.#host;
    return {
      version: BT_VERSION,
      ip,
      ipType: ip.includes(":") ? 6 : 4,
      port: this.#opts.externalPort ?? envInt("BT_AXON_EXTERNAL_PORT") ?? this.#port,
      hotkey: this.hotkey,
      protocol: 4,
    };
  }

  #buildApp(maxBodyBytes: number): FastifyInstance {
    const app = Fastify({
      logger: false,
      bodyLimit: maxBodyBytes,
      requestTimeout: 120_000,
      routerOptions: { maxParamLength: 8192, ignoreDuplicateSlashes: false },
      // A path fastify cannot decode: to Python's router it is just a synapse name it does not know.
      frameworkErrors: (_error, req, reply) => {
        const raw = (req.raw.url ?? "/").split("?")[0];
        this.#notFound(reply, raw.split("/")[1] ?? "", performance.now());
      },
    });
    app.removeAllContentTypeParsers();
    // The body hash check reads the raw body whatever its content type, as Python's does.
    app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
    app.decorateRequest("btState", null);
    app.addHook("onRequest", (req, reply) => this.#preBody(req, reply, maxBodyBytes));
    app.route({ method: HTTP_METHODS, url: "/*", handler: (req, reply) => this.#handle(req, reply) });
    app.setErrorHandler((err: FastifyError, req, reply) => this.#onError(err, req, reply));
    return app;
  }

  /** Route, headers, size, blacklist, verify, priority: everything Python checks before reading the body. */
  async #preBody(
    req: FastifyRequest,
    reply: FastifyReply,
    maxBodyBytes: number,
  ): Promise<FastifyReply | undefined> {
    const state: RequestState = { start: performance.now(), priority: 0 };
    req.btState = state;
    const name = requestName(req.url);
    const route = this.#routes.get(name);
    if (!route) return this.#notFound(reply, name, state.start);
    state.route = route;
    const type = route.type;
    let syn: HeaderSynapse<SynapseFields>;
    try {
      syn = synapseFromHeaders(type, req.headers);
    } catch {
      // Python raises SynapseParsingError (a plain Exception), so it is answered as a bare 500.
      return this.#fail(reply, BaseSynapse.create({}), BaseSynapse, 500, internalError(), state.start);
    }
    syn.name = type.name;
    syn.axon = { ...syn.axon, version: BT_VERSION, uuid: this.uuid, nonce: nowNs(), statusCode: 100 };
    const peer = peerOf(req);
    syn.dendrite = { ...syn.dendrite, port: peer.port, ip: peer.ip };
    state.headerSynapse = syn;

    const length = Number(req.headers["content-length"] ?? 0);
    if (length > maxBodyBytes) return this.#tooLarge(reply, state, maxBodyBytes);

    try {
      if (route.blacklist) {
        const [blacklisted, reason] = await route.blacklist(syn);
        if (blacklisted) {
          return this.#fail(reply, syn, type, 403, `Forbidden. Key is blacklisted: ${reason}.`, state.start);
        }
      }
      try {
        if (route.verify) await route.verify(syn);
        else {
          defaultVerify(syn, {
            store: this.nonces,
            axonHotkey: this.hotkey,
            allowUnsigned: this.#opts.allowUnsigned ?? false,
          });
        }
      } catch (e) {
        const detail = e instanceof Error ? e.message : String(e);
        return this.#fail(reply, syn, type, 401, `Not Verified with error: ${detail}`, state.start);
      }
      if (route.priority) state.priority = await route.priority(syn);
    } catch (e) {
      return this.#internal(reply, state, e);
    }
    return undefined;
  }

  async #handle(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const state = req.btState!;
    const route = state.route!;
    const type = route.type;
    const headerSyn = state.headerSynapse!;
    const path = decodePath(req.url.split("?")[0]);
    // Python's middleware accepted the first path segment; its router then wants the exact path.
    if (path !== `/${type.name}`) return sendJson(reply, 404, {}, '{"detail":"Not Found"}');
    if (!["GET", "POST", "HEAD"].includes(req.method)) {
      return sendJson(reply, 405, { allow: "GET, POST" }, '{"detail":"Method Not Allowed"}');
    }

    const aborted = new AbortController();
    reply.raw.on("close", () => {
      if (!reply.raw.writableFinished) aborted.abort(new Error("caller disconnected"));
    });
    let release: () => void;
    try {
      const timeoutS = headerSyn.timeout ?? 12;
      release = await this.#queue.acquire(state.priority, timeoutS * 1000, aborted.signal);
    } catch (e) {
      if (e instanceof QueueTimeoutError) {
        const t = headerSyn.timeout === null ? "None" : pyFloatRepr(headerSyn.timeout);
        return this.#fail(reply, headerSyn, type, 408, `Response timeout after: ${t}s`, state.start);
      }
      return reply.send(); // the caller went away while waiting: nobody reads this
    }
    let streaming = false;
    try {
      const synapse = this.#readBody(req, type, headerSyn);
      if (!synapse) return this.#internal(reply, state, undefined);
      const started = performance.now();
      let result: ForwardResult<SynapseFields>;
      try {
        result = await route.forward(synapse, {
          peer: peerOf(req),
          hotkey: headerSyn.dendrite.hotkey,
          signal: aborted.signal,
        });
      } catch (e) {
        (this.#opts.onError ?? defaultOnError)(e, type.name);
        return this.#internal(reply, state, e);
      }
      if (result && (result as StreamingReply<SynapseFields>).kind === "stream") {
        const s = result as StreamingReply<SynapseFields>;
        finishSynapse(s.synapse, started);
        const headers = synapseToHeaders(type, s.synapse);
        const stream = Readable.from(toBuffers(s.body));
        streaming = true;
        stream.once("close", release);
        reply.raw.once("close", () => stream.destroy());
        reply.headers(safeHeaders(headers)).code(200).header("content-type", "text/event-stream");
        return reply.send(stream);
      }
      const out = (result as Synapse<SynapseFields> | undefined) ?? synapse;
      finishSynapse(out, started);
      const status = out.axon.statusCode ?? 200;
      if (!Number.isInteger(status) || status < 100 || status > 999)
        return this.#internal(reply, state, undefined);
      const body = synapseToJson(type, out, PY_RESPONSE_JSON);
      const headers = synapseToHeaders(type, out, { totalSize: Buffer.byteLength(body) });
      return sendJson(reply, status, headers, body);
    } finally {
      if (!streaming) release();
    }
  }

  /** Body → synapse of the route's class → body-hash check; undefined where Python answers 500. */
  #readBody(req: FastifyRequest, type: SynapseType, headerSyn: HeaderSynapse<SynapseFields>) {
    const raw = req.body instanceof Buffer ? req.body : Buffer.alloc(0);
    let synapse: Synapse<SynapseFields>;
    try {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
      synapse = synapseFromDict(type, parsePyJson(text));
    } catch {
      return undefined;
    }
    const claimed = req.headers.computed_body_hash;
    if (bodyHash(type, synapse) !== (typeof claimed === "string" ? claimed : "")) return undefined;
    // The handler sees the caller's identity as verified from the headers, not as the body restates it.
    const d = headerSyn.dendrite;
    synapse.dendrite = {
      ...synapse.dendrite,
      hotkey: d.hotkey,
      nonce: d.nonce,
      uuid: d.uuid,
      signature: d.signature,
      version: d.version,
    };
    return synapse;
  }

  #notFound(reply: FastifyReply, name: string, start: number) {
    const available = pyRepr({ t: "list", v: [...this.#routes.keys()].map((v) => ({ t: "str", v })) });
    const message = `Synapse name '${name}' not found. Available synapses ${available}`;
    return this.#fail(reply, BaseSynapse.create({}), BaseSynapse, 404, message, start);
  }

  #tooLarge(reply: FastifyReply, state: RequestState, limit: number) {
    reply.header("connection", "close");
    const message = `Request body too large: the limit is ${limit} bytes`;
    return this.#failState(reply, state, 413, message);
  }

  #internal(reply: FastifyReply, state: RequestState, _error: unknown) {
    return this.#failState(reply, state, 500, internalError());
  }

  #failState(reply: FastifyReply, state: RequestState, status: number, message: string) {
    if (state.headerSynapse && state.route) {
      return this.#fail(reply, state.headerSynapse, state.route.type, status, message, state.start);
    }
    return this.#fail(reply, BaseSynapse.create({}), BaseSynapse, status, message, state.start);
  }

  /** Python's `log_and_handle_error` + `create_error_response`: `{"message": …}` and the synapse's headers. */
  #fail(
    reply: FastifyReply,
    syn: HeaderSynapse<SynapseFields>,
    type: SynapseType,
    status: number,
    message: string,
    start: number,
  ): FastifyReply {
    syn.axon = {
      ...syn.axon,
      statusCode: status,
      statusMessage: message,
      processTime: (performance.now() - start) / 1000,
    };
    if (syn.axon.uuid === this.uuid) {
      const text = axonSignatureMessage(syn.axon, syn.dendrite);
      syn.axon.signature = `0x${Buffer.from(this.#signer.sign(new TextEncoder().encode(text))).toString("hex")}`;
    }
    const body = `{"message":${pyJsonString(message, false)}}`;
    return sendJson(reply, status, synapseToHeaders(type, syn as Synapse<SynapseFields>), body);
  }

  #onError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
    const state = req.btState ?? { start: performance.now(), priority: 0 };
    if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return this.#tooLarge(reply, state, this.#app.initialConfig.bodyLimit ?? DEFAULT_MAX_BODY);
    }
    return this.#internal(reply, state, err);
  }
}

function sendJson(reply: FastifyReply, status: number, headers: Record<string, string>, body: string) {
  return reply
    .code(status)
    .headers(safeHeaders(headers))
    .header("content-type", "application/json")
    .send(Buffer.from(body, "utf8")); // a Buffer, so fastify appends no charset: Starlette sends none
}

/** Python's `request.url.path.split("/")[1]`, percent-decoded as Starlette's path is. */
function requestName(url: string): string {
  return decodePath(url.split("?")[0]).split("/")[1] ?? "";
}

function decodePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

function peerOf(req: FastifyRequest): { ip: string; port: number } {
  const ip = req.socket.remoteAddress ?? "";
  return { ip: ip.startsWith("::ffff:") ? ip.slice(7) : ip, port: req.socket.remotePort ?? 0 };
}

/** Python's axon stamps the synapse it returns: 200/Success unless the handler set otherwise. */
function finishSynapse(s: Synapse<SynapseFields>, started: number) {
  const axon = { ...s.axon };
  if (axon.statusCode === null) axon.statusCode = 200;
  if (axon.statusCode === 200 && !axon.statusMessage) axon.statusMessage = "Success";
  axon.processTime = (performance.now() - started) / 1000;
  s.axon = axon;
}

const internalError = () => `Internal Server Error #${randomUUID()}`;

// Node refuses header values outside tab/0x20–0xff; Python would crash on them, we replace them.
function safeHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k] = v.replace(/[^\t\x20-\x7e\x80-\xff]/g, "?");
  return out;
}

async function* toBuffers(body: AsyncIterable<string | Uint8Array>): AsyncGenerator<Buffer> {
  for await (const chunk of body)
    yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
}

function envInt(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}

function defaultOnError(error: unknown, name: string) {
  console.error(`axon: forward for ${name} raised`, error);
}
