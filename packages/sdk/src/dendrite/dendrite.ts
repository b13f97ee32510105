// The dendrite: signs synapses and sends them to axons over HTTP (undici), as bittensor 10.2's dendrite does —
// headers, nonce, signature, timeout → 408, failures → Python's codes — plus streaming synapses.

import { randomUUID } from "node:crypto";
import { Agent, type Dispatcher, request, errors as undiciErrors } from "undici";
import { ForwardQueue } from "../axon/forwardQueue.ts";
import type { Signer } from "../axon/signer.ts";
import { BT_VERSION, nowNs, signatureMessage } from "../axon/verify.ts";
import {
  bodyHash,
  copySynapse,
  DEFAULT_TIMEOUT,
  emptyTerminalInfo,
  PY_REQUEST_JSON,
  parseHeaderInputs,
  parsePyJson,
  type StreamingHooks,
  type Synapse,
  type SynapseFields,
  type SynapseType,
  synapseToHeaders,
  synapseToJson,
  terminalInfoFrom,
} from "../synapse/index.ts";
import {
  applyFailure,
  DendriteError,
  type FailureKind,
  processServerResponse,
  readJsonBody,
} from "./response.ts";

/** Where an axon is: the chain's AxonInfo (ip as text). */
export interface AxonTarget {
  readonly ip: string;
  readonly port: number;
  readonly hotkey: string;
}

export interface DendriteOptions {
  readonly signer: Signer;
  /** Sent as `bt_header_dendrite_ip`; a target with this ip is called at 0.0.0.0, as Python does. */
  readonly externalIp?: string;
  /** Defaults to a fresh UUID, constant for the dendrite's life. */
  readonly uuid?: string;
  /** Calls in flight at once (aiohttp's default connector limit is 100). */
  readonly maxConcurrency?: number;
  /** An undici dispatcher to send through; by default the dendrite owns a keep-alive Agent. */
  readonly dispatcher?: Dispatcher;
}

export interface CallOptions {
  /** Seconds for the whole call, queueing included; Python's default 12. */
  readonly timeout?: number;
}

export type StreamItem<S extends SynapseFields, T> =
  | { readonly kind: "chunk"; readonly value: T }
  | { readonly kind: "synapse"; readonly synapse: Synapse<S> };

const DEFAULT_CONCURRENCY = 100;

export class Dendrite {
  readonly uuid: string;
  readonly #signer: Signer;
  readonly #externalIp: string | undefined;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #slots: ForwardQueue;
  #lastNonce = 0n;
  // Idle uuids ("lanes") per target axon; see #takeLane.
  readonly #idleLanes = new Map<string, string[]>();

  constructor(opts: DendriteOptions) {
    this.#signer = opts.signer;
    this.#externalIp = opts.externalIp;
    this.uuid = opts.uuid ?? randomUUID();
    const limit = opts.maxConcurrency ?? DEFAULT_CONCURRENCY;
    this.#slots = new ForwardQueue(limit);
    this.#ownsDispatcher = opts.dispatcher === undefined;
    this.#dispatcher = opts.dispatcher ?? new Agent({ connections: limit, keepAliveTimeout: 4_000 });
  }

  get hotkey(): string {
    return this.#signer.ss58Address;
  }

  /** Closes the connections this dendrite opened. */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  /**
   * Nanoseconds now, but always above the last one: concurrent calls would otherwise share a nonce
   * and the axon would reject all but the first.
   */
  nextNonce(): bigint {
    const now = nowNs();
    this.#lastNonce = now > this.#lastNonce ? now : this.#lastNonce + 1n;
    return this.#lastNonce;
  }

  /**
   * A uuid to send under. The axon keeps the last nonce per `<hotkey>:<uuid>` and rejects any nonce not
   * above it, so two calls in flight to one axon under one uuid can fail if the later-signed one arrives
   * first (Python's dendrite has this race). Each call in flight to a target therefore takes its own lane:
   * the dendrite's uuid when idle, extra uuids only while calls overlap. Sequential use looks like Python's.
   */
  #takeLane(target: AxonTarget): { uuid: string; release: () => void } {
    const key = `${target.ip}:${target.port}:${target.hotkey}`;
    let idle = this.#idleLanes.get(key);
    if (!idle) {
      idle = [this.uuid];
      this.#idleLanes.set(key, idle);
    }
    const lanes = idle;
    const own = lanes.indexOf(this.uuid);
    const uuid = own >= 0 ? lanes.splice(own, 1)[0] : (lanes.pop() ?? randomUUID());
    return { uuid, release: () => lanes.push(uuid) };
  }

  /**
   * `Dendrite.preprocess_synapse_for_request`: timeout, terminal info of both ends, nonce and signature,
   * written into `synapse`.
   */
  prepare<S extends SynapseFields>(
    type: SynapseType<S>,
    target: AxonTarget,
    synapse: Synapse<S>,
    timeout: number,
    uuid: string = this.uuid,
  ) {
    synapse.timeout = timeout;
    synapse.dendrite = {
      ...emptyTerminalInfo(),
      ip: this.#externalIp ?? null,
      version: BT_VERSION,
      nonce: this.nextNonce(),
      uuid,
      hotkey: this.hotkey,
    };
    synapse.axon = { ...emptyTerminalInfo(), ip: target.ip, port: target.port, hotkey: target.hotkey };
    const message = signatureMessage({
      nonce: synapse.dendrite.nonce,
      dendriteHotkey: synapse.dendrite.hotkey,
      axonHotkey: target.hotkey,
      uuid,
      bodyHash: bodyHash(type, synapse),
    });
    const signature = this.#signer.sign(new TextEncoder().encode(message));
    synapse.dendrite.signature = `0x${Buffer.from(signature).toString("hex")}`;
  }

  /** The URL Python builds: `0.0.0.0` for our own external ip; IPv6 literals bracketed (Python forgets to). */
  url(target: AxonTarget, name: string): string {
    const host =
      this.#externalIp !== undefined && target.ip === this.#externalIp
        ? "0.0.0.0"
        : target.ip.includes(":")
          ? `[${target.ip}]`
          : target.ip;
    return `http://${host}:${target.port}/${name}`;
  }

  /**
   * Sends one synapse to one axon and folds the answer into it (the synapse is modified and returned, as in
   * Python). Never throws for network or protocol failures: they land in `synapse.dendrite.statusCode`.
   */
  async call<S extends SynapseFields>(
    type: SynapseType<S>,
    target: AxonTarget,
    synapse: Synapse<S>,
    options: CallOptions = {},
  ): Promise<Synapse<S>> {
    const started = performance.now();
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    synapse.timeout = timeout;
    const deadline = deadlineSignal(timeout);
    let release: (() => void) | undefined;
    let lane: { uuid: string; release: () => void } | undefined;
    let phase: Phase = "send";
    try {
      release = await this.#slots.acquire(0, Number.POSITIVE_INFINITY, deadline.signal);
      // Signed only now, so the nonce is as fresh as the send.
      lane = this.#takeLane(target);
      this.prepare(type, target, synapse, timeout, lane.uuid);
      const res = await this.#send(type, target, synapse, deadline.signal);
      phase = "body";
      const text = await res.body.text();
      phase = "process";
      const json = readJsonBody(header(res.headers, "content-type"), text, parsePyJson);
      processServerResponse(type, res.statusCode, json, res.headers, synapse);
      synapse.dendrite = { ...synapse.dendrite, processTime: (performance.now() - started) / 1000 };
    } catch (e) {
      const [kind, detail] = classify(e, deadline.timedOut(), phase);
      if (!lane) this.prepare(type, target, synapse, timeout);
      applyFailure(synapse, kind, detail, type.name);
    } finally {
      lane?.release();
      release?.();
      deadline.clear();
    }
    return synapse;
  }

  /** Python's `dendrite.forward(axons, synapse)`: a copy per axon, all concurrently, answers in order. */
  forward<S extends SynapseFields>(
    type: SynapseType<S>,
    targets: readonly AxonTarget[],
    synapse: Synapse<S>,
    options: CallOptions = {},
  ): Promise<Synapse<S>[]> {
    return Promise.all(targets.map((t) => this.call(type, t, copySynapse(synapse), options)));
  }

  /** `forward` then the type's `deserialize` (Python's `dendrite.query(..., deserialize=True)`). */
  async query<S extends SynapseFields, R>(
    type: SynapseType<S, R>,
    targets: readonly AxonTarget[],
    synapse: Synapse<S>,
    options: CallOptions = {},
  ): Promise<R[]> {
    return (await this.forward(type, targets, synapse, options)).map((s) => type.deserialize(s));
  }

  /**
   * Python's `call_stream`: yields the type's processed chunks as they arrive, then, last, the synapse
   * (built from `extractResponseJson`). The whole stream is bounded by the timeout. A non-200 answer
   * yields no chunks: its JSON error goes straight into the synapse.
   */
  async *stream<S extends SynapseFields, T>(
    type: SynapseType<S, unknown, T>,
    target: AxonTarget,
    synapse: Synapse<S>,
    options: CallOptions = {},
  ): AsyncGenerator<StreamItem<S, T>, void, undefined> {
    const started = performance.now();
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    const hooks = (type.streaming ?? textStreaming<S>()) as StreamingHooks<S, T>;
    synapse.timeout = timeout;
    const deadline = deadlineSignal(timeout);
    let release: (() => void) | undefined;
    let lane: { uuid: string; release: () => void } | undefined;
    let res: Dispatcher.ResponseData | undefined;
    let phase: Phase = "send";
    try {
      try {
        release = await this.#slots.acquire(0, Number.POSITIVE_INFINITY, deadline.signal);
        lane = this.#takeLane(target);
        this.prepare(type, target, synapse, timeout, lane.uuid);
        res = await this.#send(type, target, synapse, deadline.signal);
        phase = "body";
        if (res.statusCode !== 200) {
          const text = await res.body.text();
          phase = "process";
          const json = readJsonBody(header(res.headers, "content-type"), text, parsePyJson);
          processServerResponse(type, res.statusCode, json, res.headers, synapse);
        } else {
          const body = res.body as AsyncIterable<Uint8Array>;
          for await (const value of hooks.processStreamingResponse(synapse, body)) {
            yield { kind: "chunk", value };
          }
          phase = "process";
          const flat = flatHeaders(res.headers);
          processServerResponse(type, 200, hooks.extractResponseJson(synapse, flat), flat, synapse);
        }
        synapse.dendrite = { ...synapse.dendrite, processTime: (performance.now() - started) / 1000 };
      } catch (e) {
        const [kind, detail] = classify(e, deadline.timedOut(), phase);
        if (!lane) this.prepare(type, target, synapse, timeout);
        applyFailure(synapse, kind, detail, type.name);
      }
      yield { kind: "synapse", synapse };
    } finally {
      res?.body.destroy();
      lane?.release();
      release?.();
      deadline.clear();
    }
  }

  #send<S extends SynapseFields>(
    type: SynapseType<S>,
    target: AxonTarget,
    synapse: Synapse<S>,
    signal: AbortSignal,
  ) {
    const body = synapseToJson(type, synapse, PY_REQUEST_JSON);
    const headers = synapseToHeaders(type, synapse, { totalSize: Buffer.byteLength(body) });
    return request(this.url(target, type.name), {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body,
      signal,
      dispatcher: this.#dispatcher,
    });
  }
}

/** The default for a streaming type without hooks: UTF-8 text chunks; the synapse comes from headers. */
export function textStreaming<S extends SynapseFields>(): StreamingHooks<S, string> {
  return {
    async *processStreamingResponse(_synapse, chunks) {
      const decoder = new TextDecoder();
      for await (const chunk of chunks) {
        const text = decoder.decode(chunk, { stream: true });
        if (text) yield text;
      }
      const rest = decoder.decode();
      if (rest) yield rest;
    },
    extractResponseJson: responseJsonFromHeaders,
  };
}

/**
 * The usual `extract_response_json`: base fields and terminals from the response headers, the subclass
 * fields as the synapse now holds them.
 */
export function responseJsonFromHeaders<S extends SynapseFields>(
  synapse: Synapse<S>,
  headers: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const h = parseHeaderInputs(headers);
  const out: Record<string, unknown> = { ...synapse };
  out.name = synapse.name;
  out.timeout = h.timeout ?? synapse.timeout;
  out.total_size = h.totalSize ?? 0;
  out.header_size = h.headerSize ?? 0;
  out.dendrite = wireTerminal(h.dendrite);
  out.axon = wireTerminal(h.axon);
  for (const k of ["totalSize", "headerSize", "computedBodyHash"]) delete out[k];
  return out;
}

function wireTerminal(raw: Record<string, string>): Record<string, unknown> {
  // Validate now so a bad header fails here (→ 422) rather than deep inside the 200 path.
  terminalInfoFrom(raw, "terminal");
  return raw;
}

function header(h: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function deadlineSignal(seconds: number) {
  const controller = new AbortController();
  let fired = false;
  const ms = Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : 2 ** 31 - 1;
  const timer = setTimeout(
    () => {
      fired = true;
      controller.abort(new DendriteError(408, "timeout"));
    },
    Math.min(ms, 2 ** 31 - 1),
  );
  return { signal: controller.signal, timedOut: () => fired, clear: () => clearTimeout(timer) };
}

const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

type Phase = "send" | "body" | "process";

/**
 * Maps a failure to aiohttp's exception families (DENDRITE_ERROR_MAPPING): refused → 503, our deadline →
 * 408, cut off while reading the body → 400, dropped before answering → 503, a bad answer → 422.
 */
function classify(e: unknown, timedOut: boolean, phase: Phase): [FailureKind, string] {
  if (timedOut) return ["timeout", "timeout"];
  const err = e as { code?: string; message?: string; cause?: { code?: string } } | undefined;
  const message = err?.message ?? String(e);
  if (phase === "process" || e instanceof DendriteError) return ["parse", message];
  if (phase === "body") return ["payload", message];
  const code = err?.code ?? err?.cause?.code;
  if (code && CONNECT_CODES.has(code)) return ["connect", message];
  if (e instanceof undiciErrors.SocketError || code === "ECONNRESET" || code === "EPIPE") {
    return ["disconnected", "Server disconnected"];
  }
  if (e instanceof undiciErrors.UndiciError) return ["client", message];
  return ["parse", message];
}
