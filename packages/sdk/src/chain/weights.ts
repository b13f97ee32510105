// Weights as the chain takes them: the Python SDK's `convert_weights_and_uids_for_emit` (max-upscale to u16,
// Python's round-half-even, zero entries dropped) and `normalize_max_weight` / `process_weights_for_netuid`.
// Floats are fine here: this is the caller's side of set_weights, the chain only sees the u16 result.

export const U16_MAX = 65535;

export class WeightsError extends Error {
  override readonly name = "WeightsError";
}

/** Python's `round()` for one argument: ties go to the even neighbour. */
export function pyRound(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * `convert_weights_and_uids_for_emit`: divides by the largest weight, scales to u16 with round-half-even and
 * drops uids whose value rounds to 0. All-zero weights give empty lists (the chain then clears the row).
 */
export function convertWeightsAndUidsForEmit(
  uids: readonly number[],
  weights: readonly number[],
): { uids: number[]; weights: number[] } {
  if (uids.length !== weights.length)
    throw new WeightsError(`uids and weights differ in length: ${uids.length} != ${weights.length}`);
  if (uids.length === 0) return { uids: [], weights: [] };
  for (const w of weights)
    if (!(w >= 0) || !Number.isFinite(w)) throw new WeightsError(`weights must be finite and >= 0, got ${w}`);
  for (const u of uids)
    if (!Number.isInteger(u) || u < 0 || u > U16_MAX) throw new WeightsError(`uid out of range: ${u}`);
  let sum = 0;
  let max = 0;
  for (const w of weights) {
    sum += w;
    if (w > max) max = w;
  }
  if (sum === 0) return { uids: [], weights: [] };
  const outUids: number[] = [];
  const outWeights: number[] = [];
  for (let i = 0; i < uids.length; i++) {
    const v = pyRound((weights[i]! / max) * U16_MAX);
    if (v !== 0) {
      outUids.push(uids[i]!);
      outWeights.push(v);
    }
  }
  return { uids: outUids, weights: outWeights };
}

/**
 * `normalize_max_weight`: normalises to sum 1 with no entry above `limit` (max_weight_limit / 65535). The
 * largest entries are clipped at a cut-off chosen from the sorted cumulative sums, with the SDK's 1e-7 slack,
 * then the vector is renormalised — the same steps as the Python SDK so both emit the same u16 row.
 */
export function normalizeMaxWeight(weights: readonly number[], limit = 0.1): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const epsilon = 1e-7;
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || n * limit <= 1) return weights.map(() => 1 / n);
  const estimation = [...weights].sort((a, b) => a - b).map((v) => v / total);
  if (estimation[n - 1]! <= limit) return weights.map((w) => w / total);
  const cumsum: number[] = [];
  let acc = 0;
  for (const e of estimation) {
    acc += e;
    cumsum.push(acc);
  }
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const rest = (n - i - 1) * estimation[i]!;
    if (estimation[i]! / (rest + cumsum[i]! + epsilon) < limit) kept++;
  }
  const cutoffScale = (limit * (cumsum[kept - 1] ?? 0) - epsilon) / (1 - limit * (n - kept));
  const cutoff = cutoffScale * total;
  const clipped = weights.map((w) => (w > cutoff ? cutoff : w));
  const sum = clipped.reduce((a, b) => a + b, 0);
  return clipped.map((w) => w / sum);
}
