// Subnet framework: protocol, miner and validator over a small chain interface, configured like the
// Python SDK (flags and BT_* variables).
export { defineProtocol, type SubnetChain, type WeightsResult } from "./chain.ts";
export { ConfigError, type NeuronConfig, neuronConfig } from "./config.ts";
export { Miner, type MinerOptions, type ServeHooks } from "./miner.ts";
export { type StepResult, Validator, type ValidatorOptions } from "./validator.ts";
