// SubtensorModule calls of this family: burned_register, register, register_limit, root_register.
// Each handler validates in the chain's order and returns its error by name; the executive discards a failed
// call's writes.

import type { CallHandlers } from "../../../runtime/handlers.ts";
import { doRegister, doRegisterLimit } from "./register.ts";
import { doRootRegister } from "./rootRegister.ts";

export const registrationCalls: CallHandlers = {
  burned_register: (ctx, args: { netuid: number; hotkey: Uint8Array }) =>
    doRegister(ctx, args.netuid, args.hotkey),
  // HEAD ignores the proof-of-work arguments: a burn registration like burned_register.
  register: (ctx, args: { netuid: number; hotkey: Uint8Array }) => doRegister(ctx, args.netuid, args.hotkey),
  register_limit: (ctx, args: { netuid: number; hotkey: Uint8Array; limit_price: bigint }) =>
    doRegisterLimit(ctx, args.netuid, args.hotkey, args.limit_price),
  root_register: (ctx, args: { hotkey: Uint8Array }) => doRootRegister(ctx, args.hotkey),
};
