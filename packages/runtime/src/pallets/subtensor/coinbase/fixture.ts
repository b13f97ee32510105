// A hand-built network for the coinbase's tests and bench: root plus dynamic subnets, each with an owner, a
// few validators (alpha stake, some also on root) setting weights on miners, pools and balances consistent.

import { I96F32 } from "@opentao/primitives";
import { MemoryState } from "../../../frame/state.ts";
import { Executive, type RuntimeConfig } from "../../../runtime/executive.ts";
import { storage as balances } from "../../balances/pallet.ts";
import { storage as system } from "../../system/pallet.ts";
import { storage as st } from "../storage.ts";
import { increaseStakeForHotkeyAndColdkeyOnSubnet } from "./stake.ts";
import { subnetAccountId } from "./tao.ts";

export const TAO = 1_000_000_000n;

/** A hotkey unique per (netuid, uid). */
export const hotkey = (netuid: number, uid: number) => {
  const k = new Uint8Array(32).fill(0x11);
  k[0] = 0xa1;
  k[1] = netuid >> 8;
  k[2] = netuid & 0xff;
  k[3] = uid >> 8;
  k[4] = uid & 0xff;
  return k;
};
/** A coldkey: the owner of subnet n is coldkey(n, 0); validator v's is coldkey(n, v). */
export const coldkey = (netuid: number, i: number) => {
  const k = new Uint8Array(32).fill(0x22);
  k[0] = 0xc1;
  k[1] = netuid >> 8;
  k[2] = netuid & 0xff;
  k[3] = i >> 8;
  k[4] = i & 0xff;
  return k;
};

export interface SubnetSpec {
  readonly netuid: number;
  /** uids: 0 is the owner's hotkey, 1..validators validators, the rest miners. */
  readonly n: number;
  readonly validators: number;
  readonly tempo: number;
  readonly taoReserve: bigint;
  readonly alphaReserve: bigint;
  /** `SubnetMovingPrice` as I96F32 bits. */
  readonly movingPrice: bigint;
  /** past start_call with registration open (else it is scheduled but gets no emission). */
  readonly emitting: boolean;
  /** Validators also weight the owner's hotkey (its incentive is withheld). */
  readonly ownerMines?: boolean;
  /** Validator v's alpha stake (default (v + 1) · 1000 alpha). */
  readonly alphaStake?: (v: number) => bigint;
  /** Validator v's root stake (default 500 TAO for even v, none for odd). */
  readonly rootStake?: (v: number) => bigint;
}

export interface NetworkSpec {
  readonly subnets: readonly SubnetSpec[];
  /** Raw `TaoWeight` (default u64::MAX, τ = 1). */
  readonly taoWeight?: bigint;
  readonly maxEpochsPerBlock?: number;
  readonly config?: RuntimeConfig;
}

const U64_MAX = (1n << 64n) - 1n;

/** Build the state; uids are registered at block 0 and every validator's weights are fresh. */
export function buildNetwork(spec: NetworkSpec): { s: MemoryState; ex: Executive } {
  const s = new MemoryState();
  st.TaoWeight.set(s, spec.taoWeight ?? U64_MAX);
  st.MaxEpochsPerBlock.set(s, spec.maxEpochsPerBlock ?? 32);
  st.NetworksAdded.set(s, 0, true);
  st.SubnetMechanism.set(s, 0, 0);
  st.Tempo.set(s, 0, 100);
  let issuance = 0n;
  let rootTao = 0n;
  for (const sn of spec.subnets) {
    const { netuid, n, validators } = sn;
    st.NetworksAdded.set(s, netuid, true);
    st.TotalNetworks.mutate(s, (t) => t + 1);
    st.SubnetMechanism.set(s, netuid, 1);
    st.Tempo.set(s, netuid, sn.tempo);
    st.SubnetTAO.set(s, netuid, sn.taoReserve);
    st.SubnetAlphaIn.set(s, netuid, sn.alphaReserve);
    st.SubnetMovingPrice.set(s, netuid, { bits: sn.movingPrice });
    if (sn.emitting) {
      st.FirstEmissionBlockNumber.set(s, netuid, 1n);
      st.SubtokenEnabled.set(s, netuid, true);
      st.NetworkRegistrationAllowed.set(s, netuid, true);
    }
    st.SubnetOwner.set(s, netuid, coldkey(netuid, 0));
    st.SubnetOwnerHotkey.set(s, netuid, hotkey(netuid, 0));
    st.OwnedHotkeys.set(s, coldkey(netuid, 0), [hotkey(netuid, 0)]);
    st.Owner.set(s, hotkey(netuid, 0), coldkey(netuid, 0));
    st.SubnetworkN.set(s, netuid, n);
    st.MaxAllowedValidators.set(s, netuid, validators);
    st.CommitRevealWeightsEnabled.set(s, netuid, false);
    st.ValidatorPermit.set(
      s,
      netuid,
      Array.from({ length: n }, (_, uid) => uid >= 1 && uid <= validators),
    );
    // Weights set at block 1 by neurons registered at block 0: not masked as outdated.
    st.LastUpdate.set(
      s,
      netuid,
      Array.from({ length: n }, () => 1n),
    );
    for (let uid = 0; uid < n; uid++) {
      st.Keys.set(s, netuid, uid, hotkey(netuid, uid));
      st.Uids.set(s, netuid, hotkey(netuid, uid), uid);
      st.BlockAtRegistration.set(s, netuid, uid, 0n);
      if (uid > validators) st.Owner.set(s, hotkey(netuid, uid), coldkey(netuid, uid));
    }
    let alphaOut = 0n;
    for (let v = 1; v <= validators; v++) {
      const hk = hotkey(netuid, v);
      const ck = coldkey(netuid, v);
      st.Owner.set(s, hk, ck);
      st.OwnedHotkeys.set(s, ck, [hk]);
      const alpha = sn.alphaStake ? sn.alphaStake(v) : BigInt(v + 1) * 1000n * TAO;
      increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, netuid, alpha);
      alphaOut += alpha;
      const root = sn.rootStake ? sn.rootStake(v) : v % 2 === 0 ? 500n * TAO : 0n;
      if (root > 0n) {
        increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, 0, root);
        rootTao += root;
      }
      const row: Array<[number, number]> = [];
      if (sn.ownerMines) row.push([0, 20_000]);
      for (let m = validators + 1; m < n; m++) row.push([m, 1 + ((m * 7919 + v * 104_729) % 65_000)]);
      st.Weights.set(s, netuid, v, row);
    }
    st.SubnetAlphaOut.set(s, netuid, alphaOut);
    st.TotalStake.mutate(s, (t) => t + sn.taoReserve);
    system.Account.set(s, subnetAccountId(netuid), {
      ...system.Account.get(s, subnetAccountId(netuid)),
      providers: 1,
      data: { ...system.Account.get(s, subnetAccountId(netuid)).data, free: sn.taoReserve },
    });
    issuance += sn.taoReserve;
  }
  st.SubnetTAO.set(s, 0, rootTao);
  st.SubnetAlphaOut.set(s, 0, rootTao);
  st.TotalStake.mutate(s, (t) => t + rootTao);
  if (rootTao > 0n)
    system.Account.set(s, subnetAccountId(0), {
      ...system.Account.get(s, subnetAccountId(0)),
      providers: 1,
      data: { ...system.Account.get(s, subnetAccountId(0)).data, free: rootTao },
    });
  issuance += rootTao;
  balances.TotalIssuance.set(s, issuance);
  st.TotalIssuance.set(s, issuance);
  return { s, ex: new Executive(spec.config ?? { allowLoopback: false }) };
}

/** Start block `number` (runs the coinbase hook), with the validators' weights kept fresh. */
export function produceBlock(s: MemoryState, ex: Executive, number: number): void {
  const parentHash = new Uint8Array(32);
  parentHash[31] = number & 0xff;
  parentHash[30] = (number >> 8) & 0xff;
  ex.initializeBlock(s, { number, parentHash });
}

/** 1.0 as I96F32 bits times a ratio num/den. */
export const priceBits = (num: bigint, den: bigint) => (I96F32.one * num) / den;
