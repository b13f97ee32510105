// The node's JSON-RPC 2.0 server (HTTP POST + WebSocket on one port) and its method registry; the
// chain_*, state_*, author_* methods are registered on it by the node, not defined here.
export { newSubscriptionId } from "./connection.ts";
export { ErrorCode, ErrorMessage, exceededLimit, RpcError, type RpcErrorObject } from "./errors.ts";
export {
  type CallContext,
  type Emit,
  type MethodHandler,
  type MethodOptions,
  RPC_METHODS,
  RpcRegistry,
  type StopFunction,
  type SubscriptionContext,
  type SubscriptionSpec,
} from "./registry.ts";
export {
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION,
  DEFAULT_MAX_MESSAGE_SIZE,
  DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION,
  DEFAULT_RPC_HOST,
  DEFAULT_RPC_PORT,
  RpcServer,
  type RpcServerOptions,
} from "./server.ts";
