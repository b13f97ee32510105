// Swap calls: set_fee_rate (root only, at most MaxFeeRate).

import type { CallHandlers } from "../../runtime/handlers.ts";

export const swapCalls: CallHandlers = {};
