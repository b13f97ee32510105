// JSON-RPC 2.0 request handling independent of the transport: parsing, request validation, batches,
// dispatch to the registry, and error replies with the codes and wording Substrate clients expect.

import type { Logger } from "pino";
import type { RpcConnection, Subscription } from "./connection.ts";
import { ErrorCode, ErrorMessage, exceededLimit, RpcError, type RpcErrorObject } from "./errors.ts";
import type { RpcRegistry } from "./registry.ts";

type Id = string | number | null;

/** A reply carrying only an error, for input whose id could not be read. */
export function errorText(id: Id, code: number, data?: unknown): string {
  return responseError(id, RpcError.standard(code, data).toJSON());
}

function responseError(id: Id, error: RpcErrorObject): string {
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"error":${JSON.stringify(error)}}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class Dispatcher {
  constructor(
    readonly registry: RpcRegistry,
    readonly logger: Logger,
    /** Replies larger than this (bytes of JSON) are replaced by a −32008 error. */
    readonly maxResponseSize: number,
  ) {}

  /**
   * Answers one incoming message: a request, a notification or a batch. `reply` is called at most once
   * (not at all when everything in it was a notification). Subscriptions the message started are
   * activated only after `reply` returns, so their first notifications follow the reply with their id.
   */
  async handle(text: string, conn: RpcConnection, reply: (text: string) => void): Promise<void> {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      reply(errorText(null, ErrorCode.ParseError));
      return;
    }
    const started: Subscription[] = [];
    let out: string | undefined;
    if (Array.isArray(message)) {
      if (message.length === 0) {
        out = errorText(null, ErrorCode.InvalidRequest, "empty batch");
      } else {
        const parts = await Promise.all(message.map((request) => this.#call(request, conn, started)));
        const answers = parts.filter((p) => p !== undefined);
        if (answers.length > 0) out = `[${answers.join(",")}]`;
        if (out !== undefined && this.#tooBig(out)) {
          // The client will never learn these ids, so keeping the subscriptions would only leak them.
          for (const sub of started) sub.end();
          out = errorText(null, ErrorCode.OversizedResponse, exceededLimit(this.maxResponseSize));
        }
      }
    } else {
      out = await this.#call(message, conn, started);
    }
    if (out !== undefined) reply(out);
    for (const sub of started) sub.activate();
  }

  /** One request object; returns the reply text, or undefined for a notification. */
  async #call(request: unknown, conn: RpcConnection, started: Subscription[]): Promise<string | undefined> {
    if (!isRecord(request))
      return errorText(null, ErrorCode.InvalidRequest, "a request must be a JSON object");
    const hasId = Object.hasOwn(request, "id");
    const rawId = request.id;
    if (hasId && !(rawId === null || typeof rawId === "string" || typeof rawId === "number")) {
      return errorText(null, ErrorCode.InvalidRequest, "id must be a number, a string or null");
    }
    const id = (hasId ? rawId : null) as Id;
    if (request.jsonrpc !== "2.0") return errorText(id, ErrorCode.InvalidRequest, 'jsonrpc must be "2.0"');
    const method = request.method;
    if (typeof method !== "string") return errorText(id, ErrorCode.InvalidRequest, "method must be a string");

    let params: unknown[];
    const rawParams = request.params;
    if (rawParams === undefined || rawParams === null) params = [];
    else if (Array.isArray(rawParams)) params = rawParams.slice();
    else if (isRecord(rawParams)) {
      return hasId ? errorText(id, ErrorCode.InvalidParams, "params must be a positional array") : undefined;
    } else return errorText(id, ErrorCode.InvalidRequest, "params must be an array");

    // A server must not answer a notification (a request without id), not even with an error.
    const answer = (text: string) => (hasId ? text : undefined);

    const entry = this.registry.get(method);
    if (entry === undefined) return answer(errorText(id, ErrorCode.MethodNotFound));
    while (
      params.length > 0 &&
      (params[params.length - 1] === null || params[params.length - 1] === undefined)
    ) {
      params.pop();
    }
    if (params.length > entry.maxParams) {
      return answer(
        errorText(
          id,
          ErrorCode.InvalidParams,
          `Expected at most ${entry.maxParams} params, got ${params.length}`,
        ),
      );
    }
    if (params.length < entry.minParams) {
      return answer(
        errorText(
          id,
          ErrorCode.InvalidParams,
          `Expected at least ${entry.minParams} params, got ${params.length}`,
        ),
      );
    }

    switch (entry.kind) {
      case "call": {
        let result: unknown;
        try {
          result = await entry.handler(params, conn.context);
        } catch (err) {
          return answer(responseError(id, this.#errorObject(err, method)));
        }
        return hasId ? this.#resultText(id, result, method) : undefined;
      }
      case "subscribe": {
        if (!conn.canSubscribe) {
          return answer(
            errorText(id, ErrorCode.MethodNotFound, `${method} is a subscription and needs a WebSocket`),
          );
        }
        // Nobody could learn the id of a subscription started by a notification, so none is started.
        if (!hasId) return undefined;
        let sub: Subscription;
        try {
          sub = await conn.subscribe(entry.spec, params);
        } catch (err) {
          return responseError(id, this.#errorObject(err, method));
        }
        started.push(sub);
        return this.#resultText(id, sub.id, method);
      }
      case "unsubscribe": {
        if (!conn.canSubscribe) {
          return answer(
            errorText(id, ErrorCode.MethodNotFound, `${method} is a subscription and needs a WebSocket`),
          );
        }
        return answer(this.#resultText(id, conn.unsubscribe(params[0], entry.spec), method));
      }
    }
  }

  #errorObject(err: unknown, method: string): RpcErrorObject {
    if (err instanceof RpcError) {
      const error = err.toJSON();
      try {
        JSON.stringify(error);
        return error;
      } catch {
        this.logger.error({ method, code: err.code }, "RPC error data not serialisable");
        return { code: err.code, message: err.message };
      }
    }
    // The client gets no stack or message: they can carry paths and internals. The log keeps them.
    this.logger.error({ err, method }, "RPC method failed");
    return { code: ErrorCode.InternalError, message: ErrorMessage[ErrorCode.InternalError] };
  }

  #resultText(id: Id, result: unknown, method: string): string {
    let json: string;
    try {
      json = JSON.stringify(result) ?? "null";
    } catch (err) {
      this.logger.error({ err, method }, "RPC result not serialisable");
      return errorText(id, ErrorCode.InternalError);
    }
    if (this.#tooBig(json)) {
      this.logger.warn({ method, limit: this.maxResponseSize }, "RPC response over the size limit");
      return errorText(id, ErrorCode.OversizedResponse, exceededLimit(this.maxResponseSize));
    }
    return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${json}}`;
  }

  #tooBig(json: string): boolean {
    // UTF-8 takes at most 3 bytes per UTF-16 unit, so most replies are settled without counting bytes.
    if (json.length * 3 <= this.maxResponseSize) return false;
    return Buffer.byteLength(json) > this.maxResponseSize;
  }
}
