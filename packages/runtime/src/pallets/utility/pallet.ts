// pallet_utility (pallet 11): batch, batch_all and force_batch over the runtime's own calls.

import { DispatchError } from "../../frame/common.ts";
import { definePallet, errorsInOrder } from "../../frame/pallet.ts";
import { T, type Ty } from "../../frame/types.ts";

export function utilityPallet(runtimeCall: Ty) {
  const calls = { name: "calls", type: T.vec(runtimeCall), typeName: "Vec<<T as Config>::RuntimeCall>" };
  return definePallet({
    name: "Utility",
    index: 11,
    module: ["pallet_utility", "pallet"],
    calls: {
      batch: { index: 0, args: [calls] },
      batch_all: { index: 2, args: [calls] },
      force_batch: { index: 4, args: [calls] },
    },
    events: {
      BatchInterrupted: {
        index: 0,
        fields: [
          { name: "index", type: T.u32, typeName: "u32" },
          { name: "error", type: DispatchError, typeName: "DispatchError" },
        ],
      },
      BatchCompleted: { index: 1, fields: [] },
      BatchCompletedWithErrors: { index: 2, fields: [] },
      ItemCompleted: { index: 3, fields: [] },
      ItemFailed: { index: 4, fields: [{ name: "error", type: DispatchError, typeName: "DispatchError" }] },
    },
    errors: errorsInOrder(["TooManyCalls", "InvalidDerivedAccount"]),
    constants: { batched_calls_limit: { type: T.u32, value: 10_922 } },
  });
}
