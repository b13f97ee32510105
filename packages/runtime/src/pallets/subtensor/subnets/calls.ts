// SubtensorModule calls of this family: register_network (+ with identity), start_call, dissolve_network, subnet identity and symbol.
// Each handler validates in the chain's order and returns its error by name; the executive discards a failed
// call's writes.

import type { CallHandlers } from "../../../runtime/handlers.ts";

export const subnetCalls: CallHandlers = {};
