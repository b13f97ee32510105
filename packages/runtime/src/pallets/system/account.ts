// Account lifecycle (frame_system + pallet_balances): an account exists while it holds at least the
// existential deposit; creating it emits NewAccount/Endowed, reaping it removes the entry (nonce included).

import type { CallContext } from "../../frame/dispatch.ts";
import type { StateReader } from "../../frame/state.ts";
import { storage as balances, EXISTENTIAL_DEPOSIT } from "../balances/pallet.ts";
import { storage as system } from "./pallet.ts";

export type AccountInfoValue = ReturnType<typeof system.Account.get>;

export function accountExists(s: StateReader, who: Uint8Array): boolean {
  return system.Account.has(s, who);
}

export function freeBalance(s: StateReader, who: Uint8Array): bigint {
  return system.Account.get(s, who).data.free;
}

/**
 * Set `who`'s free balance, creating or reaping the account as pallet_balances does. A balance below the
 * existential deposit reaps the account: the remainder is dust, burned from total issuance (DustLost).
 * Returns the dust burned.
 */
export function setFreeBalance(ctx: CallContext, who: Uint8Array, free: bigint): bigint {
  const s = ctx.state;
  const existed = system.Account.has(s, who);
  const info = system.Account.get(s, who);
  if (free < EXISTENTIAL_DEPOSIT) {
    if (!existed) return 0n;
    system.Account.remove(s, who);
    if (free > 0n) {
      balances.TotalIssuance.mutate(s, (t) => t - free);
      ctx.deposit("Balances", "DustLost", { account: who, amount: free });
    }
    ctx.deposit("System", "KilledAccount", { account: who });
    return free;
  }
  const next = { ...info, data: { ...info.data, free } };
  if (!existed) {
    next.providers = 1;
    system.Account.set(s, who, next);
    ctx.deposit("System", "NewAccount", { account: who });
    ctx.deposit("Balances", "Endowed", { account: who, free_balance: free });
    return 0n;
  }
  system.Account.set(s, who, next);
  return 0n;
}

/** Mint `amount` into `who` (genesis endowments, emission payouts): raises total issuance. */
export function mint(ctx: CallContext, who: Uint8Array, amount: bigint): void {
  if (amount === 0n) return;
  balances.TotalIssuance.mutate(ctx.state, (t) => t + amount);
  setFreeBalance(ctx, who, freeBalance(ctx.state, who) + amount);
}
