// SubtensorModule.set_weights / set_mechanism_weights: a validator's weight row on a subnet mechanism.
// Checks run in the chain's order and fail with its error names; the row is max-upscaled to u16 and stored in
// submitted order (zeros included), which the epoch depends on.
// PERF: O(len) checks plus one duplicate scan, O(len²) like the chain's for the short rows validators send.

import { I32F32, I64F64, U96F32 } from "@opentao/primitives";
import { inplaceNormalize } from "../../../epoch/math.ts";
import {
  BadOrigin,
  type CallContext,
  type DispatchResult,
  ensureSigned,
  moduleErrors,
} from "../../../frame/dispatch.ts";
import type { StateReader } from "../../../frame/state.ts";
import { inheritedStakes, mechanismStorageIndex } from "../epoch/storage.ts";
import { storage as st, subtensorPallet } from "../pallet.ts";

const E = moduleErrors(subtensorPallet);
const U16_MAX = 65535n;
const U64_MAX = (1n << 64n) - 1n;

/**
 * `vec_u16_max_upscale_to_u16`: scale so the largest value becomes 65535, rounding half away from zero.
 * `[21845·2, 21845]` → `[65535, 32768]`.
 */
export function maxUpscaleToU16(values: readonly number[]): number[] {
  const fixed = values.map((v) => I32F32.fromInt(v));
  const uMax = I32F32.fromInt(U16_MAX);
  if (fixed.length === 0) return [];
  const max = fixed.reduce((a, b) => (b > a ? b : a));
  const toU16 = (x: bigint) => I32F32.toU16(x);
  if (max === 0n) return fixed.map((e) => toU16(I32F32.saturatingMul(e, uMax)));
  if (max > I32F32.fromInt(32768)) {
    const r = I32F32.safeDiv(uMax, max);
    return fixed.map((e) => toU16(I32F32.fromInt(I32F32.roundToInt(I32F32.saturatingMul(e, r)))));
  }
  return fixed.map((e) =>
    toU16(I32F32.fromInt(I32F32.roundToInt(I32F32.safeDiv(I32F32.saturatingMul(e, uMax), max)))),
  );
}

/** `check_vec_max_limited`: after sum-normalizing, no weight may exceed `limit / 65535`. */
export function withinMaxWeightLimit(values: readonly number[], limit: number): boolean {
  const lim = I32F32.safeDiv(I32F32.fromInt(limit), I32F32.fromInt(U16_MAX));
  const fixed = values.map((v) => I32F32.fromInt(v));
  inplaceNormalize(fixed);
  return fixed.every((v) => v <= lim);
}

/** Stake that counts for setting weights: alpha + root stake · tao weight, in I64F64. */
function stakeWeight(s: StateReader, hotkey: Uint8Array, netuid: number): bigint {
  const tw = I64F64.from(
    U96F32,
    U96F32.safeDiv(U96F32.fromInt(st.TaoWeight.get(s)), U96F32.fromInt(U64_MAX)),
  );
  const stakes = inheritedStakes(s, hotkey, netuid);
  const alpha = I64F64.fromInt(stakes.alpha);
  const tao = I64F64.fromInt(stakes.tao);
  return I64F64.saturatingAdd(alpha, I64F64.saturatingMul(tao, tw));
}

function ownerUid(s: StateReader, netuid: number): number | undefined {
  const owner = st.SubnetOwnerHotkey.tryGet(s, netuid);
  return owner === undefined ? undefined : st.Uids.tryGet(s, netuid, owner);
}

const isSelfWeight = (uid: number, uids: readonly number[], values: readonly number[]) =>
  values.length === 1 && uids[0] === uid;

export interface SetWeightsArgs {
  netuid: number;
  mecid: number;
  dests: number[];
  weights: number[];
  version_key: bigint;
}

/** The chain's checks for `internal_set_weights`, in order; undefined when the row may be stored. */
export function getSetWeightsValidity(
  s: StateReader,
  hotkey: Uint8Array,
  a: SetWeightsArgs,
  currentBlock: bigint,
): DispatchResult {
  const { netuid, mecid, dests: uids, weights: values } = a;
  if (netuid === 0) return E.CanNotSetRootNetworkWeights;
  if (uids.length !== values.length) return E.WeightVecNotEqualSize;
  if (!st.NetworksAdded.get(s, netuid) || st.MechanismCountCurrent.get(s, netuid) <= mecid)
    return E.MechanismDoesNotExist;
  const n = st.SubnetworkN.get(s, netuid);
  if (uids.length > n) return E.UidsLengthExceedUidsInSubNet;
  const uid = st.Uids.tryGet(s, netuid, hotkey);
  if (uid === undefined) return E.HotKeyNotRegisteredInSubNet;
  const owner = ownerUid(s, netuid);
  if (owner !== uid && stakeWeight(s, hotkey, netuid) < I64F64.fromInt(st.StakeThreshold.get(s)))
    return E.NotEnoughStakeToSetWeights;
  const versionKey = st.WeightsVersionKey.get(s, netuid);
  if (versionKey !== 0n && a.version_key < versionKey) return E.IncorrectWeightVersionKey;
  const idx = mechanismStorageIndex(netuid, mecid);
  if (!st.CommitRevealWeightsEnabled.get(s, netuid)) {
    const last = st.LastUpdate.get(s, idx)[uid] ?? 0n;
    if (last !== 0n && currentBlock - last < st.WeightsSetRateLimit.get(s, netuid))
      return E.SettingWeightsTooFast;
  }
  const selfWeight = isSelfWeight(uid, uids, values);
  if (!selfWeight && owner !== uid && !(st.ValidatorPermit.get(s, netuid)[uid] ?? false))
    return E.NeuronNoValidatorPermit;
  if (new Set(uids).size !== uids.length) return E.DuplicateUids;
  if (uids.some((u) => !st.Keys.has(s, netuid, u))) return E.UidVecContainInvalidOne;
  const minAllowed = Math.min(n, st.MinAllowedWeights.get(s, netuid));
  if (!selfWeight && values.length < minAllowed) return E.WeightVecLengthIsLow;
  const limit = st.MaxWeightsLimit.get(s, netuid);
  if (!selfWeight && limit !== 65535 && !withinMaxWeightLimit(maxUpscaleToU16(values), limit))
    return E.MaxWeightExceeded;
  return undefined;
}

/** Store the row (max-upscaled, submitted order) and, without commit-reveal, the last-update block. */
export function setWeights(ctx: CallContext, a: SetWeightsArgs): DispatchResult {
  const hotkey = ensureSigned(ctx.origin);
  if (!hotkey) return BadOrigin;
  const s = ctx.state;
  const block = BigInt(ctx.blockNumber);
  const invalid = getSetWeightsValidity(s, hotkey, a, block);
  if (invalid) return invalid;
  const uid = st.Uids.get(s, a.netuid, hotkey) as number;
  const idx = mechanismStorageIndex(a.netuid, a.mecid);
  const upscaled = maxUpscaleToU16(a.weights);
  st.Weights.set(
    s,
    idx,
    uid,
    a.dests.map((d, i) => [d, upscaled[i]] as [number, number]),
  );
  if (!st.CommitRevealWeightsEnabled.get(s, a.netuid)) {
    const lastUpdate = st.LastUpdate.get(s, idx);
    while (lastUpdate.length < st.SubnetworkN.get(s, a.netuid)) lastUpdate.push(0n);
    lastUpdate[uid] = block;
    st.LastUpdate.set(s, idx, lastUpdate);
  }
  ctx.deposit("SubtensorModule", "WeightsSet", [idx, uid]);
  return undefined;
}

/** `set_weights` refuses to run while commit-reveal is on: weights must then be committed. */
export function setWeightsCall(ctx: CallContext, a: Omit<SetWeightsArgs, "mecid">): DispatchResult {
  if (st.CommitRevealWeightsEnabled.get(ctx.state, a.netuid)) return E.CommitRevealEnabled;
  return setWeights(ctx, { ...a, mecid: 0 });
}

export function setMechanismWeightsCall(ctx: CallContext, a: SetWeightsArgs): DispatchResult {
  if (st.CommitRevealWeightsEnabled.get(ctx.state, a.netuid)) return E.CommitRevealEnabled;
  return setWeights(ctx, a);
}
