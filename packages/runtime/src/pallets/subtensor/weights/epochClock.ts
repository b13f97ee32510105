// The subnet epoch clock as the weights calls and the admin freeze window read it: HEAD's stateful
// scheduler (LastEpochBlock + tempo, owner-triggered PendingEpochAt, MAX_TEMPO safety net) and SubnetEpochIndex.

import type { StateReader } from "../../../frame/state.ts";
import { storage as st } from "../storage.ts";

/** `MAX_TEMPO`: a subnet whose last step is older than this runs its epoch regardless of schedule. */
export const MAX_TEMPO = 50_400n;
const U64_MAX = (1n << 64n) - 1n;

/** `should_run_epoch`: is the subnet's epoch due in `block`. */
export function shouldRunEpoch(s: StateReader, netuid: number, block: bigint): boolean {
  const tempo = BigInt(st.Tempo.get(s, netuid));
  if (tempo === 0n) return false;
  const pending = st.PendingEpochAt.get(s, netuid);
  if (pending > 0n && block >= pending) return true;
  if (st.BlocksSinceLastStep.get(s, netuid) > MAX_TEMPO) return true;
  const last = st.LastEpochBlock.get(s, netuid);
  return (block > last ? block - last : 0n) >= tempo;
}

/** `blocks_until_next_auto_epoch`: blocks left before `LastEpochBlock + tempo` (u64::MAX for tempo 0). */
export function blocksUntilNextAutoEpoch(s: StateReader, netuid: number, block: bigint): bigint {
  const tempo = BigInt(st.Tempo.get(s, netuid));
  if (tempo === 0n) return U64_MAX;
  const next = st.LastEpochBlock.get(s, netuid) + tempo;
  return next > block ? next - block : 0n;
}

/**
 * `is_in_admin_freeze_window`: an owner-triggered epoch freezes everything until it fires; otherwise the
 * last `AdminFreezeWindow` blocks before the automatic epoch are frozen.
 */
export function isInAdminFreezeWindow(s: StateReader, netuid: number, block: bigint): boolean {
  if (st.Tempo.get(s, netuid) === 0) return false;
  const pending = st.PendingEpochAt.get(s, netuid);
  if (pending > 0n && pending > block) return true;
  return blocksUntilNextAutoEpoch(s, netuid, block) < BigInt(st.AdminFreezeWindow.get(s));
}

/**
 * `current_epoch_with_lookahead`: the subnet's epoch index, plus one when this block's epoch is due (a
 * commit made in the block that runs the epoch belongs to the next one).
 */
export function currentEpochWithLookahead(s: StateReader, netuid: number, block: bigint): bigint {
  const base = st.SubnetEpochIndex.get(s, netuid);
  return shouldRunEpoch(s, netuid, block) ? base + 1n : base;
}
