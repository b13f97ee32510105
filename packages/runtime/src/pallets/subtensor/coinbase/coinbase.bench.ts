// Coinbase benchmark: 32 dynamic subnets × 256 uids (64 validators), tempo 360, all epochs due on one block.
// Run with `npm run bench -- coinbase`: non-epoch block, the 32-epoch block, and one tempo fast-forwarded.

import { hashingReady } from "@opentao/primitives";
import { buildNetwork, priceBits, produceBlock, TAO } from "./fixture.ts";

// The node loads the wasm hashers before producing blocks; so does the bench.
await hashingReady();

const SUBNETS = 32;
const N = 256;
const VALIDATORS = 64;
const TEMPO = 360;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);

const t0 = performance.now();
const { s, ex } = buildNetwork({
  subnets: Array.from({ length: SUBNETS }, (_, i) => ({
    netuid: i + 1,
    n: N,
    validators: VALIDATORS,
    tempo: TEMPO,
    taoReserve: BigInt(100 + i * 37) * TAO,
    alphaReserve: BigInt(150 + i * 11) * TAO,
    movingPrice: priceBits(BigInt(1 + (i % 7)), 10n),
    emitting: true,
    rootStake: (v: number) => (v % 4 === 0 ? BigInt(1000 + v) * TAO : 0n),
  })),
});
const built = performance.now() - t0;

// Blocks 1..359 carry no epoch (LastEpochBlock = 0, tempo 360); block 360 runs all 32, the first time any
// per-neuron key is touched in this process (cold key caches, the state grows by the epoch's new entries).
// Blocks 720, 1080, … run them again, as every later tempo of a running node does: the steady-state figure is
// the median of those (this machine's timings vary a lot from one second to the next).
const TEMPOS = 6;
const plain: number[] = [];
const steady: number[] = [];
let epochBlock = 0;
let fastForward = 0;
for (let tempo = 1; tempo <= TEMPOS; tempo++) {
  const start = performance.now();
  for (let b = (tempo - 1) * TEMPO + 1; b < tempo * TEMPO; b++) {
    const t = performance.now();
    produceBlock(s, ex, b);
    plain.push(performance.now() - t);
  }
  const t = performance.now();
  produceBlock(s, ex, tempo * TEMPO);
  const ms = performance.now() - t;
  if (tempo === 1) {
    epochBlock = ms;
    fastForward = performance.now() - start;
  } else steady.push(ms);
}

console.log(`state built in ${fmt(built)} (${SUBNETS} subnets × ${N} uids, ${VALIDATORS} validators each)`);
console.log("| case | time |");
console.log("|---|---:|");
console.log(`| non-epoch block, median of ${plain.length} | ${fmt(median(plain))} |`);
console.log(`| non-epoch block, min | ${fmt(Math.min(...plain))} |`);
console.log(`| epoch block (${SUBNETS} epochs + distribution), first in the process | ${fmt(epochBlock)} |`);
console.log(`| epoch block, later tempos: median of ${steady.length} | ${fmt(median(steady))} |`);
console.log(
  `| epoch block, later tempos: min / max | ${fmt(Math.min(...steady))} / ${fmt(Math.max(...steady))} |`,
);
console.log(`| fast-forward one tempo (${TEMPO} blocks, first) | ${fmt(fastForward)} |`);
