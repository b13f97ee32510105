// The node's block and state store (LMDB): blocks, heads, the state of recent blocks, and the state
// commitment headers carry. See blockStore.ts for the layout and its reasons.
export {
  type BlockInfo,
  type BlockRef,
  BlockStore,
  type BlockStoreOptions,
  DEFAULT_STATE_RETENTION,
  type StagedBlock,
  StateView,
  StoreError,
  type StoreErrorCode,
} from "./blockStore.ts";
export { type HeaderFields, type HexHash, headerFields } from "./codec.ts";
export { accumulate, entryHash, StateAccumulator, stateRootOf } from "./commitment.ts";
export { PendingState, type StateChange } from "./pending.ts";
