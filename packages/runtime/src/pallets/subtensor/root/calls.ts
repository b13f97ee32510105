// SubtensorModule calls of this family: claim_root, set_root_claim_type and the root-claim setters.
// Each handler validates in the chain's order and returns its error by name; the executive discards a failed
// call's writes.

import type { CallHandlers } from "../../../runtime/handlers.ts";

export const rootCalls: CallHandlers = {};
