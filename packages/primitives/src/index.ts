// @opentao/primitives: numbers, units and encodings shared by the runtime, node and SDK; no chain logic.
export * from "./fixed/index.ts";
