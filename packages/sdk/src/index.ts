// @opentao/sdk: what miners, validators and apps are written with — wallets, chain client, metagraph,
// axon/dendrite/synapse and the subnet framework. Talks to any subtensor endpoint; never imports the runtime.
export * from "./axon/index.ts";
export * from "./balance/index.ts";
export * from "./chain/index.ts";
export * from "./dendrite/index.ts";
export * from "./keys/index.ts";
export * from "./metagraph/index.ts";
export * from "./subnet/index.ts";
export * from "./synapse/index.ts";
export * from "./wallet/index.ts";
