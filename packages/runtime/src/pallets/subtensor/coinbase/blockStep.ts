// `block_step`, the subtensor pallet's `on_initialize` (§2), in HEAD's order: mint the block emission, run the
// coinbase (emit, drain due epochs, distribute), update EMA prices and RootProp, then automatic root claims.
// PERF: a non-epoch block is O(subnets); an epoch block adds one Yuma run and its distribution per due subnet.

import { U64F64 } from "@opentao/primitives";
import { rootProportion } from "../../../coinbase/allocation.ts";
import { blockEmissionForIssuance } from "../../../coinbase/blockEmission.ts";
import { u64RatioU96F32 } from "../../../coinbase/epochSplit.ts";
import { blocksSinceStartCall, updateMovingPrice } from "../../../coinbase/movingPrice.ts";
import type { CallContext } from "../../../frame/dispatch.ts";
import type { State, StateReader } from "../../../frame/state.ts";
import { poolPrice } from "../../../swap/swap.ts";
import { storage as swapStorage } from "../../swap/pallet.ts";
import { storage as system } from "../../system/pallet.ts";
import { registrationBlockStep } from "../registration/blockStep.ts";
import { runAutoClaimRootDivs } from "../root/claim.ts";
import { applyPendingChildKeys } from "../staking/children.ts";
import { storage as st } from "../storage.ts";
import { clearDividendRecords, distributeEmission, drainPending } from "./distribute.ts";
import { allSubnetNetuids, type EmitPhaseReport, emitPhase, subnetsToEmitTo } from "./emission.ts";
import type { EmissionRule } from "./flow.ts";
import { mintTao } from "./tao.ts";

const ROOT = 0;

/** `current_alpha_price` (U64F64 bits): the balancer price for dynamic pools, 1 for stable ones, 0 if empty. */
export function currentAlphaPrice(s: StateReader, netuid: number): bigint {
  if (st.SubnetMechanism.get(s, netuid) !== 1) return U64F64.one;
  const alphaReserve = st.SubnetAlphaIn.get(s, netuid);
  if (alphaReserve === 0n) return 0n;
  return poolPrice({
    quoteWeightParts: swapStorage.SwapBalancer.get(s, netuid).quote,
    alphaReserve,
    taoReserve: st.SubnetTAO.get(s, netuid),
  });
}

/**
 * `get_block_emission` + `mint_tao`: this block's emission from `TotalIssuance` (§3), storing
 * `BlockEmission` when it changes; returns the minted credit.
 */
export function mintBlockEmission(s: State): bigint {
  const { emission } = blockEmissionForIssuance(st.TotalIssuance.get(s));
  if (st.BlockEmission.get(s) !== emission) st.BlockEmission.set(s, emission);
  return emission === 0n ? 0n : mintTao(s, emission);
}

/** `update_moving_price` for each emitting subnet (§4.5), after the coinbase used the old EMA. */
export function updateMovingPrices(s: State, emitting: readonly number[], block: bigint): void {
  const movingAlpha = st.SubnetMovingAlpha.get(s).bits;
  for (const netuid of emitting) {
    const next = updateMovingPrice(
      st.SubnetMovingPrice.get(s, netuid).bits,
      currentAlphaPrice(s, netuid),
      movingAlpha,
      st.EMAPriceHalvingBlocks.get(s, netuid),
      blocksSinceStartCall(block, st.FirstEmissionBlockNumber.tryGet(s, netuid) ?? null),
    );
    st.SubnetMovingPrice.set(s, netuid, { bits: next });
  }
}

/** `update_root_prop`: store each emitting subnet's root proportion (U96F32 bits). */
export function updateRootProp(s: State, emitting: readonly number[]): void {
  const rootTao = st.SubnetTAO.get(s, ROOT);
  const tau = u64RatioU96F32(st.TaoWeight.get(s));
  for (const netuid of emitting) {
    const issuance = st.SubnetAlphaIn.get(s, netuid) + st.SubnetAlphaOut.get(s, netuid);
    st.RootProp.set(s, netuid, { bits: rootProportion(rootTao, tau, issuance) });
  }
}

/** What a block step did (tests, bench). */
export interface BlockStepReport {
  readonly emit: EmitPhaseReport;
  readonly epochs: readonly number[];
  /** The subnets emitted to this block. */
  readonly emitting: readonly number[];
}

/**
 * `run_coinbase(credit)`: clear last block's root-sell counters, emit to the eligible subnets, drain the
 * due epochs (all non-root subnets are scheduled) and distribute each, recording `LastMechansimStepBlock`.
 */
export function runCoinbase(ctx: CallContext, credit: bigint, rule: EmissionRule): BlockStepReport {
  const s = ctx.state;
  const block = BigInt(ctx.blockNumber);
  st.SubnetRootSellTao.clear(s);
  const subnets = allSubnetNetuids(s).filter((n) => n !== ROOT);
  const emitting = subnetsToEmitTo(s, subnets);
  const emit = emitPhase(ctx, emitting, credit, rule);
  const drained = drainPending(ctx, subnets, block);
  clearDividendRecords(s, drained.keys());
  for (const [netuid, pending] of drained) {
    distributeEmission(ctx, netuid, pending, block);
    st.LastMechansimStepBlock.set(s, netuid, block);
  }
  return { emit, epochs: [...drained.keys()], emitting };
}

/**
 * `block_step` (§2): 1 registration prices and counters, 2 mint, 4 coinbase, 5 EMA prices, 6 RootProp,
 * 7 pending child keys, 8 auto-claims. Not run: 3 CRv3 reveals (timelocked commits are refused) and 9 the
 * root-coldkey index back-fill (a migration aid; the index is kept by the calls).
 */
export function blockStep(ctx: CallContext, rule: EmissionRule = "price"): BlockStepReport {
  const s = ctx.state;
  const block = BigInt(ctx.blockNumber);
  registrationBlockStep(s, ctx.blockNumber);
  const credit = mintBlockEmission(s);
  const report = runCoinbase(ctx, credit, rule);
  // The chain recomputes the list here; nothing in the coinbase changes eligibility, so it is the same one.
  updateMovingPrices(s, report.emitting, block);
  updateRootProp(s, report.emitting);
  // try_set_pending_children: subnets whose epoch slot was consumed this block.
  for (const netuid of allSubnetNetuids(s))
    if (st.LastEpochBlock.get(s, netuid) === block)
      applyPendingChildKeys(s, ctx.blockNumber, { netuid, deposit: ctx.deposit });
  runAutoClaimRootDivs(ctx, system.ParentHash.get(s));
  return report;
}
