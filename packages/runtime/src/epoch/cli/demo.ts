// `npm start` (until the node exists): one Yuma epoch on a small demo subnet, printed as a table.
// Three validators agree on four miners' quality except one, which overrates miner 6; consensus clips it.

import { DEFAULT_EPOCH_HYPERPARAMETERS, epochMechanism } from "../index.ts";
import type { EpochInputs } from "../types.ts";

const TAO = 1_000_000_000n;
const n = 7;
const weights: Array<Array<[number, number]>> = [
  [
    [3, 65535],
    [4, 43690],
    [5, 21845],
    [6, 0],
  ],
  [
    [3, 65535],
    [4, 39321],
    [5, 26214],
    [6, 6553],
  ],
  [
    [3, 13107],
    [4, 13107],
    [5, 13107],
    [6, 65535],
  ], // the outlier
  [],
  [],
  [],
  [],
];

const inputs: EpochInputs = {
  n,
  currentBlock: 1_000n,
  tempo: 360,
  lastMechanismStepBlock: 639n,
  ownerUid: null,
  raoEmission: 360n * TAO,
  hyperparameters: DEFAULT_EPOCH_HYPERPARAMETERS,
  alphaStake: [500_000n * TAO, 300_000n * TAO, 200_000n * TAO, 10n * TAO, 10n * TAO, 10n * TAO, 10n * TAO],
  taoStake: [0n, 0n, 0n, 0n, 0n, 0n, 0n],
  validatorPermit: [true, true, true, false, false, false, false],
  blockAtRegistration: [1n, 1n, 1n, 2n, 2n, 2n, 2n],
  lastUpdate: [990n, 990n, 990n, 2n, 2n, 2n, 2n],
  commitBlocks: new Array(n).fill(null),
  weights,
  bonds: new Array(n).fill([]),
};

const out = epochMechanism(inputs);
const tao = (rao: bigint) => `${rao / TAO}.${(rao % TAO).toString().padStart(9, "0").slice(0, 4)}`;
const pct = (u16: number) => `${((u16 / 65535) * 100).toFixed(2)}%`;
console.log(`Yuma epoch: ${n} uids, ${tao(inputs.raoEmission)} α to distribute (Yuma3, κ = 0.5)\n`);
console.log("uid  stake      consensus  trust     incentive  dividends  emission (α)");
for (let i = 0; i < n; i++) {
  console.log(
    [
      String(i).padEnd(4),
      pct(out.stakeWeight[i]).padEnd(10),
      pct(out.consensus[i]).padEnd(10),
      pct(out.validatorTrust[i]).padEnd(9),
      pct(out.incentive[i]).padEnd(10),
      pct(out.dividends[i]).padEnd(10),
      tao(out.emission[i]),
    ].join(" "),
  );
}
console.log(
  "\nValidator 2 overrated miner 6; consensus clipped that weight, so its trust and dividends are lower.",
);
