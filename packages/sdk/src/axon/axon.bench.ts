// Signed round trips, dendrite → axon → dendrite, on loopback: calls per second and p50/p99 latency, one at a
// time and 32 in flight. Each call signs, verifies, checks the nonce and body hash. `npm run bench -- axon`.

import { z } from "zod";
import { Dendrite } from "../dendrite/index.ts";
import { defineSynapse } from "../synapse/index.ts";
import { Axon } from "./axon.ts";
import { cryptoReady, signerFromUri } from "./signer.ts";

const Dummy = defineSynapse("Dummy", {
  dummy_input: z.int(),
  dummy_output: z.int().nullable().default(null),
});
// Bounded in count and in time, so a slow shared machine cannot make it run on.
const CALLS = 3000;
const MAX_SECONDS = 20;

await cryptoReady();
const axon = new Axon({ signer: signerFromUri("//Bob"), port: 0, host: "127.0.0.1", onError: () => {} });
axon.attach(Dummy, (s) => {
  s.dummy_output = s.dummy_input * 2;
  return s;
});
await axon.start();
const dendrite = new Dendrite({ signer: signerFromUri("//Alice") });
const target = { ip: "127.0.0.1", port: axon.port, hotkey: axon.hotkey };

async function one(i: number): Promise<number> {
  const t0 = performance.now();
  const r = await dendrite.call(Dummy, target, Dummy.create({ dummy_input: i }));
  if (r.dendrite.statusCode !== 200 || r.dummy_output !== i * 2) {
    throw new Error(`call ${i} failed: ${r.dendrite.statusCode} ${r.dendrite.statusMessage}`);
  }
  return performance.now() - t0;
}

async function run(label: string, inFlight: number) {
  const latencies: number[] = [];
  const deadline = performance.now() + MAX_SECONDS * 1000;
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < CALLS && performance.now() < deadline) latencies.push(await one(next++));
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  console.log(
    `${label.padEnd(26)} ${String(latencies.length).padStart(5)} calls  ${(latencies.length / seconds).toFixed(0).padStart(6)} calls/s  ` +
      `p50 ${pct(50).toFixed(2)} ms  p99 ${pct(99).toFixed(2)} ms`,
  );
}

for (let i = 0; i < 300; i++) await one(i); // warm-up: JIT, keep-alive connections, wasm
console.log(`axon+dendrite signed round trips on 127.0.0.1 (Node ${process.version})`);
await run("sequential (1 in flight)", 1);
await run("concurrent (32 in flight)", 32);
await dendrite.close();
await axon.stop();
