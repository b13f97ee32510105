// Transaction fees as subtensor charges them: base fee + length fee (1 RAO/byte, IdentityFee) + weight fee
// (LinearWeightToFee: Perbill 500_000 per unit of ref_time, multiplier fixed at 1), plus the tip.
// The fee is withdrawn before dispatch (keep-alive) and, after it, paid to the block author (burned without one).

import type { State, StateReader } from "../../frame/state.ts";
import { type DispatchInfo, EXTRINSIC_BASE_WEIGHT } from "../../runtime/weights.ts";
import { storage as balances, EXISTENTIAL_DEPOSIT } from "../balances/pallet.ts";
import { storage as system } from "../system/pallet.ts";

const PERBILL = 1_000_000_000n;
/** subtensor's `LinearWeightToFee`: coeff_frac = Perbill::from_parts(500_000), degree 1. */
export const WEIGHT_FEE_PARTS = 500_000n;

/** Perbill × n with Perbill's rounding (nearest, ties down). */
function perbillMul(parts: bigint, n: bigint): bigint {
  const p = parts * n;
  const q = p / PERBILL;
  return (p % PERBILL) * 2n > PERBILL ? q + 1n : q;
}

export function weightToFee(refTime: bigint): bigint {
  return perbillMul(WEIGHT_FEE_PARTS, refTime);
}

/** `IdentityFee`: one RAO per encoded byte. */
export function lengthToFee(len: number): bigint {
  return BigInt(len);
}

export interface InclusionFee {
  base_fee: bigint;
  len_fee: bigint;
  adjusted_weight_fee: bigint;
}

/** pallet_transaction_payment's fee details: no inclusion fee for Pays::No calls, only the tip. */
export function feeDetails(
  len: number,
  info: DispatchInfo,
  tip: bigint,
): { inclusion_fee: InclusionFee | undefined; tip: bigint } {
  if (!info.paysFee) return { inclusion_fee: undefined, tip };
  return {
    inclusion_fee: {
      base_fee: weightToFee(EXTRINSIC_BASE_WEIGHT),
      len_fee: lengthToFee(len),
      // NextFeeMultiplier is ConstFeeMultiplier(1) on subtensor.
      adjusted_weight_fee: weightToFee(info.weight.ref_time),
    },
    tip,
  };
}

/** The partial fee (inclusion fee without the tip) that `TransactionPaymentApi_query_info` reports. */
export function partialFee(len: number, info: DispatchInfo): bigint {
  const d = feeDetails(len, info, 0n).inclusion_fee;
  return d ? d.base_fee + d.len_fee + d.adjusted_weight_fee : 0n;
}

/** The total withdrawn before dispatch: inclusion fee plus tip. */
export function computeFee(len: number, info: DispatchInfo, tip: bigint): bigint {
  return partialFee(len, info) + tip;
}

/**
 * Can `who` pay `fee` and stay alive (`Preservation::Preserve`, as subtensor's SubtensorTxFeeHandler withdraws)?
 * The pool's and the block builder's check; false maps to `InvalidTransaction::Payment`.
 */
export function canWithdrawFee(state: StateReader, who: Uint8Array, fee: bigint): boolean {
  if (fee === 0n) return true;
  if (!system.Account.has(state, who)) return false;
  return system.Account.get(state, who).data.free >= fee + EXISTENTIAL_DEPOSIT;
}

type Deposit = (pallet: string, event: string, value?: unknown) => void;

/** Withdraw `fee` from `who` (Balances.Withdraw). The caller has checked `canWithdrawFee`. */
export function withdrawFee(state: State, deposit: Deposit, who: Uint8Array, fee: bigint): void {
  if (fee === 0n) return;
  if (!canWithdrawFee(state, who, fee)) throw new Error("withdrawFee: the fee was not validated");
  system.Account.mutate(state, who, (a) => ({ ...a, data: { ...a.data, free: a.data.free - fee } }));
  deposit("Balances", "Withdraw", { who, amount: fee });
}

/**
 * After dispatch: the withdrawn fee and tip go to the block author (Balances.Deposit, or burned from total
 * issuance when the block has none or the author's account cannot be endowed), then TransactionFeePaid.
 */
export function settleFee(
  state: State,
  deposit: Deposit,
  who: Uint8Array,
  author: Uint8Array | undefined,
  fee: bigint,
  tip: bigint,
): void {
  if (fee > 0n) {
    const authorFree =
      author && system.Account.has(state, author) ? system.Account.get(state, author).data.free : 0n;
    if (author && authorFree + fee >= EXISTENTIAL_DEPOSIT) {
      const existed = system.Account.has(state, author);
      const info = system.Account.get(state, author);
      system.Account.set(state, author, {
        ...info,
        providers: existed ? info.providers : 1,
        data: { ...info.data, free: info.data.free + fee },
      });
      if (!existed) {
        deposit("System", "NewAccount", { account: author });
        deposit("Balances", "Endowed", { account: author, free_balance: fee });
      }
      deposit("Balances", "Deposit", { who: author, amount: fee });
    } else {
      balances.TotalIssuance.mutate(state, (t) => t - fee);
    }
  }
  deposit("TransactionPayment", "TransactionFeePaid", { who, actual_fee: fee - tip, tip });
}
