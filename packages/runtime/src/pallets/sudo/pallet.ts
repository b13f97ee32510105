// pallet_sudo (pallet 12): the root key (//Alice on the dev chain) and `sudo(call)`.

import { AccountId32, DispatchError, MultiAddress } from "../../frame/common.ts";
import { definePallet, errorsInOrder } from "../../frame/pallet.ts";
import { storageValue } from "../../frame/storage.ts";
import { T, type Ty } from "../../frame/types.ts";

export const storage = {
  Key: storageValue("Sudo", "Key", AccountId32, {
    modifier: "Optional",
    docs: [" The `AccountId` of the sudo key."],
  }),
};

export function sudoPallet(runtimeCall: Ty) {
  return definePallet({
    name: "Sudo",
    index: 12,
    module: ["pallet_sudo", "pallet"],
    calls: {
      sudo: {
        index: 0,
        args: [{ name: "call", type: runtimeCall, typeName: "Box<<T as Config>::RuntimeCall>" }],
      },
      set_key: { index: 2, args: [{ name: "new", type: MultiAddress, typeName: "AccountIdLookupOf<T>" }] },
    },
    events: {
      Sudid: {
        index: 0,
        fields: [{ name: "sudo_result", type: T.result(T.unit, DispatchError), typeName: "DispatchResult" }],
      },
      KeyChanged: {
        index: 1,
        fields: [
          { name: "old", type: T.option(AccountId32), typeName: "Option<T::AccountId>" },
          { name: "new", type: AccountId32, typeName: "T::AccountId" },
        ],
      },
    },
    errors: errorsInOrder(["RequireSudo"]),
    storage: Object.values(storage),
  });
}
