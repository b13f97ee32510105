// SwapRuntimeApi (the runtime's impl over the swap pallet): spot prices in RAO per alpha and simulated swaps
// (`sim_swap`: a dry run at the default price limit, fees included) with the slippage against the spot price.

import { U64F64 } from "@opentao/primitives";
import type { StateReader } from "../frame/state.ts";
import { T } from "../frame/types.ts";
import { readSubnetPool } from "../pallets/subtensor/pools.ts";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { storage as swapStorage } from "../pallets/swap/pallet.ts";
import {
  limitPriceFromRao,
  MAX_PRICE_RAO,
  MIN_PRICE_RAO,
  poolPrice,
  type SwapResult,
  type SwapSide,
  swap,
} from "../swap/swap.ts";
import { allNetuids, subnetExists } from "./reads.ts";
import { type ApiImpl, method, SimSwapResult, type SimSwapResultValue, SubnetPrice } from "./types.ts";

const RAO = U64F64.fromInt(1_000_000_000n);
const satSub = (a: bigint, b: bigint) => (a > b ? a - b : 0n);

/** `current_price` (U64F64 bits): the balancer price of a dynamic pool (0 with no alpha reserve), else 1. */
export function currentPrice(s: StateReader, netuid: number): bigint {
  if (st.SubnetMechanism.get(s, netuid) !== 1) return U64F64.one;
  const alphaReserve = st.SubnetAlphaIn.get(s, netuid);
  if (alphaReserve === 0n) return 0n;
  // The stored (or default 0.5) weight, as `current_price` reads `SwapBalancer` without the initialised flag.
  const { quote } = swapStorage.SwapBalancer.get(s, netuid);
  return poolPrice({ quoteWeightParts: quote, alphaReserve, taoReserve: st.SubnetTAO.get(s, netuid) });
}

/** `current_alpha_price`: the price in RAO per alpha, ⌊price · 10^9⌋. */
export const currentAlphaPrice = (s: StateReader, netuid: number): bigint =>
  U64F64.toU64(U64F64.saturatingMul(currentPrice(s, netuid), RAO));

/**
 * `sim_swap`: a dynamic pool runs the swap as a dry run at the widest limit (buy: max price, sell: min price);
 * a stable pool passes the amount through 1:1 without fee (nothing when the subnet does not exist).
 */
export function simSwap(
  s: StateReader,
  netuid: number,
  side: SwapSide,
  amount: bigint,
): SwapResult | undefined {
  if (st.SubnetMechanism.get(s, netuid) === 1) {
    const limit = limitPriceFromRao(side === "buy" ? MAX_PRICE_RAO : MIN_PRICE_RAO);
    const r = swap(readSubnetPool(s, netuid), side, amount, limit, false, { simulate: true });
    return r.ok ? r.value : undefined;
  }
  const paid = subnetExists(s, netuid) ? amount : 0n;
  return {
    amountPaidIn: paid,
    amountPaidOut: paid,
    feePaid: 0n,
    feeToBlockAuthor: 0n,
    limitPriceReached: false,
  };
}

const NOTHING: SimSwapResultValue = {
  tao_amount: 0n,
  alpha_amount: 0n,
  tao_fee: 0n,
  alpha_fee: 0n,
  tao_slippage: 0n,
  alpha_slippage: 0n,
};

/** `sim_swap_tao_for_alpha`: slippage = tao / price − alpha received. */
export function simSwapTaoForAlpha(s: StateReader, netuid: number, tao: bigint): SimSwapResultValue {
  const price = currentPrice(s, netuid);
  const noSlippage = U64F64.toU64(U64F64.safeDiv(U64F64.fromInt(tao), price));
  const r = simSwap(s, netuid, "buy", tao);
  if (!r) return { ...NOTHING };
  return {
    ...NOTHING,
    tao_amount: r.amountPaidIn,
    alpha_amount: r.amountPaidOut,
    tao_fee: r.feePaid,
    alpha_slippage: satSub(noSlippage, r.amountPaidOut),
  };
}

/** `sim_swap_alpha_for_tao`: slippage = alpha · price − TAO received. */
export function simSwapAlphaForTao(s: StateReader, netuid: number, alpha: bigint): SimSwapResultValue {
  const price = currentPrice(s, netuid);
  const noSlippage = U64F64.toU64(U64F64.saturatingMul(U64F64.fromInt(alpha), price));
  const r = simSwap(s, netuid, "sell", alpha);
  if (!r) return { ...NOTHING };
  return {
    ...NOTHING,
    tao_amount: r.amountPaidOut,
    alpha_amount: r.amountPaidIn,
    alpha_fee: r.feePaid,
    tao_slippage: satSub(noSlippage, r.amountPaidOut),
  };
}

export const swapApi: ApiImpl = {
  name: "SwapRuntimeApi",
  version: 1,
  methods: [
    method("current_alpha_price", [["netuid", T.u16]], T.u64, (s, netuid) => currentAlphaPrice(s, netuid)),
    method("current_alpha_price_all", [], T.vec(SubnetPrice), (s) =>
      allNetuids(s).map((netuid) => ({ netuid, price: currentAlphaPrice(s, netuid) })),
    ),
    method(
      "sim_swap_tao_for_alpha",
      [
        ["netuid", T.u16],
        ["tao", T.u64],
      ],
      SimSwapResult,
      (s, netuid, tao) => simSwapTaoForAlpha(s, netuid, tao),
    ),
    method(
      "sim_swap_alpha_for_tao",
      [
        ["netuid", T.u16],
        ["alpha", T.u64],
      ],
      SimSwapResult,
      (s, netuid, alpha) => simSwapAlphaForTao(s, netuid, alpha),
    ),
  ],
};
