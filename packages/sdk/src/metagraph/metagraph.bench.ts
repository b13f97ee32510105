// Metagraph decode for a full 256-uid subnet: the SCALE answers of get_neurons_lite, get_neurons (with
// 256×256 weights and bonds) and get_selective_mechagraph, decoded and turned into typed arrays.
// `npm run bench -- metagraph`. Encoded once with finney's own types (@polkadot/types); < 30 s.
// With OPENTAO_URL=ws://… (and OPENTAO_NETUID, default 1) it also times Metagraph.sync against that node.

import { apiOutputType, encodeAs, finneyRegistry } from "../chain/fixtures/finney.ts";
import { decodeNeuronInfo, decodeNeuronInfoLite, decodeSelectiveMetagraph } from "../chain/runtimeTypes.ts";
import { ScaleReader } from "../chain/scale.ts";
import { Keypair } from "../keys/keypair.ts";
import { cryptoReady } from "../keys/sr25519.ts";
import { Metagraph } from "./metagraph.ts";

const N = 256;
await cryptoReady();
const { registry, metadata } = finneyRegistry();
const keys = Array.from({ length: N }, (_, i) => Keypair.fromUri(`//Bench${i}`).ss58Address);
const axon = {
  block: 1000n,
  version: 901,
  ip: (127n << 24n) | 1n,
  port: 8091,
  ip_type: 4,
  protocol: 4,
  placeholder1: 0,
  placeholder2: 0,
};
const neuron = (uid: number, full: boolean) => ({
  hotkey: keys[uid],
  coldkey: keys[(uid * 7) % N],
  uid,
  netuid: 1,
  active: true,
  axon_info: { ...axon, port: 8091 + uid },
  prometheus_info: { block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0 },
  stake: [[keys[(uid * 7) % N], 123_456_789_000n + BigInt(uid)]],
  rank: uid * 11,
  emission: 987_654_321n,
  incentive: uid * 13,
  consensus: uid * 17,
  trust: 65535,
  validator_trust: uid < 64 ? 40000 : 0,
  dividends: uid < 64 ? 1000 : 0,
  last_update: 123_456n,
  validator_permit: uid < 64,
  ...(full
    ? {
        weights: uid < 64 ? Array.from({ length: N }, (_, j) => [j, (j * 257 + uid) % 65536]) : [],
        bonds: uid < 64 ? Array.from({ length: N }, (_, j) => [j, (j * 31 + uid) % 65536]) : [],
      }
    : {}),
  pruning_score: 65535 - uid,
});
const type = (api: string, m: string) => apiOutputType(metadata, api, m);
const liteBytes = encodeAs(
  registry,
  type("NeuronInfoRuntimeApi", "get_neurons_lite"),
  keys.map((_, i) => neuron(i, false)),
);
const fullBytes = encodeAs(
  registry,
  type("NeuronInfoRuntimeApi", "get_neurons"),
  keys.map((_, i) => neuron(i, true)),
);
const big = (n: number) => Array.from({ length: N }, (_, i) => BigInt(i) * 1_000_000_007n + BigInt(n));
const selBytes = encodeAs(registry, type("SubnetInfoRuntimeApi", "get_selective_mechagraph"), {
  netuid: 1,
  name: [...new TextEncoder().encode("bench")],
  block: 123_456n,
  hotkeys: keys,
  coldkeys: keys,
  axons: keys.map(() => axon),
  active: keys.map(() => true),
  validator_permit: keys.map((_, i) => i < 64),
  last_update: big(1),
  emission: big(2),
  incentives: keys.map((_, i) => i),
  alpha_stake: big(3),
  tao_stake: big(4),
  total_stake: big(5),
});

function time(label: string, bytes: Uint8Array, run: () => unknown, seconds = 3) {
  for (let i = 0; i < 20; i++) run();
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until && samples.length < 2000) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(2);
  console.log(
    `${label.padEnd(52)} ${(bytes.length / 1024).toFixed(0).padStart(5)} KiB  p50 ${q(0.5)} ms  p99 ${q(0.99)} ms  (${samples.length} runs)`,
  );
}

console.log(`metagraph decode, ${N} uids`);
time("get_neurons_lite → Vec<NeuronInfoLite>", liteBytes, () =>
  new ScaleReader(liteBytes).vec(decodeNeuronInfoLite),
);
time("get_selective_mechagraph (all 74 fields)", selBytes, () =>
  new ScaleReader(selBytes).option(decodeSelectiveMetagraph),
);
time("lite sync: both decoded + Metagraph.fromNeurons", liteBytes, () => {
  const neurons = new ScaleReader(liteBytes).vec(decodeNeuronInfoLite);
  const info = new ScaleReader(selBytes).option(decodeSelectiveMetagraph);
  return Metagraph.fromNeurons(1, neurons, { block: 1, lite: true, ...(info ? { info } : {}) });
});
time("full sync: get_neurons (64 validators × 256 W and B) + W/B", fullBytes, () => {
  const neurons = new ScaleReader(fullBytes).vec(decodeNeuronInfo);
  return Metagraph.fromNeurons(1, neurons, { block: 1, lite: false });
});

const live = process.env.OPENTAO_URL;
if (live) {
  const { Subtensor } = await import("../chain/subtensor.ts");
  const netuid = Number(process.env.OPENTAO_NETUID ?? 1);
  const st = await Subtensor.connect(live);
  try {
    const samples: number[] = [];
    let n = 0;
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      n = (await Metagraph.sync(st, netuid)).n;
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    console.log(
      `Metagraph.sync(${netuid}) against ${live}: ${n} uids, p50 ${samples[15]!.toFixed(1)} ms, max ${samples[29]!.toFixed(1)} ms`,
    );
  } finally {
    await st.close();
  }
}
