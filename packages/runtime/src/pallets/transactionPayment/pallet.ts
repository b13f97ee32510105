// pallet_transaction_payment (pallet 6): fee bookkeeping and the TransactionFeePaid event clients read.

import { AccountId32 } from "../../frame/common.ts";
import { definePallet } from "../../frame/pallet.ts";
import { T } from "../../frame/types.ts";

export const transactionPaymentPallet = definePallet({
  name: "TransactionPayment",
  index: 6,
  module: ["pallet_transaction_payment", "pallet"],
  events: {
    TransactionFeePaid: {
      index: 0,
      fields: [
        { name: "who", type: AccountId32, typeName: "T::AccountId" },
        { name: "actual_fee", type: T.u64, typeName: "BalanceOf<T>" },
        { name: "tip", type: T.u64, typeName: "BalanceOf<T>" },
      ],
    },
  },
  constants: { OperationalFeeMultiplier: { type: T.u8, value: 5 } },
});
