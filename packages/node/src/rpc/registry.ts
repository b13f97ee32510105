// The method table of the RPC server: plain methods, subscription families and their aliases, and the
// built-in `rpc_methods` that lists every name (clients only call what it lists).

/** Where a call came from; handlers that must refuse outside callers (unsafe methods) look here. */
export interface CallContext {
  readonly transport: "ws" | "http";
  readonly remoteAddress: string | undefined;
}

/**
 * A method body. `params` are the request's positional params with trailing `null`s removed, so an
 * omitted optional param and an explicit `null` both arrive as `undefined` (`at = null` = best block).
 * The return value is sent as `result` (`undefined` becomes `null`); a throw becomes an error reply.
 */
export type MethodHandler = (params: unknown[], ctx: CallContext) => unknown;

export interface MethodOptions {
  /** Further names for the same method; all are listed by `rpc_methods`. */
  aliases?: readonly string[];
  /** Fewer params (after trimming trailing nulls) are rejected with −32602. Default 0. */
  minParams?: number;
  /** More params are rejected with −32602. Default: no limit. */
  maxParams?: number;
}

/** Pushes one notification; a no-op once the subscription has ended. */
export type Emit = (result: unknown) => void;

/** Ends a subscription: called once, on unsubscribe, server-side close, socket close or server close. */
export type StopFunction = () => void | Promise<void>;

export interface SubscriptionContext extends CallContext {
  /** The id returned to the client, as carried in `params.subscription` of every notification. */
  readonly id: string;
  /** Ends the subscription from the server side (e.g. after a terminal transaction status). */
  close(): void;
}

export interface SubscriptionSpec {
  /** Subscribe method names; the first is the canonical one, the rest are aliases. */
  subscribe: readonly string[];
  /** Unsubscribe method names (canonical first); each takes the subscription id, returns true/false. */
  unsubscribe: readonly string[];
  /** The `method` of every pushed notification, e.g. `chain_newHead`. */
  notification: string;
  minParams?: number;
  maxParams?: number;
  /**
   * Starts the subscription. It may emit at once, even before returning: those notifications are held
   * until the subscribe reply is written. A throw (e.g. an RpcError 1010 for an invalid transaction)
   * becomes the subscribe call's error reply and no subscription is created.
   */
  start(
    params: unknown[],
    emit: Emit,
    ctx: SubscriptionContext,
  ): StopFunction | undefined | Promise<StopFunction | undefined>;
}

interface Arity {
  readonly minParams: number;
  readonly maxParams: number;
}

export type RegistryEntry =
  | ({ readonly kind: "call"; readonly name: string; readonly handler: MethodHandler } & Arity)
  | ({ readonly kind: "subscribe"; readonly name: string; readonly spec: SubscriptionSpec } & Arity)
  | ({ readonly kind: "unsubscribe"; readonly name: string; readonly spec: SubscriptionSpec } & Arity);

export const RPC_METHODS = "rpc_methods";

/** Method names and what answers them. Registering a name twice is a programming error and throws. */
export class RpcRegistry {
  readonly #entries = new Map<string, RegistryEntry>();
  #listing: { version: 1; methods: string[] } | undefined;

  constructor() {
    this.register(RPC_METHODS, () => this.methods(), { maxParams: 0 });
  }

  register(name: string, handler: MethodHandler, options: MethodOptions = {}): void {
    if (typeof handler !== "function") throw new TypeError(`handler of ${name} is not a function`);
    const arity = checkArity(name, options.minParams, options.maxParams);
    for (const n of [name, ...(options.aliases ?? [])])
      this.#add({ kind: "call", name: n, handler, ...arity });
  }

  registerSubscription(spec: SubscriptionSpec): void {
    if (spec.subscribe.length === 0 || spec.unsubscribe.length === 0) {
      throw new TypeError("a subscription needs at least one subscribe and one unsubscribe name");
    }
    if (typeof spec.notification !== "string" || spec.notification === "") {
      throw new TypeError(`subscription ${spec.subscribe[0]} needs a notification name`);
    }
    if (typeof spec.start !== "function")
      throw new TypeError(`start of ${spec.subscribe[0]} is not a function`);
    const arity = checkArity(spec.subscribe[0], spec.minParams, spec.maxParams);
    for (const n of spec.subscribe) this.#add({ kind: "subscribe", name: n, spec, ...arity });
    for (const n of spec.unsubscribe)
      this.#add({ kind: "unsubscribe", name: n, spec, minParams: 1, maxParams: 1 });
  }

  get(name: string): RegistryEntry | undefined {
    return this.#entries.get(name);
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** What `rpc_methods` returns: every name and alias, sorted as Substrate sorts them. */
  methods(): { version: 1; methods: string[] } {
    this.#listing ??= { version: 1, methods: [...this.#entries.keys()].sort() };
    return { version: 1, methods: [...this.#listing.methods] };
  }

  #add(entry: RegistryEntry): void {
    if (typeof entry.name !== "string" || entry.name === "")
      throw new TypeError("method names must be non-empty");
    if (this.#entries.has(entry.name)) throw new Error(`RPC method ${entry.name} is already registered`);
    this.#entries.set(entry.name, entry);
    this.#listing = undefined;
  }
}

function checkArity(name: string, min = 0, max = Number.POSITIVE_INFINITY): Arity {
  if (
    !Number.isInteger(min) ||
    min < 0 ||
    !(max === Number.POSITIVE_INFINITY || Number.isInteger(max)) ||
    max < min
  ) {
    throw new TypeError(`bad parameter counts for ${name}: min ${min}, max ${max}`);
  }
  return { minParams: min, maxParams: max };
}
