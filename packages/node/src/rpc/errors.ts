// JSON-RPC error values: the standard codes, the server codes Substrate's jsonrpsee uses (clients already
// know them), and the RpcError that method handlers throw so a code, message and data reach the client as is.

/** Error codes with the messages Substrate's server sends for them. */
export const ErrorCode = {
  /** The text is not JSON. */
  ParseError: -32700,
  /** JSON, but not a JSON-RPC request object. */
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  /** Anything a handler throws that is not an RpcError. */
  InternalError: -32603,
  TooManySubscriptions: -32006,
  OversizedRequest: -32007,
  OversizedResponse: -32008,
} as const;

export const ErrorMessage: Readonly<Record<number, string>> = {
  [ErrorCode.ParseError]: "Parse error",
  [ErrorCode.InvalidRequest]: "Invalid request",
  [ErrorCode.MethodNotFound]: "Method not found",
  [ErrorCode.InvalidParams]: "Invalid params",
  [ErrorCode.InternalError]: "Internal error",
  [ErrorCode.TooManySubscriptions]: "Too many subscriptions on the connection",
  [ErrorCode.OversizedRequest]: "Request is too big",
  [ErrorCode.OversizedResponse]: "Response is too big",
};

/** The `error` member of a JSON-RPC response. */
export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/**
 * A protocol error for the client. Handlers throw it with the chain's code and wording (e.g.
 * `new RpcError(1010, "Invalid Transaction", "Custom error: 6")`); `data` is omitted from the reply when
 * undefined. Any other exception thrown by a handler reaches the client only as −32603.
 */
export class RpcError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    if (!Number.isSafeInteger(code)) throw new TypeError(`RpcError code must be an integer, got ${code}`);
    this.name = "RpcError";
    this.code = code;
    this.data = data;
  }

  /** −32602 with the standard message; `detail` says which parameter was wrong and why. */
  static invalidParams(detail?: unknown): RpcError {
    return new RpcError(ErrorCode.InvalidParams, ErrorMessage[ErrorCode.InvalidParams], detail);
  }

  /** One of the codes above with its standard message. */
  static standard(code: number, data?: unknown): RpcError {
    return new RpcError(code, ErrorMessage[code] ?? "Server error", data);
  }

  toJSON(): RpcErrorObject {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

/** jsonrpsee's wording for a size or count limit, kept so clients' error text reads the same. */
export function exceededLimit(limit: number): string {
  return `Exceeded max limit of ${limit}`;
}
