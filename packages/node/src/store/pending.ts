// The writable state a block is built on: reads fall through to the parent block's stored state, writes
// collect as the block's change set, which the store then commits (or the node drops) in one piece.

import { Overlay, type StateReader } from "@opentao/runtime";

export type { StateChange } from "@opentao/runtime";

/**
 * A layer over a read-only, unchanging `StateReader` (typically `store.stateAt(parent)`) that records every write.
 * The runtime runs on `new Overlay(pending)` layers as usual; what they commit lands here, and
 * `changes()` is what `BlockStore.stage`/`importBlock` take.
 */
export class PendingState extends Overlay {
  constructor(readonly base: StateReader) {
    // A stored block's state never changes, so reads that reach it (an LMDB lookup each) are remembered
    // for the life of the block being built.
    super(base, { parentIsImmutable: true });
  }
}
