// pallet_subtensor_swap (pallet 28): the dTAO pools' parameters. Reserves live in SubtensorModule (SubnetTAO,
// SubnetAlphaIn); this pallet holds each pool's fee rate and, at spec 425, its balancer weight (swap/ has the maths).

import { definePallet, errorsInOrder } from "../../frame/pallet.ts";
import { storageMap } from "../../frame/storage.ts";
import { T } from "../../frame/types.ts";
import { DEFAULT_QUOTE_WEIGHT_PARTS } from "../../swap/balancer.ts";

const P = "Swap";

const Perquintill = T.newtype(["sp_arithmetic", "per_things", "Perquintill"], T.u64);
/** spec 425's `Balancer`: the quote (TAO) weight; the base (alpha) weight is 1 − quote. */
export const Balancer = T.struct(["pallet_subtensor_swap", "pallet", "balancer", "Balancer"], {
  quote: Perquintill,
});

export const storage = {
  FeeRate: storageMap(P, "FeeRate", [{ hasher: "Twox64Concat", type: T.u16 }], T.u16, { fallback: 33 }),
  // spec 425 (not in finney's 393 metadata): the weighted pool's state.
  SwapBalancer: storageMap(P, "SwapBalancer", [{ hasher: "Twox64Concat", type: T.u16 }], Balancer, {
    fallback: { quote: DEFAULT_QUOTE_WEIGHT_PARTS },
  }),
  PalSwapInitialized: storageMap(P, "PalSwapInitialized", [{ hasher: "Twox64Concat", type: T.u16 }], T.bool, {
    fallback: false,
  }),
};

export const swapPallet = definePallet({
  name: P,
  index: 28,
  module: ["pallet_subtensor_swap", "pallet"],
  calls: {
    set_fee_rate: {
      index: 0,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "rate", type: T.u16, typeName: "u16" },
      ],
    },
  },
  events: {
    FeeRateSet: {
      index: 0,
      fields: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "rate", type: T.u16, typeName: "u16" },
      ],
    },
  },
  errors: errorsInOrder([
    "FeeRateTooHigh",
    "InsufficientInputAmount",
    "InsufficientLiquidity",
    "PriceLimitExceeded",
    "InsufficientBalance",
    "LiquidityNotFound",
    "InvalidTickRange",
    "MaxPositionsExceeded",
    "TooManySwapSteps",
    "InvalidLiquidityValue",
    "ReservesTooLow",
    "MechanismDoesNotExist",
    "UserLiquidityDisabled",
    "SubtokenDisabled",
  ]),
  storage: Object.values(storage),
});
