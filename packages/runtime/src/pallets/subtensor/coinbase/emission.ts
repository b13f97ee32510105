// The emit phase of `run_coinbase` over storage (§4): which subnets emit, their TAO shares by the chain spec's
// rule, injection and chain buys through the pure `emitToSubnets`, and the bookkeeping it leaves (§4.8).
// PERF: O(emitting subnets) reads and writes per block, one swap per subnet with excess TAO.

import { I96F32, U96F32 } from "@opentao/primitives";
import { type EmittingSubnet, emitToSubnets } from "../../../coinbase/allocation.ts";
import { emissionShares } from "../../../coinbase/subnetEmissions.ts";
import type { CallContext } from "../../../frame/dispatch.ts";
import type { State, StateReader } from "../../../frame/state.ts";
import { updateWeightsForAddedLiquidity } from "../../../swap/balancer.ts";
import { storage as swapStorage } from "../../swap/pallet.ts";
import { storage as st } from "../storage.ts";
import { type EmissionRule, flowShares } from "./flow.ts";
import { recycleCredit, spendTao, subnetAccountId } from "./tao.ts";

const ROOT = 0;
const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);

/** Every netuid in `NetworksAdded`, ascending (root included). */
export function allSubnetNetuids(s: StateReader): number[] {
  const out: number[] = [];
  for (const [[netuid], added] of st.NetworksAdded.entries(s)) if (added) out.push(netuid);
  return out.sort((a, b) => a - b);
}

/** `get_subnets_to_emit_to`: non-root subnets past `start_call`, with subtoken and registration enabled. */
export function subnetsToEmitTo(s: StateReader, subnets: readonly number[]): number[] {
  return subnets.filter(
    (n) =>
      n !== ROOT &&
      st.FirstEmissionBlockNumber.tryGet(s, n) !== undefined &&
      st.SubtokenEnabled.get(s, n) &&
      st.NetworkRegistrationAllowed.get(s, n),
  );
}

/** `get_moving_alpha_price` as I96F32 bits: 1.0 for stable (mechanism 0) subnets, else the stored EMA. */
export function movingAlphaPrice(s: StateReader, netuid: number): bigint {
  if (netuid === ROOT || st.SubnetMechanism.get(s, netuid) === 0) return I96F32.one;
  return st.SubnetMovingPrice.get(s, netuid).bits;
}

function readEmittingSubnet(s: StateReader, netuid: number, rule: EmissionRule): EmittingSubnet {
  const launch = rule === "launch";
  return {
    netuid,
    movingPrice: movingAlphaPrice(s, netuid),
    // The launch rule had neither the miner-burn weighting nor the per-subnet enable flag.
    minerBurned: launch ? 0n : st.MinerBurned.get(s, netuid).bits,
    emissionEnabled: launch ? true : st.SubnetEmissionEnabled.get(s, netuid),
    subnetTao: st.SubnetTAO.get(s, netuid),
    subnetAlphaIn: st.SubnetAlphaIn.get(s, netuid),
    subnetAlphaOut: st.SubnetAlphaOut.get(s, netuid),
    quoteWeightParts: swapStorage.SwapBalancer.get(s, netuid).quote,
    palSwapInitialized: swapStorage.PalSwapInitialized.get(s, netuid),
    subnetProtocolAlpha: st.SubnetProtocolAlpha.get(s, netuid),
    ownerCutEnabled: st.OwnerCutEnabled.get(s, netuid),
  };
}

function addI64(v: bigint, d: bigint): bigint {
  const r = v + d;
  return r > I64_MAX ? I64_MAX : r < I64_MIN ? I64_MIN : r;
}

/** `record_protocol_inflow`: TAO the protocol put into the pool this block (flow rule input, §4.3). */
export function recordProtocolFlow(s: State, netuid: number, tao: bigint): void {
  if (tao !== 0n) st.SubnetProtocolFlow.mutate(s, netuid, (f) => addI64(f, tao));
}

/** What one block's emit phase did, for tests and the bench. */
export interface EmitPhaseReport {
  readonly credit: bigint;
  readonly spent: bigint;
  readonly recycled: bigint;
  readonly rootSell: boolean;
}

/**
 * `emit_to_subnets` with its storage effects: per subnet re-weighting, the chain buy into
 * `SubnetProtocolAlpha`, alpha_in/TAO injection, alpha_out minted into `SubnetAlphaOut` and split into the
 * pending counters; the credit spent moves into the subnet accounts and the rest is recycled.
 */
export function emitPhase(
  ctx: CallContext,
  emitting: readonly number[],
  credit: bigint,
  rule: EmissionRule,
): EmitPhaseReport {
  const s = ctx.state;
  const subnets = emitting.map((n) => readEmittingSubnet(s, n, rule));
  const shares = rule === "flow" ? flowShares(s, emitting, BigInt(ctx.blockNumber)) : undefined;
  const result = emitToSubnets({
    blockEmission: credit,
    rootSubnetTao: st.SubnetTAO.get(s, ROOT),
    taoWeight: st.TaoWeight.get(s),
    subnetOwnerCut: st.SubnetOwnerCut.get(s),
    subnets,
    shares: shares ?? (rule === "launch" ? emissionShares(subnets) : undefined),
  });

  let remaining = credit;
  let totalStake = st.TotalStake.get(s);
  for (const [i, e] of result.subnets.entries()) {
    const netuid = e.netuid;
    const a = e.after;
    // The subnet account receives the credit spent on it: the chain buy's input and the injected TAO.
    const left = spendTao(ctx, subnetAccountId(netuid), remaining, e.creditSpent);
    if (left !== undefined) remaining = left;
    st.SubnetTAO.set(s, netuid, a.subnetTao);
    st.SubnetAlphaIn.set(s, netuid, a.subnetAlphaIn);
    st.SubnetAlphaOut.set(s, netuid, a.subnetAlphaOut);
    st.SubnetProtocolAlpha.set(s, netuid, a.subnetProtocolAlpha);
    // `adjust_protocol_liquidity` stores the balancer only when the re-weighting succeeded (§6.8); the chain
    // buy on a never-initialised pool stores its 0.5 weight too.
    const before = subnets[i]!;
    const reweighted = updateWeightsForAddedLiquidity(
      before.quoteWeightParts,
      before.subnetTao,
      before.subnetAlphaIn,
      U96F32.toU64(e.terms.taoIn),
      U96F32.toU64(e.terms.alphaIn),
    ).ok;
    if (reweighted || (a.palSwapInitialized && !before.palSwapInitialized))
      swapStorage.SwapBalancer.set(s, netuid, { quote: a.quoteWeightParts });
    if (a.palSwapInitialized) swapStorage.PalSwapInitialized.set(s, netuid, true);
    st.SubnetExcessTao.set(s, netuid, e.excessTaoEnteredPool);
    st.SubnetTaoInEmission.set(s, netuid, e.injectedTao);
    st.SubnetAlphaInEmission.set(s, netuid, e.injectedAlpha);
    st.SubnetAlphaOutEmission.set(s, netuid, e.split.alphaCreated);
    recordProtocolFlow(s, netuid, e.excessTaoEnteredPool + e.injectedTao);
    totalStake += e.totalStakeIncrease;
    // A successful chain buy counts its whole input as subnet volume (`swap_tao_for_alpha`).
    const chainBuyInput = e.totalStakeIncrease - e.injectedTao;
    if (chainBuyInput > 0n) st.SubnetVolume.mutate(s, netuid, (v) => v + chainBuyInput);
    const sp = e.split;
    if (a.ownerCutEnabled) st.PendingOwnerCut.mutate(s, netuid, (v) => v + sp.pendingOwnerCut);
    st.PendingServerEmission.mutate(s, netuid, (v) => v + sp.pendingServer);
    st.PendingValidatorEmission.mutate(s, netuid, (v) => v + sp.pendingValidator);
    if (result.rootSell) st.PendingRootAlphaDivs.mutate(s, netuid, (v) => v + sp.pendingRootAlpha);
  }
  st.TotalStake.set(s, totalStake > (1n << 64n) - 1n ? (1n << 64n) - 1n : totalStake);
  recycleCredit(s, remaining);
  return { credit, spent: credit - remaining, recycled: remaining, rootSell: result.rootSell };
}
