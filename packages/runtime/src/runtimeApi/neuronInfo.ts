// NeuronInfoRuntimeApi (rpc_info/neuron_info.rs): one neuron or every neuron of a subnet, full (with weights
// and bonds) or lite. Rank, trust and pruning score are no longer computed on chain and read 0, 0, 65535.

import type { StateReader } from "../frame/state.ts";
import { T } from "../frame/types.ts";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { at, subnetExists } from "./reads.ts";
import {
  type ApiImpl,
  method,
  NeuronInfo,
  NeuronInfoLite,
  type NeuronInfoLiteValue,
  type NeuronInfoValue,
} from "./types.ts";

const EMPTY_AXON = {
  block: 0n,
  version: 0,
  ip: 0n,
  port: 0,
  ip_type: 0,
  protocol: 0,
  placeholder1: 0,
  placeholder2: 0,
};
const EMPTY_PROMETHEUS = { block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0 };

/** `get_axon_info`: the served axon, or all zeros. */
export const axonInfo = (s: StateReader, netuid: number, hotkey: Uint8Array) =>
  st.Axons.tryGet(s, netuid, hotkey) ?? { ...EMPTY_AXON };

/** The subnet's per-uid vectors, read once for a whole neuron list. */
function perUid(s: StateReader, netuid: number) {
  return {
    active: st.Active.get(s, netuid),
    emission: st.Emission.get(s, netuid),
    incentive: st.Incentive.get(s, netuid),
    consensus: st.Consensus.get(s, netuid),
    validatorTrust: st.ValidatorTrust.get(s, netuid),
    dividends: st.Dividends.get(s, netuid),
    lastUpdate: st.LastUpdate.get(s, netuid),
    validatorPermit: st.ValidatorPermit.get(s, netuid),
  };
}
type PerUid = ReturnType<typeof perUid>;

/** `get_neuron_lite_subnet_exists`; undefined when the uid has no hotkey. */
export function neuronLite(
  s: StateReader,
  netuid: number,
  uid: number,
  v: PerUid = perUid(s, netuid),
): NeuronInfoLiteValue | undefined {
  const hotkey = st.Keys.tryGet(s, netuid, uid);
  if (hotkey === undefined) return undefined;
  const coldkey = st.Owner.get(s, hotkey);
  return {
    hotkey,
    coldkey,
    uid,
    netuid,
    active: at(v.active, uid, false),
    axon_info: axonInfo(s, netuid, hotkey),
    prometheus_info: st.Prometheus.tryGet(s, netuid, hotkey) ?? { ...EMPTY_PROMETHEUS },
    stake: [[coldkey, st.TotalHotkeyAlpha.get(s, hotkey, netuid)]],
    rank: 0,
    emission: at(v.emission, uid, 0n),
    incentive: at(v.incentive, uid, 0),
    consensus: at(v.consensus, uid, 0),
    trust: 0,
    validator_trust: at(v.validatorTrust, uid, 0),
    dividends: at(v.dividends, uid, 0),
    last_update: at(v.lastUpdate, uid, 0n),
    validator_permit: at(v.validatorPermit, uid, false),
    pruning_score: 0xffff,
  };
}

/** `get_neuron_subnet_exists`: the lite fields plus non-zero weights and bonds (mechanism 0). */
export function neuron(
  s: StateReader,
  netuid: number,
  uid: number,
  v: PerUid = perUid(s, netuid),
): NeuronInfoValue | undefined {
  const lite = neuronLite(s, netuid, uid, v);
  if (lite === undefined) return undefined;
  const nonZero = (row: [number, number][]) => row.filter(([, v]) => v > 0);
  const { pruning_score, ...rest } = lite;
  return {
    ...rest,
    weights: nonZero(st.Weights.get(s, netuid, uid)),
    bonds: nonZero(st.Bonds.get(s, netuid, uid)),
    pruning_score,
  };
}

/** Uids 0..SubnetworkN in order, stopping at the first uid without a hotkey (as the chain's `break`). */
function all<V>(
  s: StateReader,
  netuid: number,
  one: (s: StateReader, n: number, u: number, v: PerUid) => V | undefined,
): V[] {
  if (!subnetExists(s, netuid)) return [];
  const out: V[] = [];
  const n = st.SubnetworkN.get(s, netuid);
  const vectors = perUid(s, netuid);
  for (let uid = 0; uid < n; uid++) {
    const v = one(s, netuid, uid, vectors);
    if (v === undefined) break;
    out.push(v);
  }
  return out;
}

export const neuronInfoApi: ApiImpl = {
  name: "NeuronInfoRuntimeApi",
  version: 1,
  methods: [
    method("get_neurons", [["netuid", T.u16]], T.vec(NeuronInfo), (s, netuid) => all(s, netuid, neuron)),
    method(
      "get_neuron",
      [
        ["netuid", T.u16],
        ["uid", T.u16],
      ],
      T.option(NeuronInfo),
      (s, netuid, uid) => (subnetExists(s, netuid) ? neuron(s, netuid, uid) : undefined),
    ),
    method("get_neurons_lite", [["netuid", T.u16]], T.vec(NeuronInfoLite), (s, netuid) =>
      all(s, netuid, neuronLite),
    ),
    method(
      "get_neuron_lite",
      [
        ["netuid", T.u16],
        ["uid", T.u16],
      ],
      T.option(NeuronInfoLite),
      (s, netuid, uid) => (subnetExists(s, netuid) ? neuronLite(s, netuid, uid) : undefined),
    ),
  ],
};
