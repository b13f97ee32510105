// SubtensorModule calls of this family: register_network (+ with identity), start_call, dissolve_network, subnet identity and symbol.
// Each handler validates in the chain's order and returns its error by name; the executive discards a failed
// call's writes.

import type { CallHandlers } from "../../../runtime/handlers.ts";
import { dissolveNetworkCall } from "./dissolveNetwork.ts";
import { setIdentity, setSubnetIdentity } from "./identity.ts";
import { doRegisterNetwork } from "./registerNetwork.ts";
import { startCall } from "./startCall.ts";
import { updateSymbol } from "./symbols.ts";

export const subnetCalls: CallHandlers = {
  register_network: (ctx, args: { hotkey: Uint8Array }, rt) => doRegisterNetwork(ctx, args, rt.config),
  register_network_with_identity: (ctx, args, rt) => doRegisterNetwork(ctx, args, rt.config),
  start_call: startCall,
  dissolve_network: dissolveNetworkCall,
  root_dissolve_network: dissolveNetworkCall,
  set_subnet_identity: setSubnetIdentity,
  set_identity: setIdentity,
  update_symbol: updateSymbol,
};
