// Accounts that subnet and neuron registration touch: the hotkey ↔ coldkey pairing (`Owner`, `OwnedHotkeys`,
// `StakingHotkeys`), the subnet accounts' reserved id range, and TAO moving from a coldkey into a subnet's pool.

import type { CallContext } from "../../../frame/dispatch.ts";
import type { State, StateReader } from "../../../frame/state.ts";
import { storage as balances, EXISTENTIAL_DEPOSIT } from "../../balances/pallet.ts";
import { freeBalance, setFreeBalance } from "../../system/account.ts";
import { storage as st } from "../storage.ts";
import {
  creditSubnetAccount,
  debitSubnetAccount,
  depositTransfer,
  subnetAccountId,
} from "../subnetAccount.ts";

export const sameKey = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export { isSubnetAccountId, subnetAccountId } from "../subnetAccount.ts";

export function hotkeyAccountExists(s: StateReader, hotkey: Uint8Array): boolean {
  return st.Owner.has(s, hotkey);
}

export function coldkeyOwnsHotkey(s: StateReader, coldkey: Uint8Array, hotkey: Uint8Array): boolean {
  return st.Owner.has(s, hotkey) && sameKey(st.Owner.get(s, hotkey), coldkey);
}

/**
 * `create_account_if_non_existent` (system accounts already refused by the caller): pair an unowned hotkey
 * with the coldkey and list it in `OwnedHotkeys` and `StakingHotkeys`.
 */
export function createAccountIfNonExistent(s: State, coldkey: Uint8Array, hotkey: Uint8Array): void {
  if (hotkeyAccountExists(s, hotkey)) return;
  st.Owner.set(s, hotkey, coldkey);
  const owned = st.OwnedHotkeys.get(s, coldkey);
  if (!owned.some((h) => sameKey(h, hotkey))) st.OwnedHotkeys.set(s, coldkey, [...owned, hotkey]);
  const staking = st.StakingHotkeys.get(s, coldkey);
  if (!staking.some((h) => sameKey(h, hotkey))) st.StakingHotkeys.set(s, coldkey, [...staking, hotkey]);
}

/** `can_remove_balance_from_coldkey_account`: the whole free balance counts (the account may be reaped). */
export function canRemoveBalance(s: StateReader, coldkey: Uint8Array, amount: bigint): boolean {
  return amount <= freeBalance(s, coldkey);
}

/**
 * `transfer_tao_to_subnet`: take up to `amount` from the coldkey, keeping it alive (at most free − ED), into the
 * subnet's account, and return what was taken. The caller adds it to `SubnetTAO`.
 */
export function transferTaoToSubnet(
  ctx: CallContext,
  netuid: number,
  coldkey: Uint8Array,
  amount: bigint,
): { taken: bigint } | { error: "InsufficientBalance" } {
  if (amount === 0n) return { taken: 0n };
  const free = freeBalance(ctx.state, coldkey);
  const reducible = free > EXISTENTIAL_DEPOSIT ? free - EXISTENTIAL_DEPOSIT : 0n;
  const taken = amount < reducible ? amount : reducible;
  if (taken === 0n) return { error: "InsufficientBalance" };
  setFreeBalance(ctx, coldkey, free - taken);
  creditSubnetAccount(ctx.state, netuid, taken);
  depositTransfer(ctx, coldkey, subnetAccountId(netuid), taken);
  return { taken };
}

/** `transfer_tao_from_subnet`: pay TAO out of the subnet's account to a coldkey (refunds, payouts, fees). */
export function transferTaoFromSubnet(
  ctx: CallContext,
  netuid: number,
  coldkey: Uint8Array,
  amount: bigint,
): void {
  const paid = debitSubnetAccount(ctx.state, netuid, amount);
  if (paid === 0n) return;
  setFreeBalance(ctx, coldkey, freeBalance(ctx.state, coldkey) + paid);
  depositTransfer(ctx, subnetAccountId(netuid), coldkey, paid);
}

/**
 * A swap's fee goes from the subnet's account to the block author (DESIGN.md decision 9); with no author it
 * is burned (both issuance counters fall by it).
 */
export function payFeeToAuthor(ctx: CallContext, netuid: number, fee: bigint): void {
  if (fee === 0n) return;
  if (ctx.blockAuthor) transferTaoFromSubnet(ctx, netuid, ctx.blockAuthor, fee);
  else recycleTao(ctx.state, netuid, fee);
}

/** `recycle_tao` from the subnet's account: the TAO leaves existence and both issuance counters. */
export function recycleTao(s: State, netuid: number, amount: bigint): void {
  const gone = debitSubnetAccount(s, netuid, amount);
  if (gone === 0n) return;
  st.TotalIssuance.mutate(s, (t) => (t > gone ? t - gone : 0n));
  balances.TotalIssuance.mutate(s, (t) => (t > gone ? t - gone : 0n));
}
