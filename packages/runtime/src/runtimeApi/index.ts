// The Bittensor runtime APIs (SubnetInfoRuntimeApi, NeuronInfoRuntimeApi, DelegateInfoRuntimeApi,
// StakeInfoRuntimeApi, SubnetRegistrationRuntimeApi, SwapRuntimeApi): declared once for the metadata and
// RuntimeVersion.apis, answered from state by `executeRuntimeApi` (the node's `state_call`).

import type { StateReader } from "../frame/state.ts";
import type { RuntimeApiDecl } from "../metadata/build.ts";

/** Declarations, in finney's order, with finney's types. */
export const bittensorRuntimeApis: RuntimeApiDecl[] = [];

/**
 * Answer `Api_method` (e.g. `SubnetInfoRuntimeApi_get_dynamic_info`) with SCALE `args` from `state`; the SCALE
 * result, or undefined when no such method exists. Malformed args throw an Error naming the method.
 */
export function executeRuntimeApi(
  _state: StateReader,
  _method: string,
  _args: Uint8Array,
): Uint8Array | undefined {
  return undefined;
}
