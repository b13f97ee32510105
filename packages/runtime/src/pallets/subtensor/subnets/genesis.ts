// The root network (netuid 0) at genesis, as subtensor's genesis build writes it: it exists, is stable
// (mechanism 0, 1:1 "swaps"), takes up to 64 root validators, runs its epoch every 100 blocks, and staking
// on it is open. Also SubtensorModule's own TotalIssuance, which starts at the endowed balances.

import type { State } from "../../../frame/state.ts";
import { storage as st } from "../storage.ts";
import { symbolForSubnet } from "./symbols.ts";

const ROOT = 0;

export function initRootNetwork(s: State, issuance: bigint, owner: Uint8Array | null): void {
  st.TotalIssuance.set(s, issuance);
  st.NetworksAdded.set(s, ROOT, true);
  st.TotalNetworks.set(s, st.TotalNetworks.get(s) + 1);
  if (owner) st.SubnetOwner.set(s, ROOT, owner);
  st.SubnetworkN.set(s, ROOT, 0);
  st.MaxAllowedUids.set(s, ROOT, 64);
  st.MaxAllowedValidators.set(s, ROOT, 64);
  st.MinAllowedWeights.set(s, ROOT, 0);
  st.Tempo.set(s, ROOT, 100);
  st.NetworkRegistrationAllowed.set(s, ROOT, true);
  st.TargetRegistrationsPerInterval.set(s, ROOT, 1);
  st.TokenSymbol.set(s, ROOT, symbolForSubnet(ROOT));
  // Root has no start_call: its "subtoken" (TAO itself) is tradable from the first block.
  st.SubtokenEnabled.set(s, ROOT, true);
}
