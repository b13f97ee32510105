// Epoch benchmark on random subnets: median wall time of `epochMechanism` per size and bond variant.
// Run with `npm run bench -- yuma`. Figures go to BENCHMARKS.md.

import { DEFAULT_EPOCH_HYPERPARAMETERS } from "./defaults.ts";
import { epochMechanism } from "./index.ts";
import type { EpochHyperparameters, EpochInputs, EpochOutput } from "./types.ts";

/** Small deterministic PRNG (mulberry32) so every run measures the same subnets. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const baseHp: EpochHyperparameters = { ...DEFAULT_EPOCH_HYPERPARAMETERS };

/** A subnet whose first `validators` uids hold most stake and weight every other uid (dense rows). */
function randomSubnet(n: number, validators: number, hp: EpochHyperparameters, seed: number): EpochInputs {
  const r = rng(seed);
  const alphaStake = Array.from({ length: n }, (_, i) =>
    i < validators ? BigInt(Math.floor(1e12 + r() * 1e14)) : BigInt(Math.floor(r() * 1e9)),
  );
  const taoStake = Array.from({ length: n }, (_, i) =>
    i < validators ? BigInt(Math.floor(r() * 1e13)) : 0n,
  );
  const quality = Array.from({ length: n }, () => r());
  const weights = Array.from({ length: n }, (_, i) => {
    if (i >= validators) return [];
    const row: Array<[number, number]> = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      // Validators mostly agree on miner quality, with individual noise.
      const w = Math.max(0, quality[j] + (r() - 0.5) * 0.3);
      row.push([j, Math.min(65535, Math.floor(w * 65535))]);
    }
    return row;
  });
  const cur = 10_000n;
  return {
    n,
    currentBlock: cur,
    tempo: 360,
    lastMechanismStepBlock: cur - 361n,
    ownerUid: 0,
    hyperparameters: { ...hp, maxAllowedValidators: validators },
    alphaStake,
    taoStake,
    validatorPermit: Array.from({ length: n }, (_, i) => i < validators),
    blockAtRegistration: Array.from({ length: n }, () => BigInt(Math.floor(r() * 5000))),
    raoEmission: 360n * 1_000_000_000n,
    lastUpdate: Array.from({ length: n }, (_, i) =>
      i < validators ? cur - BigInt(Math.floor(r() * 300)) : 0n,
    ),
    commitBlocks: new Array(n).fill(null),
    weights,
    bonds: Array.from({ length: n }, () => []),
  };
}

/** Second epoch of a subnet, with the bonds the first one stored, so the bond EMA has real input. */
function withBonds(inputs: EpochInputs): EpochInputs {
  const first = epochMechanism(inputs);
  return { ...inputs, bonds: first.bonds, validatorPermit: first.newValidatorPermit };
}

/**
 * A harder liquid-alpha epoch: the validators' weights moved since the bonds were stored, and
 * bonds_penalty = ½ lets weights sit above consensus, so most entries have their own alpha (in the plain
 * variant every weight is clipped to consensus and at or above its bond, and one alpha serves all).
 */
function withMovedWeights(n: number, v: number): EpochInputs {
  const hp = { ...baseHp, liquidAlphaEnabled: true, bondsPenalty: 32767 };
  const first = epochMechanism(randomSubnet(n, v, hp, n));
  const moved = randomSubnet(n, v, hp, n + 1);
  return { ...moved, bonds: first.bonds, validatorPermit: first.newValidatorPermit };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Reads every matrix of the trace, which the number path only materializes (as BigInt rows) on demand. */
function readTrace(out: EpochOutput): number {
  const t = out.trace;
  const mats = [
    t.weightsMaskedNormalizedBits,
    t.clippedWeightsBits,
    t.weightsForBondsBits,
    t.bondsPreparedBits,
    t.emaBondsColNormalizedBits,
  ];
  return mats.reduce((a, m) => a + m.length, 0);
}

function bench(label: string, inputs: EpochInputs, runs: number, withTrace = false): void {
  const run = () => {
    const out = epochMechanism(inputs);
    if (withTrace) readTrace(out);
  };
  run(); // warm-up
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(
    `${label.padEnd(52)} median ${median(times).toFixed(2).padStart(9)} ms  (min ${Math.min(...times).toFixed(2)}, ${runs} runs)`,
  );
}

const sizes: Array<[number, number, number]> = [
  [256, 64, 21],
  [1024, 128, 7],
  [4096, 128, 5],
];
const variants: Array<[string, Partial<EpochHyperparameters>]> = [
  ["yuma3", {}],
  ["yuma3+liquid-alpha", { liquidAlphaEnabled: true }],
  ["original", { yuma3Enabled: false }],
];
console.log(`epochMechanism on random dense subnets (node ${process.version})`);
for (const [n, v, runs] of sizes)
  for (const [name, hp] of variants)
    bench(`n=${n} validators=${v} ${name}`, withBonds(randomSubnet(n, v, { ...baseHp, ...hp }, n)), runs);
console.log("yuma3+liquid-alpha where most entries need their own alpha (moved weights, bonds_penalty 0.5):");
for (const [n, v, runs] of sizes)
  bench(`n=${n} validators=${v} yuma3+liquid-alpha, moved`, withMovedWeights(n, v), runs);
console.log("yuma3 again, also reading the whole trace (converted to BigInt rows on first read):");
for (const [n, v, runs] of sizes)
  bench(`n=${n} validators=${v} yuma3 + trace`, withBonds(randomSubnet(n, v, baseHp, n)), runs, true);
