// SubtensorModule calls of this family: burned_register, register, register_limit, root_register.
// Each handler validates in the chain's order and returns its error by name; the executive discards a failed
// call's writes.

import type { CallHandlers } from "../../../runtime/handlers.ts";

export const registrationCalls: CallHandlers = {};
