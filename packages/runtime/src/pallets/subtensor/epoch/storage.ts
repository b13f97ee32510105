// Feeds the Yuma engine from SubtensorModule storage and writes its results back, as `epoch_with_mechanisms`
// does on chain: stake with child/parent inheritance, stored permits and weights per mechanism, commit blocks.
// PERF: reads O(n) items plus every weight and bond row; writes every bond row of every mechanism.

import { U96F32 } from "@opentao/primitives";
import { epochWithMechanisms } from "../../../epoch/mechanisms.ts";
import type {
  MechanismInputs,
  MultiMechanismEpochInputs,
  MultiMechanismEpochOutput,
} from "../../../epoch/types.ts";
import type { State, StateReader } from "../../../frame/state.ts";
import { storage as st } from "../pallet.ts";

const ROOT = 0;
const U64_MAX = (1n << 64n) - 1n;

/** `mech · 4096 + netuid`: where a mechanism's weights, bonds, last-update and incentive live. */
export function mechanismStorageIndex(netuid: number, mech: number): number {
  return mech * 4096 + netuid;
}

/**
 * Stake a hotkey counts with on `netuid`, after child/parent delegation (`get_inherited_for_hotkey_on_subnet`,
 * or the TAO variant with `stakeNetuid = 0`): own − Σ own·p_child + Σ parent·p_parent in U96F32, floored.
 */
export function inheritedStake(
  s: StateReader,
  hotkey: Uint8Array,
  netuid: number,
  stakeNetuid: number,
): bigint {
  const own = U96F32.fromInt(st.TotalHotkeyAlpha.get(s, hotkey, stakeNetuid));
  const denom = U96F32.fromInt(U64_MAX);
  let toChildren = 0n;
  for (const [proportion] of st.ChildKeys.get(s, hotkey, netuid)) {
    const p = U96F32.safeDiv(U96F32.fromInt(proportion), denom);
    toChildren = U96F32.saturatingAdd(toChildren, U96F32.saturatingMul(own, p));
  }
  let fromParents = 0n;
  for (const [proportion, parent] of st.ParentKeys.get(s, hotkey, netuid)) {
    const parentStake = U96F32.fromInt(st.TotalHotkeyAlpha.get(s, parent, stakeNetuid));
    const p = U96F32.safeDiv(U96F32.fromInt(proportion), denom);
    fromParents = U96F32.saturatingAdd(fromParents, U96F32.saturatingMul(parentStake, p));
  }
  return U96F32.toU64(U96F32.saturatingAdd(U96F32.saturatingSub(own, toChildren), fromParents));
}

export interface EpochClock {
  currentBlock: bigint;
  /** The epoch index being run (`SubnetEpochIndex` after the scheduler's increment), for commit expiry. */
  currentEpoch: bigint;
}

/** Read everything one subnet's epoch needs. uids are assumed contiguous (`Keys` without gaps), as on chain. */
export function readEpochInputs(
  s: StateReader,
  netuid: number,
  rao: bigint,
  clock: EpochClock,
): MultiMechanismEpochInputs {
  const n = st.SubnetworkN.get(s, netuid);
  const hotkeys = Array.from({ length: n }, (_, uid) => st.Keys.get(s, netuid, uid));
  const ownerHotkey = st.SubnetOwnerHotkey.tryGet(s, netuid);
  const ownerUid = ownerHotkey === undefined ? null : (st.Uids.tryGet(s, netuid, ownerHotkey) ?? null);
  const [alphaLow, alphaHigh] = st.AlphaValues.get(s, netuid);
  const revealPeriod = st.RevealPeriodEpochs.get(s, netuid);
  const count = st.MechanismCountCurrent.get(s, netuid);
  const mechanisms: MechanismInputs[] = [];
  for (let m = 0; m < count; m++) {
    const idx = mechanismStorageIndex(netuid, m);
    mechanisms.push({
      lastUpdate: st.LastUpdate.get(s, idx),
      // The earliest still-pending commit of each validator: the first unexpired entry of its queue.
      commitBlocks: hotkeys.map((hk) => {
        const queue = st.WeightCommits.tryGet(s, idx, hk) ?? [];
        const live = queue.find(([, epoch]) => !(clock.currentEpoch > epoch + revealPeriod));
        return live ? live[2] : null;
      }),
      // Read-only here (the epoch copies rows into its own arrays): no per-row copy of the cached values.
      weights: Array.from({ length: n }, (_, uid) => st.Weights.getShared(s, idx, uid)),
      bonds: Array.from({ length: n }, (_, uid) => st.Bonds.getShared(s, idx, uid)),
    });
  }
  return {
    n,
    currentBlock: clock.currentBlock,
    tempo: st.Tempo.get(s, netuid),
    lastMechanismStepBlock: st.LastMechansimStepBlock.get(s, netuid),
    ownerUid,
    raoEmission: rao,
    hyperparameters: {
      kappa: st.Kappa.get(s, netuid),
      bondsPenalty: st.BondsPenalty.get(s, netuid),
      bondsMovingAverage: st.BondsMovingAverage.get(s, netuid),
      yuma3Enabled: st.Yuma3On.get(s, netuid),
      liquidAlphaEnabled: st.LiquidAlphaOn.get(s, netuid),
      alphaLow,
      alphaHigh,
      alphaSigmoidSteepness: st.AlphaSigmoidSteepness.get(s, netuid),
      maxAllowedValidators: st.MaxAllowedValidators.get(s, netuid),
      stakeThreshold: st.StakeThreshold.get(s),
      taoWeight: st.TaoWeight.get(s),
      activityCutoffFactorMilli: st.ActivityCutoffFactorMilli.get(s, netuid),
      commitRevealEnabled: st.CommitRevealWeightsEnabled.get(s, netuid),
    },
    alphaStake: hotkeys.map((hk) => inheritedStake(s, hk, netuid, netuid)),
    taoStake: hotkeys.map((hk) => inheritedStake(s, hk, netuid, ROOT)),
    validatorPermit: st.ValidatorPermit.get(s, netuid),
    blockAtRegistration: Array.from({ length: n }, (_, uid) => st.BlockAtRegistration.get(s, netuid, uid)),
    mechanismEmissionSplit: st.MechanismEmissionSplit.tryGet(s, netuid) ?? null,
    mechanisms,
  };
}

/** Write the epoch's results where the chain keeps them (per mechanism, then per subnet). */
export function persistEpochOutputs(s: State, netuid: number, out: MultiMechanismEpochOutput): void {
  out.mechanisms.forEach((mech, m) => {
    const idx = mechanismStorageIndex(netuid, m);
    st.Incentive.set(s, idx, mech.incentive);
    for (const [uid, row] of mech.bonds.entries()) st.Bonds.set(s, idx, uid, row);
  });
  const a = out.aggregate;
  st.Active.set(s, netuid, a.active);
  st.Emission.set(s, netuid, a.emission);
  st.Consensus.set(s, netuid, a.consensus);
  st.Dividends.set(s, netuid, a.dividends);
  st.ValidatorTrust.set(s, netuid, a.validatorTrust);
  st.ValidatorPermit.set(s, netuid, a.newValidatorPermit);
  st.StakeWeight.set(s, netuid, a.stakeWeight);
}

/** Read, run and persist one subnet's epoch; returns the output for the coinbase's distribution. */
export function runEpoch(
  s: State,
  netuid: number,
  rao: bigint,
  clock: EpochClock,
): MultiMechanismEpochOutput {
  const out = epochWithMechanisms(readEpochInputs(s, netuid, rao, clock));
  persistEpochOutputs(s, netuid, out);
  return out;
}
