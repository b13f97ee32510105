// Runs every case of an economics vector file through the runtime's functions and returns, per case, an
// object in that case's `expected` shape. Shared by the vector tests and the `econ:vector` command.

import { I96F32, SAFE_FLOAT_ZERO, type SafeFloat, U64F64, U96F32 } from "@opentao/primitives";
import { type EmittingSubnet, emitToSubnets } from "../coinbase/allocation.ts";
import { blockEmissionForIssuance } from "../coinbase/blockEmission.ts";
import {
  applyDelegateTake,
  calculateDividendDistribution,
  type HotkeyStake,
  splitAlphaOut,
  u16RatioU96F32,
} from "../coinbase/epochSplit.ts";
import { updateMovingPrice } from "../coinbase/movingPrice.ts";
import { parentChildDividends } from "../coinbase/parentChild.ts";
import { bumpBurn, decayBurn, decayFactorQ32, legacyUpgradedValue } from "../registration/burn.ts";
import {
  EMPTY_SHARE_POOL,
  type HotkeySharePool,
  shareValue,
  updateValueForAll,
} from "../staking/sharePool.ts";
import { type SubnetPool, stakeIntoSubnet, unstakeFromSubnet } from "../staking/stakeUtils.ts";
import { lockReductionInterval, networkLockCost } from "../subnets/lockCost.ts";
import {
  balancerPrice,
  baseDeltaIn,
  initWeightFromPrice,
  quoteDeltaIn,
  updateWeightsForAddedLiquidity,
} from "../swap/balancer.ts";
import { powRatioScaled } from "../swap/powRatio.ts";
import {
  applySwapToReserves,
  limitPriceFromRao,
  MAX_PRICE_RAO,
  MIN_PRICE_RAO,
  maxAmountAdd,
  maxAmountRemove,
  type PoolReserves,
  poolPrice,
  swap,
} from "../swap/swap.ts";
import {
  arr,
  bool,
  dec,
  encodeFixed,
  fixed,
  int,
  type Json,
  nat,
  obj,
  oneOf,
  perquintill,
  str,
  u16,
  u32,
  u64,
  VectorFormatError,
} from "./format.ts";

export const SCHEMA = "opentao-economics-vectors/1";
export const TOPICS = [
  "block_emission",
  "pow_ratio_scaled",
  "balancer",
  "swap",
  "staking",
  "registration_burn",
  "lock_cost",
  "moving_price",
  "emission_allocation",
  "epoch_split",
] as const;
export type Topic = (typeof TOPICS)[number];

type Out = Record<string, unknown>;
const error = (name: string): Out => ({ error: name });

// ---- block_emission, pow_ratio_scaled ----------------------------------------------------------------

function blockEmissionCase(i: Record<string, Json>, f: string): Out {
  const r = blockEmissionForIssuance(u64(i.total_issuance, `${f}.total_issuance`));
  return { block_emission: dec(r.emission), halvings: r.halvings };
}

function powCase(i: Record<string, Json>, f: string): Out {
  const r = powRatioScaled(
    nat(i.base_num, `${f}.base_num`),
    nat(i.base_den, `${f}.base_den`),
    nat(i.exp_num, `${f}.exp_num`),
    nat(i.exp_den, `${f}.exp_den`),
    u32(i.precision, `${f}.precision`),
    nat(i.scale, `${f}.scale`),
  );
  return { result: r === null ? null : dec(r) };
}

// ---- balancer ----------------------------------------------------------------------------------------

function balancerCase(i: Record<string, Json>, f: string): Out {
  const op = oneOf(i.op, `${f}.op`, [
    "price",
    "quote_delta_in",
    "base_delta_in",
    "update_weights",
    "init_weight_from_price",
  ] as const);
  const quote = () => perquintill(i.quote_weight_parts, `${f}.quote_weight_parts`);
  const tao = () => u64(i.tao_reserve, `${f}.tao_reserve`);
  const alpha = () => u64(i.alpha_reserve, `${f}.alpha_reserve`);
  switch (op) {
    case "price":
      return { price: encodeFixed(U64F64, balancerPrice(quote(), alpha(), tao())) };
    case "quote_delta_in":
    case "base_delta_in": {
      const current = fixed(i.current_price, `${f}.current_price`, U64F64);
      const target = fixed(i.target_price, `${f}.target_price`, U64F64);
      const d =
        op === "quote_delta_in"
          ? quoteDeltaIn(quote(), current, target, tao())
          : baseDeltaIn(quote(), current, target, alpha());
      return { delta_in: dec(d) };
    }
    case "update_weights": {
      const q = quote();
      const [y, x] = [tao(), alpha()];
      const dy = u64(i.tao_delta, `${f}.tao_delta`);
      const dx = u64(i.alpha_delta, `${f}.alpha_delta`);
      const r = updateWeightsForAddedLiquidity(q, y, x, dy, dx);
      if (!r.ok) return error(r.error);
      return {
        quote_weight_parts: dec(r.value),
        price_before: encodeFixed(U64F64, balancerPrice(q, x, y)),
        price_after: encodeFixed(U64F64, balancerPrice(r.value, x + dx, y + dy)),
      };
    }
    case "init_weight_from_price": {
      const [y, x] = [tao(), alpha()];
      const r = initWeightFromPrice(y, x, fixed(i.price, `${f}.price`, U64F64));
      if (!r.ok) return error(r.error);
      return {
        quote_weight_parts: dec(r.value),
        price_after: encodeFixed(U64F64, balancerPrice(r.value, x, y)),
      };
    }
  }
}

// ---- swap --------------------------------------------------------------------------------------------

function pool(v: Json, f: string): PoolReserves & { minimumReserve: bigint | undefined } {
  const p = obj(v, f);
  return {
    taoReserve: u64(p.tao_reserve, `${f}.tao_reserve`),
    alphaReserve: u64(p.alpha_reserve, `${f}.alpha_reserve`),
    quoteWeightParts: perquintill(p.quote_weight_parts, `${f}.quote_weight_parts`),
    feeRate: u16(p.fee_rate_u16, `${f}.fee_rate_u16`),
    minimumReserve:
      p.minimum_reserve === undefined ? undefined : u64(p.minimum_reserve, `${f}.minimum_reserve`),
  };
}

function swapCase(i: Record<string, Json>, f: string): Out {
  const op = oneOf(i.op, `${f}.op`, ["swap", "max_amount_add", "max_amount_remove"] as const);
  const p = pool(i.pool, `${f}.pool`);
  const limitRao = u64(i.limit_price_rao, `${f}.limit_price_rao`);
  const options = { minimumReserve: p.minimumReserve };
  if (op !== "swap") {
    const r =
      op === "max_amount_add" ? maxAmountAdd(p, limitRao, options) : maxAmountRemove(p, limitRao, options);
    return r.ok ? { max_amount: dec(r.value) } : error(r.error);
  }
  const side = oneOf(i.side, `${f}.side`, ["buy", "sell"] as const);
  const amount = u64(i.amount, `${f}.amount`);
  const dropFees = bool(i.drop_fees, `${f}.drop_fees`);
  const r = swap(p, side, amount, limitPriceFromRao(limitRao), dropFees, options);
  if (!r.ok) return error(r.error);
  const after = applySwapToReserves(p, side, r.value);
  return {
    amount_paid_in: dec(r.value.amountPaidIn),
    amount_paid_out: dec(r.value.amountPaidOut),
    fee_paid: dec(r.value.feePaid),
    fee_to_block_author: dec(r.value.feeToBlockAuthor),
    limit_price_reached: r.value.limitPriceReached,
    reserves_after: { tao_reserve: dec(after.taoReserve), alpha_reserve: dec(after.alphaReserve) },
    price_after: encodeFixed(U64F64, poolPrice(after)),
  };
}

// ---- staking -----------------------------------------------------------------------------------------

function stakingCase(i: Record<string, Json>, f: string): Out {
  const p = pool(i.pool, `${f}.pool`);
  let subnet: SubnetPool = { ...p, alphaOut: 0n, mechanism: 1 };
  const options = { minimumReserve: p.minimumReserve };
  const author = bool(i.block_author_present, `${f}.block_author_present`);
  let hotkey: HotkeySharePool = EMPTY_SHARE_POOL;
  const initial = u64(i.hotkey_initial_stake ?? "0", `${f}.hotkey_initial_stake`);
  if (initial !== 0n) hotkey = updateValueForAll(hotkey, initial);
  const shares = new Map<string, SafeFloat>();
  const state = () => ({
    tao_reserve: dec(subnet.taoReserve),
    alpha_reserve: dec(subnet.alphaReserve),
    total_hotkey_alpha: dec(hotkey.totalAlpha),
    stake: Object.fromEntries([...shares].map(([c, s]) => [c, dec(shareValue(hotkey, s))])),
  });

  const steps = arr(i.steps, `${f}.steps`).map((sv, k): Out => {
    const sf = `${f}.steps[${k}]`;
    const s = obj(sv, sf);
    const op = oneOf(s.op, `${sf}.op`, ["add_stake", "remove_stake", "distribute"] as const);
    if (op === "distribute") {
      hotkey = updateValueForAll(hotkey, u64(s.amount, `${sf}.amount`));
      return { state: state() };
    }
    const coldkey = str(s.coldkey, `${sf}.coldkey`);
    const share = shares.get(coldkey) ?? SAFE_FLOAT_ZERO;
    if (op === "add_stake") {
      const r = stakeIntoSubnet(
        subnet,
        { hotkey, share },
        u64(s.amount, `${sf}.amount`),
        MAX_PRICE_RAO,
        false,
        options,
      );
      if (!r.ok) return error(r.error);
      subnet = r.value.pool;
      hotkey = r.value.position.hotkey;
      shares.set(coldkey, r.value.position.share);
      return {
        alpha_staked: dec(r.value.alphaStaked),
        tao_to_reserve: dec(r.value.swap.amountPaidIn),
        fee_tao_to_block_author: dec(r.value.swap.feeToBlockAuthor),
        state: state(),
      };
    }
    const amount = s.amount === "all" ? shareValue(hotkey, share) : u64(s.amount, `${sf}.amount`);
    const r = unstakeFromSubnet(subnet, { hotkey, share }, amount, MIN_PRICE_RAO, false, author, options);
    if (!r.ok) return error(r.error);
    subnet = r.value.pool;
    hotkey = r.value.position.hotkey;
    shares.set(coldkey, r.value.position.share);
    return {
      alpha_unstaked: dec(amount),
      tao_received: dec(r.value.taoReceived),
      alpha_to_reserve: dec(r.value.swap.amountPaidIn),
      fee_alpha: dec(r.value.swap.feePaid),
      block_author_tao: dec(r.value.blockAuthorSwap?.amountPaidOut ?? 0n),
      state: state(),
    };
  });
  return { steps };
}

// ---- registration_burn, lock_cost, moving_price ------------------------------------------------------

function burnCase(i: Record<string, Json>, f: string): Out {
  const op = oneOf(i.op, `${f}.op`, [
    "decay_step",
    "decay_steps",
    "bump",
    "sequence",
    "legacy_upgraded_value",
  ] as const);
  if (op === "legacy_upgraded_value") {
    const value = legacyUpgradedValue(
      u64(i.current, `${f}.current`),
      u16(i.registrations_this_interval, `${f}.registrations_this_interval`),
      u16(i.target_registrations_per_interval, `${f}.target_registrations_per_interval`),
      u64(i.adjustment_alpha, `${f}.adjustment_alpha`),
      u64(i.min, `${f}.min`),
      u64(i.max, `${f}.max`),
    );
    return { value: dec(value) };
  }
  const bounds = { minBurn: u64(i.MinBurn, `${f}.MinBurn`), maxBurn: u64(i.MaxBurn, `${f}.MaxBurn`) };
  let burn = u64(i.burn, `${f}.burn`);
  const halfLife = () => u16(i.BurnHalfLife, `${f}.BurnHalfLife`);
  const mult = () => fixed(i.BurnIncreaseMult, `${f}.BurnIncreaseMult`, U64F64);
  // Blocks after the first decay; the vectors' multi-block cases start past block 1.
  const startBlock = () => (i.current_block === undefined ? 2n : u64(i.current_block, `${f}.current_block`));
  switch (op) {
    case "decay_step": {
      const h = halfLife();
      return {
        burn: dec(decayBurn(burn, h, startBlock(), bounds)),
        decay_factor_q32: dec(decayFactorQ32(h)),
      };
    }
    case "decay_steps": {
      const h = halfLife();
      const blocks = u32(i.blocks, `${f}.blocks`);
      const block = startBlock();
      const after: string[] = [];
      for (let b = 0; b < blocks; b++) {
        burn = decayBurn(burn, h, block + BigInt(b), bounds);
        after.push(dec(burn));
      }
      return { burn_after_each_block: after, decay_factor_q32: dec(decayFactorQ32(h)) };
    }
    case "bump":
      return { burn: dec(bumpBurn(burn, mult(), bounds)) };
    case "sequence": {
      const events = arr(i.sequence, `${f}.sequence`);
      let block = startBlock();
      const after = events.map((e, k) => {
        const ev = oneOf(e, `${f}.sequence[${k}]`, ["decay", "register"] as const);
        if (ev === "decay") burn = decayBurn(burn, halfLife(), block++, bounds);
        else burn = bumpBurn(burn, mult(), bounds);
        return dec(burn);
      });
      return { burn_after_each: after };
    }
  }
}

function lockCostCase(i: Record<string, Json>, f: string): Out {
  const interval = lockReductionInterval(
    u64(i.NetworkLockReductionInterval, `${f}.NetworkLockReductionInterval`),
    u64(i.current_block_emission, `${f}.current_block_emission`),
  );
  const lastLock = u64(i.NetworkLastLockCost, `${f}.NetworkLastLockCost`);
  const cost = networkLockCost({
    lastLock,
    minLock: u64(i.NetworkMinLockCost, `${f}.NetworkMinLockCost`),
    lastLockBlock: u64(i.last_lock_block, `${f}.last_lock_block`),
    currentBlock: u64(i.current_block, `${f}.current_block`),
    reductionInterval: interval,
  });
  return {
    lock_cost: dec(cost),
    effective_reduction_interval: dec(interval),
    per_block_decrement: dec(interval === 0n ? 0n : lastLock / interval),
  };
}

function movingPriceCase(i: Record<string, Json>, f: string): Out {
  const next = updateMovingPrice(
    fixed(i.SubnetMovingPrice, `${f}.SubnetMovingPrice`, I96F32),
    fixed(i.spot_price, `${f}.spot_price`, U64F64),
    fixed(i.SubnetMovingAlpha, `${f}.SubnetMovingAlpha`, I96F32),
    u64(i.EMAPriceHalvingBlocks, `${f}.EMAPriceHalvingBlocks`),
    u64(i.blocks_since_start_call, `${f}.blocks_since_start_call`),
  );
  return { SubnetMovingPrice: encodeFixed(I96F32, next) };
}

// ---- emission_allocation -----------------------------------------------------------------------------

function allocationCase(i: Record<string, Json>, f: string): Out {
  const subnetsJson = obj(i.subnets, `${f}.subnets`);
  const subnets: EmittingSubnet<string>[] = Object.keys(subnetsJson)
    .map((key) => {
      const sf = `${f}.subnets.${key}`;
      const netuid = Number(int(key, `${sf} (netuid)`, 1n, 65535n));
      const s = obj(subnetsJson[key], sf);
      return {
        netuid,
        subnet: {
          netuid: key,
          subnetTao: u64(s.SubnetTAO, `${sf}.SubnetTAO`),
          subnetAlphaIn: u64(s.SubnetAlphaIn, `${sf}.SubnetAlphaIn`),
          subnetAlphaOut: u64(s.SubnetAlphaOut, `${sf}.SubnetAlphaOut`),
          quoteWeightParts: perquintill(s.quote_weight_parts, `${sf}.quote_weight_parts`),
          palSwapInitialized:
            s.PalSwapInitialized === undefined
              ? true
              : bool(s.PalSwapInitialized, `${sf}.PalSwapInitialized`),
          subnetProtocolAlpha:
            s.SubnetProtocolAlpha === undefined
              ? 0n
              : u64(s.SubnetProtocolAlpha, `${sf}.SubnetProtocolAlpha`),
          movingPrice: fixed(s.SubnetMovingPrice, `${sf}.SubnetMovingPrice`, I96F32),
          minerBurned: fixed(s.MinerBurned, `${sf}.MinerBurned`, U96F32),
          emissionEnabled: bool(s.SubnetEmissionEnabled, `${sf}.SubnetEmissionEnabled`),
          ownerCutEnabled: bool(s.OwnerCutEnabled, `${sf}.OwnerCutEnabled`),
        },
      };
    })
    .sort((a, b) => a.netuid - b.netuid)
    .map((x) => x.subnet);
  const r = emitToSubnets({
    blockEmission: u64(i.block_emission, `${f}.block_emission`),
    rootSubnetTao: u64(i.root_SubnetTAO, `${f}.root_SubnetTAO`),
    taoWeight: u64(i.TaoWeight, `${f}.TaoWeight`),
    subnetOwnerCut: u16(i.SubnetOwnerCut, `${f}.SubnetOwnerCut`),
    subnets,
    minimumReserve:
      i.minimum_reserve === undefined ? undefined : u64(i.minimum_reserve, `${f}.minimum_reserve`),
  });
  const out: Record<string, Out> = {};
  for (const s of r.subnets) {
    out[s.netuid] = {
      tao_emission: dec(U96F32.toU64(s.terms.taoEmission)),
      tao_in: dec(U96F32.toU64(s.terms.taoIn)),
      alpha_in: dec(U96F32.toU64(s.terms.alphaIn)),
      excess_tao: dec(U96F32.toU64(s.terms.excessTao)),
      excess_tao_entered_pool: dec(s.excessTaoEnteredPool),
      alpha_bought_by_chain: dec(s.alphaBoughtByChain),
      alpha_out_emission: dec(s.split.alphaCreated),
      pending_owner_cut: dec(s.split.pendingOwnerCut),
      pending_server: dec(s.split.pendingServer),
      pending_validator: dec(s.split.pendingValidator),
      pending_root_alpha: dec(s.split.pendingRootAlpha),
      root_alpha_recycled: dec(s.split.rootAlphaRecycled),
      after: {
        SubnetTAO: dec(s.after.subnetTao),
        SubnetAlphaIn: dec(s.after.subnetAlphaIn),
        SubnetAlphaOut: dec(s.after.subnetAlphaOut),
        quote_weight_parts: dec(s.after.quoteWeightParts),
        SubnetProtocolAlpha: dec(s.after.subnetProtocolAlpha),
      },
      share: encodeFixed(U64F64, s.share),
      root_proportion_for_cap: encodeFixed(U96F32, s.terms.rootProportion),
      root_proportion_for_split: encodeFixed(U96F32, s.rootProportionForSplit),
    };
  }
  return { root_sell: r.rootSell, unspent_credit_recycled: dec(r.unspentCredit), subnets: out };
}

// ---- epoch_split -------------------------------------------------------------------------------------

function epochSplitCase(i: Record<string, Json>, f: string): Out {
  const op = oneOf(i.op, `${f}.op`, [
    "split_alpha_out",
    "dividend_distribution",
    "apply_take",
    "parent_child_dividends",
  ] as const);
  switch (op) {
    case "split_alpha_out": {
      const s = splitAlphaOut(
        U96F32.fromInt(u64(i.alpha_out_emission, `${f}.alpha_out_emission`)),
        u16RatioU96F32(u16(i.SubnetOwnerCut, `${f}.SubnetOwnerCut`)),
        bool(i.OwnerCutEnabled, `${f}.OwnerCutEnabled`),
        fixed(i.root_proportion, `${f}.root_proportion`, U96F32),
        bool(i.root_sell, `${f}.root_sell`),
      );
      return {
        alpha_minted_to_SubnetAlphaOut: dec(s.alphaCreated),
        PendingOwnerCut: dec(s.pendingOwnerCut),
        PendingServerEmission: dec(s.pendingServer),
        PendingValidatorEmission: dec(s.pendingValidator),
        PendingRootAlphaDivs: dec(s.pendingRootAlpha),
        root_alpha_recycled: dec(s.rootAlphaRecycled),
      };
    }
    case "dividend_distribution": {
      const stakeJson = obj(i.stake, `${f}.stake`);
      const stakes = new Map<string, HotkeyStake>(
        Object.keys(stakeJson).map((hk) => {
          const s = obj(stakeJson[hk], `${f}.stake.${hk}`);
          return [
            hk,
            { alpha: u64(s.alpha, `${f}.stake.${hk}.alpha`), root: u64(s.root, `${f}.stake.${hk}.root`) },
          ];
        }),
      );
      const divJson = obj(i.dividends, `${f}.dividends`);
      const dividends = new Map(
        Object.keys(divJson).map((hk) => [hk, fixed(divJson[hk], `${f}.dividends.${hk}`, U96F32)] as const),
      );
      const r = calculateDividendDistribution(
        u64(i.pending_validator_alpha, `${f}.pending_validator_alpha`),
        u64(i.pending_root_alpha, `${f}.pending_root_alpha`),
        fixed(i.tao_weight, `${f}.tao_weight`, U96F32),
        stakes,
        dividends,
      );
      const enc = (m: Map<string, bigint>) =>
        Object.fromEntries([...m].map(([k, v]) => [k, encodeFixed(U96F32, v)]));
      return { alpha_dividends: enc(r.alphaDividends), root_alpha_dividends: enc(r.rootAlphaDividends) };
    }
    case "apply_take": {
      const t = applyDelegateTake(
        fixed(i.alpha_dividends, `${f}.alpha_dividends`, U96F32),
        u16(i.delegate_take_u16, `${f}.delegate_take_u16`),
      );
      return { take_to_owner: dec(t.takeToOwner), to_all_nominators: dec(t.toAllNominators) };
    }
    case "parent_child_dividends": {
      const c = obj(i.child, `${f}.child`);
      const parents = arr(i.parents, `${f}.parents`).map((pv, k) => {
        const pf = `${f}.parents[${k}]`;
        const p = obj(pv, pf);
        return {
          key: str(p.name, `${pf}.name`),
          proportion: u64(p.proportion, `${pf}.proportion`),
          alpha: u64(p.alpha, `${pf}.alpha`),
          root: u64(p.root, `${pf}.root`),
          sameColdkeyAsChild: bool(p.same_coldkey_as_child, `${pf}.same_coldkey_as_child`),
        };
      });
      const r = parentChildDividends(
        u64(i.dividends, `${f}.dividends`),
        {
          alpha: u64(c.alpha, `${f}.child.alpha`),
          root: u64(c.root, `${f}.child.root`),
          childrenProportions: arr(c.children_proportions, `${f}.child.children_proportions`).map((x, k) =>
            u64(x, `${f}.child.children_proportions[${k}]`),
          ),
        },
        parents,
        u16(i.childkey_take_u16, `${f}.childkey_take_u16`),
        u64(i.CKBurn, `${f}.CKBurn`),
        u64(i.TaoWeight, `${f}.TaoWeight`),
      );
      const payouts = new Map<string, bigint>();
      for (const p of r.toParents) payouts.set(p.key, (payouts.get(p.key) ?? 0n) + p.amount);
      payouts.set("child", (payouts.get("child") ?? 0n) + r.toChild);
      return {
        self_contribution: dec(r.selfContribution),
        payouts: Object.fromEntries([...payouts].map(([k, v]) => [k, dec(v)])),
        burned: dec(r.burned),
      };
    }
  }
}

// ---- dispatch ----------------------------------------------------------------------------------------

const RUNNERS: Record<Topic, (input: Record<string, Json>, field: string) => Out> = {
  block_emission: blockEmissionCase,
  pow_ratio_scaled: powCase,
  balancer: balancerCase,
  swap: swapCase,
  staking: stakingCase,
  registration_burn: burnCase,
  lock_cost: lockCostCase,
  moving_price: movingPriceCase,
  emission_allocation: allocationCase,
  epoch_split: epochSplitCase,
};

export interface VectorCase {
  readonly id: string;
  readonly input: Record<string, Json>;
  readonly expected: Json;
}

export interface VectorFile {
  readonly topic: Topic;
  readonly cases: readonly VectorCase[];
}

/** Check the envelope of a parsed vector file; a bad field throws {@link VectorFormatError} naming it. */
export function parseEconomicsFile(v: Json): VectorFile {
  const o = obj(v, "$");
  if (o.schema !== SCHEMA) throw new VectorFormatError("$.schema", `expected "${SCHEMA}"`);
  const topic = oneOf(o.topic, "$.topic", TOPICS);
  const cases = arr(o.cases, "$.cases").map((c, k) => {
    const co = obj(c, `$.cases[${k}]`);
    return {
      id: str(co.id, `$.cases[${k}].id`),
      input: obj(co.input, `$.cases[${k}].input`),
      expected: co.expected,
    };
  });
  return { topic, cases };
}

/** Run one case; inputs are validated as they are read, so a malformed one throws naming its field. */
export function runEconomicsCase(topic: Topic, c: VectorCase, index: number): Out {
  return RUNNERS[topic](c.input, `$.cases[${index}].input`);
}

/**
 * Keep the top-level fields a case's `expected` lists (some are optional, e.g. `decay_factor_q32`), in
 * its order. Errors, and cases without an object `expected`, are returned as computed.
 */
function shapedLike(computed: Out, expected: Json): Out {
  if (typeof expected !== "object" || expected === null || Array.isArray(expected)) return computed;
  if ("error" in expected || "error" in computed) return computed;
  const out: Out = {};
  for (const key of Object.keys(expected)) if (key in computed) out[key] = computed[key];
  return out;
}

/** Every case of a file, in file order, with the fields of its `expected`, as computed. */
export function runEconomicsFile(v: Json): Out[] {
  const file = parseEconomicsFile(v);
  return file.cases.map((c, k) => shapedLike(runEconomicsCase(file.topic, c, k), c.expected));
}
