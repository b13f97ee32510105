// The chain on the authority: genesis from a chain spec, and block production over the store.
export {
  BlockProducer,
  type Exclusion,
  extrinsicsRoot,
  type IncludedResult,
  type ProducedBlock,
} from "./producer.ts";
