// @opentao/runtime: the chain's state-transition function — pure, deterministic, exact, no I/O.
export * from "./epoch/index.ts";
