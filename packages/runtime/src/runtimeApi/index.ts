// The Bittensor runtime APIs (SubnetInfoRuntimeApi, NeuronInfoRuntimeApi, DelegateInfoRuntimeApi,
// StakeInfoRuntimeApi, SubnetRegistrationRuntimeApi, SwapRuntimeApi): declared once for the metadata and
// RuntimeVersion.apis, answered from state by `executeRuntimeApi` (the node's `state_call`).

import { createDecoder, Tuple } from "@polkadot-api/substrate-bindings";
import type { StateReader } from "../frame/state.ts";
import { decodeBytes } from "../frame/types.ts";
import type { RuntimeApiDecl } from "../metadata/build.ts";
import { delegateInfoApi } from "./delegateInfo.ts";
import { neuronInfoApi } from "./neuronInfo.ts";
import { stakeInfoApi } from "./stakeInfo.ts";
import { subnetInfoApi } from "./subnetInfo.ts";
import { subnetRegistrationApi } from "./subnetRegistration.ts";
import { swapApi } from "./swap.ts";
import type { ApiImpl, ApiMethodImpl } from "./types.ts";

/** In finney's order. */
const apis: ApiImpl[] = [
  delegateInfoApi,
  neuronInfoApi,
  subnetInfoApi,
  stakeInfoApi,
  subnetRegistrationApi,
  swapApi,
];

/** Declarations, in finney's order, with finney's types. */
export const bittensorRuntimeApis: RuntimeApiDecl[] = apis.map((a) => ({
  name: a.name,
  version: a.version,
  methods: a.methods.map(({ name, inputs, output }) => ({ name, inputs, output })),
}));

const byMethod = new Map<string, ApiMethodImpl>(
  apis.flatMap((a) => a.methods.map((m) => [`${a.name}_${m.name}`, m] as const)),
);

// Reads how far the decoder got: scale-ts decoders share one cursor (`i`) over the input bytes.
const offset = createDecoder((bytes) => (bytes as unknown as { i: number }).i);

/** Decode `args` as the method's inputs in order; they must use every byte, and no more. */
function decodeInputs(method: string, m: ApiMethodImpl, args: Uint8Array): unknown[] {
  if (m.inputs.length === 0) {
    if (args.length !== 0) throw new Error(`${method}: takes no arguments, got ${args.length} bytes`);
    return [];
  }
  const decoders = [...m.inputs.map((i) => i.type.codec.dec), offset];
  let values: unknown[];
  try {
    // biome-ignore lint/suspicious/noExplicitAny: a tuple of the declared input decoders
    values = decodeBytes({ dec: Tuple.dec(...(decoders as [any])) } as never, args) as unknown[];
  } catch (e) {
    throw new Error(`${method}: malformed arguments (${(e as Error).message})`);
  }
  const used = values.pop() as number;
  if (used !== args.length)
    throw new Error(`${method}: malformed arguments (${args.length} bytes, the inputs take ${used})`);
  return values;
}

/**
 * Answer `Api_method` (e.g. `SubnetInfoRuntimeApi_get_dynamic_info`) with SCALE `args` from `state`; the SCALE
 * result, or undefined when no such method exists. Malformed args throw an Error naming the method.
 */
export function executeRuntimeApi(
  state: StateReader,
  method: string,
  args: Uint8Array,
): Uint8Array | undefined {
  const m = byMethod.get(method);
  if (!m) return undefined;
  const values = decodeInputs(method, m, args);
  return m.output.codec.enc(m.run(state, values));
}
