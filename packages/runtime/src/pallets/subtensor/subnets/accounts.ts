// Accounts that subnet and neuron registration touch: the hotkey ↔ coldkey pairing (`Owner`, `OwnedHotkeys`,
// `StakingHotkeys`), the subnet accounts' reserved id range, and TAO moving from a coldkey into a subnet's pool.

import type { CallContext } from "../../../frame/dispatch.ts";
import type { State, StateReader } from "../../../frame/state.ts";
import { storage as balances, EXISTENTIAL_DEPOSIT } from "../../balances/pallet.ts";
import { freeBalance, setFreeBalance } from "../../system/account.ts";
import { storage as st } from "../storage.ts";

export const sameKey = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** `"modl" ++ PalletId("subtensr")`: every account that starts so is a subnet account (`is_subnet_account_id`). */
const SUBNET_ACCOUNT_PREFIX = new TextEncoder().encode("modlsubtensr");

/** `PalletId("subtensr").into_sub_account_truncating(netuid)`: the prefix, netuid u16 LE, zero padding. */
export function subnetAccountId(netuid: number): Uint8Array {
  const out = new Uint8Array(32);
  out.set(SUBNET_ACCOUNT_PREFIX);
  out[12] = netuid & 0xff;
  out[13] = netuid >> 8;
  return out;
}

export function isSubnetAccountId(account: Uint8Array): boolean {
  return SUBNET_ACCOUNT_PREFIX.every((b, i) => account[i] === b);
}

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
 * `transfer_tao_to_subnet`: take up to `amount` from the coldkey, keeping it alive (at most free − ED), and
 * return what was taken. The subnet account is the pool itself here: the caller adds the TAO to `SubnetTAO`,
 * so balances issuance is unchanged, as on chain where it sits in the subnet account.
 */
export function transferTaoToSubnet(
  ctx: CallContext,
  coldkey: Uint8Array,
  amount: bigint,
): { taken: bigint } | { error: "InsufficientBalance" } {
  if (amount === 0n) return { taken: 0n };
  const free = freeBalance(ctx.state, coldkey);
  const reducible = free > EXISTENTIAL_DEPOSIT ? free - EXISTENTIAL_DEPOSIT : 0n;
  const taken = amount < reducible ? amount : reducible;
  if (taken === 0n) return { error: "InsufficientBalance" };
  setFreeBalance(ctx, coldkey, free - taken);
  return { taken };
}

/** Pay TAO out of a subnet's pot to a coldkey (dissolution refunds): it reappears as free balance. */
export function transferTaoFromSubnet(ctx: CallContext, coldkey: Uint8Array, amount: bigint): void {
  if (amount === 0n) return;
  setFreeBalance(ctx, coldkey, freeBalance(ctx.state, coldkey) + amount);
}

/**
 * A swap's fee goes to the block author (DESIGN.md decision 9); with no author it leaves circulation
 * (balances issuance falls by it).
 */
export function payFeeToAuthor(ctx: CallContext, fee: bigint): void {
  if (fee === 0n) return;
  if (ctx.blockAuthor) setFreeBalance(ctx, ctx.blockAuthor, freeBalance(ctx.state, ctx.blockAuthor) + fee);
  else balances.TotalIssuance.mutate(ctx.state, (t) => t - fee);
}

/** `recycle_tao`: TAO leaves existence and both issuance counters. */
export function recycleTao(s: State, amount: bigint): void {
  if (amount === 0n) return;
  st.TotalIssuance.mutate(s, (t) => (t > amount ? t - amount : 0n));
  balances.TotalIssuance.mutate(s, (t) => (t > amount ? t - amount : 0n));
}
