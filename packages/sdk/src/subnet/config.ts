// Neuron configuration as the Python SDK and subnet template take it: dotted flags (`--wallet.name`,
// `--subtensor.chain_endpoint`, `--axon.port`, `--netuid`, `--neuron.sample_size`, …) over BT_* environment
// variables over defaults. Flags win; an environment variable replaces only the default.

import { homedir } from "node:os";
import { join } from "node:path";

export interface NeuronConfig {
  netuid: number;
  wallet: { name: string; hotkey: string; path: string };
  subtensor: { network: string; chain_endpoint: string };
  axon: {
    port: number;
    ip: string;
    external_ip: string | undefined;
    external_port: number | undefined;
    max_workers: number;
  };
  neuron: {
    /** Miners queried per validator step (template: 50). */
    sample_size: number;
    /** EMA factor of validator scores (template: 0.1). */
    moving_average_alpha: number;
    /** Dendrite timeout, seconds. */
    timeout: number;
    /** Blocks between weight settings at least (template: 100); the chain's rate limit also applies. */
    epoch_length: number;
    /** Blacklist callers without a validator permit (template: force_validator_permit). */
    force_validator_permit: boolean;
    /** Allow callers whose hotkey is not registered on the subnet (template: allow_non_registered). */
    allow_non_registered: boolean;
    /** Minimum stake (TAO-weighted, in TAO) a caller needs. */
    min_stake: number;
  };
  logging: { debug: boolean; trace: boolean };
}

type Kind = "string" | "int" | "float" | "bool";
interface Spec {
  readonly env?: string;
  readonly kind: Kind;
  readonly def: (env: NodeJS.ProcessEnv) => unknown;
}

const NETWORKS: Record<string, string> = {
  finney: "wss://entrypoint-finney.opentensor.ai:443",
  test: "wss://test.finney.opentensor.ai:443",
  archive: "wss://archive.chain.opentensor.ai:443",
  local: "ws://127.0.0.1:9944",
};

const SPECS: Record<string, Spec> = {
  netuid: { env: "BT_NETUID", kind: "int", def: () => 1 },
  "wallet.name": { env: "BT_WALLET_NAME", kind: "string", def: () => "default" },
  "wallet.hotkey": { env: "BT_WALLET_HOTKEY", kind: "string", def: () => "default" },
  "wallet.path": {
    env: "BT_WALLET_PATH",
    kind: "string",
    def: () => join(homedir(), ".bittensor", "wallets"),
  },
  "subtensor.network": { env: "BT_SUBTENSOR_NETWORK", kind: "string", def: () => "local" },
  "subtensor.chain_endpoint": { env: "BT_SUBTENSOR_CHAIN_ENDPOINT", kind: "string", def: () => undefined },
  "axon.port": { env: "BT_AXON_PORT", kind: "int", def: () => 8091 },
  "axon.ip": { env: "BT_AXON_IP", kind: "string", def: () => "0.0.0.0" },
  "axon.external_ip": { env: "BT_AXON_EXTERNAL_IP", kind: "string", def: () => undefined },
  "axon.external_port": { env: "BT_AXON_EXTERNAL_PORT", kind: "int", def: () => undefined },
  "axon.max_workers": { env: "BT_AXON_MAX_WORKERS", kind: "int", def: () => 10 },
  "neuron.sample_size": { kind: "int", def: () => 50 },
  "neuron.moving_average_alpha": { kind: "float", def: () => 0.1 },
  "neuron.timeout": { kind: "float", def: () => 10 },
  "neuron.epoch_length": { kind: "int", def: () => 100 },
  "neuron.force_validator_permit": { kind: "bool", def: () => true },
  "neuron.allow_non_registered": { kind: "bool", def: () => false },
  "neuron.min_stake": { kind: "float", def: () => 0 },
  "logging.debug": { env: "BT_LOGGING_DEBUG", kind: "bool", def: () => false },
  "logging.trace": { env: "BT_LOGGING_TRACE", kind: "bool", def: () => false },
};

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function parse(key: string, kind: Kind, text: string): unknown {
  if (kind === "string") return text;
  if (kind === "bool") {
    const t = text.toLowerCase();
    if (["1", "true", "yes", "on", ""].includes(t)) return true;
    if (["0", "false", "no", "off"].includes(t)) return false;
    throw new ConfigError(`--${key}: expected a boolean, got ${JSON.stringify(text)}`);
  }
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || (kind === "int" && !Number.isInteger(n)))
    throw new ConfigError(
      `--${key}: expected ${kind === "int" ? "an integer" : "a number"}, got ${JSON.stringify(text)}`,
    );
  return n;
}

/**
 * Reads the configuration from argv (`--key value`, `--key=value`, bare `--flag` for booleans,
 * `--no-flag`, underscores or dashes alike) and the environment. Unknown flags are returned in `rest`
 * for the subnet's own options.
 */
export function neuronConfig(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): { config: NeuronConfig; rest: string[] } {
  const values = new Map<string, unknown>();
  for (const [key, spec] of Object.entries(SPECS)) {
    const fromEnv = spec.env ? env[spec.env] : undefined;
    values.set(key, fromEnv !== undefined ? parse(key, spec.kind, fromEnv) : spec.def(env));
  }
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      rest.push(arg);
      continue;
    }
    const [rawKey, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const negated = rawKey.startsWith("no-") || rawKey.startsWith("no_");
    const key = (negated ? rawKey.slice(3) : rawKey).replace(/-/g, "_");
    const spec = SPECS[key];
    if (!spec) {
      rest.push(arg);
      if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--"))
        rest.push(argv[++i]!);
      continue;
    }
    if (spec.kind === "bool") {
      const next = argv[i + 1];
      const explicit =
        inline ??
        (next !== undefined && /^(true|false|yes|no|0|1|on|off)$/i.test(next) ? argv[++i] : undefined);
      const v = explicit === undefined ? true : (parse(key, "bool", explicit) as boolean);
      values.set(key, negated ? !v : v);
      continue;
    }
    const text = inline ?? argv[++i];
    if (text === undefined) throw new ConfigError(`--${key} needs a value`);
    values.set(key, parse(key, spec.kind, text));
  }
  const get = <T>(k: string) => values.get(k) as T;
  const network = get<string>("subtensor.network");
  const endpoint =
    get<string | undefined>("subtensor.chain_endpoint") ??
    NETWORKS[network] ??
    (network.includes("://") ? network : undefined);
  if (!endpoint)
    throw new ConfigError(`unknown network ${JSON.stringify(network)}: give --subtensor.chain_endpoint`);
  const config: NeuronConfig = {
    netuid: get("netuid"),
    wallet: { name: get("wallet.name"), hotkey: get("wallet.hotkey"), path: get("wallet.path") },
    subtensor: { network, chain_endpoint: endpoint },
    axon: {
      port: get("axon.port"),
      ip: get("axon.ip"),
      external_ip: get("axon.external_ip"),
      external_port: get("axon.external_port"),
      max_workers: get("axon.max_workers"),
    },
    neuron: {
      sample_size: get("neuron.sample_size"),
      moving_average_alpha: get("neuron.moving_average_alpha"),
      timeout: get("neuron.timeout"),
      epoch_length: get("neuron.epoch_length"),
      force_validator_permit: get("neuron.force_validator_permit"),
      allow_non_registered: get("neuron.allow_non_registered"),
      min_stake: get("neuron.min_stake"),
    },
    logging: { debug: get("logging.debug"), trace: get("logging.trace") },
  };
  if (config.neuron.moving_average_alpha < 0 || config.neuron.moving_average_alpha > 1)
    throw new ConfigError("--neuron.moving_average_alpha must be within [0, 1]");
  return { config, rest };
}
