// start_call [92] (§9.3): the subnet owner opens emission and staking once `StartCallDelay` blocks have passed
// since registration; emission counts from the next block.

import { bytesEqual } from "@opentao/primitives";
import { BadOrigin, type CallContext, type DispatchResult, moduleErrors } from "../../../frame/dispatch.ts";
import { storage as st, subtensorPallet } from "../pallet.ts";

const E = moduleErrors(subtensorPallet);

export function startCall(ctx: CallContext, args: { netuid: number }): DispatchResult {
  const s = ctx.state;
  const { netuid } = args;
  if (!st.NetworksAdded.get(s, netuid)) return E.SubnetNotExists;
  if (ctx.origin.kind !== "signed" || !bytesEqual(st.SubnetOwner.get(s, netuid), ctx.origin.who))
    return BadOrigin;
  if (st.FirstEmissionBlockNumber.tryGet(s, netuid) !== undefined)
    return E.FirstEmissionBlockNumberAlreadySet;
  const now = BigInt(ctx.blockNumber);
  if (now < st.NetworkRegisteredAt.get(s, netuid) + st.StartCallDelay.get(s))
    return E.NeedWaitingMoreBlocksToStarCall;
  const first = now + 1n;
  st.FirstEmissionBlockNumber.set(s, netuid, first);
  st.SubtokenEnabled.set(s, netuid, true);
  ctx.deposit("SubtensorModule", "FirstEmissionBlockNumberSet", [netuid, first]);
  return undefined;
}
