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

/** A hotkey's stake as the epoch counts it: alpha on the subnet and TAO on root, both after delegation. */
export interface InheritedStakes {
  readonly alpha: bigint;
  readonly tao: bigint;
}

/**
 * `get_inherited_for_hotkey_on_subnet` for alpha (stake on `netuid`) and for TAO (stake on root), sharing one
 * read of the child and parent links: own − Σ own·p_child + Σ parent·p_parent in U96F32, floored.
 */
export function inheritedStakes(s: StateReader, hotkey: Uint8Array, netuid: number): InheritedStakes {
  const children = st.ChildKeys.getShared(s, hotkey, netuid);
  const parents = st.ParentKeys.getShared(s, hotkey, netuid);
  const inherited = (stakeNetuid: number) => {
    const own = U96F32.fromInt(st.TotalHotkeyAlpha.get(s, hotkey, stakeNetuid));
    let toChildren = 0n;
    for (const [proportion] of children)
      toChildren = U96F32.saturatingAdd(toChildren, U96F32.saturatingMul(own, linkProportion(proportion)));
    let fromParents = 0n;
    for (const [proportion, parent] of parents) {
      const parentStake = U96F32.fromInt(st.TotalHotkeyAlpha.get(s, parent, stakeNetuid));
      fromParents = U96F32.saturatingAdd(
        fromParents,
        U96F32.saturatingMul(parentStake, linkProportion(proportion)),
      );
    }
    return U96F32.toU64(U96F32.saturatingAdd(U96F32.saturatingSub(own, toChildren), fromParents));
  };
  return { alpha: inherited(netuid), tao: inherited(ROOT) };
}

/** A child/parent link's u64 proportion as a U96F32 fraction of u64::MAX. */
const linkProportion = (proportion: bigint) => U96F32.safeDiv(U96F32.fromInt(proportion), U64_DENOM);
const U64_DENOM = U96F32.fromInt(U64_MAX);

export interface EpochClock {
  currentBlock: bigint;
  /** The epoch index being run (`SubnetEpochIndex` after the scheduler's increment), for commit expiry. */
  currentEpoch: bigint;
}

/** The subnet's hotkeys by uid. uids are assumed contiguous (`Keys` without gaps), as on chain. */
export function subnetHotkeys(s: StateReader, netuid: number): Uint8Array[] {
  return Array.from({ length: st.SubnetworkN.get(s, netuid) }, (_, uid) => st.Keys.get(s, netuid, uid));
}

/** Read everything one subnet's epoch needs; `hotkeys` as `subnetHotkeys` reads them. */
export function readEpochInputs(
  s: StateReader,
  netuid: number,
  rao: bigint,
  clock: EpochClock,
  hotkeys: readonly Uint8Array[] = subnetHotkeys(s, netuid),
): MultiMechanismEpochInputs {
  const n = hotkeys.length;
  const ownerHotkey = st.SubnetOwnerHotkey.tryGet(s, netuid);
  const ownerUid = ownerHotkey === undefined ? null : (st.Uids.tryGet(s, netuid, ownerHotkey) ?? null);
  const [alphaLow, alphaHigh] = st.AlphaValues.get(s, netuid);
  const revealPeriod = st.RevealPeriodEpochs.get(s, netuid);
  const count = st.MechanismCountCurrent.get(s, netuid);
  const stakes = hotkeys.map((hk) => inheritedStakes(s, hk, netuid));
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
    alphaStake: stakes.map((x) => x.alpha),
    taoStake: stakes.map((x) => x.tao),
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
  hotkeys: readonly Uint8Array[] = subnetHotkeys(s, netuid),
): MultiMechanismEpochOutput {
  const out = epochWithMechanisms(readEpochInputs(s, netuid, rao, clock, hotkeys));
  persistEpochOutputs(s, netuid, out);
  return out;
}
