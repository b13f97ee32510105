// Swap-path benchmark: the power function's two paths, single swaps, and one block's emit phase over many
// subnets (a chain buy per subnet). Run with `npm run bench -- swap`. Figures go to BENCHMARKS.md.

import { type EmittingSubnet, emitToSubnets } from "../coinbase/allocation.ts";
import { DEFAULT_QUOTE_WEIGHT_PARTS } from "./balancer.ts";
import { powRatioScaled } from "./powRatio.ts";
import { limitPriceFromRao, MAX_PRICE_RAO, type PoolReserves, swap } from "./swap.ts";

const TAO = 1_000_000_000n;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function bench(label: string, runs: number, f: () => unknown): void {
  for (let i = 0; i < Math.min(5, runs); i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  console.log(
    `${label.padEnd(60)} median ${median(times).toFixed(3).padStart(9)} ms  (min ${Math.min(...times).toFixed(3)}, ${runs} runs)`,
  );
}

console.log(`swap maths (node ${process.version})`);
const S = 10n ** 18n;
bench("powRatioScaled exact path (1/1)", 2000, () =>
  powRatioScaled(10n ** 12n, 10n ** 12n + 12345n, 5n, 5n, 256, S),
);
bench("powRatioScaled exact path (3/2)", 500, () =>
  powRatioScaled(21n * 10n ** 15n, 28n * 10n ** 15n, 6n, 4n, 4096, S),
);
bench("powRatioScaled fallback, precision 256", 200, () =>
  powRatioScaled(10n ** 14n, 101n * 10n ** 12n, 499_999_999n * 10n ** 9n, 500_000_001n * 10n ** 9n, 256, S),
);
bench("powRatioScaled fallback, precision 1024 (limit fills)", 20, () =>
  powRatioScaled(
    73_786_976_294_838_218_809n,
    36_893_488_147_419_103_232n,
    327n * 10n ** 15n + 1n,
    S,
    1024,
    S,
  ),
);
bench("powRatioScaled exact path, 327/1000 (a round 0.327 weight)", 20, () =>
  powRatioScaled(73_786_976_294_838_218_809n, 36_893_488_147_419_103_232n, 327n * 10n ** 15n, S, 1024, S),
);

const equal: PoolReserves = {
  taoReserve: 1000n * TAO,
  alphaReserve: 2000n * TAO,
  quoteWeightParts: DEFAULT_QUOTE_WEIGHT_PARTS,
  feeRate: 33,
};
const drifted = { ...equal, quoteWeightParts: 500_000_010_000_000_000n };
const max = limitPriceFromRao(MAX_PRICE_RAO);
bench("swap buy 5 TAO, equal weights", 1000, () => swap(equal, "buy", 5n * TAO, max, false));
bench("swap buy 5 TAO, drifted weights (fallback power)", 100, () =>
  swap(drifted, "buy", 5n * TAO, max, false),
);
bench("swap buy 1000 TAO to a limit (partial fill), equal weights", 100, () =>
  swap(equal, "buy", 1000n * TAO, limitPriceFromRao(600_000_000n), false),
);

function subnets(n: number): EmittingSubnet[] {
  return Array.from({ length: n }, (_, i) => ({
    netuid: i + 1,
    subnetTao: BigInt(1000 + 37 * i) * TAO,
    subnetAlphaIn: BigInt(20_000 + 101 * i) * TAO,
    subnetAlphaOut: BigInt(3_000_000 + 1009 * i) * TAO,
    quoteWeightParts: DEFAULT_QUOTE_WEIGHT_PARTS + BigInt(i) * 1_000_000_000n,
    palSwapInitialized: true,
    subnetProtocolAlpha: 0n,
    movingPrice: BigInt(10_000_000 + 997 * i),
    minerBurned: 0n,
    emissionEnabled: true,
    ownerCutEnabled: true,
  }));
}
for (const n of [16, 128]) {
  const inputs = {
    blockEmission: TAO / 2n,
    rootSubnetTao: 4_000_000n * TAO,
    taoWeight: 971_718_665_099_567_868n,
    subnetOwnerCut: 11_796,
    subnets: subnets(n),
  };
  const buys = emitToSubnets(inputs).subnets.filter((s) => s.alphaBoughtByChain > 0n).length;
  bench(`emitToSubnets, ${n} subnets, drifted weights, ${buys} chain buys`, 10, () => emitToSubnets(inputs));
}
