// Sub-mechanisms (`epoch_with_mechanisms`): split a subnet's emission across its mechanisms, run each
// mechanism's epoch on the shared stake and permits, and aggregate the netuid-level vectors.

import { U64F64 } from "@opentao/primitives";
import type {
  AggregateOutput,
  EpochOutput,
  MultiMechanismEpochInputs,
  MultiMechanismEpochOutput,
} from "./types.ts";
import { type EpochPath, epochMechanism } from "./yuma.ts";

const U16_MAX = 65535n;
const U64_MAX = (1n << 64n) - 1n;

/**
 * `split_emissions`: mechanism m gets floor(rao · split_m / 65535) (missing parts 0), or an even split
 * when no split is set; the rounding remainder goes to mechanism 0.
 */
export function splitEmissions(rao: bigint, count: number, split: readonly number[] | null): bigint[] {
  if (count <= 0) return [];
  const parts: bigint[] = split
    ? Array.from({ length: count }, (_, m) => (rao * BigInt(split[m] ?? 0)) / U16_MAX)
    : new Array<bigint>(count).fill(rao / BigInt(count));
  const used = parts.reduce((a, b) => a + b, 0n);
  const remainder = rao > used ? rao - used : 0n;
  parts[0] += remainder;
  return parts;
}

/** floor(existing + added · weight) in U64F64, clamped to `intBits` (`weighted_acc_u16` / `weighted_acc_alpha`). */
function weightedAcc(existing: bigint, added: bigint, weight: bigint, intBits: number): bigint {
  const acc = U64F64.saturatingAdd(
    U64F64.fromInt(existing),
    U64F64.saturatingMul(U64F64.fromInt(added), weight),
  );
  return U64F64.toUint(acc, intBits);
}

export function epochWithMechanisms(
  inputs: MultiMechanismEpochInputs,
  path: EpochPath = "auto",
): MultiMechanismEpochOutput {
  const { n } = inputs;
  const count = inputs.mechanisms.length;
  const mechanismEmissions = splitEmissions(inputs.raoEmission, count, inputs.mechanismEmissionSplit);
  const mechanisms: EpochOutput[] = [];
  const agg: AggregateOutput = {
    serverEmission: new Array<bigint>(n).fill(0n),
    validatorEmission: new Array<bigint>(n).fill(0n),
    dividends: new Array<number>(n).fill(0),
    stakeWeight: new Array<number>(n).fill(0),
    emission: new Array<bigint>(n).fill(0n),
    consensus: new Array<number>(n).fill(0),
    validatorTrust: new Array<number>(n).fill(0),
    active: new Array<boolean>(n).fill(false),
    newValidatorPermit: new Array<boolean>(n).fill(false),
  };
  const u16Acc = (a: number, b: number, w: bigint) => Number(weightedAcc(BigInt(a), BigInt(b), w, 16));
  for (let m = 0; m < count; m++) {
    const share = mechanismEmissions[m];
    const out = epochMechanism({ ...inputs, ...inputs.mechanisms[m], raoEmission: share }, path);
    mechanisms.push(out);
    // Weight of this mechanism in the aggregates; with zero emission mechanism 0 takes it all.
    const weight =
      inputs.raoEmission === 0n
        ? U64F64.fromInt(m === 0 ? 1 : 0)
        : U64F64.safeDiv(U64F64.fromInt(share), U64F64.fromInt(inputs.raoEmission));
    for (let i = 0; i < n; i++) {
      const s = agg.serverEmission[i] + out.serverEmission[i];
      agg.serverEmission[i] = s > U64_MAX ? U64_MAX : s;
      const v = agg.validatorEmission[i] + out.validatorEmission[i];
      agg.validatorEmission[i] = v > U64_MAX ? U64_MAX : v;
      agg.dividends[i] = u16Acc(agg.dividends[i], out.dividends[i], weight);
      agg.stakeWeight[i] = u16Acc(agg.stakeWeight[i], out.stakeWeight[i], weight);
      agg.consensus[i] = u16Acc(agg.consensus[i], out.consensus[i], weight);
      agg.validatorTrust[i] = u16Acc(agg.validatorTrust[i], out.validatorTrust[i], weight);
      agg.emission[i] = weightedAcc(agg.emission[i], out.emission[i], weight, 64);
      agg.active[i] ||= out.active[i];
      agg.newValidatorPermit[i] ||= out.newValidatorPermit[i];
    }
  }
  return { mechanismEmissions, mechanisms, aggregate: agg };
}
