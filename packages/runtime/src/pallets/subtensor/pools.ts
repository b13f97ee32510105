// Reading and writing a subnet's pool and its stake positions from storage, for every operation that moves
// stake (staking calls, the coinbase's chain buys and emissions): one place that maps storage to the pure
// economics types (`SubnetPool`, `HotkeySharePool`, `StakePosition`).

import { safeFloatFromU64F64 } from "@opentao/primitives";
import type { State, StateReader } from "../../frame/state.ts";
import type { HotkeySharePool } from "../../staking/sharePool.ts";
import type { StakePosition, SubnetPool } from "../../staking/stakeUtils.ts";
import { DEFAULT_QUOTE_WEIGHT_PARTS } from "../../swap/balancer.ts";
import { storage as swapStorage } from "../swap/pallet.ts";
import { storage as st } from "./storage.ts";

/** The pool as the swap sees it; an uninitialised balancer weight reads as 0.5 (§6.7). */
export function readSubnetPool(s: StateReader, netuid: number): SubnetPool {
  return {
    taoReserve: st.SubnetTAO.get(s, netuid),
    alphaReserve: st.SubnetAlphaIn.get(s, netuid),
    alphaOut: st.SubnetAlphaOut.get(s, netuid),
    mechanism: st.SubnetMechanism.get(s, netuid),
    quoteWeightParts: swapStorage.PalSwapInitialized.get(s, netuid)
      ? swapStorage.SwapBalancer.get(s, netuid).quote
      : DEFAULT_QUOTE_WEIGHT_PARTS,
    feeRate: swapStorage.FeeRate.get(s, netuid),
  };
}

/**
 * Store a pool after an executed (non-simulated) swap: reserves, alpha outstanding and, for a dynamic pool,
 * the weight it ran with, marking the balancer initialised as the first real swap does.
 */
export function writeSubnetPoolAfterSwap(s: State, netuid: number, pool: SubnetPool): void {
  st.SubnetTAO.set(s, netuid, pool.taoReserve);
  st.SubnetAlphaIn.set(s, netuid, pool.alphaReserve);
  st.SubnetAlphaOut.set(s, netuid, pool.alphaOut);
  if (pool.mechanism === 1 && !swapStorage.PalSwapInitialized.get(s, netuid)) {
    swapStorage.SwapBalancer.set(s, netuid, { quote: pool.quoteWeightParts });
    swapStorage.PalSwapInitialized.set(s, netuid, true);
  }
}

/**
 * The share denominator; a legacy `TotalHotkeyShares` (U64F64, F393) entry wins over `TotalHotkeySharesV2`, as
 * HEAD's lazy migration reads the old map first (§7.6).
 */
export function readHotkeyPool(s: StateReader, hotkey: Uint8Array, netuid: number): HotkeySharePool {
  const legacy = st.TotalHotkeyShares.tryGet(s, hotkey, netuid);
  return {
    totalAlpha: st.TotalHotkeyAlpha.get(s, hotkey, netuid),
    denominator: legacy ? safeFloatFromU64F64(legacy.bits) : st.TotalHotkeySharesV2.get(s, hotkey, netuid),
  };
}

/** Zero values remove the entries, as the chain's share-pool data layer does. */
export function writeHotkeyPool(s: State, hotkey: Uint8Array, netuid: number, pool: HotkeySharePool): void {
  if (pool.totalAlpha === 0n) st.TotalHotkeyAlpha.remove(s, hotkey, netuid);
  else st.TotalHotkeyAlpha.set(s, hotkey, netuid, pool.totalAlpha);
  st.TotalHotkeyShares.remove(s, hotkey, netuid);
  if (pool.denominator.mantissa === 0n) st.TotalHotkeySharesV2.remove(s, hotkey, netuid);
  else st.TotalHotkeySharesV2.set(s, hotkey, netuid, pool.denominator);
}

export function readPosition(
  s: StateReader,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
): StakePosition {
  const legacy = st.Alpha.tryGet(s, hotkey, coldkey, netuid);
  return {
    hotkey: readHotkeyPool(s, hotkey, netuid),
    share: legacy ? safeFloatFromU64F64(legacy.bits) : st.AlphaV2.get(s, hotkey, coldkey, netuid),
  };
}

/** Store a position (migrating a legacy `Alpha` entry); zero shares remove the `AlphaV2` entry, as the chain does. */
export function writePosition(
  s: State,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
  position: StakePosition,
): void {
  writeHotkeyPool(s, hotkey, netuid, position.hotkey);
  st.Alpha.remove(s, hotkey, coldkey, netuid);
  if (position.share.mantissa === 0n) st.AlphaV2.remove(s, hotkey, coldkey, netuid);
  else st.AlphaV2.set(s, hotkey, coldkey, netuid, position.share);
}
