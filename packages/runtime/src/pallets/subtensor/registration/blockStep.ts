// The registration part of each block's step (`update_registration_prices_for_networks`, §8.2): every
// subnet's burn price decays by its half-life factor, per-block counters reset, root's interval counter
// resets when root's epoch is due. The block hook calls it before the coinbase.
// PERF: one pass over NetworksAdded, a few reads and writes per subnet.

import type { State } from "../../../frame/state.ts";
import { decayBurn } from "../../../registration/burn.ts";
import { storage as st } from "../pallet.ts";
import { shouldRunEpoch } from "../weights/epochClock.ts";

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
