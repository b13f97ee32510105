// SubnetInfoRuntimeApi (rpc_info/subnet_info.rs, dynamic_info.rs, metagraph.rs, show_subnet.rs): subnet
// parameters, hyperparameters, pool state, the metagraph (whole, per mechanism, or field-selected) and pruning.

import { I64F64, I96F32, U64F64 } from "@opentao/primitives";
import { AccountId32 } from "../frame/common.ts";
import type { StateReader } from "../frame/state.ts";
import { T } from "../frame/types.ts";
import { mechanismStorageIndex } from "../pallets/subtensor/epoch/storage.ts";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { axonInfo } from "./neuronInfo.ts";
import {
  allNetuids,
  compactBytes,
  currentBlock,
  stakeWeightFor,
  stakeWeightsForNetwork,
  subnetExists,
  subnetName,
} from "./reads.ts";
import {
  type ApiImpl,
  DynamicInfo,
  type DynamicInfoValue,
  Metagraph,
  type MetagraphValue,
  method,
  SelectiveMetagraph,
  type SelectiveMetagraphValue,
  SubnetHyperparams,
  SubnetHyperparamsV2,
  type SubnetHyperparamsV2Value,
  type SubnetHyperparamsValue,
  SubnetInfo,
  type SubnetInfoValue,
  SubnetInfov2,
  type SubnetInfov2Value,
  SubnetState,
  type SubnetStateValue,
} from "./types.ts";

const U16_MAX = 0xffff;

/** `get_activity_cutoff_blocks` (spec 425): max(1, ⌊ActivityCutoffFactorMilli · tempo / 1000⌋). */
export function activityCutoffBlocks(s: StateReader, netuid: number): number {
  const v = Math.floor((st.ActivityCutoffFactorMilli.get(s, netuid) * st.Tempo.get(s, netuid)) / 1000);
  return Math.max(1, v);
}

/** `get_subnet_info` (v1 and v2 share every field but the identity). */
export function subnetInfoV2(s: StateReader, netuid: number): SubnetInfov2Value | undefined {
  if (!subnetExists(s, netuid)) return undefined;
  return {
    netuid,
    rho: st.Rho.get(s, netuid),
    kappa: st.Kappa.get(s, netuid),
    difficulty: st.Difficulty.get(s, netuid),
    immunity_period: st.ImmunityPeriod.get(s, netuid),
    max_allowed_validators: st.MaxAllowedValidators.get(s, netuid),
    min_allowed_weights: st.MinAllowedWeights.get(s, netuid),
    // `get_max_weight_limit` is the constant u16::MAX at spec 425.
    max_weights_limit: U16_MAX,
    scaling_law_power: st.ScalingLawPower.get(s, netuid),
    subnetwork_n: st.SubnetworkN.get(s, netuid),
    max_allowed_uids: st.MaxAllowedUids.get(s, netuid),
    blocks_since_last_step: st.BlocksSinceLastStep.get(s, netuid),
    tempo: st.Tempo.get(s, netuid),
    network_modality: 0,
    network_connect: [],
    emission_value: 0n,
    burn: st.Burn.get(s, netuid),
    owner: st.SubnetOwner.get(s, netuid),
    identity: st.SubnetIdentitiesV3.tryGet(s, netuid),
  };
}

export function subnetInfo(s: StateReader, netuid: number): SubnetInfoValue | undefined {
  const v2 = subnetInfoV2(s, netuid);
  if (!v2) return undefined;
  const { identity: _, emission_value, ...rest } = v2;
  return { ...rest, emission_values: emission_value };
}

/** `get_subnets_info`: subnets whose `NetworksAdded` flag is set, by ascending netuid. */
function addedNetuidsAscending(s: StateReader): number[] {
  return [...st.NetworksAdded.entries(s)]
    .filter(([, added]) => added)
    .map(([[n]]) => n)
    .sort((a, b) => a - b);
}

export function subnetHyperparamsV2(s: StateReader, netuid: number): SubnetHyperparamsV2Value | undefined {
  if (!subnetExists(s, netuid)) return undefined;
  const [alphaLow, alphaHigh] = st.AlphaValues.get(s, netuid);
  return {
    rho: st.Rho.get(s, netuid),
    kappa: st.Kappa.get(s, netuid),
    immunity_period: st.ImmunityPeriod.get(s, netuid),
    min_allowed_weights: st.MinAllowedWeights.get(s, netuid),
    max_weights_limit: U16_MAX,
    tempo: st.Tempo.get(s, netuid),
    min_difficulty: st.MinDifficulty.get(s, netuid),
    max_difficulty: st.MaxDifficulty.get(s, netuid),
    weights_version: st.WeightsVersionKey.get(s, netuid),
    weights_rate_limit: st.WeightsSetRateLimit.get(s, netuid),
    adjustment_interval: st.AdjustmentInterval.get(s, netuid),
    activity_cutoff: activityCutoffBlocks(s, netuid),
    registration_allowed: st.NetworkRegistrationAllowed.get(s, netuid),
    target_regs_per_interval: st.TargetRegistrationsPerInterval.get(s, netuid),
    min_burn: st.MinBurn.get(s, netuid),
    max_burn: st.MaxBurn.get(s, netuid),
    bonds_moving_avg: st.BondsMovingAverage.get(s, netuid),
    max_regs_per_block: st.MaxRegistrationsPerBlock.get(s, netuid),
    serving_rate_limit: st.ServingRateLimit.get(s, netuid),
    max_validators: st.MaxAllowedValidators.get(s, netuid),
    adjustment_alpha: st.AdjustmentAlpha.get(s, netuid),
    difficulty: st.Difficulty.get(s, netuid),
    commit_reveal_period: st.RevealPeriodEpochs.get(s, netuid),
    commit_reveal_weights_enabled: st.CommitRevealWeightsEnabled.get(s, netuid),
    alpha_high: alphaHigh,
    alpha_low: alphaLow,
    liquid_alpha_enabled: st.LiquidAlphaOn.get(s, netuid),
    // I32F32 from the stored i16.
    alpha_sigmoid_steepness: { bits: BigInt(st.AlphaSigmoidSteepness.get(s, netuid)) << 32n },
    yuma_version: st.Yuma3On.get(s, netuid) ? 3 : 2,
    subnet_is_active: st.SubtokenEnabled.get(s, netuid),
    transfers_enabled: st.TransferToggle.get(s, netuid),
    bonds_reset_enabled: st.BondsResetOn.get(s, netuid),
    user_liquidity_enabled: false,
  };
}

export function subnetHyperparams(s: StateReader, netuid: number): SubnetHyperparamsValue | undefined {
  const v2 = subnetHyperparamsV2(s, netuid);
  if (!v2) return undefined;
  const {
    alpha_sigmoid_steepness: _a,
    yuma_version: _y,
    subnet_is_active: _s,
    transfers_enabled: _t,
    bonds_reset_enabled: _b,
    user_liquidity_enabled: _u,
    ...v1
  } = v2;
  return v1;
}

/** `get_dynamic_info`. */
export function dynamicInfo(s: StateReader, netuid: number): DynamicInfoValue | undefined {
  if (!subnetExists(s, netuid)) return undefined;
  const lastStep = st.LastMechansimStepBlock.get(s, netuid);
  const block = currentBlock(s);
  return {
    netuid,
    owner_hotkey: st.SubnetOwnerHotkey.get(s, netuid),
    owner_coldkey: st.SubnetOwner.get(s, netuid),
    subnet_name: compactBytes(subnetName(s, netuid)),
    token_symbol: compactBytes(st.TokenSymbol.get(s, netuid)),
    tempo: st.Tempo.get(s, netuid),
    last_step: lastStep,
    blocks_since_last_step: block > lastStep ? block - lastStep : 0n,
    emission: 0n,
    alpha_in: st.SubnetAlphaIn.get(s, netuid),
    alpha_out: st.SubnetAlphaOut.get(s, netuid),
    tao_in: st.SubnetTAO.get(s, netuid),
    alpha_out_emission: st.SubnetAlphaOutEmission.get(s, netuid),
    alpha_in_emission: st.SubnetAlphaInEmission.get(s, netuid),
    tao_in_emission: st.SubnetTaoInEmission.get(s, netuid),
    pending_alpha_emission: pendingAlpha(s, netuid),
    pending_root_emission: 0n,
    subnet_volume: st.SubnetVolume.get(s, netuid),
    network_registered_at: st.NetworkRegisteredAt.get(s, netuid),
    subnet_identity: st.SubnetIdentitiesV3.tryGet(s, netuid),
    moving_price: st.SubnetMovingPrice.get(s, netuid),
  };
}

const U64_MAX = (1n << 64n) - 1n;
function pendingAlpha(s: StateReader, netuid: number): bigint {
  const v = st.PendingValidatorEmission.get(s, netuid) + st.PendingServerEmission.get(s, netuid);
  return v > U64_MAX ? U64_MAX : v;
}

/** The hotkey at each uid 0..SubnetworkN (`Keys` default: the zero account). */
function hotkeysOf(s: StateReader, netuid: number): Uint8Array[] {
  const n = st.SubnetworkN.get(s, netuid);
  const out: Uint8Array[] = [];
  for (let uid = 0; uid < n; uid++) out.push(st.Keys.get(s, netuid, uid));
  return out;
}

/** `get_metagraph`. Rank, trust and pruning scores are empty (no longer computed); TAO dividends are 0. */
export function metagraph(s: StateReader, netuid: number): MetagraphValue | undefined {
  if (!subnetExists(s, netuid)) return undefined;
  const dyn = dynamicInfo(s, netuid) as DynamicInfoValue;
  const hp = subnetHyperparamsV2(s, netuid) as SubnetHyperparamsV2Value;
  const hotkeys = hotkeysOf(s, netuid);
  const coldkeys = hotkeys.map((h) => st.Owner.get(s, h));
  const stake = stakeWeightsForNetwork(s, netuid);
  return {
    netuid,
    name: dyn.subnet_name,
    symbol: dyn.token_symbol,
    identity: dyn.subnet_identity,
    network_registered_at: dyn.network_registered_at,
    owner_hotkey: dyn.owner_hotkey,
    owner_coldkey: dyn.owner_coldkey,
    block: currentBlock(s),
    tempo: dyn.tempo,
    last_step: dyn.last_step,
    blocks_since_last_step: dyn.blocks_since_last_step,
    subnet_emission: 0n,
    alpha_in: dyn.alpha_in,
    alpha_out: dyn.alpha_out,
    tao_in: dyn.tao_in,
    alpha_out_emission: dyn.alpha_out_emission,
    alpha_in_emission: dyn.alpha_in_emission,
    tao_in_emission: dyn.tao_in_emission,
    pending_alpha_emission: dyn.pending_alpha_emission,
    pending_root_emission: 0n,
    subnet_volume: dyn.subnet_volume,
    moving_price: dyn.moving_price,
    rho: hp.rho,
    kappa: hp.kappa,
    min_allowed_weights: hp.min_allowed_weights,
    max_weights_limit: hp.max_weights_limit,
    weights_version: hp.weights_version,
    weights_rate_limit: hp.weights_rate_limit,
    activity_cutoff: hp.activity_cutoff,
    max_validators: hp.max_validators,
    num_uids: st.SubnetworkN.get(s, netuid),
    max_uids: st.MaxAllowedUids.get(s, netuid),
    burn: st.Burn.get(s, netuid),
    difficulty: hp.difficulty,
    registration_allowed: hp.registration_allowed,
    pow_registration_allowed: st.NetworkPowRegistrationAllowed.get(s, netuid),
    immunity_period: hp.immunity_period,
    min_difficulty: hp.min_difficulty,
    max_difficulty: hp.max_difficulty,
    min_burn: hp.min_burn,
    max_burn: hp.max_burn,
    adjustment_alpha: hp.adjustment_alpha,
    adjustment_interval: hp.adjustment_interval,
    target_regs_per_interval: hp.target_regs_per_interval,
    max_regs_per_block: hp.max_regs_per_block,
    serving_rate_limit: hp.serving_rate_limit,
    commit_reveal_weights_enabled: hp.commit_reveal_weights_enabled,
    commit_reveal_period: hp.commit_reveal_period,
    liquid_alpha_enabled: hp.liquid_alpha_enabled,
    alpha_high: hp.alpha_high,
    alpha_low: hp.alpha_low,
    bonds_moving_avg: hp.bonds_moving_avg,
    hotkeys,
    coldkeys,
    identities: coldkeys.map((c) => st.IdentitiesV2.tryGet(s, c)),
    axons: hotkeys.map((h) => axonInfo(s, netuid, h)),
    active: st.Active.get(s, netuid),
    validator_permit: st.ValidatorPermit.get(s, netuid),
    pruning_score: [],
    last_update: st.LastUpdate.get(s, netuid),
    emission: st.Emission.get(s, netuid),
    dividends: st.Dividends.get(s, netuid),
    incentives: st.Incentive.get(s, netuid),
    consensus: st.Consensus.get(s, netuid),
    trust: [],
    rank: [],
    block_at_registration: hotkeys.map((_, uid) => st.BlockAtRegistration.get(s, netuid, uid)),
    alpha_stake: stake.alpha,
    tao_stake: stake.tao,
    total_stake: stake.total,
    tao_dividends_per_hotkey: hotkeys.map((h) => [h, 0n]),
    alpha_dividends_per_hotkey: hotkeys.map((h) => [h, st.AlphaDividendsPerSubnet.get(s, netuid, h)]),
  };
}

/** `get_mechagraph`: the metagraph with the mechanism's storage index, last updates and incentives. */
export function mechagraph(s: StateReader, netuid: number, mecid: number): MetagraphValue | undefined {
  if (!subnetExists(s, netuid) || st.MechanismCountCurrent.get(s, netuid) <= mecid) return undefined;
  const meta = metagraph(s, netuid);
  if (!meta) return undefined;
  const index = Math.min(mechanismStorageIndex(netuid, mecid), 0xffff);
  return {
    ...meta,
    netuid: index,
    last_update: st.LastUpdate.get(s, index),
    incentives: st.Incentive.get(s, index),
  };
}

/** `get_subnet_state`. */
export function subnetState(s: StateReader, netuid: number): SubnetStateValue | undefined {
  const m = metagraph(s, netuid);
  if (!m) return undefined;
  const netuids = allNetuids(s);
  return {
    netuid,
    hotkeys: m.hotkeys,
    coldkeys: m.coldkeys,
    active: m.active,
    validator_permit: m.validator_permit,
    pruning_score: [],
    last_update: m.last_update,
    emission: m.emission,
    dividends: m.dividends,
    incentives: m.incentives,
    consensus: m.consensus,
    trust: [],
    rank: [],
    block_at_registration: m.block_at_registration,
    alpha_stake: m.alpha_stake,
    tao_stake: m.tao_stake,
    total_stake: m.total_stake,
    // `get_emissions_history`: per subnet (storage order), each hotkey's last emission there.
    emission_history: netuids.map((n) => m.hotkeys.map((h) => st.LastHotkeyEmissionOnNetuid.get(s, h, n))),
  };
}

/** The `SelectiveMetagraph` field names in index order (0 netuid … 73 commitments). */
export const SELECTIVE_FIELDS: readonly string[] = (
  SelectiveMetagraph.def as { value: Array<{ name: string }> }
).value.map((f) => f.name);

/** `get_validators`: permitted uids with stake weight above `StakeThreshold`, ascending by stake weight. */
function validators(s: StateReader, netuid: number): number[] {
  const permits = st.ValidatorPermit.get(s, netuid);
  const threshold = I64F64.fromInt(st.StakeThreshold.get(s));
  return [...st.Keys.entries(s, netuid)]
    .filter(([[, uid]]) => uid < permits.length && permits[uid])
    .map(([[, uid], hotkey]) => ({ uid, stake: stakeWeightFor(s, hotkey, netuid).total }))
    .sort((a, b) => (a.stake < b.stake ? -1 : a.stake > b.stake ? 1 : 0))
    .filter((v) => v.stake > threshold)
    .map((v) => v.uid);
}

function emptySelective(): SelectiveMetagraphValue {
  const v: Record<string, unknown> = {};
  for (const f of SELECTIVE_FIELDS) v[f] = undefined;
  v.netuid = 0;
  return v as SelectiveMetagraphValue;
}

/**
 * `get_selective_metagraph` / `get_selective_mechagraph`: each listed index fills its field; `netuid` stays 0
 * unless index 0 is listed (metagraph) or is always the netuid (mechagraph). A mechanism reads its own last
 * updates and incentives. Commitments are empty: opentao has no Commitments pallet.
 */
export function selectiveMetagraph(
  s: StateReader,
  netuid: number,
  indexes: number[],
  mecid?: number,
): SelectiveMetagraphValue | undefined {
  if (!subnetExists(s, netuid)) return undefined;
  const out = emptySelective() as Record<string, unknown>;
  let full: MetagraphValue | undefined;
  const fullMeta = () => {
    full ??= metagraph(s, netuid) as MetagraphValue;
    return full as Record<string, unknown>;
  };
  const index = mecid === undefined ? netuid : Math.min(mechanismStorageIndex(netuid, mecid), 0xffff);
  for (const i of indexes) {
    const field = SELECTIVE_FIELDS[i];
    if (field === undefined) continue;
    if (field === "netuid") out.netuid = netuid;
    else if (field === "identity") out.identity = { some: fullMeta().identity };
    else if (field === "validators") out.validators = validators(s, netuid);
    else if (field === "commitments") out.commitments = [];
    else if (field === "last_update") out.last_update = st.LastUpdate.get(s, index);
    else if (field === "incentives") out.incentives = st.Incentive.get(s, index);
    else out[field] = fullMeta()[field];
  }
  if (mecid !== undefined) out.netuid = netuid;
  return out as SelectiveMetagraphValue;
}

/** `get_moving_alpha_price` (U64F64 bits): 1 for root and stable subnets, else the EMA price. */
function movingAlphaPrice(s: StateReader, netuid: number): bigint {
  if (netuid === 0 || st.SubnetMechanism.get(s, netuid) === 0) return U64F64.one;
  return U64F64.from(I96F32, st.SubnetMovingPrice.get(s, netuid).bits);
}

/** `get_network_to_prune`: the non-immune subnet with the lowest EMA price, earliest registration on a tie. */
export function subnetToPrune(s: StateReader): number | undefined {
  const block = currentBlock(s);
  const immunity = st.NetworkImmunityPeriod.get(s);
  let candidate: number | undefined;
  let candidatePrice = U64F64.saturate((1n << 128n) - 1n);
  let candidateAt = U64_MAX;
  for (const [[netuid], added] of st.NetworksAdded.entries(s)) {
    if (!added || netuid === 0) continue;
    const registeredAt = st.NetworkRegisteredAt.get(s, netuid);
    const until = registeredAt + immunity > U64_MAX ? U64_MAX : registeredAt + immunity;
    if (block < until) continue;
    const price = movingAlphaPrice(s, netuid);
    if (price < candidatePrice || (price === candidatePrice && registeredAt < candidateAt)) {
      candidate = netuid;
      candidatePrice = price;
      candidateAt = registeredAt;
    }
  }
  return candidate;
}

const netuidIn = [["netuid", T.u16]] as const;

export const subnetInfoApi: ApiImpl = {
  name: "SubnetInfoRuntimeApi",
  version: 1,
  methods: [
    method("get_subnet_info", netuidIn, T.option(SubnetInfo), (s, n) => subnetInfo(s, n)),
    method("get_subnets_info", [], T.vec(T.option(SubnetInfo)), (s) =>
      addedNetuidsAscending(s).map((n) => subnetInfo(s, n)),
    ),
    method("get_subnet_info_v2", netuidIn, T.option(SubnetInfov2), (s, n) => subnetInfoV2(s, n)),
    method("get_subnets_info_v2", [], T.vec(T.option(SubnetInfov2)), (s) =>
      addedNetuidsAscending(s).map((n) => subnetInfoV2(s, n)),
    ),
    method("get_subnet_hyperparams", netuidIn, T.option(SubnetHyperparams), (s, n) =>
      subnetHyperparams(s, n),
    ),
    method("get_subnet_hyperparams_v2", netuidIn, T.option(SubnetHyperparamsV2), (s, n) =>
      subnetHyperparamsV2(s, n),
    ),
    method("get_all_dynamic_info", [], T.vec(T.option(DynamicInfo)), (s) =>
      allNetuids(s).map((n) => dynamicInfo(s, n)),
    ),
    method("get_all_metagraphs", [], T.vec(T.option(Metagraph)), (s) =>
      allNetuids(s).map((n) => metagraph(s, n)),
    ),
    method("get_metagraph", netuidIn, T.option(Metagraph), (s, n) => metagraph(s, n)),
    method("get_all_mechagraphs", [], T.vec(T.option(Metagraph)), (s) =>
      allNetuids(s).flatMap((n) =>
        Array.from({ length: st.MechanismCountCurrent.get(s, n) }, (_, m) => mechagraph(s, n, m)),
      ),
    ),
    method(
      "get_mechagraph",
      [
        ["netuid", T.u16],
        ["mecid", T.u8],
      ],
      T.option(Metagraph),
      (s, n, m) => mechagraph(s, n, m),
    ),
    method("get_dynamic_info", netuidIn, T.option(DynamicInfo), (s, n) => dynamicInfo(s, n)),
    method("get_subnet_state", netuidIn, T.option(SubnetState), (s, n) => subnetState(s, n)),
    method(
      "get_selective_metagraph",
      [
        ["netuid", T.u16],
        ["metagraph_indexes", T.vec(T.u16)],
      ],
      T.option(SelectiveMetagraph),
      (s, n, idx) => selectiveMetagraph(s, n, idx),
    ),
    method(
      "get_coldkey_auto_stake_hotkey",
      [
        ["coldkey", AccountId32],
        ["netuid", T.u16],
      ],
      T.option(AccountId32),
      (s, coldkey, n) => st.AutoStakeDestination.tryGet(s, coldkey, n),
    ),
    method(
      "get_selective_mechagraph",
      [
        ["netuid", T.u16],
        ["subid", T.u8],
        ["metagraph_indexes", T.vec(T.u16)],
      ],
      T.option(SelectiveMetagraph),
      (s, n, m, idx) => selectiveMetagraph(s, n, idx, m),
    ),
    method("get_subnet_to_prune", [], T.option(T.u16), (s) => subnetToPrune(s)),
  ],
};
