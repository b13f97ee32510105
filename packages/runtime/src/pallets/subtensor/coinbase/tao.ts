// Where the coinbase's TAO comes from and goes (economics.md §1.2, §3.4): the minted credit, its spending
// into the per-subnet accounts that hold pool TAO, and the recycling of what is left unspent.

import type { CallContext } from "../../../frame/dispatch.ts";
import type { State } from "../../../frame/state.ts";
import { storage as balances, EXISTENTIAL_DEPOSIT } from "../../balances/pallet.ts";
import { accountExists, freeBalance, setFreeBalance } from "../../system/account.ts";
import { storage as st } from "../storage.ts";

export { subnetAccountId } from "../subnetAccount.ts";

/** `MAX_TAO_ISSUANCE`: balances issuance never exceeds 21M TAO. */
export const MAX_TAO_ISSUANCE = 21_000_000_000_000_000n;
const U64_MAX = (1n << 64n) - 1n;

/**
 * `mint_tao`: raise `SubtensorModule.TotalIssuance` by the amount (clamped so balances issuance stays ≤ 21M)
 * and return it as credit. Balances issuance rises only when the credit is spent (`spendTao`).
 */
export function mintTao(s: State, amount: bigint): bigint {
  const room = MAX_TAO_ISSUANCE - balances.TotalIssuance.get(s);
  const issued = amount < room ? amount : room > 0n ? room : 0n;
  st.TotalIssuance.mutate(s, (t) => (t + issued > U64_MAX ? U64_MAX : t + issued));
  return issued;
}

/**
 * `spend_tao`: resolve `part` of `credit` into `who`'s balance. Fails (credit unchanged) when the credit is
 * short or the deposit would create an account below the existential deposit. Returns the remaining credit
 * or `undefined` on failure.
 */
export function spendTao(
  ctx: CallContext,
  who: Uint8Array,
  credit: bigint,
  part: bigint,
): bigint | undefined {
  if (credit < part) return undefined;
  if (part === 0n) return credit;
  if (!accountExists(ctx.state, who) && part < EXISTENTIAL_DEPOSIT) return undefined;
  balances.TotalIssuance.mutate(ctx.state, (t) => t + part);
  setFreeBalance(ctx, who, freeBalance(ctx.state, who) + part);
  return credit - part;
}

/** `recycle_credit`: the unspent part of the minted credit leaves `TotalIssuance` again. */
export function recycleCredit(s: State, amount: bigint): void {
  if (amount === 0n) return;
  st.TotalIssuance.mutate(s, (t) => (t > amount ? t - amount : 0n));
}
