// SubtensorModule's per-block hook (`on_initialize` → `block_step`): the coinbase — block emission, injection
// into the pools, each subnet's epoch at its tempo and the distribution of its output.

import type { State } from "../../frame/state.ts";
import type { RuntimeConfig } from "../../runtime/executive.ts";
import { blockStep } from "./coinbase/blockStep.ts";

export interface BlockHookContext {
  readonly state: State;
  readonly blockNumber: number;
  /** The block author's account (swap fees of chain buys go there); undefined without one. */
  readonly blockAuthor?: Uint8Array;
  /** The chain spec's runtime choices (DESIGN.md decision 9). */
  readonly config: RuntimeConfig;
  /** Deposit an event of `pallet` in the Initialization phase. */
  deposit(pallet: string, event: string, value?: unknown): void;
}

/** Runs at the start of every block, after System's bookkeeping: `block_step` with the chain spec's rule. */
export function subtensorOnInitialize(ctx: BlockHookContext): void {
  blockStep(
    {
      state: ctx.state,
      origin: { kind: "none" },
      blockNumber: ctx.blockNumber,
      blockAuthor: ctx.blockAuthor,
      deposit: ctx.deposit,
    },
    ctx.config.emissionRule ?? "price",
  );
}
