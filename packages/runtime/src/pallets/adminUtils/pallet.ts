// pallet_admin_utils (pallet 19): the hyperparameter setters. Root may call every one; a subnet's owner may
// call the per-subnet ones that the chain opens to owners, within their rate limit and outside the freeze window.
// Declarations generated once by scripts/finney-declare.ts (Aura, GRANDPA and EVM setters left out).

import { AccountId32 } from "../../frame/common.ts";
import { definePallet, errorsInOrder } from "../../frame/pallet.ts";
import { T } from "../../frame/types.ts";
import { FixedI128, FixedU128, RecycleOrBurnEnum } from "../subtensor/storage.ts";

export const adminUtilsPallet = definePallet({
  name: "AdminUtils",
  index: 19,
  module: ["pallet_admin_utils", "pallet"],
  calls: {
    sudo_set_default_take: { index: 1, args: [{ name: "default_take", type: T.u16, typeName: "u16" }] },
    sudo_set_tx_rate_limit: { index: 2, args: [{ name: "tx_rate_limit", type: T.u64, typeName: "u64" }] },
    sudo_set_serving_rate_limit: {
      index: 3,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "serving_rate_limit", type: T.u64, typeName: "u64" },
      ],
    },
    sudo_set_min_difficulty: {
      index: 4,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "min_difficulty", type: T.u64, typeName: "u64" },
      ],
    },
    sudo_set_max_difficulty: {
      index: 5,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "max_difficulty", type: T.u64, typeName: "u64" },
      ],
    },
    sudo_set_weights_version_key: {
      index: 6,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "weights_version_key", type: T.u64, typeName: "u64" },
      ],
    },
    sudo_set_weights_set_rate_limit: {
      index: 7,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "weights_set_rate_limit", type: T.u64, typeName: "u64" },
      ],
    },
    sudo_set_adjustment_interval: {
      index: 8,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "adjustment_interval", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_adjustment_alpha: {
      index: 9,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "adjustment_alpha", type: T.u64, typeName: "u64" },
      ],
    },
    sudo_set_immunity_period: {
      index: 13,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "immunity_period", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_min_allowed_weights: {
      index: 14,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "min_allowed_weights", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_max_allowed_uids: {
      index: 15,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "max_allowed_uids", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_kappa: {
      index: 16,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "kappa", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_rho: {
      index: 17,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "rho", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_activity_cutoff: {
      index: 18,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "activity_cutoff", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_network_registration_allowed: {
      index: 19,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "registration_allowed", type: T.bool, typeName: "bool" },
      ],
    },
    sudo_set_network_pow_registration_allowed: {
      index: 20,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "registration_allowed", type: T.bool, typeName: "bool" },
      ],
    },
    sudo_set_target_registrations_per_interval: {
      index: 21,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "target_registrations_per_interval", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_min_burn: {
      index: 22,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "min_burn", type: T.u64, typeName: "TaoBalance" },
      ],
    },
    sudo_set_max_burn: {
      index: 23,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "max_burn", type: T.u64, typeName: "TaoBalance" },
      ],
    },
    sudo_set_difficulty: {
      index: 24,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "difficulty", type: T.u64, typeName: "u64" },
      ],
    },
    sudo_set_max_allowed_validators: {
      index: 25,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "max_allowed_validators", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_bonds_moving_average: {
      index: 26,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "bonds_moving_average", type: T.u64, typeName: "u64" },
      ],
    },
    sudo_set_bonds_penalty: {
      index: 60,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "bonds_penalty", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_max_registrations_per_block: {
      index: 27,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "max_registrations_per_block", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_subnet_owner_cut: {
      index: 28,
      args: [{ name: "subnet_owner_cut", type: T.u16, typeName: "u16" }],
    },
    sudo_set_network_rate_limit: { index: 29, args: [{ name: "rate_limit", type: T.u64, typeName: "u64" }] },
    sudo_set_tempo: {
      index: 30,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "tempo", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_total_issuance: {
      index: 33,
      args: [{ name: "total_issuance", type: T.u64, typeName: "TaoBalance" }],
    },
    sudo_set_network_immunity_period: {
      index: 35,
      args: [{ name: "immunity_period", type: T.u64, typeName: "u64" }],
    },
    sudo_set_network_min_lock_cost: {
      index: 36,
      args: [{ name: "lock_cost", type: T.u64, typeName: "TaoBalance" }],
    },
    sudo_set_subnet_limit: { index: 37, args: [{ name: "max_subnets", type: T.u16, typeName: "u16" }] },
    sudo_set_lock_reduction_interval: {
      index: 38,
      args: [{ name: "interval", type: T.u64, typeName: "u64" }],
    },
    sudo_set_rao_recycled: {
      index: 39,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "rao_recycled", type: T.u64, typeName: "TaoBalance" },
      ],
    },
    sudo_set_stake_threshold: { index: 42, args: [{ name: "min_stake", type: T.u64, typeName: "u64" }] },
    sudo_set_nominator_min_required_stake: {
      index: 43,
      args: [{ name: "min_stake", type: T.u64, typeName: "u64" }],
    },
    sudo_set_tx_delegate_take_rate_limit: {
      index: 45,
      args: [{ name: "tx_rate_limit", type: T.u64, typeName: "u64" }],
    },
    sudo_set_min_delegate_take: { index: 46, args: [{ name: "take", type: T.u16, typeName: "u16" }] },
    sudo_set_commit_reveal_weights_enabled: {
      index: 49,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "enabled", type: T.bool, typeName: "bool" },
      ],
    },
    sudo_set_liquid_alpha_enabled: {
      index: 50,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "enabled", type: T.bool, typeName: "bool" },
      ],
    },
    sudo_set_alpha_values: {
      index: 51,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "alpha_low", type: T.u16, typeName: "u16" },
        { name: "alpha_high", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_dissolve_network_schedule_duration: {
      index: 55,
      args: [{ name: "duration", type: T.u32, typeName: "BlockNumberFor<T>" }],
    },
    sudo_set_commit_reveal_weights_interval: {
      index: 57,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "interval", type: T.u64, typeName: "u64" },
      ],
    },
    sudo_set_toggle_transfer: {
      index: 61,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "toggle", type: T.bool, typeName: "bool" },
      ],
    },
    sudo_set_recycle_or_burn: {
      index: 80,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "recycle_or_burn", type: RecycleOrBurnEnum, typeName: "pallet_subtensor::RecycleOrBurnEnum" },
      ],
    },
    sudo_set_subnet_moving_alpha: {
      index: 63,
      args: [{ name: "alpha", type: FixedI128, typeName: "I96F32" }],
    },
    sudo_set_subnet_owner_hotkey: {
      index: 64,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "hotkey", type: AccountId32, typeName: "<T as frame_system::Config>::AccountId" },
      ],
    },
    sudo_set_ema_price_halving_period: {
      index: 65,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "ema_halving", type: T.u64, typeName: "u64" },
      ],
    },
    sudo_set_alpha_sigmoid_steepness: {
      index: 68,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "steepness", type: T.i16, typeName: "i16" },
      ],
    },
    sudo_set_yuma3_enabled: {
      index: 69,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "enabled", type: T.bool, typeName: "bool" },
      ],
    },
    sudo_set_bonds_reset_enabled: {
      index: 70,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "enabled", type: T.bool, typeName: "bool" },
      ],
    },
    sudo_set_sn_owner_hotkey: {
      index: 67,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "hotkey", type: AccountId32, typeName: "<T as frame_system::Config>::AccountId" },
      ],
    },
    sudo_set_subtoken_enabled: {
      index: 66,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "subtoken_enabled", type: T.bool, typeName: "bool" },
      ],
    },
    sudo_set_commit_reveal_version: { index: 71, args: [{ name: "version", type: T.u16, typeName: "u16" }] },
    sudo_set_owner_immune_neuron_limit: {
      index: 72,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "immune_neurons", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_ck_burn: { index: 73, args: [{ name: "burn", type: T.u64, typeName: "u64" }] },
    sudo_set_admin_freeze_window: { index: 74, args: [{ name: "window", type: T.u16, typeName: "u16" }] },
    sudo_set_owner_hparam_rate_limit: { index: 75, args: [{ name: "epochs", type: T.u16, typeName: "u16" }] },
    sudo_set_mechanism_count: {
      index: 76,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "mechanism_count", type: T.u8, typeName: "MechId" },
      ],
    },
    sudo_set_mechanism_emission_split: {
      index: 77,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "maybe_split", type: T.option(T.vec(T.u16)), typeName: "Option<Vec<u16>>" },
      ],
    },
    sudo_trim_to_max_allowed_uids: {
      index: 78,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "max_n", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_min_allowed_uids: {
      index: 79,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "min_allowed_uids", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_tao_flow_cutoff: {
      index: 81,
      args: [{ name: "flow_cutoff", type: FixedI128, typeName: "I64F64" }],
    },
    sudo_set_tao_flow_normalization_exponent: {
      index: 82,
      args: [{ name: "exponent", type: FixedU128, typeName: "U64F64" }],
    },
    sudo_set_tao_flow_smoothing_factor: {
      index: 83,
      args: [{ name: "smoothing_factor", type: T.u64, typeName: "u64" }],
    },
    sudo_set_max_mechanism_count: {
      index: 88,
      args: [{ name: "max_mechanism_count", type: T.u8, typeName: "MechId" }],
    },
    sudo_set_min_non_immune_uids: {
      index: 84,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "min", type: T.u16, typeName: "u16" },
      ],
    },
    sudo_set_start_call_delay: { index: 85, args: [{ name: "delay", type: T.u64, typeName: "u64" }] },
    sudo_set_coldkey_swap_announcement_delay: {
      index: 86,
      args: [{ name: "duration", type: T.u32, typeName: "BlockNumberFor<T>" }],
    },
    sudo_set_coldkey_swap_reannouncement_delay: {
      index: 87,
      args: [{ name: "duration", type: T.u32, typeName: "BlockNumberFor<T>" }],
    },
  },
  events: {
    Yuma3EnableToggled: {
      index: 1,
      fields: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "enabled", type: T.bool, typeName: "bool" },
      ],
    },
    BondsResetToggled: {
      index: 2,
      fields: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "enabled", type: T.bool, typeName: "bool" },
      ],
    },
  },
  errors: errorsInOrder([
    "SubnetDoesNotExist",
    "MaxValidatorsLargerThanMaxUIds",
    "MaxAllowedUIdsLessThanCurrentUIds",
    "BondsMovingAverageMaxReached",
    "NegativeSigmoidSteepness",
    "ValueNotInBounds",
    "MinAllowedUidsGreaterThanCurrentUids",
    "MinAllowedUidsGreaterThanMaxAllowedUids",
    "MaxAllowedUidsLessThanMinAllowedUids",
    "MaxAllowedUidsGreaterThanDefaultMaxAllowedUids",
    "InvalidValue",
    // Added after finney's spec 393 (spec 425): HEAD's three newer errors, at HEAD's indices.
    "NotPermittedOnRootSubnet",
    "POWRegistrationDisabled",
    "Deprecated",
  ]),
});
