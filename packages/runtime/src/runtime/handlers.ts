// The shape of a call's implementation, shared by every pallet's `calls.ts`: the executive looks handlers up
// by pallet and call name, so each operation family registers its calls in its own module.

import type { CallContext, DispatchResult } from "../frame/dispatch.ts";
import type { Executive } from "./executive.ts";

// biome-ignore lint/suspicious/noExplicitAny: call arguments are typed per handler (the codec's decoded value)
export type CallHandler = (ctx: CallContext, args: any, rt: Executive) => DispatchResult;

/** A pallet's (or an operation family's) call handlers, by call name. */
export type CallHandlers = Record<string, CallHandler>;
