// Stake movements the coinbase makes without a swap (§5.3–5.6, §10.3): crediting a (hotkey, coldkey) position,
// raising a hotkey's whole share pool, and recycling or burning alpha. All through pools.ts.

import type { State, StateReader } from "../../../frame/state.ts";
import { shareValue, updateValueForAll, updateValueForOne } from "../../../staking/sharePool.ts";
import {
  addStakingHotkey,
  type HotkeyPoolKeys,
  hotkeyPoolKeys,
  type PositionKeys,
  positionKeys,
  readPosition,
  updateHotkeyPool,
  updatePosition,
} from "../pools.ts";
import { storage as st } from "../storage.ts";

const I64_MAX = (1n << 63n) - 1n;

/** `get_stake_for_hotkey_on_subnet`: the hotkey pool's value (`TotalHotkeyAlpha`). */
export function stakeForHotkeyOnSubnet(s: StateReader, hotkey: Uint8Array, netuid: number): bigint {
  return st.TotalHotkeyAlpha.get(s, hotkey, netuid);
}

/** `get_stake_for_hotkey_and_coldkey_on_subnet`: the value of the coldkey's shares in the hotkey's pool. */
export function stakeForHotkeyAndColdkeyOnSubnet(
  s: StateReader,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
): bigint {
  const p = readPosition(s, hotkey, coldkey, netuid);
  return shareValue(p.hotkey, p.share);
}

/**
 * `increase_stake_for_hotkey_and_coldkey_on_subnet`: new shares for the coldkey (`update_value_for_one`);
 * a non-zero amount also records the hotkey in the coldkey's `StakingHotkeys`. A caller paying the same
 * position repeatedly passes its `positionKeys`.
 */
export function increaseStakeForHotkeyAndColdkeyOnSubnet(
  s: State,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
  amount: bigint,
  keys: PositionKeys = positionKeys(hotkey, coldkey, netuid),
): void {
  if (amount !== 0n) addStakingHotkey(s, coldkey, hotkey);
  // The chain casts the u64 to i64 (`as i64`): amounts above i64::MAX wrap negative; never reached in practice.
  const update = amount > I64_MAX ? amount - (1n << 64n) : amount;
  updatePosition(s, keys, (p) => {
    const next = updateValueForOne(p.hotkey, p.share, update);
    return { hotkey: next.pool, share: next.share };
  });
}

/** `increase_stake_for_hotkey_on_subnet`: raise the pool's value, every nominator gains pro rata. */
export function increaseStakeForHotkeyOnSubnet(
  s: State,
  hotkey: Uint8Array,
  netuid: number,
  amount: bigint,
  keys: HotkeyPoolKeys = hotkeyPoolKeys(hotkey, netuid),
): void {
  updateHotkeyPool(s, keys, (pool) => updateValueForAll(pool, amount));
}

/** `recycle_subnet_alpha`: alpha leaves `SubnetAlphaOut` (issuance falls, it can be emitted again). */
export function recycleSubnetAlpha(s: State, netuid: number, amount: bigint): void {
  if (amount === 0n) return;
  st.SubnetAlphaOut.mutate(s, netuid, (v) => (v > amount ? v - amount : 0n));
}

/**
 * `burn_subnet_alpha`: the alpha is gone for holders but stays in `SubnetAlphaOut` (it still counts for the
 * halving). Nothing in SubtensorModule storage changes; kept as a named step for readers.
 */
export function burnSubnetAlpha(_s: State, _netuid: number, _amount: bigint): void {}
