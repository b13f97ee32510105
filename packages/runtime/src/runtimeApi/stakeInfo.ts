// StakeInfoRuntimeApi (rpc_info/stake_info.rs): a coldkey's positions (every staking hotkey on every subnet,
// non-zero only), one position, and the fee a stake move would pay (the swap pallet's approximate fee).

import { AccountId32 } from "../frame/common.ts";
import type { StateReader } from "../frame/state.ts";
import { T } from "../frame/types.ts";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { storage as swapStorage } from "../pallets/swap/pallet.ts";
import { swapFee } from "../swap/swap.ts";
import { allNetuids, stakeFor } from "./reads.ts";
import { type ApiImpl, method, StakeInfo, type StakeInfoValue } from "./types.ts";

function stakeInfo(
  s: StateReader,
  hotkey: Uint8Array,
  coldkey: Uint8Array,
  netuid: number,
  stake: bigint,
): StakeInfoValue {
  return {
    hotkey,
    coldkey,
    netuid,
    stake,
    locked: 0n,
    emission: st.AlphaDividendsPerSubnet.get(s, netuid, hotkey),
    tao_emission: 0n,
    drain: 0n,
    is_registered: st.Uids.has(s, netuid, hotkey),
  };
}

/** `_get_stake_info_for_coldkeys`: per coldkey, subnets in storage order, then its `StakingHotkeys` in order. */
export function stakeInfoForColdkeys(
  s: StateReader,
  coldkeys: Uint8Array[],
): Array<[Uint8Array, StakeInfoValue[]]> {
  if (coldkeys.length === 0) return [];
  const netuids = allNetuids(s);
  return coldkeys.map((coldkey) => {
    const hotkeys = st.StakingHotkeys.get(s, coldkey);
    const infos: StakeInfoValue[] = [];
    for (const netuid of netuids)
      for (const hotkey of hotkeys) {
        const alpha = stakeFor(s, hotkey, coldkey, netuid);
        if (alpha !== 0n) infos.push(stakeInfo(s, hotkey, coldkey, netuid, alpha));
      }
    return [coldkey, infos];
  });
}

const sameEnd = (a: [Uint8Array, number] | undefined, b: [Uint8Array, number] | undefined) =>
  a === undefined || b === undefined ? a === b : a[1] === b[1] && Buffer.from(a[0]).equals(Buffer.from(b[0]));

/**
 * `get_stake_fee`: 0 when origin equals destination, else `approx_fee_amount` on the destination's subnet (the
 * origin's without a destination, netuid 0 without either): amount · FeeRate/65535 on a dynamic subnet, 0 otherwise.
 */
export function stakeFee(
  s: StateReader,
  origin: [Uint8Array, number] | undefined,
  destination: [Uint8Array, number] | undefined,
  amount: bigint,
): bigint {
  if (sameEnd(origin, destination)) return 0n;
  const netuid = (destination ?? origin)?.[1] ?? 0;
  if (st.SubnetMechanism.get(s, netuid) !== 1) return 0n;
  return swapFee(amount, swapStorage.FeeRate.get(s, netuid), false);
}

const Location = T.option(T.tuple(AccountId32, T.u16));

export const stakeInfoApi: ApiImpl = {
  name: "StakeInfoRuntimeApi",
  version: 1,
  methods: [
    method(
      "get_stake_info_for_coldkey",
      [["coldkey_account", AccountId32]],
      T.vec(StakeInfo),
      (s, coldkey) => stakeInfoForColdkeys(s, [coldkey])[0]?.[1] ?? [],
    ),
    method(
      "get_stake_info_for_coldkeys",
      [["coldkey_accounts", T.vec(AccountId32)]],
      T.vec(T.tuple(AccountId32, T.vec(StakeInfo))),
      (s, coldkeys) => stakeInfoForColdkeys(s, coldkeys),
    ),
    method(
      "get_stake_info_for_hotkey_coldkey_netuid",
      [
        ["hotkey_account", AccountId32],
        ["coldkey_account", AccountId32],
        ["netuid", T.u16],
      ],
      T.option(StakeInfo),
      (s, hotkey, coldkey, netuid) =>
        stakeInfo(s, hotkey, coldkey, netuid, stakeFor(s, hotkey, coldkey, netuid)),
    ),
    method(
      "get_stake_fee",
      [
        ["origin", Location],
        ["origin_coldkey_account", AccountId32],
        ["destination", Location],
        ["destination_coldkey_account", AccountId32],
        ["amount", T.u64],
      ],
      T.u64,
      (s, origin, _oc, destination, _dc, amount) =>
        stakeFee(
          s,
          origin as [Uint8Array, number] | undefined,
          destination as [Uint8Array, number] | undefined,
          amount,
        ),
    ),
  ],
};
