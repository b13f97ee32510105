// One client connection of the RPC server: how to send to it, its live subscriptions, and the rule that a
// subscription's notifications never overtake the reply that tells the client its id.

import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { ErrorCode, exceededLimit, RpcError } from "./errors.ts";
import type { CallContext, StopFunction, SubscriptionContext, SubscriptionSpec } from "./registry.ts";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Largest multiple of 62 that fits a byte: bytes at or above it are dropped so every character is equally likely. */
const UNBIASED_BELOW = 248;

/** A random 16-character alphanumeric id, the shape Substrate gives subscription ids. */
export function newSubscriptionId(): string {
  let id = "";
  while (id.length < 16) {
    for (const byte of randomBytes(24)) {
      if (byte >= UNBIASED_BELOW) continue;
      id += ALPHANUMERIC[byte % 62];
      if (id.length === 16) break;
    }
  }
  return id;
}

/** The JSON text of a subscription push: no `id` member, as clients tell pushes from replies by it. */
export function notificationText(method: string, subscription: string, result: unknown): string {
  const payload = JSON.stringify(result) ?? "null";
  return `{"jsonrpc":"2.0","method":${JSON.stringify(method)},"params":{"subscription":"${subscription}","result":${payload}}}`;
}

export interface ConnectionOptions {
  transport: "ws" | "http";
  remoteAddress: string | undefined;
  /** Writes one message to the client; HTTP connections have none and cannot subscribe. */
  send?: (text: string) => void;
  maxSubscriptions: number;
  logger: Logger;
}

export class RpcConnection {
  readonly context: CallContext;
  readonly subscriptions = new Map<string, Subscription>();
  readonly logger: Logger;
  readonly #send: ((text: string) => void) | undefined;
  readonly #maxSubscriptions: number;
  #closed = false;

  constructor(options: ConnectionOptions) {
    this.context = { transport: options.transport, remoteAddress: options.remoteAddress };
    this.#send = options.send;
    this.#maxSubscriptions = options.maxSubscriptions;
    this.logger = options.logger;
  }

  get canSubscribe(): boolean {
    return this.#send !== undefined;
  }

  get closed(): boolean {
    return this.#closed;
  }

  send(text: string): void {
    if (!this.#closed) this.#send?.(text);
  }

  /**
   * Runs the spec's `start`. The subscription holds back what it emits until {@link Subscription.activate},
   * which the dispatcher calls once the subscribe reply is written.
   */
  async subscribe(spec: SubscriptionSpec, params: unknown[]): Promise<Subscription> {
    if (this.subscriptions.size >= this.#maxSubscriptions) {
      throw RpcError.standard(ErrorCode.TooManySubscriptions, exceededLimit(this.#maxSubscriptions));
    }
    let id = newSubscriptionId();
    while (this.subscriptions.has(id)) id = newSubscriptionId();
    const sub = new Subscription(id, spec, this);
    this.subscriptions.set(id, sub);
    let stop: StopFunction | undefined;
    try {
      stop = await spec.start(params, sub.emit, sub.context);
    } catch (err) {
      sub.abandon();
      throw err;
    }
    sub.started(stop);
    return sub;
  }

  /** Ends the subscription `id` if this connection holds it and it belongs to `spec`'s family. */
  unsubscribe(id: unknown, spec: SubscriptionSpec): boolean {
    if (typeof id !== "string") return false;
    const sub = this.subscriptions.get(id);
    if (sub === undefined || sub.spec !== spec) return false;
    sub.end();
    return true;
  }

  /** The socket is gone: every subscription's stop function runs, later sends are dropped. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const sub of [...this.subscriptions.values()]) sub.end();
  }
}

export class Subscription {
  readonly context: SubscriptionContext;
  #state: "starting" | "live" | "ended" = "starting";
  #queue: string[] = [];
  #stop: StopFunction | undefined;
  #startReturned = false;
  #closeWhenLive = false;

  constructor(
    readonly id: string,
    readonly spec: SubscriptionSpec,
    readonly connection: RpcConnection,
  ) {
    const { transport, remoteAddress } = connection.context;
    this.context = { transport, remoteAddress, id, close: () => this.#serverClose() };
  }

  get state(): "starting" | "live" | "ended" {
    return this.#state;
  }

  readonly emit = (result: unknown): void => {
    if (this.#state === "ended") return;
    let text: string;
    try {
      // Serialised now, so a payload object the producer mutates later is sent as it was when emitted.
      text = notificationText(this.spec.notification, this.id, result);
    } catch (err) {
      this.connection.logger.error(
        { err, notification: this.spec.notification },
        "RPC notification not serialisable",
      );
      return;
    }
    if (this.#state === "starting") this.#queue.push(text);
    else this.connection.send(text);
  };

  /** `start` returned; if the subscription already ended meanwhile, stop it now. */
  started(stop: StopFunction | undefined): void {
    this.#startReturned = true;
    this.#stop = typeof stop === "function" ? stop : undefined;
    if (this.#state === "ended") this.#runStop();
  }

  /** The subscribe reply has been written: flush what was emitted before it and go live. */
  activate(): void {
    if (this.#state !== "starting") return;
    this.#state = "live";
    const queued = this.#queue;
    this.#queue = [];
    for (const text of queued) this.connection.send(text);
    if (this.#closeWhenLive) this.end();
  }

  end(): void {
    if (this.#state === "ended") return;
    this.#state = "ended";
    this.#queue = [];
    if (this.connection.subscriptions.get(this.id) === this) this.connection.subscriptions.delete(this.id);
    if (this.#startReturned) this.#runStop();
  }

  /** `start` threw: the subscription never existed, so there is nothing to stop. */
  abandon(): void {
    this.#state = "ended";
    this.#queue = [];
    if (this.connection.subscriptions.get(this.id) === this) this.connection.subscriptions.delete(this.id);
  }

  #serverClose(): void {
    if (this.#state === "starting") this.#closeWhenLive = true;
    else this.end();
  }

  #runStop(): void {
    const stop = this.#stop;
    this.#stop = undefined;
    if (stop === undefined) return;
    const log = (err: unknown) =>
      this.connection.logger.error(
        { err, subscription: this.spec.subscribe[0] },
        "RPC subscription stop failed",
      );
    try {
      const done = stop();
      if (done !== undefined && typeof (done as Promise<void>).then === "function") {
        (done as Promise<void>).then(undefined, log);
      }
    } catch (err) {
      log(err);
    }
  }
}
