// The registration part of each block's step (`update_registration_prices_for_networks`, §8.2): every
// subnet's burn price decays by its half-life factor, per-block counters reset, root's interval counter
// resets when root's epoch is due. The block hook calls it before the coinbase.
// PERF: one pass over NetworksAdded, a few reads and writes per subnet.

import type { State, StateReader } from "../../../frame/state.ts";
import { decayBurn } from "../../../registration/burn.ts";
import { storage as st } from "../pallet.ts";

/** `MAX_TEMPO`: a subnet that has not stepped for longer than this runs its epoch regardless. */
const MAX_TEMPO = 50_400n;

/**
 * `should_run_epoch` without the manual trigger (`PendingEpochAt` is not declared here): tempo 0 never runs;
 * past MAX_TEMPO blocks without a step always runs; else when `tempo` blocks have passed since `LastEpochBlock`.
 */
export function shouldRunEpoch(s: StateReader, netuid: number, block: bigint): boolean {
  const tempo = BigInt(st.Tempo.get(s, netuid));
  if (tempo === 0n) return false;
  if (st.BlocksSinceLastStep.get(s, netuid) > MAX_TEMPO) return true;
  const last = st.LastEpochBlock.get(s, netuid);
  return (block > last ? block - last : 0n) >= tempo;
}

export function registrationBlockStep(state: State, blockNumber: number): void {
  const block = BigInt(blockNumber);
  // Every NetworksAdded entry, whatever its flag, as the chain iterates it.
  for (const [[netuid]] of [...st.NetworksAdded.entries(state)]) {
    const burn = st.Burn.get(state, netuid);
    const next = decayBurn(burn, st.BurnHalfLife.get(state, netuid), block, {
      minBurn: st.MinBurn.get(state, netuid),
      maxBurn: st.MaxBurn.get(state, netuid),
    });
    if (next !== burn) st.Burn.set(state, netuid, next);
    st.RegistrationsThisBlock.set(state, netuid, 0);
    if (netuid === 0 && shouldRunEpoch(state, 0, block)) st.RegistrationsThisInterval.set(state, 0, 0);
  }
}
