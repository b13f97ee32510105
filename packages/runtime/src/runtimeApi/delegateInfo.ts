// DelegateInfoRuntimeApi (rpc_info/delegate_info.rs): delegates (hotkeys with a `Delegates` take), their
// nominators' alpha per subnet, registrations, permits and a daily-return estimate in U64F64.

import { type SafeFloat, safeFloatFromU64F64, safeFloatIsZero, U64F64 } from "@opentao/primitives";
import { AccountId32 } from "../frame/common.ts";
import type { StateReader } from "../frame/state.ts";
import { T } from "../frame/types.ts";
import { readHotkeyPool } from "../pallets/subtensor/pools.ts";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { shareValue } from "../staking/sharePool.ts";
import { allNetuids, at, stakeFor } from "./reads.ts";
import { type ApiImpl, DelegateInfo, type DelegateInfoValue, method } from "./types.ts";

const hexOf = (b: Uint8Array) => Buffer.from(b).toString("hex");

/**
 * `alpha_iter_single_prefix(hotkey)`: every (coldkey, netuid, shares) under the hotkey, legacy `Alpha` (U64F64)
 * overridden by `AlphaV2`, in the BTreeMap's order (coldkey bytes, then netuid).
 */
function alphaSharesOf(s: StateReader, hotkey: Uint8Array): Array<[Uint8Array, number, SafeFloat]> {
  const merged = new Map<string, [Uint8Array, number, SafeFloat]>();
  const key = (c: Uint8Array, n: number) => `${hexOf(c)}:${n.toString().padStart(5, "0")}`;
  for (const [[, coldkey, netuid], v] of st.Alpha.entries(s, hotkey))
    merged.set(key(coldkey, netuid), [coldkey, netuid, safeFloatFromU64F64(v.bits)]);
  for (const [[, coldkey, netuid], v] of st.AlphaV2.entries(s, hotkey))
    merged.set(key(coldkey, netuid), [coldkey, netuid, v]);
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** `alpha_iter_prefix((hotkey, coldkey))`: netuids (ascending) where the coldkey holds non-zero shares. */
function stakedNetuids(s: StateReader, hotkey: Uint8Array, coldkey: Uint8Array): number[] {
  const merged = new Map<number, SafeFloat>();
  for (const [[, , netuid], v] of st.Alpha.entries(s, hotkey, coldkey))
    merged.set(netuid, safeFloatFromU64F64(v.bits));
  for (const [[, , netuid], v] of st.AlphaV2.entries(s, hotkey, coldkey)) merged.set(netuid, v);
  return [...merged.entries()]
    .filter(([, v]) => !safeFloatIsZero(v))
    .map(([n]) => n)
    .sort((a, b) => a - b);
}

const EPOCHS_BLOCKS = U64F64.fromInt(7200);
const PER_1000_TAO = U64F64.fromInt(1_000_000_000_000n);

/** `return_per_1000_tao`: daily emission · (1 − take) per 1000 TAO of root stake, 0 without stake. */
export function returnPer1000Tao(take: number, totalStake: bigint, emissionsPerDay: bigint): bigint {
  const withoutTake = U64F64.saturatingSub(
    U64F64.one,
    U64F64.safeDiv(U64F64.fromInt(take), U64F64.fromInt(0xffff)),
  );
  if (totalStake <= 0n) return 0n;
  return U64F64.safeDiv(
    U64F64.saturatingMul(emissionsPerDay, withoutTake),
    U64F64.safeDiv(totalStake, PER_1000_TAO),
  );
}

/** `get_delegate_by_existing_account`. */
export function delegateInfo(
  s: StateReader,
  delegate: Uint8Array,
  skipNominators: boolean,
): DelegateInfoValue {
  const nominators: Array<[Uint8Array, Array<[number, bigint]>]> = [];
  if (!skipNominators) {
    // The chain indexes its per-subnet pools by netuid into the list of existing subnets (a quirk kept as is).
    const netuids = allNetuids(s);
    const byColdkey = new Map<string, [Uint8Array, Array<[number, bigint]>]>();
    for (const [coldkey, netuid, shares] of alphaSharesOf(s, delegate)) {
      if (safeFloatIsZero(shares) || netuid >= netuids.length) continue;
      const value = shareValue(readHotkeyPool(s, delegate, netuids[netuid]), shares);
      const k = hexOf(coldkey);
      const entry = byColdkey.get(k) ?? [coldkey, []];
      entry[1].push([netuid, value]);
      byColdkey.set(k, entry);
    }
    for (const k of [...byColdkey.keys()].sort())
      nominators.push(byColdkey.get(k) as [Uint8Array, Array<[number, bigint]>]);
  }

  const registrations: number[] = [];
  for (const [[, netuid], member] of st.IsNetworkMember.entries(s, delegate))
    if (member) registrations.push(netuid);
  const validatorPermits: number[] = [];
  let emissionsPerDay = 0n;
  for (const netuid of registrations) {
    const uid = st.Uids.tryGet(s, netuid, delegate);
    if (uid === undefined) continue;
    if (at(st.ValidatorPermit.get(s, netuid), uid, false)) validatorPermits.push(netuid);
    const emission = U64F64.fromInt(at(st.Emission.get(s, netuid), uid, 0n));
    const tempo = st.Tempo.get(s, netuid);
    if (tempo > 0) {
      const epochsPerDay = U64F64.safeDiv(EPOCHS_BLOCKS, U64F64.fromInt(tempo));
      emissionsPerDay = U64F64.saturatingAdd(emissionsPerDay, U64F64.saturatingMul(emission, epochsPerDay));
    }
  }

  const take = st.Delegates.get(s, delegate);
  const totalStake = U64F64.fromInt(st.TotalHotkeyAlpha.get(s, delegate, 0));
  return {
    delegate_ss58: delegate,
    take,
    nominators,
    owner_ss58: st.Owner.get(s, delegate),
    registrations,
    validator_permits: validatorPermits,
    return_per_1000: U64F64.toU64(returnPer1000Tao(take, totalStake, emissionsPerDay)),
    total_daily_return: U64F64.toU64(emissionsPerDay),
  };
}

const delegates = (s: StateReader): Uint8Array[] => [...st.Delegates.entries(s)].map(([[hotkey]]) => hotkey);

export const delegateInfoApi: ApiImpl = {
  name: "DelegateInfoRuntimeApi",
  version: 1,
  methods: [
    method("get_delegates", [], T.vec(DelegateInfo), (s) =>
      delegates(s).map((d) => delegateInfo(s, d, false)),
    ),
    method("get_delegate", [["delegate_account", AccountId32]], T.option(DelegateInfo), (s, d) =>
      st.Delegates.has(s, d) ? delegateInfo(s, d, false) : undefined,
    ),
    method(
      "get_delegated",
      [["delegatee_account", AccountId32]],
      T.vec(T.tuple(DelegateInfo, T.tuple(T.compactNumber(T.u16), T.compactBig(T.u64)))),
      (s, delegatee) => {
        const out: Array<[DelegateInfoValue, [number, bigint]]> = [];
        for (const d of delegates(s))
          for (const netuid of stakedNetuids(s, d, delegatee))
            out.push([delegateInfo(s, d, true), [netuid, stakeFor(s, d, delegatee, netuid)]]);
        return out;
      },
    ),
  ],
};
