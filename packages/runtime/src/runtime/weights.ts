// Call weights, dispatch classes and fee flags: what each call declares to the fee and block-limit logic
// (`DispatchInfo`), from subtensor's `#[pallet::weight]` annotations and its benchmarked `SubstrateWeight`.

import type { RuntimeCallValue } from "../extrinsic/call.ts";

/** `RocksDbWeight` as subtensor configures it: ref_time per storage read and write. */
export const DB_READ = 25_000_000n;
export const DB_WRITE = 100_000_000n;
/** `ExtrinsicBaseWeight` (frame's benchmarked base cost of any extrinsic), finney's System.BlockWeights. */
export const EXTRINSIC_BASE_WEIGHT = 108_157_000n;
/** Block limits (finney's System.BlockWeights / BlockLength): 4·10^12 ref_time, normal class 75 %. */
export const MAX_BLOCK_REF_TIME = 4_000_000_000_000n;
export const MAX_NORMAL_REF_TIME = (MAX_BLOCK_REF_TIME * 3n) / 4n;
export const MAX_BLOCK_LENGTH = 10 * 1024 * 1024;
export const MAX_NORMAL_LENGTH = (MAX_BLOCK_LENGTH * 3) / 4;

export type DispatchClassName = "Normal" | "Operational" | "Mandatory";

export interface DispatchInfo {
  weight: { ref_time: bigint; proof_size: bigint };
  class: DispatchClassName;
  paysFee: boolean;
}

interface CallWeight {
  /** Benchmarked ref_time before storage access. */
  base: number;
  proof: number;
  reads: number;
  writes: number;
  /** Pays::No calls (weights, serving, take changes on subtensor) cost their sender nothing. */
  free?: true;
}

const w = (base: number, proof: number, reads: number, writes: number, free?: true): CallWeight => ({
  base,
  proof,
  reads,
  writes,
  ...(free ? { free } : {}),
});

// SubtensorModule: `pallets/subtensor/src/weights.rs` (SubstrateWeight) at subtensor 14bc6f9f, or the
// literal `Weight::from_parts(..)` of the call's annotation in `macros/dispatches.rs`; Pays::No as annotated.
const SUBTENSOR: Record<string, CallWeight> = {
  set_weights: w(15_513_610_000, 10_327_410, 4112, 2, true),
  set_mechanism_weights: w(15_540_000_000, 0, 4111, 2, true),
  batch_set_weights: w(103_092_000, 7395, 16, 2, true),
  commit_weights: w(69_049_000, 4714, 13, 2, true),
  commit_mechanism_weights: w(55_130_000, 0, 7, 2, true),
  batch_commit_weights: w(147_224_000, 4765, 15, 2, true),
  reveal_weights: w(111_227_000, 7590, 19, 2, true),
  reveal_mechanism_weights: w(122_000_000, 0, 16, 2, true),
  batch_reveal_weights: w(421_363_000, 8095, 19, 2, true),
  commit_crv3_mechanism_weights: w(77_750_000, 0, 7, 2, true),
  commit_timelocked_weights: w(86_951_000, 4713, 14, 2, true),
  commit_timelocked_mechanism_weights: w(84_020_000, 0, 9, 2, true),
  decrease_take: w(29_895_000, 4295, 3, 2, true),
  increase_take: w(37_710_000, 4388, 5, 2, true),
  serve_axon: w(31_278_000, 4178, 3, 1, true),
  serve_axon_tls: w(30_617_000, 4149, 3, 1, true),
  serve_prometheus: w(29_294_000, 4277, 3, 1, true),
  associate_evm_key: w(684_242_000, 4415, 3, 1, true),
  add_stake: w(664_064_000, 8727, 32, 16),
  add_stake_limit: w(853_005_000, 8727, 32, 16),
  add_stake_burn: w(967_308_000, 8727, 33, 17),
  remove_stake: w(569_198_000, 10_557, 28, 13),
  remove_stake_limit: w(740_696_000, 10_591, 27, 13),
  remove_stake_full_limit: w(754_292_000, 10_591, 27, 13),
  unstake_all: w(26_830_000, 9189, 6, 0),
  unstake_all_alpha: w(700_873_000, 11_306, 43, 25),
  move_stake: w(216_061_000, 7919, 19, 7),
  transfer_stake: w(258_541_000, 7994, 19, 6),
  swap_stake: w(742_019_000, 10_920, 47, 24),
  swap_stake_limit: w(944_515_000, 11_077, 47, 24),
  recycle_alpha: w(172_139_000, 5219, 13, 6),
  burn_alpha: w(168_964_000, 5219, 12, 4),
  register: w(349_872_000, 6148, 34, 29),
  burned_register: w(336_815_000, 6148, 34, 29),
  register_limit: w(354_200_000, 0, 47, 40),
  root_register: w(103_934_000, 4981, 19, 16),
  register_network: w(277_125_000, 9947, 40, 48),
  register_network_with_identity: w(275_041_000, 9883, 39, 47),
  dissolve_network: w(119_000_000, 0, 6, 31),
  root_dissolve_network: w(119_000_000, 0, 6, 31),
  set_children: w(119_000_000, 0, 6, 31),
  set_childkey_take: w(53_870_000, 4498, 7, 2),
  set_identity: w(32_040_000, 6829, 3, 1),
  set_subnet_identity: w(17_513_000, 4060, 1, 1),
  start_call: w(39_454_000, 4583, 5, 2),
  try_associate_hotkey: w(25_337_000, 4283, 3, 3),
  swap_hotkey: w(1_242_038_000, 28_912, 182, 99),
  swap_coldkey: w(312_301_000, 13_056, 37, 19),
  update_symbol: w(28_313_000, 9074, 4, 1),
  set_coldkey_auto_stake_hotkey: w(33_853_000, 4274, 4, 2),
  claim_root: w(138_999_000, 7875, 16, 4),
  set_root_claim_type: w(18_283_000, 3941, 2, 4),
  set_tempo: w(46_407_000, 4440, 6, 3),
  set_activity_cutoff_factor: w(39_193_000, 4364, 7, 2),
  trigger_epoch: w(42_539_000, 4447, 8, 2),
  lock_stake: w(115_995_000, 7655, 17, 3),
  move_lock: w(149_819_000, 7339, 14, 6),
  faucet: w(91_000_000, 0, 27, 22, true),
};

// pallet_balances' SubstrateWeight (polkadot-sdk benchmarks, one System.Account read and write each);
// approximate figures: subtensor takes these from its polkadot-sdk dependency, not from its own tree.
const BALANCES: Record<string, CallWeight> = {
  transfer_allow_death: w(50_000_000, 3593, 1, 1),
  transfer_keep_alive: w(39_000_000, 3593, 1, 1),
  transfer_all: w(49_000_000, 3593, 1, 1),
};

// Every other call (System.remark, AdminUtils' sudo_set_*, Swap's admin calls): a small write-once weight,
// about what AdminUtils' benchmarks give for a single hyperparameter write.
const DEFAULT: CallWeight = w(20_000_000, 0, 1, 1);
// pallet_sudo's and pallet_utility's own overhead around the inner calls.
const SUDO_OVERHEAD = 15_000_000n;
const BATCH_PER_CALL = 5_000_000n;

function refTime(c: CallWeight): bigint {
  return BigInt(c.base) + BigInt(c.reads) * DB_READ + BigInt(c.writes) * DB_WRITE;
}

function lookupWeight(call: RuntimeCallValue): CallWeight {
  if (call.type === "SubtensorModule") return SUBTENSOR[call.value.type] ?? DEFAULT;
  if (call.type === "Balances") return BALANCES[call.value.type] ?? DEFAULT;
  return DEFAULT;
}

/**
 * The call's `DispatchInfo` (pre-dispatch: the weights are static, so it is also the post-dispatch one).
 * Inherents (Timestamp.set) are Mandatory; sudo'd calls pay no fee (pallet_sudo returns Pays::No); a batch
 * weighs the sum of its calls and pays if any of them pays.
 */
export function dispatchInfoOf(call: RuntimeCallValue): DispatchInfo {
  if (call.type === "Timestamp")
    return {
      weight: { ref_time: 9_000_000n + DB_READ + DB_WRITE, proof_size: 1493n },
      class: "Mandatory",
      paysFee: false,
    };
  if (call.type === "Sudo" && (call.value.type === "sudo" || call.value.type === "sudo_unchecked_weight")) {
    const inner = dispatchInfoOf((call.value.value as { call: RuntimeCallValue }).call);
    return {
      weight: { ref_time: inner.weight.ref_time + SUDO_OVERHEAD, proof_size: inner.weight.proof_size },
      class: inner.class,
      paysFee: false,
    };
  }
  if (call.type === "Utility" && ["batch", "batch_all", "force_batch"].includes(call.value.type)) {
    const calls = (call.value.value as { calls: RuntimeCallValue[] }).calls;
    let ref = 0n;
    let proof = 0n;
    for (const c of calls) {
      const i = dispatchInfoOf(c);
      ref += i.weight.ref_time + BATCH_PER_CALL;
      proof += i.weight.proof_size;
    }
    return { weight: { ref_time: ref + BATCH_PER_CALL, proof_size: proof }, class: "Normal", paysFee: true };
  }
  const c = lookupWeight(call);
  return {
    weight: { ref_time: refTime(c), proof_size: BigInt(c.proof) },
    class: "Normal",
    paysFee: !c.free,
  };
}

/** The event/metadata form of a DispatchInfo (`frame_system::DispatchEventInfo`). */
export function dispatchEventInfo(info: DispatchInfo) {
  return {
    weight: info.weight,
    class: { type: info.class },
    pays_fee: { type: info.paysFee ? "Yes" : "No" },
  };
}
