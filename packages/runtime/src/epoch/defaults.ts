// Epoch hyperparameters a new subnet starts with (spec/yuma-consensus.md §6, `init_new_network`):
// Yuma3 on, liquid alpha off, 64 validator permits, the production tao weight, commit-reveal off (dev chain).

import type { EpochHyperparameters } from "./types.ts";

export const DEFAULT_EPOCH_HYPERPARAMETERS: Readonly<EpochHyperparameters> = {
  kappa: 32767,
  bondsPenalty: 65535,
  bondsMovingAverage: 900_000n,
  yuma3Enabled: true,
  liquidAlphaEnabled: false,
  alphaLow: 45875,
  alphaHigh: 58982,
  alphaSigmoidSteepness: 1000,
  maxAllowedValidators: 64,
  stakeThreshold: 0n,
  taoWeight: 971_718_665_099_567_868n,
  activityCutoffFactorMilli: 13_889,
  commitRevealEnabled: false,
};
