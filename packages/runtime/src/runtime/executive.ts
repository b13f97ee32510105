// The executive: opens a block (number, parent hash, block-hash history, events cleared), dispatches calls
// atomically (a failed call leaves no writes, only its failure), records events with their phase, and
// closes the block. Signature, nonce and fee checks live with the extrinsic and transaction modules.

import { blake2_256 } from "@opentao/primitives";
import {
  BadOrigin,
  type CallContext,
  type DispatchErrorValue,
  type DispatchResult,
  ensureSigned,
  moduleErrors,
  type Origin,
} from "../frame/dispatch.ts";
import { Overlay, type State } from "../frame/state.ts";
import { adminUtilsCalls } from "../pallets/adminUtils/calls.ts";
import { lookup, transferAll, transferAllowDeath, transferKeepAlive } from "../pallets/balances/transfer.ts";
import type { EmissionRule } from "../pallets/subtensor/coinbase/flow.ts";
import { subtensorOnInitialize } from "../pallets/subtensor/hooks.ts";
import { registrationCalls } from "../pallets/subtensor/registration/calls.ts";
import { rootCalls } from "../pallets/subtensor/root/calls.ts";
import { type ServingConfig, serveAxon, servePrometheus } from "../pallets/subtensor/serving/serve.ts";
import { stakingCalls } from "../pallets/subtensor/staking/calls.ts";
import { subnetCalls } from "../pallets/subtensor/subnets/calls.ts";
import type { SubnetConfig } from "../pallets/subtensor/subnets/config.ts";
import { commitRevealCalls } from "../pallets/subtensor/weights/commitReveal.ts";
import { setMechanismWeightsCall, setWeightsCall } from "../pallets/subtensor/weights/setWeights.ts";
import { storage as sudoStorage } from "../pallets/sudo/pallet.ts";
import { swapCalls } from "../pallets/swap/calls.ts";
import { storage as system } from "../pallets/system/pallet.ts";
import { MINIMUM_PERIOD_MS, storage as timestamp } from "../pallets/timestamp/pallet.ts";
import { settleFee, withdrawFee } from "../pallets/transactionPayment/fees.ts";
import { pallets, systemEvents } from "./definition.ts";
import type { CallHandlers } from "./handlers.ts";
import { type DispatchInfo, dispatchEventInfo, dispatchInfoOf } from "./weights.ts";

/** A decoded call: `{ type: pallet, value: { type: call, value: args } }` (the RuntimeCall codec's shape). */
export interface RuntimeCallValue {
  type: string;
  value: { type: string; value?: unknown };
}

export type Phase =
  | { type: "ApplyExtrinsic"; value: number }
  | { type: "Finalization" }
  | { type: "Initialization" };

const palletByName = new Map(pallets.map((p) => [p.name, p]));
const utilityErrors = moduleErrors(palletByName.get("Utility")!);
const sudoErrors = moduleErrors(palletByName.get("Sudo")!);

/** Utility's limit on calls in one batch (finney's `batched_calls_limit`). */
export const BATCHED_CALLS_LIMIT = 10_922;

const handlers: Record<string, CallHandlers> = {
  System: {
    remark: (ctx) => (ctx.origin.kind === "none" ? BadOrigin : undefined),
    remark_with_event: (ctx, args: { remark: Uint8Array }) => {
      const who = ensureSigned(ctx.origin);
      if (!who) return BadOrigin;
      ctx.deposit("System", "Remarked", { sender: who, hash: blake2_256(args.remark) });
      return undefined;
    },
  },
  Timestamp: {
    // The inherent: once per block, unsigned, never earlier than the previous block plus MinimumPeriod.
    set: (ctx, args: { now: bigint }) => {
      if (ctx.origin.kind !== "none") return BadOrigin;
      if (timestamp.DidUpdate.get(ctx.state)) return { type: "Other", value: undefined };
      const prev = timestamp.Now.get(ctx.state);
      if (prev !== 0n && args.now < prev + MINIMUM_PERIOD_MS) return { type: "Other", value: undefined };
      timestamp.Now.set(ctx.state, args.now);
      timestamp.DidUpdate.set(ctx.state, true);
      return undefined;
    },
  },
  Balances: {
    transfer_allow_death: transferAllowDeath,
    transfer_keep_alive: transferKeepAlive,
    transfer_all: transferAll,
  },
  SubtensorModule: {
    serve_axon: (ctx, args, rt) => serveAxon(ctx, args, rt.config),
    serve_axon_tls: (ctx, args, rt) => serveAxon(ctx, args, rt.config),
    serve_prometheus: (ctx, args, rt) => servePrometheus(ctx, args, rt.config),
    set_weights: setWeightsCall,
    set_mechanism_weights: setMechanismWeightsCall,
    ...commitRevealCalls,
    ...subnetCalls,
    ...registrationCalls,
    ...stakingCalls,
    ...rootCalls,
  },
  AdminUtils: adminUtilsCalls,
  Swap: swapCalls,
  Utility: {
    batch: (ctx, args: { calls: RuntimeCallValue[] }, rt) => rt.batch(ctx, args.calls, "batch"),
    batch_all: (ctx, args: { calls: RuntimeCallValue[] }, rt) => rt.batch(ctx, args.calls, "batch_all"),
    force_batch: (ctx, args: { calls: RuntimeCallValue[] }, rt) => rt.batch(ctx, args.calls, "force_batch"),
  },
  Sudo: {
    sudo: (ctx, args: { call: RuntimeCallValue }, rt) => {
      const who = ensureSigned(ctx.origin);
      const key = sudoStorage.Key.get(ctx.state);
      if (!who || !key || Buffer.compare(Buffer.from(who), Buffer.from(key)) !== 0)
        return sudoErrors.RequireSudo;
      const error = rt.dispatch(ctx.state, { kind: "root" }, args.call, ctx);
      ctx.deposit("Sudo", "Sudid", {
        sudo_result: error ? { success: false, value: error } : { success: true, value: undefined },
      });
      return undefined;
    },
    set_key: (ctx, args: { new: { type: string; value?: unknown } }) => {
      const who = ensureSigned(ctx.origin);
      const key = sudoStorage.Key.get(ctx.state);
      if (
        ctx.origin.kind !== "root" &&
        (!who || !key || Buffer.compare(Buffer.from(who), Buffer.from(key)) !== 0)
      )
        return sudoErrors.RequireSudo;
      const next = lookup(args.new);
      if (!next) return { type: "CannotLookup", value: undefined };
      sudoStorage.Key.set(ctx.state, next);
      ctx.deposit("Sudo", "KeyChanged", { old: key, new: next });
      return undefined;
    },
  },
};

/** The calls the runtime can execute, by pallet and call name. */
export function implementedCalls(): Array<[string, string]> {
  return Object.entries(handlers).flatMap(([p, calls]) =>
    Object.keys(calls).map((c) => [p, c] as [string, string]),
  );
}

export interface BlockStart {
  number: number;
  parentHash: Uint8Array;
  /** The author's account (fees go there); none in tests and simulations. */
  author?: Uint8Array;
}

/** Chain-spec choices the runtime honours (DESIGN.md decisions 8 and 9). */
export interface RuntimeConfig extends ServingConfig, SubnetConfig {
  /** Subnet emission-share rule (§4.2–4.3): HEAD's `price` (default), the Feb-2025 `launch` rule, spec 393's `flow`. */
  emissionRule?: EmissionRule;
}

export class Executive {
  #phase: Phase = { type: "Initialization" };
  #author: Uint8Array | undefined;
  /**
   * Block builders (the node) set this: events then collect in memory, per dispatch layer (dropped with a
   * failed call's layer, appended to the parent's on success), and reach System.Events once, in finalizeBlock.
   * PERF: re-encoding System.Events on every deposit made a block quadratic in its events (10 transfers/s at
   * 300 per block). Off by default, so tests that read System.Events mid-block see every deposit at once.
   */
  deferEvents = false;
  readonly #eventBuffers = new Map<State, unknown[]>();

  constructor(readonly config: RuntimeConfig = { allowLoopback: false }) {}

  /** Start block `number`: record the parent's hash, clear the previous block's events. */
  initializeBlock(state: State, block: BlockStart): void {
    this.#phase = { type: "Initialization" };
    this.#author = block.author;
    this.#eventBuffers.clear();
    system.Number.set(state, block.number);
    system.ParentHash.set(state, block.parentHash);
    if (block.number > 0) system.BlockHash.set(state, block.number - 1, block.parentHash);
    // Keep BlockHashCount (2400) hashes, as finney does.
    if (block.number > 2400) system.BlockHash.remove(state, block.number - 2401);
    systemEvents.set(state, []);
    system.EventCount.set(state, 0);
    system.ExtrinsicCount.remove(state);
    timestamp.DidUpdate.set(state, false);
    // Pallet hooks, in pallet order: only SubtensorModule has one (the coinbase).
    subtensorOnInitialize({
      state,
      blockNumber: block.number,
      blockAuthor: block.author,
      config: this.config,
      deposit: (pallet, event, value) => this.depositEvent(state, pallet, event, value),
    });
  }

  /** Close the block: the timestamp inherent must have run. */
  finalizeBlock(state: State, extrinsicCount: number): void {
    this.#phase = { type: "Finalization" };
    const deferred = this.#eventBuffers.get(state);
    this.#eventBuffers.clear();
    if (deferred && deferred.length > 0) {
      const records = systemEvents.get(state);
      records.push(...(deferred as typeof records));
      systemEvents.set(state, records);
      system.EventCount.set(state, records.length);
    }
    system.ExtrinsicCount.set(state, extrinsicCount);
    timestamp.DidUpdate.set(state, false);
  }

  /** Append an event record to System.Events under the current phase. */
  depositEvent(state: State, pallet: string, event: string, value?: unknown): void {
    const record = { phase: this.#phase, event: { type: pallet, value: { type: event, value } }, topics: [] };
    if (this.deferEvents) {
      const buffer = this.#eventBuffers.get(state);
      if (buffer) buffer.push(record);
      else this.#eventBuffers.set(state, [record]);
      return;
    }
    const records = systemEvents.get(state);
    records.push(record);
    systemEvents.set(state, records);
    system.EventCount.mutate(state, (n) => n + 1);
  }

  /**
   * Dispatch `call` as `origin` in its own layer over `state`: its writes land only if it succeeds.
   * Events deposited by a failed call are discarded with its writes, as on chain.
   */
  dispatch(state: State, origin: Origin, call: RuntimeCallValue, parent?: CallContext): DispatchResult {
    const handler = handlers[call.type]?.[call.value.type];
    if (!handler) return { type: "Other", value: undefined };
    const layer = new Overlay(state);
    const ctx: CallContext = {
      state: layer,
      origin,
      blockNumber: parent?.blockNumber ?? system.Number.get(state),
      blockAuthor: parent ? parent.blockAuthor : this.#author,
      deposit: (pallet, event, value) => this.depositEvent(layer, pallet, event, value),
    };
    const error = handler(ctx, call.value.value, this);
    if (error) layer.discard();
    else layer.commit();
    const events = this.#eventBuffers.get(layer);
    if (events) {
      this.#eventBuffers.delete(layer);
      if (!error) {
        const parentBuffer = this.#eventBuffers.get(state);
        if (parentBuffer) parentBuffer.push(...events);
        else this.#eventBuffers.set(state, events);
      }
    }
    return error;
  }

  /**
   * Apply one extrinsic's call at index `index` of the block, with the System success/failure event.
   * `payment` (signed extrinsics): ChargeTransactionPayment's `fee` (inclusion fee + tip, computed by the
   * caller from `dispatchInfoOf(call)` and validated with `canWithdrawFee`) is withdrawn before dispatch and
   * paid to the block author after it, with TransactionFeePaid; the fee stands even if the call fails.
   */
  applyCall(
    state: State,
    index: number,
    origin: Origin,
    call: RuntimeCallValue,
    /** `info`: the call's dispatch info, when the caller already has it (the pool computed it). */
    payment?: { fee: bigint; tip: bigint; info?: DispatchInfo },
  ): DispatchResult {
    this.#phase = { type: "ApplyExtrinsic", value: index };
    const info = payment?.info ?? dispatchInfoOf(call);
    const deposit = (pallet: string, event: string, value?: unknown) =>
      this.depositEvent(state, pallet, event, value);
    const payer = payment && origin.kind === "signed" ? origin.who : undefined;
    if (payer && payment) withdrawFee(state, deposit, payer, payment.fee);
    const error = this.dispatch(state, origin, call);
    if (payer && payment) settleFee(state, deposit, payer, this.#author, payment.fee, payment.tip);
    const dispatchInfo = dispatchEventInfo(origin.kind === "none" ? { ...info, class: "Mandatory" } : info);
    if (error)
      this.depositEvent(state, "System", "ExtrinsicFailed", {
        dispatch_error: error,
        dispatch_info: dispatchInfo,
      });
    else this.depositEvent(state, "System", "ExtrinsicSuccess", { dispatch_info: dispatchInfo });
    return error;
  }

  /** Utility's three batch flavours: stop at the first error, all-or-nothing, or carry on. */
  batch(
    ctx: CallContext,
    calls: RuntimeCallValue[],
    mode: "batch" | "batch_all" | "force_batch",
  ): DispatchResult {
    if (ctx.origin.kind === "none") return BadOrigin;
    if (calls.length > BATCHED_CALLS_LIMIT) return utilityErrors.TooManyCalls;
    let failed = false;
    for (let i = 0; i < calls.length; i++) {
      const error: DispatchErrorValue | undefined = this.dispatch(ctx.state, ctx.origin, calls[i], ctx);
      if (!error) {
        ctx.deposit("Utility", "ItemCompleted");
        continue;
      }
      if (mode === "batch_all") return error;
      if (mode === "batch") {
        ctx.deposit("Utility", "BatchInterrupted", { index: i, error });
        return undefined;
      }
      failed = true;
      ctx.deposit("Utility", "ItemFailed", { error });
    }
    ctx.deposit("Utility", failed ? "BatchCompletedWithErrors" : "BatchCompleted");
    return undefined;
  }
}
