// Accounts that subnet and neuron registration touch: the hotkey ↔ coldkey pairing (`Owner`, `OwnedHotkeys`,
// `StakingHotkeys`), the subnet accounts' reserved id range, and TAO moving from a coldkey into a subnet's pool.

import { bytesEqual } from "@opentao/primitives";
import type { CallContext } from "../../../frame/dispatch.ts";
import type { State, StateReader } from "../../../frame/state.ts";
import { storage as balances } from "../../balances/pallet.ts";
import { freeBalance } from "../../system/account.ts";
import { addStakingHotkey } from "../pools.ts";
import { storage as st } from "../storage.ts";
import { debitSubnetAccount, transferTaoFromSubnet } from "../subnetAccount.ts";

export {
  isSubnetAccountId,
  subnetAccountId,
  transferTaoFromSubnet,
  transferTaoToSubnet,
} from "../subnetAccount.ts";

export function hotkeyAccountExists(s: StateReader, hotkey: Uint8Array): boolean {
  return st.Owner.has(s, hotkey);
}

export function coldkeyOwnsHotkey(s: StateReader, coldkey: Uint8Array, hotkey: Uint8Array): boolean {
  return st.Owner.has(s, hotkey) && bytesEqual(st.Owner.get(s, hotkey), coldkey);
}

/**
 * `create_account_if_non_existent` (system accounts already refused by the caller): pair an unowned hotkey
 * with the coldkey and list it in `OwnedHotkeys` and `StakingHotkeys`.
 */
export function createAccountIfNonExistent(s: State, coldkey: Uint8Array, hotkey: Uint8Array): void {
  if (hotkeyAccountExists(s, hotkey)) return;
  st.Owner.set(s, hotkey, coldkey);
  const owned = st.OwnedHotkeys.get(s, coldkey);
  if (!owned.some((h) => bytesEqual(h, hotkey))) st.OwnedHotkeys.set(s, coldkey, [...owned, hotkey]);
  addStakingHotkey(s, coldkey, hotkey);
}

/** `can_remove_balance_from_coldkey_account`: the whole free balance counts (the account may be reaped). */
export function canRemoveBalance(s: StateReader, coldkey: Uint8Array, amount: bigint): boolean {
  return amount <= freeBalance(s, coldkey);
}

/**
 * A swap's fee goes from the subnet's account to the block author (DESIGN.md decision 9); with no author it
 * is burned (both issuance counters fall by it).
 */
export function payFeeToAuthor(ctx: CallContext, netuid: number, fee: bigint): void {
  if (fee === 0n) return;
  // A refused payout (an unknown author and a fee under the ED) leaves the fee in the account, as on chain.
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
