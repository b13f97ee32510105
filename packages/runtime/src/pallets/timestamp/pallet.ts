// pallet_timestamp (pallet 2): the block time, set by the block author's inherent `set(now)`.
// The runtime never reads a clock; time only enters through this inherent.

import { definePallet } from "../../frame/pallet.ts";
import { storageValue } from "../../frame/storage.ts";
import { T } from "../../frame/types.ts";

const P = "Timestamp";

export const storage = {
  Now: storageValue(P, "Now", T.u64, { fallback: 0n, docs: [" The current time for the current block."] }),
  DidUpdate: storageValue(P, "DidUpdate", T.bool, {
    fallback: false,
    docs: [" Whether the timestamp has been updated in this block."],
  }),
};

/** Half the 12 s target block time, as finney sets it. */
export const MINIMUM_PERIOD_MS = 6000n;

export const timestampPallet = definePallet({
  name: P,
  index: 2,
  module: ["pallet_timestamp", "pallet"],
  calls: { set: { index: 0, args: [{ name: "now", type: T.compactBig(T.u64), typeName: "T::Moment" }] } },
  storage: Object.values(storage),
  constants: { MinimumPeriod: { type: T.u64, value: MINIMUM_PERIOD_MS } },
});
