// The subnet accounts (HEAD custody, economics.md §1.2): each subnet's pool TAO is held by the account
// `PalletId("subtensr").into_sub_account_truncating(netuid)`, so balances issuance counts it like any other
// balance. Staking, registration, the coinbase and root claims move TAO in and out of it.

import { type CallContext, type DispatchErrorValue, tokenError } from "../../frame/dispatch.ts";
import type { State, StateReader } from "../../frame/state.ts";
import { EXISTENTIAL_DEPOSIT } from "../balances/pallet.ts";
import { freeBalance, setFreeBalance } from "../system/account.ts";
import { storage as system } from "../system/pallet.ts";

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

export function subnetAccountBalance(s: StateReader, netuid: number): bigint {
  return system.Account.get(s, subnetAccountId(netuid)).data.free;
}

// A subnet account is a pallet account: it is never reaped for falling under the existential deposit (the
// chain keeps it alive with a provider reference), so its balance is written directly.
function setSubnetBalance(s: State, netuid: number, free: bigint): void {
  const who = subnetAccountId(netuid);
  const info = system.Account.get(s, who);
  system.Account.set(s, who, {
    ...info,
    providers: info.providers > 0 ? info.providers : 1,
    data: { ...info.data, free },
  });
}

/** TAO arrives in the subnet account (already taken from a payer, or minted by the caller). */
export function creditSubnetAccount(s: State, netuid: number, amount: bigint): void {
  if (amount > 0n) setSubnetBalance(s, netuid, subnetAccountBalance(s, netuid) + amount);
}

/**
 * TAO leaves the subnet account; returns what it could give (all of `amount` whenever the pool's TAO was
 * paid in through these functions, which keep the account at or above `SubnetTAO`).
 */
export function debitSubnetAccount(s: State, netuid: number, amount: bigint): bigint {
  const free = subnetAccountBalance(s, netuid);
  const taken = amount < free ? amount : free;
  if (taken > 0n) setSubnetBalance(s, netuid, free - taken);
  return taken;
}

/** `PalletId("burntnsr").into_account_truncating()`: where `burn_tao` sends TAO (it stays in issuance). */
export function burnAccountId(): Uint8Array {
  const out = new Uint8Array(32);
  out.set(new TextEncoder().encode("modlburntnsr"));
  return out;
}

/**
 * `burn_tao` from the subnet's account (a buy's fee when the block has no author): a transfer to the burn
 * account, so both issuance counters keep it. The chain ignores the transfer's failure, so nothing moves when
 * the account lacks the amount or the burn account would stay below the existential deposit.
 */
export function burnFromSubnetAccount(ctx: CallContext, netuid: number, amount: bigint): void {
  const burn = burnAccountId();
  const free = freeBalance(ctx.state, burn);
  if (amount === 0n || subnetAccountBalance(ctx.state, netuid) < amount) return;
  if (free + amount < EXISTENTIAL_DEPOSIT) return;
  debitSubnetAccount(ctx.state, netuid, amount);
  setFreeBalance(ctx, burn, free + amount);
  depositTransfer(ctx, subnetAccountId(netuid), burn, amount);
}

/** What the account can give up and stay alive (`reducible_balance(Preserve)`). */
export function keepAliveBalance(s: StateReader, who: Uint8Array): bigint {
  const data = system.Account.get(s, who).data;
  const untouchable = data.frozen > EXISTENTIAL_DEPOSIT ? data.frozen : EXISTENTIAL_DEPOSIT;
  return data.free > untouchable ? data.free - untouchable : 0n;
}

/**
 * `transfer_tao_to_subnet` (keep-alive): take up to `amount` from the coldkey into the subnet's account and
 * return what was taken (the caller adds it to `SubnetTAO`); undefined when the coldkey can give nothing.
 */
export function transferTaoToSubnet(
  ctx: CallContext,
  netuid: number,
  coldkey: Uint8Array,
  amount: bigint,
): bigint | undefined {
  if (amount === 0n) return 0n;
  const reducible = keepAliveBalance(ctx.state, coldkey);
  const taken = amount < reducible ? amount : reducible;
  if (taken === 0n) return undefined;
  setFreeBalance(ctx, coldkey, freeBalance(ctx.state, coldkey) - taken);
  creditSubnetAccount(ctx.state, netuid, taken);
  depositTransfer(ctx, coldkey, subnetAccountId(netuid), taken);
  return taken;
}

/**
 * `transfer_tao_from_subnet`: pay TAO out of the subnet's account (unstaked TAO, refunds, payouts, fees). Like
 * the chain's transfer it refuses (`Token.BelowMinimum`, nothing moved) to leave a new account below the ED.
 */
export function transferTaoFromSubnet(
  ctx: CallContext,
  netuid: number,
  who: Uint8Array,
  amount: bigint,
): DispatchErrorValue | undefined {
  if (amount === 0n) return undefined;
  const free = freeBalance(ctx.state, who);
  if (free + amount < EXISTENTIAL_DEPOSIT) return tokenError("BelowMinimum");
  const paid = debitSubnetAccount(ctx.state, netuid, amount);
  setFreeBalance(ctx, who, free + paid);
  depositTransfer(ctx, subnetAccountId(netuid), who, paid);
  return undefined;
}

/** Balances' Transfer event for a move between a user and a subnet account, as the chain shows it. */
export function depositTransfer(ctx: CallContext, from: Uint8Array, to: Uint8Array, amount: bigint): void {
  if (amount > 0n) ctx.deposit("Balances", "Transfer", { from, to, amount });
}
