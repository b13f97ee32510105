// @opentao/node: block production, transaction pool, block store, JSON-RPC (HTTP + WebSocket), follower sync.
export * from "./chain/index.ts";
export * from "./rpc/index.ts";
export * from "./service/index.ts";
export * from "./store/index.ts";
