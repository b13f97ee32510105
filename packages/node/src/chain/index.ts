// The chain: genesis from a chain spec, block production on the authority and block import on followers.
export {
  BlockProducer,
  type Exclusion,
  extrinsicsRoot,
  ImportError,
  type IncludedResult,
  type ProducedBlock,
} from "./producer.ts";
