// Reading and writing a subnet's pool and its stake positions from storage, for every operation that moves
// stake (staking calls, the coinbase's chain buys and emissions): one place that maps storage to the pure
// economics types (`SubnetPool`, `HotkeySharePool`, `StakePosition`).

import { bytesEqual, type SafeFloat, safeFloatFromU64F64 } from "@opentao/primitives";
import type { State, StateReader } from "../../frame/state.ts";
import type { StorageKeyRef } from "../../frame/storage.ts";
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

/** The storage keys of one hotkey's share pool on a subnet. */
export interface HotkeyPoolKeys {
  readonly totalAlpha: StorageKeyRef<bigint>;
  readonly legacyShares: StorageKeyRef<{ bits: bigint }>;
  readonly shares: StorageKeyRef<SafeFloat>;
}

export const hotkeyPoolKeys = (hotkey: Uint8Array, netuid: number): HotkeyPoolKeys => ({
  totalAlpha: st.TotalHotkeyAlpha.keyRef(hotkey, netuid),
  legacyShares: st.TotalHotkeyShares.keyRef(hotkey, netuid),
  shares: st.TotalHotkeySharesV2.keyRef(hotkey, netuid),
});

/**
 * The share denominator; a legacy `TotalHotkeyShares` (U64F64, F393) entry wins over `TotalHotkeySharesV2`, as
 * HEAD's lazy migration reads the old map first (§7.6).
 */
function readPool(s: StateReader, keys: HotkeyPoolKeys): HotkeySharePool {
  const legacy = st.TotalHotkeyShares.tryGetAt(s, keys.legacyShares);
  return {
    totalAlpha: st.TotalHotkeyAlpha.getAt(s, keys.totalAlpha),
    // SafeFloats are never mutated: the cached decoded value is handed out as is.
    denominator: legacy
      ? safeFloatFromU64F64(legacy.bits)
      : st.TotalHotkeySharesV2.getSharedAt(s, keys.shares),
  };
}

/** Zero values remove the entries, as the chain's share-pool data layer does. */
function writePool(s: State, keys: HotkeyPoolKeys, pool: HotkeySharePool): void {
  if (pool.totalAlpha === 0n) st.TotalHotkeyAlpha.removeAt(s, keys.totalAlpha);
  else st.TotalHotkeyAlpha.setAt(s, keys.totalAlpha, pool.totalAlpha);
  st.TotalHotkeyShares.removeAt(s, keys.legacyShares);
  if (pool.denominator.mantissa === 0n) st.TotalHotkeySharesV2.removeAt(s, keys.shares);
  else st.TotalHotkeySharesV2.setAt(s, keys.shares, pool.denominator);
}

export function readHotkeyPool(s: StateReader, hotkey: Uint8Array, netuid: number): HotkeySharePool {
  return readPool(s, hotkeyPoolKeys(hotkey, netuid));
}

export function writeHotkeyPool(s: State, hotkey: Uint8Array, netuid: number, pool: HotkeySharePool): void {
  writePool(s, hotkeyPoolKeys(hotkey, netuid), pool);
}

/**
 * Read, transform and write back a hotkey's pool, finding each key once; a caller that touches the pool
 * again passes the `hotkeyPoolKeys` it holds.
 */
export function updateHotkeyPool(
  s: State,
  keys: HotkeyPoolKeys,
  f: (pool: HotkeySharePool) => HotkeySharePool,
): void {
  writePool(s, keys, f(readPool(s, keys)));
}

/** The storage keys of one (hotkey, coldkey) position on a subnet. */
export interface PositionKeys {
  readonly pool: HotkeyPoolKeys;
  readonly legacyShare: StorageKeyRef<{ bits: bigint }>;
  readonly share: StorageKeyRef<SafeFloat>;
}

export const positionKeys = (hotkey: Uint8Array, coldkey: Uint8Array, netuid: number): PositionKeys => ({
  pool: hotkeyPoolKeys(hotkey, netuid),
  legacyShare: st.Alpha.keyRef(hotkey, coldkey, netuid),
  share: st.AlphaV2.keyRef(hotkey, coldkey, netuid),
});

function readPositionAt(s: StateReader, keys: PositionKeys): StakePosition {
  const legacy = st.Alpha.tryGetAt(s, keys.legacyShare);
  return {
    hotkey: readPool(s, keys.pool),
    share: legacy ? safeFloatFromU64F64(legacy.bits) : st.AlphaV2.getSharedAt(s, keys.share),
  };
}

/** A legacy `Alpha` entry is migrated; zero shares remove the `AlphaV2` entry, as the chain does. */
function writePositionAt(s: State, keys: PositionKeys, position: StakePosition): void {
  writePool(s, keys.pool, position.hotkey);
  st.Alpha.removeAt(s, keys.legacyShare);
  if (position.share.mantissa === 0n) st.AlphaV2.removeAt(s, keys.share);
  else st.AlphaV2.setAt(s, keys.share, position.share);
}

export function readPosition(
  s: StateReader,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
): StakePosition {
  return readPositionAt(s, positionKeys(hotkey, coldkey, netuid));
}

/** Store a position (migrating a legacy `Alpha` entry); zero shares remove the `AlphaV2` entry, as the chain does. */
export function writePosition(
  s: State,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
  position: StakePosition,
): void {
  writePositionAt(s, positionKeys(hotkey, coldkey, netuid), position);
}

/**
 * Read, transform and write back a position, finding each of its five keys once; a caller that touches the
 * position again passes the `positionKeys` it holds.
 */
export function updatePosition(
  s: State,
  keys: PositionKeys,
  f: (position: StakePosition) => StakePosition,
): void {
  writePositionAt(s, keys, f(readPositionAt(s, keys)));
}

/** List `hotkey` in the coldkey's `StakingHotkeys` (the index of hotkeys it holds stake through) if missing. */
export function addStakingHotkey(s: State, coldkey: Uint8Array, hotkey: Uint8Array): void {
  const hotkeys = st.StakingHotkeys.getShared(s, coldkey);
  if (!hotkeys.some((h) => bytesEqual(h, hotkey))) st.StakingHotkeys.set(s, coldkey, [...hotkeys, hotkey]);
}
