// pallet_balances (pallet 5): TAO balances in RAO (u64), existential deposit 500 RAO.
// Balances live in System.Account's `data`, as on finney.

import { AccountId32, MultiAddress } from "../../frame/common.ts";
import { definePallet, errorsInOrder } from "../../frame/pallet.ts";
import { storageValue } from "../../frame/storage.ts";
import { T } from "../../frame/types.ts";

const P = "Balances";
export const EXISTENTIAL_DEPOSIT = 500n;

export const storage = {
  TotalIssuance: storageValue(P, "TotalIssuance", T.u64, {
    fallback: 0n,
    docs: [" The total units issued in the system."],
  }),
  InactiveIssuance: storageValue(P, "InactiveIssuance", T.u64, {
    fallback: 0n,
    docs: [" The total units of outstanding deactivated balance in the system."],
  }),
};

const who = (name: string) => ({ name, type: AccountId32, typeName: "T::AccountId" });
const amount = (name = "amount") => ({ name, type: T.u64, typeName: "T::Balance" });

export const balancesPallet = definePallet({
  name: P,
  index: 5,
  module: ["pallet_balances", "pallet"],
  generics: ["T", "I"],
  calls: {
    transfer_allow_death: {
      index: 0,
      args: [
        { name: "dest", type: MultiAddress, typeName: "AccountIdLookupOf<T>" },
        { name: "value", type: T.compactBig(T.u64), typeName: "T::Balance" },
      ],
    },
    transfer_keep_alive: {
      index: 3,
      args: [
        { name: "dest", type: MultiAddress, typeName: "AccountIdLookupOf<T>" },
        { name: "value", type: T.compactBig(T.u64), typeName: "T::Balance" },
      ],
    },
    transfer_all: {
      index: 4,
      args: [
        { name: "dest", type: MultiAddress, typeName: "AccountIdLookupOf<T>" },
        { name: "keep_alive", type: T.bool, typeName: "bool" },
      ],
    },
  },
  events: {
    Endowed: { index: 0, fields: [who("account"), amount("free_balance")] },
    DustLost: { index: 1, fields: [who("account"), amount()] },
    Transfer: { index: 2, fields: [who("from"), who("to"), amount()] },
    Deposit: { index: 7, fields: [who("who"), amount()] },
    Withdraw: { index: 8, fields: [who("who"), amount()] },
    Minted: { index: 10, fields: [who("who"), amount()] },
    Burned: { index: 11, fields: [who("who"), amount()] },
  },
  errors: errorsInOrder(
    [
      "VestingBalance",
      "LiquidityRestrictions",
      "InsufficientBalance",
      "ExistentialDeposit",
      "Expendability",
      "ExistingVestingSchedule",
      "DeadAccount",
      "TooManyReserves",
      "TooManyHolds",
      "TooManyFreezes",
      "IssuanceDeactivated",
      "DeltaZero",
    ],
    {
      VestingBalance: "The vested part of the balance may not be spent yet.",
      LiquidityRestrictions: "The balance is locked and cannot pay for this.",
      InsufficientBalance: "The account's balance is too low for this transfer or payment.",
      ExistentialDeposit: "The amount is below the existential deposit, so it cannot create an account.",
      Expendability: "The transfer would reap the sending account, which must be kept alive.",
      DeadAccount: "The beneficiary account does not exist.",
    },
  ),
  storage: Object.values(storage),
  constants: {
    ExistentialDeposit: {
      type: T.u64,
      value: EXISTENTIAL_DEPOSIT,
      docs: [" The minimum amount required to keep an account open."],
    },
  },
});
