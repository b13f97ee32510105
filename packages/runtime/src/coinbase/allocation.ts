// The emit phase of `run_coinbase` (§4.4–4.7): per-subnet injection terms under the root-proportion cap,
// pool re-weighting, the chain buy with excess TAO, and the owner/miner/validator/root split of alpha_out.

import { U64F64, U96F32 } from "@opentao/primitives";
import { DEFAULT_QUOTE_WEIGHT_PARTS, updateWeightsForAddedLiquidity } from "../swap/balancer.ts";
import { limitPriceFromRao, MAX_PRICE_RAO, poolPrice, swap } from "../swap/swap.ts";
import { blockEmissionForIssuance } from "./blockEmission.ts";
import { type AlphaOutSplit, splitAlphaOut, u16RatioU96F32, u64RatioU96F32 } from "./epochSplit.ts";
import {
  emissionShares,
  rootSellFlag,
  type SubnetShareInputs,
  subnetBlockEmissions,
} from "./subnetEmissions.ts";

const U64_MAX = (1n << 64n) - 1n;
const satAdd = (a: bigint, b: bigint) => (a + b > U64_MAX ? U64_MAX : a + b);
const satSub = (a: bigint, b: bigint) => (a > b ? a - b : 0n);

type Mutable<T> = { -readonly [P in keyof T]: T[P] };

/** One emitting (dynamic, mechanism 1) subnet's state as the coinbase reads it. */
export interface EmittingSubnet<K = number> extends SubnetShareInputs<K> {
  readonly subnetTao: bigint;
  readonly subnetAlphaIn: bigint;
  readonly subnetAlphaOut: bigint;
  /** `Swap.SwapBalancer[netuid]` quote weight parts. */
  readonly quoteWeightParts: bigint;
  /** `Swap.PalSwapInitialized[netuid]`; a chain buy on a never-initialised pool resets its weight to 0.5. */
  readonly palSwapInitialized: boolean;
  /** `SubnetProtocolAlpha[netuid]`. */
  readonly subnetProtocolAlpha: bigint;
  readonly ownerCutEnabled: boolean;
}

export interface EmitInputs<K = number> {
  /** The minted credit: this block's TAO emission (§3). */
  readonly blockEmission: bigint;
  /** `SubnetTAO[0]`: total TAO staked on root. */
  readonly rootSubnetTao: bigint;
  /** `TaoWeight`, raw u64. */
  readonly taoWeight: bigint;
  /** `SubnetOwnerCut`, u16. */
  readonly subnetOwnerCut: number;
  /** The subnets to emit to, in ascending netuid order (§4.1). */
  readonly subnets: readonly EmittingSubnet<K>[];
  /** `MinimumReserve` for the chain buys (runtime: 1,000,000). */
  readonly minimumReserve?: bigint;
  /**
   * Emission shares (U64F64, input order) from another allocation rule (launch, spec-393 flow); when absent
   * HEAD's `get_shares` (§4.3) decides. Disabled subnets are renormalised away either way.
   */
  readonly shares?: readonly bigint[];
}

/** `get_subnet_terms` for one subnet, U96F32 bits. */
export interface SubnetTerms {
  readonly taoEmission: bigint;
  readonly taoIn: bigint;
  readonly alphaIn: bigint;
  readonly alphaOut: bigint;
  readonly excessTao: bigint;
  readonly rootProportion: bigint;
}

export interface SubnetEmission<K = number> {
  readonly netuid: K;
  /** Share after miner-burn weighting, before disabled-subnet renormalisation (U64F64). */
  readonly share: bigint;
  readonly terms: SubnetTerms;
  /** Amounts actually injected after re-weighting (0 and 0 when the weight would leave its range). */
  readonly injectedTao: bigint;
  readonly injectedAlpha: bigint;
  /** `SubnetExcessTao`: the chain buy's TAO that entered the pool (its `paid_in`). */
  readonly excessTaoEnteredPool: bigint;
  /** Alpha bought by the chain buy, added to `SubnetProtocolAlpha`. */
  readonly alphaBoughtByChain: bigint;
  /** Root proportion recomputed after the injection, used for the split. */
  readonly rootProportionForSplit: bigint;
  readonly split: AlphaOutSplit;
  /**
   * Credit moved to the subnet account (chain buy input + injected TAO). What of it did not enter
   * `SubnetTAO` — a chain buy that failed or stopped at its limit — stays in that account, as on chain.
   */
  readonly creditSpent: bigint;
  /** `TotalStake` increase from this subnet (a successful chain buy's whole input + injected TAO). */
  readonly totalStakeIncrease: bigint;
  /** The subnet's state after the block's emit phase. */
  readonly after: EmittingSubnet<K>;
}

export interface EmitResult<K = number> {
  readonly rootSell: boolean;
  /** Credit not spent into any subnet: recycled (`TotalIssuance −=`). */
  readonly unspentCredit: bigint;
  readonly subnets: readonly SubnetEmission<K>[];
}

/**
 * `root_proportion`: τ·root / (τ·root + alpha issuance) in U96F32, τ = TaoWeight/(2^64 − 1) (U96F32 bits);
 * 0 if the denominator is 0.
 */
export function rootProportion(rootSubnetTao: bigint, taoWeight: bigint, alphaIssuance: bigint): bigint {
  const weighted = U96F32.saturatingMul(U96F32.fromInt(rootSubnetTao), taoWeight);
  return U96F32.checkedDiv(weighted, U96F32.saturatingAdd(weighted, U96F32.fromInt(alphaIssuance))) ?? 0n;
}

/**
 * `get_subnet_terms` for one subnet, from the state before any change this block: inject TAO and alpha at
 * the spot price, but at most `rootProportion · alphaEmission` alpha; the TAO that does not fit is excess.
 */
export function subnetTerms(
  subnet: Pick<
    EmittingSubnet<unknown>,
    "subnetTao" | "subnetAlphaIn" | "subnetAlphaOut" | "quoteWeightParts"
  >,
  taoEmission: bigint,
  rootSubnetTao: bigint,
  taoWeight: bigint,
): SubnetTerms {
  const issuance = satAdd(subnet.subnetAlphaIn, subnet.subnetAlphaOut);
  const alphaEmission = U96F32.fromInt(blockEmissionForIssuance(issuance).emission);
  const price =
    subnet.subnetAlphaIn === 0n
      ? 0n
      : U96F32.from(
          U64F64,
          poolPrice({
            quoteWeightParts: subnet.quoteWeightParts,
            alphaReserve: subnet.subnetAlphaIn,
            taoReserve: subnet.subnetTao,
          }),
        );
  let taoIn = taoEmission;
  let alphaIn = U96F32.checkedDiv(taoEmission, price) ?? 0n;
  const rootProp = rootProportion(rootSubnetTao, taoWeight, issuance);
  const cap = U96F32.saturatingMul(rootProp, alphaEmission);
  if (alphaIn > cap) {
    alphaIn = cap;
    taoIn = U96F32.saturatingMul(alphaIn, price);
  }
  return {
    taoEmission,
    taoIn,
    alphaIn,
    alphaOut: alphaEmission,
    excessTao: U96F32.saturatingSub(taoEmission, taoIn),
    rootProportion: rootProp,
  };
}

/**
 * `emit_to_subnets` (with `get_subnet_block_emissions` and the root-sell flag): one block's TAO credit
 * split across `subnets`, injected, the excess used for fee-less chain buys at the current reserves and
 * the new weight, then alpha_out minted and split into the four pending counters. No epoch runs here.
 *
 * PERF: per subnet one alpha-emission evaluation, one re-weighting and at most one swap.
 */
export function emitToSubnets<K>(inputs: EmitInputs<K>): EmitResult<K> {
  const { subnets } = inputs;
  const tau = u64RatioU96F32(inputs.taoWeight);
  const shares = inputs.shares ?? emissionShares(subnets);
  const taoEmissions = subnetBlockEmissions(subnets, shares, inputs.blockEmission);
  const rootSell = rootSellFlag(subnets.map((s) => s.movingPrice));
  const terms = subnets.map((s, i) => subnetTerms(s, taoEmissions[i]!, inputs.rootSubnetTao, tau));
  const maxPrice = limitPriceFromRao(MAX_PRICE_RAO);

  let credit = inputs.blockEmission;
  const states: Mutable<EmittingSubnet<K>>[] = [];
  const injected: Array<{
    tao: bigint;
    alpha: bigint;
    excessIn: bigint;
    bought: bigint;
    spent: bigint;
    stake: bigint;
  }> = [];
  subnets.forEach((subnet, i) => {
    const t = terms[i]!;
    const taoInU = U96F32.toU64(t.taoIn);
    const alphaInU = U96F32.toU64(t.alphaIn);
    const excessU = U96F32.toU64(t.excessTao);
    let s: Mutable<EmittingSubnet<K>> = { ...subnet };

    const reweight = updateWeightsForAddedLiquidity(
      s.quoteWeightParts,
      s.subnetTao,
      s.subnetAlphaIn,
      taoInU,
      alphaInU,
    );
    const [tao, alpha] = reweight.ok ? [taoInU, alphaInU] : [0n, 0n];
    if (reweight.ok) s.quoteWeightParts = reweight.value;

    let excessIn = 0n;
    let bought = 0n;
    let spent = 0n;
    let stake = 0n;
    if (excessU > 0n && credit >= excessU) {
      credit -= excessU;
      spent += excessU;
      const weight = s.palSwapInitialized ? s.quoteWeightParts : DEFAULT_QUOTE_WEIGHT_PARTS;
      const pool = {
        taoReserve: s.subnetTao,
        alphaReserve: s.subnetAlphaIn,
        quoteWeightParts: weight,
        feeRate: 0,
      };
      const r = swap(pool, "buy", excessU, maxPrice, true, { minimumReserve: inputs.minimumReserve });
      if (r.ok) {
        excessIn = r.value.amountPaidIn;
        bought = r.value.amountPaidOut;
        s = {
          ...s,
          quoteWeightParts: weight,
          palSwapInitialized: true,
          subnetTao: satAdd(s.subnetTao, excessIn),
          subnetAlphaIn: satSub(s.subnetAlphaIn, bought),
          subnetAlphaOut: satAdd(s.subnetAlphaOut, bought),
          subnetProtocolAlpha: satAdd(s.subnetProtocolAlpha, bought),
        };
        stake += excessU;
      }
      // A failed chain buy leaves its TAO in the subnet account, outside SubnetTAO, as on chain.
    }

    s.subnetAlphaIn = satAdd(s.subnetAlphaIn, alpha);
    let taoInjected = 0n;
    if (tao > 0n && credit >= tao) {
      credit -= tao;
      spent += tao;
      s.subnetTao = satAdd(s.subnetTao, tao);
      stake += tao;
      taoInjected = tao;
    }
    states.push(s);
    injected.push({ tao: taoInjected, alpha, excessIn, bought, spent, stake });
  });

  const ownerCut = u16RatioU96F32(inputs.subnetOwnerCut);
  const results = subnets.map((subnet, i): SubnetEmission<K> => {
    const t = terms[i]!;
    const s = states[i]!;
    // alpha_out is minted first, so the root proportion of the split already counts it.
    s.subnetAlphaOut = satAdd(s.subnetAlphaOut, U96F32.toU64(t.alphaOut));
    const rp = rootProportion(inputs.rootSubnetTao, tau, satAdd(s.subnetAlphaIn, s.subnetAlphaOut));
    const split = splitAlphaOut(t.alphaOut, ownerCut, subnet.ownerCutEnabled, rp, rootSell);
    s.subnetAlphaOut = satSub(s.subnetAlphaOut, split.rootAlphaRecycled);
    const inj = injected[i]!;
    return {
      netuid: subnet.netuid,
      share: shares[i]!,
      terms: t,
      injectedTao: inj.tao,
      injectedAlpha: inj.alpha,
      excessTaoEnteredPool: inj.excessIn,
      alphaBoughtByChain: inj.bought,
      rootProportionForSplit: rp,
      split,
      creditSpent: inj.spent,
      totalStakeIncrease: inj.stake,
      after: s,
    };
  });
  return { rootSell, unspentCredit: credit, subnets: results };
}
