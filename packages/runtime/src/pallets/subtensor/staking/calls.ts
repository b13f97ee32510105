// SubtensorModule calls of this family: add_stake, remove_stake and their limit variants, move/transfer/swap stake, unstake_all, recycle/burn alpha; takes and child keys.
// Each handler validates in the chain's order and returns its error by name; the executive discards a failed
// call's writes.

import type { CallHandlers } from "../../../runtime/handlers.ts";

export const stakingCalls: CallHandlers = {};
