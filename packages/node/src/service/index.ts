// The running node: store, producer, sealing and JSON-RPC methods.
export { Node, type NodeOptions, type Sealing } from "./node.ts";
export { stateCall } from "./runtimeApi.ts";
