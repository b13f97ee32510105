// AdminUtils calls: the hyperparameter setters, each with who may call it (root, or the subnet owner where
// the chain allows), its bounds, rate limit and the admin freeze window.

import type { CallHandlers } from "../../runtime/handlers.ts";

export const adminUtilsCalls: CallHandlers = {};
