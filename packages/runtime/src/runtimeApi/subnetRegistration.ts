// SubnetRegistrationRuntimeApi: the TAO a `register_network` locks now (`get_network_lock_cost`, §9.2), from
// the last lock, its block and the reduction interval scaled by the current block emission.

import { blockEmissionForIssuance } from "../coinbase/blockEmission.ts";
import type { StateReader } from "../frame/state.ts";
import { T } from "../frame/types.ts";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { lockReductionInterval, networkLockCost } from "../subnets/lockCost.ts";
import { currentBlock } from "./reads.ts";
import { type ApiImpl, method } from "./types.ts";

/** `get_network_lock_cost` read from state. */
export function networkRegistrationCost(s: StateReader): bigint {
  const emission = blockEmissionForIssuance(st.TotalIssuance.get(s)).emission;
  return networkLockCost({
    lastLock: st.NetworkLastLockCost.get(s),
    minLock: st.NetworkMinLockCost.get(s),
    lastLockBlock: st.LastRateLimitedBlock.get(s, { type: "NetworkLastRegistered" }),
    currentBlock: currentBlock(s),
    reductionInterval: lockReductionInterval(st.NetworkLockReductionInterval.get(s), emission),
  });
}

export const subnetRegistrationApi: ApiImpl = {
  name: "SubnetRegistrationRuntimeApi",
  version: 1,
  methods: [method("get_network_registration_cost", [], T.u64, (s) => networkRegistrationCost(s))],
};
