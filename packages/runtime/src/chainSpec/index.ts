// Chain specs (dev, local, or a user's JSON) and the genesis state built from them.
export {
  BUILT_IN_CHAIN_SPECS,
  builtInChainSpec,
  type ChainSpec,
  ChainSpecError,
  genesisState,
  parseChainSpec,
} from "./chainSpec.ts";
