// Swap calls: set_fee_rate (root only, at most MaxFeeRate).

import { BadOrigin, type CallContext, type DispatchResult, moduleErrors } from "../../frame/dispatch.ts";
import type { CallHandlers } from "../../runtime/handlers.ts";
import { storage as subtensor } from "../subtensor/storage.ts";
import { storage as st, swapPallet } from "./pallet.ts";

const E = moduleErrors(swapPallet);
/** `MaxFeeRate`: 10,000 / 65,535 ≈ 15.26 %. */
export const MAX_FEE_RATE = 10_000;

function setFeeRate(ctx: CallContext, a: { netuid: number; rate: number }): DispatchResult {
  if (ctx.origin.kind !== "root") return BadOrigin;
  if (!subtensor.NetworksAdded.get(ctx.state, a.netuid)) return E.MechanismDoesNotExist;
  if (a.rate > MAX_FEE_RATE) return E.FeeRateTooHigh;
  st.FeeRate.set(ctx.state, a.netuid, a.rate);
  ctx.deposit("Swap", "FeeRateSet", { netuid: a.netuid, rate: a.rate });
  return undefined;
}

export const swapCalls: CallHandlers = { set_fee_rate: setFeeRate };
