// Runtime-API benchmark: what a metagraph sync costs on a full subnet (256 uids, stake on every hotkey), as
// `state_call` runs it — the whole metagraph, all 74 selective fields, lite neurons, dynamic info for 32
// subnets. Run with `npm run bench -- runtimeApi`.

import { safeFloatFromU64 } from "@opentao/primitives";
import { u16, Vector } from "@polkadot-api/substrate-bindings";
import { MemoryState } from "../frame/state.ts";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { executeRuntimeApi } from "./index.ts";
import { buildFixture, NET } from "./testFixture.ts";

const N = 256;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function bench(label: string, runs: number, f: () => unknown): void {
  f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  console.log(`${label.padEnd(56)} median ${median(times).toFixed(2).padStart(8)} ms  (${runs} runs)`);
}

const s = buildFixture(new MemoryState());
const key = (i: number) => {
  const k = new Uint8Array(32);
  k[0] = 0xaa;
  k[1] = i >> 8;
  k[2] = i & 0xff;
  return k;
};
st.SubnetworkN.set(s, NET, N);
const perUid = <V>(f: (i: number) => V) => Array.from({ length: N }, (_, i) => f(i));
for (let uid = 0; uid < N; uid++) {
  const h = key(uid);
  st.Keys.set(s, NET, uid, h);
  st.Uids.set(s, NET, h, uid);
  st.Owner.set(s, h, key(1000 + uid));
  st.TotalHotkeyAlpha.set(s, h, NET, BigInt(1_000_000 + uid));
  st.TotalHotkeySharesV2.set(s, h, NET, safeFloatFromU64(BigInt(1_000_000 + uid)));
  st.TotalHotkeyAlpha.set(s, h, 0, BigInt(uid) * 1_000_000_000n);
  st.BlockAtRegistration.set(s, NET, uid, BigInt(uid));
}
st.Active.set(
  s,
  NET,
  perUid(() => true),
);
st.Emission.set(
  s,
  NET,
  perUid((i) => BigInt(i)),
);
st.Incentive.set(
  s,
  NET,
  perUid((i) => i),
);
st.Dividends.set(
  s,
  NET,
  perUid((i) => i),
);
st.Consensus.set(
  s,
  NET,
  perUid((i) => i),
);
st.LastUpdate.set(
  s,
  NET,
  perUid((i) => BigInt(i)),
);
st.ValidatorPermit.set(
  s,
  NET,
  perUid((i) => i < 64),
);
for (let n = 2; n < 32; n++) st.NetworksAdded.set(s, n, true);

console.log(`runtime APIs on a ${N}-uid subnet (node ${process.version})`);
const netuid = u16.enc(NET);
bench("SubnetInfoRuntimeApi_get_metagraph", 20, () =>
  executeRuntimeApi(s, "SubnetInfoRuntimeApi_get_metagraph", netuid),
);
const all74 = new Uint8Array([...netuid, ...Vector(u16).enc([...Array(74).keys()])]);
bench("SubnetInfoRuntimeApi_get_selective_metagraph (74 fields)", 20, () =>
  executeRuntimeApi(s, "SubnetInfoRuntimeApi_get_selective_metagraph", all74),
);
bench("NeuronInfoRuntimeApi_get_neurons_lite", 20, () =>
  executeRuntimeApi(s, "NeuronInfoRuntimeApi_get_neurons_lite", netuid),
);
bench("SubnetInfoRuntimeApi_get_all_dynamic_info (32 subnets)", 20, () =>
  executeRuntimeApi(s, "SubnetInfoRuntimeApi_get_all_dynamic_info", new Uint8Array()),
);
