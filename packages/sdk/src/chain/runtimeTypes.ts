// Decoders for the Bittensor runtime-API structs (finney's types, interop.md §2.8), field for field in SCALE
// order, into plain objects with the chain's snake_case names. Amounts stay bigint RAO; u16 scores stay raw.

import type { ScaleReader } from "./scale.ts";

export interface ChainAxonInfo {
  block: bigint;
  version: number;
  ip: bigint;
  port: number;
  ip_type: number;
  protocol: number;
  placeholder1: number;
  placeholder2: number;
}
export interface PrometheusInfo {
  block: bigint;
  version: number;
  ip: bigint;
  port: number;
  ip_type: number;
}
export interface NeuronInfoLite {
  hotkey: string;
  coldkey: string;
  uid: number;
  netuid: number;
  active: boolean;
  axon_info: ChainAxonInfo;
  prometheus_info: PrometheusInfo;
  stake: [string, bigint][];
  rank: number;
  emission: bigint;
  incentive: number;
  consensus: number;
  trust: number;
  validator_trust: number;
  dividends: number;
  last_update: bigint;
  validator_permit: boolean;
  pruning_score: number;
}
export interface NeuronInfo extends NeuronInfoLite {
  weights: [number, number][];
  bonds: [number, number][];
}

export const decodeAxonInfo = (r: ScaleReader): ChainAxonInfo => ({
  block: r.u64(),
  version: r.u32(),
  ip: r.u128(),
  port: r.u16(),
  ip_type: r.u8(),
  protocol: r.u8(),
  placeholder1: r.u8(),
  placeholder2: r.u8(),
});

export const decodePrometheusInfo = (r: ScaleReader): PrometheusInfo => ({
  block: r.u64(),
  version: r.u32(),
  ip: r.u128(),
  port: r.u16(),
  ip_type: r.u8(),
});

const accountAmount = (r: ScaleReader): [string, bigint] => [r.accountId(), r.compactBig()];
const pairU16 = (r: ScaleReader): [number, number] => [r.compact(), r.compact()];

function decodeNeuron(r: ScaleReader, full: boolean): NeuronInfo {
  const hotkey = r.accountId();
  const coldkey = r.accountId();
  const uid = r.compact();
  const netuid = r.compact();
  const active = r.bool();
  const axon_info = decodeAxonInfo(r);
  const prometheus_info = decodePrometheusInfo(r);
  const stake = r.vec(accountAmount);
  const rank = r.compact();
  const emission = r.compactBig();
  const incentive = r.compact();
  const consensus = r.compact();
  const trust = r.compact();
  const validator_trust = r.compact();
  const dividends = r.compact();
  const last_update = r.compactBig();
  const validator_permit = r.bool();
  const weights = full ? r.vec(pairU16) : [];
  const bonds = full ? r.vec(pairU16) : [];
  const pruning_score = r.compact();
  return {
    hotkey,
    coldkey,
    uid,
    netuid,
    active,
    axon_info,
    prometheus_info,
    stake,
    rank,
    emission,
    incentive,
    consensus,
    trust,
    validator_trust,
    dividends,
    last_update,
    validator_permit,
    weights,
    bonds,
    pruning_score,
  };
}

export const decodeNeuronInfoLite = (r: ScaleReader): NeuronInfoLite => {
  const { weights: _w, bonds: _b, ...lite } = decodeNeuron(r, false);
  return lite;
};
export const decodeNeuronInfo = (r: ScaleReader): NeuronInfo => decodeNeuron(r, true);

export interface SubnetIdentity {
  subnet_name: string;
  github_repo: string;
  subnet_contact: string;
  subnet_url: string;
  discord: string;
  description: string;
  logo_url: string;
  additional: string;
}
const decodeSubnetIdentity = (r: ScaleReader): SubnetIdentity => ({
  subnet_name: r.text(false),
  github_repo: r.text(false),
  subnet_contact: r.text(false),
  subnet_url: r.text(false),
  discord: r.text(false),
  description: r.text(false),
  logo_url: r.text(false),
  additional: r.text(false),
});
export interface ChainIdentity {
  name: string;
  url: string;
  github_repo: string;
  image: string;
  discord: string;
  description: string;
  additional: string;
}
const decodeChainIdentity = (r: ScaleReader): ChainIdentity => ({
  name: r.text(false),
  url: r.text(false),
  github_repo: r.text(false),
  image: r.text(false),
  discord: r.text(false),
  description: r.text(false),
  additional: r.text(false),
});

/** I96F32 / U96F32 raw bits (16 bytes LE) as a float, for display only. */
const fixed96F32 = (r: ScaleReader): number => Number(r.i128()) / 2 ** 32;

export interface DynamicInfo {
  netuid: number;
  owner_hotkey: string;
  owner_coldkey: string;
  subnet_name: string;
  token_symbol: string;
  tempo: number;
  last_step: bigint;
  blocks_since_last_step: bigint;
  emission: bigint;
  alpha_in: bigint;
  alpha_out: bigint;
  tao_in: bigint;
  alpha_out_emission: bigint;
  alpha_in_emission: bigint;
  tao_in_emission: bigint;
  pending_alpha_emission: bigint;
  pending_root_emission: bigint;
  subnet_volume: bigint;
  network_registered_at: bigint;
  subnet_identity: SubnetIdentity | undefined;
  moving_price: number;
}
export const decodeDynamicInfo = (r: ScaleReader): DynamicInfo => ({
  netuid: r.compact(),
  owner_hotkey: r.accountId(),
  owner_coldkey: r.accountId(),
  subnet_name: r.text(true),
  token_symbol: r.text(true),
  tempo: r.compact(),
  last_step: r.compactBig(),
  blocks_since_last_step: r.compactBig(),
  emission: r.compactBig(),
  alpha_in: r.compactBig(),
  alpha_out: r.compactBig(),
  tao_in: r.compactBig(),
  alpha_out_emission: r.compactBig(),
  alpha_in_emission: r.compactBig(),
  tao_in_emission: r.compactBig(),
  pending_alpha_emission: r.compactBig(),
  pending_root_emission: r.compactBig(),
  subnet_volume: r.compactBig(),
  network_registered_at: r.compactBig(),
  subnet_identity: r.option(decodeSubnetIdentity),
  moving_price: fixed96F32(r),
});

export interface StakeInfo {
  hotkey: string;
  coldkey: string;
  netuid: number;
  stake: bigint;
  locked: bigint;
  emission: bigint;
  tao_emission: bigint;
  drain: bigint;
  is_registered: boolean;
}
export const decodeStakeInfo = (r: ScaleReader): StakeInfo => ({
  hotkey: r.accountId(),
  coldkey: r.accountId(),
  netuid: r.compact(),
  stake: r.compactBig(),
  locked: r.compactBig(),
  emission: r.compactBig(),
  tao_emission: r.compactBig(),
  drain: r.compactBig(),
  is_registered: r.bool(),
});

export interface SubnetHyperparamsV2 {
  rho: number;
  kappa: number;
  immunity_period: number;
  min_allowed_weights: number;
  max_weights_limit: number;
  tempo: number;
  min_difficulty: bigint;
  max_difficulty: bigint;
  weights_version: bigint;
  weights_rate_limit: bigint;
  adjustment_interval: number;
  activity_cutoff: number;
  registration_allowed: boolean;
  target_regs_per_interval: number;
  min_burn: bigint;
  max_burn: bigint;
  bonds_moving_avg: bigint;
  max_regs_per_block: number;
  serving_rate_limit: bigint;
  max_validators: number;
  adjustment_alpha: bigint;
  difficulty: bigint;
  commit_reveal_period: bigint;
  commit_reveal_weights_enabled: boolean;
  alpha_high: number;
  alpha_low: number;
  liquid_alpha_enabled: boolean;
  alpha_sigmoid_steepness: number;
  yuma_version: number;
  subnet_is_active: boolean;
  transfers_enabled: boolean;
  bonds_reset_enabled: boolean;
  user_liquidity_enabled: boolean;
}
export const decodeSubnetHyperparamsV2 = (r: ScaleReader): SubnetHyperparamsV2 => ({
  rho: r.compact(),
  kappa: r.compact(),
  immunity_period: r.compact(),
  min_allowed_weights: r.compact(),
  max_weights_limit: r.compact(),
  tempo: r.compact(),
  min_difficulty: r.compactBig(),
  max_difficulty: r.compactBig(),
  weights_version: r.compactBig(),
  weights_rate_limit: r.compactBig(),
  adjustment_interval: r.compact(),
  activity_cutoff: r.compact(),
  registration_allowed: r.bool(),
  target_regs_per_interval: r.compact(),
  min_burn: r.compactBig(),
  max_burn: r.compactBig(),
  bonds_moving_avg: r.compactBig(),
  max_regs_per_block: r.compact(),
  serving_rate_limit: r.compactBig(),
  max_validators: r.compact(),
  adjustment_alpha: r.compactBig(),
  difficulty: r.compactBig(),
  commit_reveal_period: r.compactBig(),
  commit_reveal_weights_enabled: r.bool(),
  alpha_high: r.compact(),
  alpha_low: r.compact(),
  liquid_alpha_enabled: r.bool(),
  // I32F32 raw bits, signed.
  alpha_sigmoid_steepness: Number(BigInt.asIntN(64, r.u64())) / 2 ** 32,
  yuma_version: r.compact(),
  subnet_is_active: r.bool(),
  transfers_enabled: r.bool(),
  bonds_reset_enabled: r.bool(),
  user_liquidity_enabled: r.bool(),
});

/** Every field of `SelectiveMetagraph` in index order (interop.md §2.7); index i selects field i. */
export const SELECTIVE_METAGRAPH_FIELDS = [
  "netuid",
  "name",
  "symbol",
  "identity",
  "network_registered_at",
  "owner_hotkey",
  "owner_coldkey",
  "block",
  "tempo",
  "last_step",
  "blocks_since_last_step",
  "subnet_emission",
  "alpha_in",
  "alpha_out",
  "tao_in",
  "alpha_out_emission",
  "alpha_in_emission",
  "tao_in_emission",
  "pending_alpha_emission",
  "pending_root_emission",
  "subnet_volume",
  "moving_price",
  "rho",
  "kappa",
  "min_allowed_weights",
  "max_weights_limit",
  "weights_version",
  "weights_rate_limit",
  "activity_cutoff",
  "max_validators",
  "num_uids",
  "max_uids",
  "burn",
  "difficulty",
  "registration_allowed",
  "pow_registration_allowed",
  "immunity_period",
  "min_difficulty",
  "max_difficulty",
  "min_burn",
  "max_burn",
  "adjustment_alpha",
  "adjustment_interval",
  "target_regs_per_interval",
  "max_regs_per_block",
  "serving_rate_limit",
  "commit_reveal_weights_enabled",
  "commit_reveal_period",
  "liquid_alpha_enabled",
  "alpha_high",
  "alpha_low",
  "bonds_moving_avg",
  "hotkeys",
  "coldkeys",
  "identities",
  "axons",
  "active",
  "validator_permit",
  "pruning_score",
  "last_update",
  "emission",
  "dividends",
  "incentives",
  "consensus",
  "trust",
  "rank",
  "block_at_registration",
  "alpha_stake",
  "tao_stake",
  "total_stake",
  "tao_dividends_per_hotkey",
  "alpha_dividends_per_hotkey",
  "validators",
  "commitments",
] as const;
export type MetagraphField = (typeof SELECTIVE_METAGRAPH_FIELDS)[number];

type Dec = (r: ScaleReader) => unknown;
const c16: Dec = (r) => r.compact();
const c64: Dec = (r) => r.compactBig();
const bool: Dec = (r) => r.bool();
const acct: Dec = (r) => r.accountId();
const vecOf =
  (d: Dec): Dec =>
  (r) =>
    r.vec(d);
const FIELD_DECODERS: Record<MetagraphField, Dec> = {
  netuid: c16,
  name: (r) => r.text(true),
  symbol: (r) => r.text(true),
  identity: (r) => r.option(decodeSubnetIdentity),
  network_registered_at: c64,
  owner_hotkey: acct,
  owner_coldkey: acct,
  block: c64,
  tempo: c16,
  last_step: c64,
  blocks_since_last_step: c64,
  subnet_emission: c64,
  alpha_in: c64,
  alpha_out: c64,
  tao_in: c64,
  alpha_out_emission: c64,
  alpha_in_emission: c64,
  tao_in_emission: c64,
  pending_alpha_emission: c64,
  pending_root_emission: c64,
  subnet_volume: c64,
  moving_price: fixed96F32,
  rho: c16,
  kappa: c16,
  min_allowed_weights: c16,
  max_weights_limit: c16,
  weights_version: c64,
  weights_rate_limit: c64,
  activity_cutoff: c16,
  max_validators: c16,
  num_uids: c16,
  max_uids: c16,
  burn: c64,
  difficulty: c64,
  registration_allowed: bool,
  pow_registration_allowed: bool,
  immunity_period: c16,
  min_difficulty: c64,
  max_difficulty: c64,
  min_burn: c64,
  max_burn: c64,
  adjustment_alpha: c64,
  adjustment_interval: c16,
  target_regs_per_interval: c16,
  max_regs_per_block: c16,
  serving_rate_limit: c64,
  commit_reveal_weights_enabled: bool,
  commit_reveal_period: c64,
  liquid_alpha_enabled: bool,
  alpha_high: c16,
  alpha_low: c16,
  bonds_moving_avg: c64,
  hotkeys: vecOf(acct),
  coldkeys: vecOf(acct),
  identities: vecOf((r) => r.option(decodeChainIdentity)),
  axons: vecOf(decodeAxonInfo),
  active: vecOf(bool),
  validator_permit: vecOf(bool),
  pruning_score: vecOf(c16),
  last_update: vecOf(c64),
  emission: vecOf(c64),
  dividends: vecOf(c16),
  incentives: vecOf(c16),
  consensus: vecOf(c16),
  trust: vecOf(c16),
  rank: vecOf(c16),
  block_at_registration: vecOf(c64),
  alpha_stake: vecOf(c64),
  tao_stake: vecOf(c64),
  total_stake: vecOf(c64),
  tao_dividends_per_hotkey: vecOf((r) => [r.accountId(), r.compactBig()]),
  alpha_dividends_per_hotkey: vecOf((r) => [r.accountId(), r.compactBig()]),
  validators: vecOf(c16),
  commitments: vecOf((r) => [r.accountId(), r.text(true)]),
};

/** A (selective) metagraph: present fields only; the full `Metagraph` struct has all but the last two. */
export type MetagraphInfo = Partial<Record<MetagraphField, unknown>> & { netuid: number };

/** `Metagraph<AccountId>`: fields 0‥71 of the selective layout, none optional. */
export function decodeMetagraphInfo(r: ScaleReader): MetagraphInfo {
  const out: Record<string, unknown> = {};
  for (const f of SELECTIVE_METAGRAPH_FIELDS.slice(0, 72)) out[f] = FIELD_DECODERS[f](r);
  return out as MetagraphInfo;
}

/** `SelectiveMetagraph<AccountId>`: netuid, then every field as an Option. */
export function decodeSelectiveMetagraph(r: ScaleReader): MetagraphInfo {
  const out: Record<string, unknown> = { netuid: r.compact() };
  for (const f of SELECTIVE_METAGRAPH_FIELDS.slice(1)) {
    const v = r.option(FIELD_DECODERS[f]);
    if (v !== undefined) out[f] = v;
  }
  return out as MetagraphInfo;
}
