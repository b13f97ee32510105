// Chain specs: JSON genesis configs a user can copy and edit (`--chain dev|local|PATH`), validated with
// errors that name the field, and turned into the genesis state the first block is built on. Pure: the node
// reads a user's file and hands the parsed JSON to `parseChainSpec`.

import { MemoryState } from "../frame/state.ts";
import { storage as balances, EXISTENTIAL_DEPOSIT } from "../pallets/balances/pallet.ts";
import type { EmissionRule } from "../pallets/subtensor/coinbase/flow.ts";
import { initRootNetwork } from "../pallets/subtensor/subnets/genesis.ts";
import { storage as sudo } from "../pallets/sudo/pallet.ts";
import { EXTRA_FLAGS_NEW_LOGIC, storage as system } from "../pallets/system/pallet.ts";
import { RUNTIME_CODE_KEY, runtimeCode } from "../runtime/definition.ts";
import type { RuntimeConfig } from "../runtime/executive.ts";
import devSpec from "./dev.json" with { type: "json" };
import localSpec from "./local.json" with { type: "json" };

export interface ChainSpec {
  name: string;
  id: string;
  chainType: "Development" | "Local" | "Live";
  properties: { ss58Format: number; tokenDecimals: number; tokenSymbol: string };
  runtime: RuntimeConfig;
  genesis: { sudo: Uint8Array | null; balances: Array<[Uint8Array, bigint]> };
}

export class ChainSpecError extends Error {
  override readonly name = "ChainSpecError";
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`chain spec ${field}: ${problem}`);
  }
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function str(v: unknown, f: string): string {
  if (typeof v !== "string" || v.length === 0) throw new ChainSpecError(f, "expected a non-empty string");
  return v;
}

function accountId(v: unknown, f: string): Uint8Array {
  if (typeof v !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(v))
    throw new ChainSpecError(f, "expected a 32-byte account id as 0x-prefixed hex");
  return new Uint8Array(Buffer.from(v.slice(2), "hex"));
}

function rao(v: unknown, f: string): bigint {
  if (typeof v !== "string" || !/^\d+$/.test(v))
    throw new ChainSpecError(f, "expected an amount in RAO as a decimal string");
  const x = BigInt(v);
  if (x >= 1n << 64n) throw new ChainSpecError(f, "amount does not fit in u64");
  return x;
}

function optionalBool(runtime: Record<string, unknown>, key: string): Record<string, boolean> {
  const v = runtime[key];
  if (v === undefined) return {};
  if (typeof v !== "boolean") throw new ChainSpecError(`runtime.${key}`, "expected true or false");
  return { [key]: v };
}

function tempo(v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 65535)
    throw new ChainSpecError("runtime.newSubnetTempo", "expected an integer tempo in 1..65535");
  return v;
}

/** Validate a parsed chain spec; every problem names its field. */
export function parseChainSpec(json: unknown): ChainSpec {
  if (!isObj(json)) throw new ChainSpecError("$", "expected an object");
  const chainType = json.chainType;
  if (chainType !== "Development" && chainType !== "Local" && chainType !== "Live")
    throw new ChainSpecError("chainType", "expected Development, Local or Live");
  const props = isObj(json.properties) ? json.properties : {};
  const runtime = isObj(json.runtime) ? json.runtime : {};
  if (!isObj(json.genesis)) throw new ChainSpecError("genesis", "expected an object");
  const g = json.genesis;
  if (!Array.isArray(g.balances))
    throw new ChainSpecError("genesis.balances", "expected an array of [account, rao]");
  const seen = new Set<string>();
  const endowed = g.balances.map((entry, i): [Uint8Array, bigint] => {
    const f = `genesis.balances[${i}]`;
    if (!Array.isArray(entry) || entry.length !== 2) throw new ChainSpecError(f, "expected [account, rao]");
    const who = accountId(entry[0], `${f}[0]`);
    const amount = rao(entry[1], `${f}[1]`);
    if (amount < EXISTENTIAL_DEPOSIT)
      throw new ChainSpecError(`${f}[1]`, `below the existential deposit of ${EXISTENTIAL_DEPOSIT} RAO`);
    const key = entry[0] as string;
    if (seen.has(key.toLowerCase())) throw new ChainSpecError(`${f}[0]`, "account listed twice");
    seen.add(key.toLowerCase());
    return [who, amount];
  });
  return {
    name: str(json.name, "name"),
    id: str(json.id, "id"),
    chainType,
    properties: {
      ss58Format: typeof props.ss58Format === "number" ? props.ss58Format : 42,
      tokenDecimals: typeof props.tokenDecimals === "number" ? props.tokenDecimals : 9,
      tokenSymbol: typeof props.tokenSymbol === "string" ? props.tokenSymbol : "TAO",
    },
    runtime: {
      allowLoopback: runtime.allowLoopbackAxons === true,
      ...optionalBool(runtime, "newSubnetEmissionEnabled"),
      ...optionalBool(runtime, "newSubnetCommitRevealEnabled"),
      ...(runtime.newSubnetTempo === undefined ? {} : { newSubnetTempo: tempo(runtime.newSubnetTempo) }),
      emissionRule: emissionRule(runtime.emissionRule),
    },
    genesis: {
      sudo: g.sudo === undefined || g.sudo === null ? null : accountId(g.sudo, "genesis.sudo"),
      balances: endowed,
    },
  };
}

/** `runtime.emissionRule`: "price" (default, spec 425), "launch" or "flow" (spec 393). */
function emissionRule(v: unknown): EmissionRule {
  if (v === undefined) return "price";
  if (v === "price" || v === "launch" || v === "flow") return v;
  throw new ChainSpecError("runtime.emissionRule", 'expected "price", "launch" or "flow"');
}

/** The built-in specs, by the names `--chain` accepts. */
export const BUILT_IN_CHAIN_SPECS: Readonly<Record<string, unknown>> = { dev: devSpec, local: localSpec };

/** `dev` or `local` (reading a user's file is the node's job: the runtime does no I/O). */
export function builtInChainSpec(name: string): ChainSpec {
  const json = BUILT_IN_CHAIN_SPECS[name];
  if (json === undefined)
    throw new ChainSpecError("$", `no built-in chain spec "${name}" (known: dev, local)`);
  return parseChainSpec(json);
}

/** The genesis state: endowed accounts (total issuance = their sum) and the sudo key. */
export function genesisState(spec: ChainSpec): MemoryState {
  const s = new MemoryState();
  let issuance = 0n;
  for (const [who, free] of spec.genesis.balances) {
    system.Account.set(s, who, {
      nonce: 0,
      consumers: 0,
      providers: 1,
      sufficients: 0,
      data: { free, reserved: 0n, frozen: 0n, flags: EXTRA_FLAGS_NEW_LOGIC },
    });
    issuance += free;
  }
  balances.TotalIssuance.set(s, issuance);
  if (spec.genesis.sudo) sudo.Key.set(s, spec.genesis.sudo);
  initRootNetwork(s, issuance, spec.genesis.sudo);
  s.set(RUNTIME_CODE_KEY, runtimeCode());
  return s;
}
