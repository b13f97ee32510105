// Runtime-API structs (pallet_subtensor::rpc_info::*, the swap runtime API's SubnetPrice and SimSwapResult) with
// finney's paths and SCALE field order, plus the method registry shape every API file declares with.

import { createCodec, createDecoder, u8 } from "@polkadot-api/substrate-bindings";
import { AccountId32 } from "../frame/common.ts";
import type { StateReader } from "../frame/state.ts";
import { T, type Ty, type TyValue } from "../frame/types.ts";
import {
  AxonInfo,
  ChainIdentityV2,
  FixedI128,
  PrometheusInfo,
  SubnetIdentityV3,
} from "../pallets/subtensor/storage.ts";

export { AxonInfo, ChainIdentityV2, FixedI128, PrometheusInfo, SubnetIdentityV3 };

export const DelegateInfo = T.struct(["pallet_subtensor", "rpc_info", "delegate_info", "DelegateInfo"], {
  delegate_ss58: AccountId32,
  take: T.compactNumber(T.u16),
  nominators: T.vec(T.tuple(AccountId32, T.vec(T.tuple(T.compactNumber(T.u16), T.compactBig(T.u64))))),
  owner_ss58: AccountId32,
  registrations: T.vec(T.compactNumber(T.u16)),
  validator_permits: T.vec(T.compactNumber(T.u16)),
  return_per_1000: T.compactBig(T.u64),
  total_daily_return: T.compactBig(T.u64),
});
export const NeuronInfo = T.struct(["pallet_subtensor", "rpc_info", "neuron_info", "NeuronInfo"], {
  hotkey: AccountId32,
  coldkey: AccountId32,
  uid: T.compactNumber(T.u16),
  netuid: T.compactNumber(T.u16),
  active: T.bool,
  axon_info: AxonInfo,
  prometheus_info: PrometheusInfo,
  stake: T.vec(T.tuple(AccountId32, T.compactBig(T.u64))),
  rank: T.compactNumber(T.u16),
  emission: T.compactBig(T.u64),
  incentive: T.compactNumber(T.u16),
  consensus: T.compactNumber(T.u16),
  trust: T.compactNumber(T.u16),
  validator_trust: T.compactNumber(T.u16),
  dividends: T.compactNumber(T.u16),
  last_update: T.compactBig(T.u64),
  validator_permit: T.bool,
  weights: T.vec(T.tuple(T.compactNumber(T.u16), T.compactNumber(T.u16))),
  bonds: T.vec(T.tuple(T.compactNumber(T.u16), T.compactNumber(T.u16))),
  pruning_score: T.compactNumber(T.u16),
});
export const NeuronInfoLite = T.struct(["pallet_subtensor", "rpc_info", "neuron_info", "NeuronInfoLite"], {
  hotkey: AccountId32,
  coldkey: AccountId32,
  uid: T.compactNumber(T.u16),
  netuid: T.compactNumber(T.u16),
  active: T.bool,
  axon_info: AxonInfo,
  prometheus_info: PrometheusInfo,
  stake: T.vec(T.tuple(AccountId32, T.compactBig(T.u64))),
  rank: T.compactNumber(T.u16),
  emission: T.compactBig(T.u64),
  incentive: T.compactNumber(T.u16),
  consensus: T.compactNumber(T.u16),
  trust: T.compactNumber(T.u16),
  validator_trust: T.compactNumber(T.u16),
  dividends: T.compactNumber(T.u16),
  last_update: T.compactBig(T.u64),
  validator_permit: T.bool,
  pruning_score: T.compactNumber(T.u16),
});
export const SubnetInfo = T.struct(["pallet_subtensor", "rpc_info", "subnet_info", "SubnetInfo"], {
  netuid: T.compactNumber(T.u16),
  rho: T.compactNumber(T.u16),
  kappa: T.compactNumber(T.u16),
  difficulty: T.compactBig(T.u64),
  immunity_period: T.compactNumber(T.u16),
  max_allowed_validators: T.compactNumber(T.u16),
  min_allowed_weights: T.compactNumber(T.u16),
  max_weights_limit: T.compactNumber(T.u16),
  scaling_law_power: T.compactNumber(T.u16),
  subnetwork_n: T.compactNumber(T.u16),
  max_allowed_uids: T.compactNumber(T.u16),
  blocks_since_last_step: T.compactBig(T.u64),
  tempo: T.compactNumber(T.u16),
  network_modality: T.compactNumber(T.u16),
  network_connect: T.vec(T.array(T.u16, 2)),
  emission_values: T.compactBig(T.u64),
  burn: T.compactBig(T.u64),
  owner: AccountId32,
});
export const SubnetInfov2 = T.struct(["pallet_subtensor", "rpc_info", "subnet_info", "SubnetInfov2"], {
  netuid: T.compactNumber(T.u16),
  rho: T.compactNumber(T.u16),
  kappa: T.compactNumber(T.u16),
  difficulty: T.compactBig(T.u64),
  immunity_period: T.compactNumber(T.u16),
  max_allowed_validators: T.compactNumber(T.u16),
  min_allowed_weights: T.compactNumber(T.u16),
  max_weights_limit: T.compactNumber(T.u16),
  scaling_law_power: T.compactNumber(T.u16),
  subnetwork_n: T.compactNumber(T.u16),
  max_allowed_uids: T.compactNumber(T.u16),
  blocks_since_last_step: T.compactBig(T.u64),
  tempo: T.compactNumber(T.u16),
  network_modality: T.compactNumber(T.u16),
  network_connect: T.vec(T.array(T.u16, 2)),
  emission_value: T.compactBig(T.u64),
  burn: T.compactBig(T.u64),
  owner: AccountId32,
  identity: T.option(SubnetIdentityV3),
});
/** `SubnetHyperparams` (v1) fields, in encoding order; V2 appends its own after them. */
const hyperparamFields = {
  rho: T.compactNumber(T.u16),
  kappa: T.compactNumber(T.u16),
  immunity_period: T.compactNumber(T.u16),
  min_allowed_weights: T.compactNumber(T.u16),
  max_weights_limit: T.compactNumber(T.u16),
  tempo: T.compactNumber(T.u16),
  min_difficulty: T.compactBig(T.u64),
  max_difficulty: T.compactBig(T.u64),
  weights_version: T.compactBig(T.u64),
  weights_rate_limit: T.compactBig(T.u64),
  adjustment_interval: T.compactNumber(T.u16),
  activity_cutoff: T.compactNumber(T.u16),
  registration_allowed: T.bool,
  target_regs_per_interval: T.compactNumber(T.u16),
  min_burn: T.compactBig(T.u64),
  max_burn: T.compactBig(T.u64),
  bonds_moving_avg: T.compactBig(T.u64),
  max_regs_per_block: T.compactNumber(T.u16),
  serving_rate_limit: T.compactBig(T.u64),
  max_validators: T.compactNumber(T.u16),
  adjustment_alpha: T.compactBig(T.u64),
  difficulty: T.compactBig(T.u64),
  commit_reveal_period: T.compactBig(T.u64),
  commit_reveal_weights_enabled: T.bool,
  alpha_high: T.compactNumber(T.u16),
  alpha_low: T.compactNumber(T.u16),
  liquid_alpha_enabled: T.bool,
};
export const SubnetHyperparams = T.struct(
  ["pallet_subtensor", "rpc_info", "subnet_info", "SubnetHyperparams"],
  hyperparamFields,
);
export const FixedI64 = T.struct(["substrate_fixed", "FixedI64"], { bits: T.i64 });
export const SubnetHyperparamsV2 = T.struct(
  ["pallet_subtensor", "rpc_info", "subnet_info", "SubnetHyperparamsV2"],
  {
    ...hyperparamFields,
    alpha_sigmoid_steepness: FixedI64,
    yuma_version: T.compactNumber(T.u16),
    subnet_is_active: T.bool,
    transfers_enabled: T.bool,
    bonds_reset_enabled: T.bool,
    user_liquidity_enabled: T.bool,
  },
);
export const DynamicInfo = T.struct(["pallet_subtensor", "rpc_info", "dynamic_info", "DynamicInfo"], {
  netuid: T.compactNumber(T.u16),
  owner_hotkey: AccountId32,
  owner_coldkey: AccountId32,
  subnet_name: T.vec(T.compactNumber(T.u8)),
  token_symbol: T.vec(T.compactNumber(T.u8)),
  tempo: T.compactNumber(T.u16),
  last_step: T.compactBig(T.u64),
  blocks_since_last_step: T.compactBig(T.u64),
  emission: T.compactBig(T.u64),
  alpha_in: T.compactBig(T.u64),
  alpha_out: T.compactBig(T.u64),
  tao_in: T.compactBig(T.u64),
  alpha_out_emission: T.compactBig(T.u64),
  alpha_in_emission: T.compactBig(T.u64),
  tao_in_emission: T.compactBig(T.u64),
  pending_alpha_emission: T.compactBig(T.u64),
  pending_root_emission: T.compactBig(T.u64),
  subnet_volume: T.compactBig(T.u128),
  network_registered_at: T.compactBig(T.u64),
  subnet_identity: T.option(SubnetIdentityV3),
  moving_price: FixedI128,
});
export const Metagraph = T.struct(["pallet_subtensor", "rpc_info", "metagraph", "Metagraph"], {
  netuid: T.compactNumber(T.u16),
  name: T.vec(T.compactNumber(T.u8)),
  symbol: T.vec(T.compactNumber(T.u8)),
  identity: T.option(SubnetIdentityV3),
  network_registered_at: T.compactBig(T.u64),
  owner_hotkey: AccountId32,
  owner_coldkey: AccountId32,
  block: T.compactBig(T.u64),
  tempo: T.compactNumber(T.u16),
  last_step: T.compactBig(T.u64),
  blocks_since_last_step: T.compactBig(T.u64),
  subnet_emission: T.compactBig(T.u64),
  alpha_in: T.compactBig(T.u64),
  alpha_out: T.compactBig(T.u64),
  tao_in: T.compactBig(T.u64),
  alpha_out_emission: T.compactBig(T.u64),
  alpha_in_emission: T.compactBig(T.u64),
  tao_in_emission: T.compactBig(T.u64),
  pending_alpha_emission: T.compactBig(T.u64),
  pending_root_emission: T.compactBig(T.u64),
  subnet_volume: T.compactBig(T.u128),
  moving_price: FixedI128,
  rho: T.compactNumber(T.u16),
  kappa: T.compactNumber(T.u16),
  min_allowed_weights: T.compactNumber(T.u16),
  max_weights_limit: T.compactNumber(T.u16),
  weights_version: T.compactBig(T.u64),
  weights_rate_limit: T.compactBig(T.u64),
  activity_cutoff: T.compactNumber(T.u16),
  max_validators: T.compactNumber(T.u16),
  num_uids: T.compactNumber(T.u16),
  max_uids: T.compactNumber(T.u16),
  burn: T.compactBig(T.u64),
  difficulty: T.compactBig(T.u64),
  registration_allowed: T.bool,
  pow_registration_allowed: T.bool,
  immunity_period: T.compactNumber(T.u16),
  min_difficulty: T.compactBig(T.u64),
  max_difficulty: T.compactBig(T.u64),
  min_burn: T.compactBig(T.u64),
  max_burn: T.compactBig(T.u64),
  adjustment_alpha: T.compactBig(T.u64),
  adjustment_interval: T.compactNumber(T.u16),
  target_regs_per_interval: T.compactNumber(T.u16),
  max_regs_per_block: T.compactNumber(T.u16),
  serving_rate_limit: T.compactBig(T.u64),
  commit_reveal_weights_enabled: T.bool,
  commit_reveal_period: T.compactBig(T.u64),
  liquid_alpha_enabled: T.bool,
  alpha_high: T.compactNumber(T.u16),
  alpha_low: T.compactNumber(T.u16),
  bonds_moving_avg: T.compactBig(T.u64),
  hotkeys: T.vec(AccountId32),
  coldkeys: T.vec(AccountId32),
  identities: T.vec(T.option(ChainIdentityV2)),
  axons: T.vec(AxonInfo),
  active: T.vec(T.bool),
  validator_permit: T.vec(T.bool),
  pruning_score: T.vec(T.compactNumber(T.u16)),
  last_update: T.vec(T.compactBig(T.u64)),
  emission: T.vec(T.compactBig(T.u64)),
  dividends: T.vec(T.compactNumber(T.u16)),
  incentives: T.vec(T.compactNumber(T.u16)),
  consensus: T.vec(T.compactNumber(T.u16)),
  trust: T.vec(T.compactNumber(T.u16)),
  rank: T.vec(T.compactNumber(T.u16)),
  block_at_registration: T.vec(T.compactBig(T.u64)),
  alpha_stake: T.vec(T.compactBig(T.u64)),
  tao_stake: T.vec(T.compactBig(T.u64)),
  total_stake: T.vec(T.compactBig(T.u64)),
  tao_dividends_per_hotkey: T.vec(T.tuple(AccountId32, T.compactBig(T.u64))),
  alpha_dividends_per_hotkey: T.vec(T.tuple(AccountId32, T.compactBig(T.u64))),
});
export const SubnetState = T.struct(["pallet_subtensor", "rpc_info", "show_subnet", "SubnetState"], {
  netuid: T.compactNumber(T.u16),
  hotkeys: T.vec(AccountId32),
  coldkeys: T.vec(AccountId32),
  active: T.vec(T.bool),
  validator_permit: T.vec(T.bool),
  pruning_score: T.vec(T.compactNumber(T.u16)),
  last_update: T.vec(T.compactBig(T.u64)),
  emission: T.vec(T.compactBig(T.u64)),
  dividends: T.vec(T.compactNumber(T.u16)),
  incentives: T.vec(T.compactNumber(T.u16)),
  consensus: T.vec(T.compactNumber(T.u16)),
  trust: T.vec(T.compactNumber(T.u16)),
  rank: T.vec(T.compactNumber(T.u16)),
  block_at_registration: T.vec(T.compactBig(T.u64)),
  alpha_stake: T.vec(T.compactBig(T.u64)),
  tao_stake: T.vec(T.compactBig(T.u64)),
  total_stake: T.vec(T.compactBig(T.u64)),
  emission_history: T.vec(T.vec(T.compactBig(T.u64))),
});
/**
 * `Option<Option<V>>` whose value tells `Some(None)` (`{ some: undefined }`) from `None` (`undefined`), which a
 * plain nested Option codec cannot. Same metadata as `T.option(T.option(inner))`.
 */
function someOption<V>(inner: Ty<V>): Ty<{ some: V | undefined } | undefined> {
  const decl = T.option(T.option(inner));
  const innerOpt = T.option(inner).codec;
  const codec = createCodec<{ some: V | undefined } | undefined>(
    (v) => {
      if (v === undefined) return new Uint8Array([0]);
      const body = innerOpt.enc(v.some);
      const out = new Uint8Array(1 + body.length);
      out[0] = 1;
      out.set(body, 1);
      return out;
    },
    createDecoder((bytes) => (u8.dec(bytes) === 0 ? undefined : { some: innerOpt.dec(bytes) })),
  );
  return { ...decl, codec } as Ty<{ some: V | undefined } | undefined>;
}

export const SelectiveMetagraph = T.struct(
  ["pallet_subtensor", "rpc_info", "metagraph", "SelectiveMetagraph"],
  {
    netuid: T.compactNumber(T.u16),
    name: T.option(T.vec(T.compactNumber(T.u8))),
    symbol: T.option(T.vec(T.compactNumber(T.u8))),
    identity: someOption(SubnetIdentityV3),
    network_registered_at: T.option(T.compactBig(T.u64)),
    owner_hotkey: T.option(AccountId32),
    owner_coldkey: T.option(AccountId32),
    block: T.option(T.compactBig(T.u64)),
    tempo: T.option(T.compactNumber(T.u16)),
    last_step: T.option(T.compactBig(T.u64)),
    blocks_since_last_step: T.option(T.compactBig(T.u64)),
    subnet_emission: T.option(T.compactBig(T.u64)),
    alpha_in: T.option(T.compactBig(T.u64)),
    alpha_out: T.option(T.compactBig(T.u64)),
    tao_in: T.option(T.compactBig(T.u64)),
    alpha_out_emission: T.option(T.compactBig(T.u64)),
    alpha_in_emission: T.option(T.compactBig(T.u64)),
    tao_in_emission: T.option(T.compactBig(T.u64)),
    pending_alpha_emission: T.option(T.compactBig(T.u64)),
    pending_root_emission: T.option(T.compactBig(T.u64)),
    subnet_volume: T.option(T.compactBig(T.u128)),
    moving_price: T.option(FixedI128),
    rho: T.option(T.compactNumber(T.u16)),
    kappa: T.option(T.compactNumber(T.u16)),
    min_allowed_weights: T.option(T.compactNumber(T.u16)),
    max_weights_limit: T.option(T.compactNumber(T.u16)),
    weights_version: T.option(T.compactBig(T.u64)),
    weights_rate_limit: T.option(T.compactBig(T.u64)),
    activity_cutoff: T.option(T.compactNumber(T.u16)),
    max_validators: T.option(T.compactNumber(T.u16)),
    num_uids: T.option(T.compactNumber(T.u16)),
    max_uids: T.option(T.compactNumber(T.u16)),
    burn: T.option(T.compactBig(T.u64)),
    difficulty: T.option(T.compactBig(T.u64)),
    registration_allowed: T.option(T.bool),
    pow_registration_allowed: T.option(T.bool),
    immunity_period: T.option(T.compactNumber(T.u16)),
    min_difficulty: T.option(T.compactBig(T.u64)),
    max_difficulty: T.option(T.compactBig(T.u64)),
    min_burn: T.option(T.compactBig(T.u64)),
    max_burn: T.option(T.compactBig(T.u64)),
    adjustment_alpha: T.option(T.compactBig(T.u64)),
    adjustment_interval: T.option(T.compactNumber(T.u16)),
    target_regs_per_interval: T.option(T.compactNumber(T.u16)),
    max_regs_per_block: T.option(T.compactNumber(T.u16)),
    serving_rate_limit: T.option(T.compactBig(T.u64)),
    commit_reveal_weights_enabled: T.option(T.bool),
    commit_reveal_period: T.option(T.compactBig(T.u64)),
    liquid_alpha_enabled: T.option(T.bool),
    alpha_high: T.option(T.compactNumber(T.u16)),
    alpha_low: T.option(T.compactNumber(T.u16)),
    bonds_moving_avg: T.option(T.compactBig(T.u64)),
    hotkeys: T.option(T.vec(AccountId32)),
    coldkeys: T.option(T.vec(AccountId32)),
    identities: T.option(T.vec(T.option(ChainIdentityV2))),
    axons: T.option(T.vec(AxonInfo)),
    active: T.option(T.vec(T.bool)),
    validator_permit: T.option(T.vec(T.bool)),
    pruning_score: T.option(T.vec(T.compactNumber(T.u16))),
    last_update: T.option(T.vec(T.compactBig(T.u64))),
    emission: T.option(T.vec(T.compactBig(T.u64))),
    dividends: T.option(T.vec(T.compactNumber(T.u16))),
    incentives: T.option(T.vec(T.compactNumber(T.u16))),
    consensus: T.option(T.vec(T.compactNumber(T.u16))),
    trust: T.option(T.vec(T.compactNumber(T.u16))),
    rank: T.option(T.vec(T.compactNumber(T.u16))),
    block_at_registration: T.option(T.vec(T.compactBig(T.u64))),
    alpha_stake: T.option(T.vec(T.compactBig(T.u64))),
    tao_stake: T.option(T.vec(T.compactBig(T.u64))),
    total_stake: T.option(T.vec(T.compactBig(T.u64))),
    tao_dividends_per_hotkey: T.option(T.vec(T.tuple(AccountId32, T.compactBig(T.u64)))),
    alpha_dividends_per_hotkey: T.option(T.vec(T.tuple(AccountId32, T.compactBig(T.u64)))),
    validators: T.option(T.vec(T.compactNumber(T.u16))),
    commitments: T.option(T.vec(T.tuple(AccountId32, T.vec(T.compactNumber(T.u8))))),
  },
);
export const StakeInfo = T.struct(["pallet_subtensor", "rpc_info", "stake_info", "StakeInfo"], {
  hotkey: AccountId32,
  coldkey: AccountId32,
  netuid: T.compactNumber(T.u16),
  stake: T.compactBig(T.u64),
  locked: T.compactBig(T.u64),
  emission: T.compactBig(T.u64),
  tao_emission: T.compactBig(T.u64),
  drain: T.compactBig(T.u64),
  is_registered: T.bool,
});
export const SubnetPrice = T.struct(["pallet_subtensor_swap_runtime_api", "SubnetPrice"], {
  netuid: T.u16,
  price: T.u64,
});
export const SimSwapResult = T.struct(["pallet_subtensor_swap_runtime_api", "SimSwapResult"], {
  tao_amount: T.u64,
  alpha_amount: T.u64,
  tao_fee: T.u64,
  alpha_fee: T.u64,
  tao_slippage: T.u64,
  alpha_slippage: T.u64,
});

export type DelegateInfoValue = TyValue<typeof DelegateInfo>;
export type NeuronInfoValue = TyValue<typeof NeuronInfo>;
export type NeuronInfoLiteValue = TyValue<typeof NeuronInfoLite>;
export type SubnetInfoValue = TyValue<typeof SubnetInfo>;
export type SubnetInfov2Value = TyValue<typeof SubnetInfov2>;
export type SubnetHyperparamsValue = TyValue<typeof SubnetHyperparams>;
export type SubnetHyperparamsV2Value = TyValue<typeof SubnetHyperparamsV2>;
export type DynamicInfoValue = TyValue<typeof DynamicInfo>;
export type MetagraphValue = TyValue<typeof Metagraph>;
export type SubnetStateValue = TyValue<typeof SubnetState>;
export type SelectiveMetagraphValue = TyValue<typeof SelectiveMetagraph>;
export type StakeInfoValue = TyValue<typeof StakeInfo>;
export type SimSwapResultValue = TyValue<typeof SimSwapResult>;

type Inputs = ReadonlyArray<readonly [string, Ty]>;
type Args<I extends Inputs> = {
  -readonly [K in keyof I]: I[K] extends readonly [string, Ty<infer V>] ? V : never;
};

/** One runtime-API method: its finney signature and how it is answered from state. */
export interface ApiMethodImpl {
  name: string;
  inputs: Array<{ name: string; type: Ty }>;
  output: Ty;
  run: (s: StateReader, args: unknown[]) => unknown;
}

/** Declare a method; `run` gets the decoded inputs in order and returns the output value. */
export function method<const I extends Inputs, O>(
  name: string,
  inputs: I,
  output: Ty<O>,
  run: (s: StateReader, ...args: Args<I>) => NoInfer<O>,
): ApiMethodImpl {
  return {
    name,
    inputs: inputs.map(([n, type]) => ({ name: n, type })),
    output,
    run: (s, args) => run(s, ...(args as Args<I>)),
  };
}

export interface ApiImpl {
  name: string;
  version: number;
  methods: ApiMethodImpl[];
}
