// SubtensorModule calls of this family: claim_root, set_root_claim_type and the root-claim setters.
// Each handler validates in the chain's order and returns its error by name; the executive discards a failed
// call's writes.

import { bytesEqual, I96F32 } from "@opentao/primitives";
import { BadOrigin, type CallContext, ensureSigned, moduleErrors } from "../../../frame/dispatch.ts";
import type { CallHandlers } from "../../../runtime/handlers.ts";
import { subtensorPallet } from "../pallet.ts";
import { storage as st } from "../storage.ts";
import { doRootClaim, maybeAddColdkeyIndex, type RootClaimTypeValue } from "./claim.ts";

const E = moduleErrors(subtensorPallet);
/** `MAX_SUBNET_CLAIMS`, `MAX_NUM_ROOT_CLAIMS`, `MAX_ROOT_CLAIM_THRESHOLD` (HEAD lib.rs). */
export const MAX_SUBNET_CLAIMS = 5;
export const MAX_NUM_ROOT_CLAIMS = 50n;
export const MAX_ROOT_CLAIM_THRESHOLD = 10_000_000n;

/** `ensure_subnet_owner_or_root`. */
function isSubnetOwnerOrRoot(ctx: CallContext, netuid: number): boolean {
  if (ctx.origin.kind === "root") return true;
  const who = ensureSigned(ctx.origin);
  const owner = st.SubnetOwner.tryGet(ctx.state, netuid);
  return who !== undefined && owner !== undefined && bytesEqual(who, owner);
}

export const rootCalls: CallHandlers = {
  claim_root(ctx, args: { subnets: number[] }) {
    const coldkey = ensureSigned(ctx.origin);
    if (!coldkey) return BadOrigin;
    const subnets = [...new Set(args.subnets)];
    if (subnets.length === 0 || subnets.length > MAX_SUBNET_CLAIMS) return E.InvalidSubnetNumber;
    maybeAddColdkeyIndex(ctx.state, coldkey);
    return doRootClaim(ctx, coldkey, subnets);
  },

  set_root_claim_type(ctx, args: { new_root_claim_type: RootClaimTypeValue }) {
    const coldkey = ensureSigned(ctx.origin);
    if (!coldkey) return BadOrigin;
    const t = args.new_root_claim_type;
    if (t.type === "KeepSubnets" && (t.value as { subnets: readonly number[] }).subnets.length === 0)
      return E.InvalidSubnetNumber;
    maybeAddColdkeyIndex(ctx.state, coldkey);
    st.RootClaimType.set(ctx.state, coldkey, t);
    ctx.deposit("SubtensorModule", "RootClaimTypeSet", { coldkey, root_claim_type: t });
    return undefined;
  },

  sudo_set_num_root_claims(ctx, args: { new_value: bigint }) {
    if (ctx.origin.kind !== "root") return BadOrigin;
    if (args.new_value > MAX_NUM_ROOT_CLAIMS) return E.InvalidNumRootClaim;
    st.NumRootClaim.set(ctx.state, args.new_value);
    return undefined;
  },

  sudo_set_root_claim_threshold(ctx, args: { netuid: number; new_value: bigint }) {
    if (!isSubnetOwnerOrRoot(ctx, args.netuid)) return BadOrigin;
    if (args.new_value > MAX_ROOT_CLAIM_THRESHOLD) return E.InvalidRootClaimThreshold;
    st.RootClaimableThreshold.set(ctx.state, args.netuid, { bits: I96F32.fromInt(args.new_value) });
    return undefined;
  },
};
