// Neuron registration prices: per-block burn decay, the bump after each registration, and F393's
// interval-based burn/difficulty adjustment (§8.2–8.3).
export {
  type BurnBounds,
  bumpBurn,
  DEFAULT_BURN_HALF_LIFE,
  DEFAULT_BURN_INCREASE_MULT,
  DEFAULT_MAX_BURN,
  DEFAULT_MIN_BURN,
  decayBurn,
  decayFactorQ32,
  legacyUpgradedValue,
  mulByQ32,
  powQ32,
} from "./burn.ts";
