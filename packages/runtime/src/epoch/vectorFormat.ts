// Reading and writing the `yuma-epoch-vector/1` JSON format (shared/vectors/yuma/README.md).
// Input errors name the offending field, so a malformed file is diagnosed in one line.

import type {
  EpochHyperparameters,
  EpochInputs,
  EpochOutput,
  MechanismInputs,
  MultiMechanismEpochInputs,
  MultiMechanismEpochOutput,
  SparseRow,
  SparseU16Row,
  SubnetEpochInputs,
} from "./types.ts";

export class VectorFormatError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = "VectorFormatError";
  }
}

type Json = unknown;

function obj(v: Json, f: string): Record<string, Json> {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new VectorFormatError(f, "expected an object");
  return v as Record<string, Json>;
}

function arr(v: Json, f: string): Json[] {
  if (!Array.isArray(v)) throw new VectorFormatError(f, "expected an array");
  return v;
}

function bool(v: Json, f: string): boolean {
  if (typeof v !== "boolean") throw new VectorFormatError(f, "expected a boolean");
  return v;
}

/** An integer given as a JSON number or a decimal string, within [min, max]. */
function int(v: Json, f: string, min: bigint, max: bigint): bigint {
  let x: bigint;
  if (typeof v === "number" && Number.isSafeInteger(v)) x = BigInt(v);
  else if (typeof v === "string" && /^-?\d+$/.test(v)) x = BigInt(v);
  else throw new VectorFormatError(f, "expected an integer");
  if (x < min || x > max) throw new VectorFormatError(f, `out of range [${min}, ${max}]`);
  return x;
}

const U64 = (1n << 64n) - 1n;
const u64 = (v: Json, f: string) => int(v, f, 0n, U64);
const u32 = (v: Json, f: string) => Number(int(v, f, 0n, 0xffff_ffffn));
const u16 = (v: Json, f: string) => Number(int(v, f, 0n, 65535n));
const i16 = (v: Json, f: string) => Number(int(v, f, -32768n, 32767n));

function list<T>(v: Json, f: string, item: (x: Json, f: string) => T, len?: number): T[] {
  const a = arr(v, f);
  if (len !== undefined && a.length !== len)
    throw new VectorFormatError(f, `expected ${len} entries, got ${a.length}`);
  return a.map((x, i) => item(x, `${f}[${i}]`));
}

function sparseRows(v: Json, f: string, n: number): SparseU16Row[] {
  return list(
    v,
    f,
    (row, rf) =>
      list(row, rf, (e, ef) => {
        const pair = arr(e, ef);
        if (pair.length !== 2) throw new VectorFormatError(ef, "expected a [uid, value] pair");
        return [u16(pair[0], `${ef}[0]`), u16(pair[1], `${ef}[1]`)] as const;
      }),
    n,
  );
}

function hyperparameters(v: Json, f: string): EpochHyperparameters {
  const h = obj(v, f);
  return {
    kappa: u16(h.kappa, `${f}.kappa`),
    bondsPenalty: u16(h.bonds_penalty, `${f}.bonds_penalty`),
    bondsMovingAverage: u64(h.bonds_moving_average, `${f}.bonds_moving_average`),
    yuma3Enabled: bool(h.yuma3_enabled, `${f}.yuma3_enabled`),
    liquidAlphaEnabled: bool(h.liquid_alpha_enabled, `${f}.liquid_alpha_enabled`),
    alphaLow: u16(h.alpha_low, `${f}.alpha_low`),
    alphaHigh: u16(h.alpha_high, `${f}.alpha_high`),
    alphaSigmoidSteepness: i16(h.alpha_sigmoid_steepness, `${f}.alpha_sigmoid_steepness`),
    maxAllowedValidators: u16(h.max_allowed_validators, `${f}.max_allowed_validators`),
    stakeThreshold: u64(h.stake_threshold, `${f}.stake_threshold`),
    taoWeight: u64(h.tao_weight, `${f}.tao_weight`),
    activityCutoffFactorMilli: u32(h.activity_cutoff_factor_milli, `${f}.activity_cutoff_factor_milli`),
    commitRevealEnabled: bool(h.commit_reveal_enabled, `${f}.commit_reveal_enabled`),
  };
}

function mechanismInputs(o: Record<string, Json>, f: string, n: number): MechanismInputs {
  return {
    lastUpdate: list(o.last_update, `${f}.last_update`, u64),
    commitBlocks: list(o.commit_blocks, `${f}.commit_blocks`, (x, xf) => (x === null ? null : u64(x, xf))),
    weights: sparseRows(o.weights, `${f}.weights`, n),
    bonds: sparseRows(o.bonds, `${f}.bonds`, n),
  };
}

export type ParsedStepInputs =
  | { kind: "single"; inputs: EpochInputs }
  | { kind: "mechanisms"; inputs: MultiMechanismEpochInputs };

/** Parse one step's `inputs` object. `f` is the field path used in error messages. */
export function parseStepInputs(v: Json, f: string): ParsedStepInputs {
  const o = obj(v, f);
  const n = Number(int(o.n, `${f}.n`, 0n, 65535n));
  const ownerUid =
    o.owner_uid === null || o.owner_uid === undefined ? null : u16(o.owner_uid, `${f}.owner_uid`);
  const shared: SubnetEpochInputs = {
    n,
    currentBlock: u64(o.current_block, `${f}.current_block`),
    tempo: u16(o.tempo, `${f}.tempo`),
    lastMechanismStepBlock: u64(o.last_mechanism_step_block, `${f}.last_mechanism_step_block`),
    ownerUid,
    hyperparameters: hyperparameters(o.hyperparameters, `${f}.hyperparameters`),
    alphaStake: list(o.alpha_stake, `${f}.alpha_stake`, u64, n),
    taoStake: list(o.tao_stake, `${f}.tao_stake`, u64, n),
    validatorPermit: list(o.validator_permit, `${f}.validator_permit`, bool),
    blockAtRegistration: list(o.block_at_registration, `${f}.block_at_registration`, u64, n),
  };
  const raoEmission = u64(o.rao_emission, `${f}.rao_emission`);
  if (o.mechanisms !== undefined) {
    const split = o.mechanism_emission_split;
    return {
      kind: "mechanisms",
      inputs: {
        ...shared,
        raoEmission,
        mechanismEmissionSplit:
          split === null || split === undefined ? null : list(split, `${f}.mechanism_emission_split`, u16),
        mechanisms: list(o.mechanisms, `${f}.mechanisms`, (m, mf) => mechanismInputs(obj(m, mf), mf, n)),
      },
    };
  }
  return { kind: "single", inputs: { ...shared, raoEmission, ...mechanismInputs(o, f, n) } };
}

/** Parse a whole vector file's JSON; returns each step's inputs. */
export function parseVectorFile(v: Json): ParsedStepInputs[] {
  const o = obj(v, "$");
  if (o.schema !== undefined && o.schema !== "yuma-epoch-vector/1")
    throw new VectorFormatError("$.schema", `unsupported schema ${JSON.stringify(o.schema)}`);
  return list(o.steps, "$.steps", (s, sf) => parseStepInputs(obj(s, sf).inputs, `${sf}.inputs`));
}

// ---- output encoding -------------------------------------------------------------------------------

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A JSON number where exactly representable (|x| ≤ 2^53 − 1), else a decimal string. */
export function jsonInt(x: bigint): number | string {
  return x <= SAFE && x >= -SAFE ? Number(x) : x.toString();
}

const ints = (xs: readonly bigint[]) => xs.map(jsonInt);
const sparse = (m: readonly SparseRow[]) => m.map((r) => r.j.map((j, k) => [j, jsonInt(r.v[k])]));

/** An epoch output in the vector file's `expected` shape (snake_case, trace included). */
export function encodeEpochOutput(o: EpochOutput): Record<string, unknown> {
  const t = o.trace;
  return {
    activity_cutoff_blocks: jsonInt(o.activityCutoffBlocks),
    active: o.active,
    stake_weight: o.stakeWeight,
    stake_bits: ints(o.stakeBits),
    active_stake_bits: ints(o.activeStakeBits),
    new_validator_permit: o.newValidatorPermit,
    consensus: o.consensus,
    consensus_bits: ints(o.consensusBits),
    validator_trust: o.validatorTrust,
    validator_trust_bits: ints(o.validatorTrustBits),
    rank_bits: ints(o.rankBits),
    incentive: o.incentive,
    incentive_bits: ints(o.incentiveBits),
    dividends: o.dividends,
    dividends_bits: ints(o.dividendsBits),
    server_emission: ints(o.serverEmission),
    validator_emission: ints(o.validatorEmission),
    emission: ints(o.emission),
    bonds: o.bonds,
    trace: {
      inactive: t.inactive,
      last_tempo: jsonInt(t.lastTempo),
      tao_weight_u96f32_bits: jsonInt(t.taoWeightU96F32Bits),
      kappa_bits: jsonInt(t.kappaBits),
      minority_bits: jsonInt(t.minorityBits),
      bonds_penalty_bits: jsonInt(t.bondsPenaltyBits),
      liquid_alpha_used: t.liquidAlphaUsed,
      emission_sum_bits: jsonInt(t.emissionSumBits),
      emission_fallback: t.emissionFallback,
      weights_masked_normalized_bits: sparse(t.weightsMaskedNormalizedBits),
      clipped_weights_bits: sparse(t.clippedWeightsBits),
      weights_for_bonds_bits: sparse(t.weightsForBondsBits),
      bonds_prepared_bits: sparse(t.bondsPreparedBits),
      ema_bonds_col_normalized_bits: sparse(t.emaBondsColNormalizedBits),
      normalized_server_emission_bits: ints(t.normalizedServerEmissionBits),
      normalized_validator_emission_bits: ints(t.normalizedValidatorEmissionBits),
      normalized_combined_emission_bits: ints(t.normalizedCombinedEmissionBits),
    },
  };
}

export function encodeMultiMechanismOutput(o: MultiMechanismEpochOutput): Record<string, unknown> {
  const a = o.aggregate;
  return {
    mechanism_emissions: ints(o.mechanismEmissions),
    mechanisms: o.mechanisms.map(encodeEpochOutput),
    aggregate: {
      server_emission: ints(a.serverEmission),
      validator_emission: ints(a.validatorEmission),
      dividends: a.dividends,
      stake_weight: a.stakeWeight,
      emission: ints(a.emission),
      consensus: a.consensus,
      validator_trust: a.validatorTrust,
      active: a.active,
      new_validator_permit: a.newValidatorPermit,
    },
  };
}
