// Balances.transfer_allow_death / transfer_keep_alive / transfer_all, with fungible's checks and errors:
// FundsUnavailable (too little), NotExpendable (keep-alive would reap the sender), BelowMinimum (the
// recipient would stay under the existential deposit).
// PERF: two System.Account reads and writes per transfer.

import { bytesEqual } from "@opentao/primitives";
import {
  BadOrigin,
  type CallContext,
  type DispatchResult,
  ensureSigned,
  tokenError,
} from "../../frame/dispatch.ts";
import { freeBalance, setFreeBalance } from "../system/account.ts";
import { EXISTENTIAL_DEPOSIT } from "./pallet.ts";

export type Preservation = "Expendable" | "Preserve";

/** The checks of `fungible::Mutate::transfer`, in its order; undefined when the transfer may proceed. */
export function getTransferValidity(
  ctx: CallContext,
  source: Uint8Array,
  dest: Uint8Array,
  value: bigint,
  preservation: Preservation,
): DispatchResult {
  if (value === 0n) return undefined;
  const free = freeBalance(ctx.state, source);
  if (value > free) return tokenError("FundsUnavailable");
  const remaining = free - value;
  if (preservation === "Preserve" && remaining < EXISTENTIAL_DEPOSIT) return tokenError("NotExpendable");
  if (!bytesEqual(source, dest) && freeBalance(ctx.state, dest) + value < EXISTENTIAL_DEPOSIT)
    return tokenError("BelowMinimum");
  return undefined;
}

export function transfer(
  ctx: CallContext,
  source: Uint8Array,
  dest: Uint8Array,
  value: bigint,
  preservation: Preservation,
): DispatchResult {
  const invalid = getTransferValidity(ctx, source, dest, value, preservation);
  if (invalid) return invalid;
  if (!bytesEqual(source, dest)) {
    setFreeBalance(ctx, source, freeBalance(ctx.state, source) - value);
    setFreeBalance(ctx, dest, freeBalance(ctx.state, dest) + value);
  }
  ctx.deposit("Balances", "Transfer", { from: source, to: dest, amount: value });
  return undefined;
}

type MultiAddressValue = { type: string; value?: unknown };

/** Only `MultiAddress::Id` names an account here; other forms cannot be looked up (`CannotLookup`). */
export function lookup(dest: MultiAddressValue): Uint8Array | undefined {
  if (dest.type === "Id") return dest.value as Uint8Array;
  if (dest.type === "Address32") return dest.value as Uint8Array;
  return undefined;
}

const CannotLookup: DispatchResult = { type: "CannotLookup", value: undefined };

/** The signed sender and the looked-up destination, or the error that stops the call. */
function senderAndDest(ctx: CallContext, dest: MultiAddressValue): [Uint8Array, Uint8Array] | DispatchResult {
  const who = ensureSigned(ctx.origin);
  if (!who) return BadOrigin;
  const to = lookup(dest);
  if (!to) return CannotLookup;
  return [who, to];
}

export function transferAllowDeath(
  ctx: CallContext,
  args: { dest: MultiAddressValue; value: bigint },
): DispatchResult {
  const parties = senderAndDest(ctx, args.dest);
  return Array.isArray(parties) ? transfer(ctx, parties[0], parties[1], args.value, "Expendable") : parties;
}

export function transferKeepAlive(
  ctx: CallContext,
  args: { dest: MultiAddressValue; value: bigint },
): DispatchResult {
  const parties = senderAndDest(ctx, args.dest);
  return Array.isArray(parties) ? transfer(ctx, parties[0], parties[1], args.value, "Preserve") : parties;
}

/** Everything the sender can move: all of it, or all but the existential deposit with `keep_alive`. */
export function transferAll(
  ctx: CallContext,
  args: { dest: MultiAddressValue; keep_alive: boolean },
): DispatchResult {
  const parties = senderAndDest(ctx, args.dest);
  if (!Array.isArray(parties)) return parties;
  const [who, dest] = parties;
  const free = freeBalance(ctx.state, who);
  const reducible = args.keep_alive ? (free > EXISTENTIAL_DEPOSIT ? free - EXISTENTIAL_DEPOSIT : 0n) : free;
  return transfer(ctx, who, dest, reducible, args.keep_alive ? "Preserve" : "Expendable");
}
