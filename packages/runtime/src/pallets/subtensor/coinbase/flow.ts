// The emission-share rules a chain spec can select (DESIGN.md decision 8): HEAD's price rule (default), the
// Feb-2025 launch rule (plain EMA-price shares) and spec 393's TAO-flow rule (§4.3 [F393]), the latter here.

import { I64F64, U64F64 } from "@opentao/primitives";
import type { State } from "../../../frame/state.ts";
import { storage as st } from "../storage.ts";

/** `price`: HEAD (spec 425); `launch`: EMA price share only; `flow`: spec 393's net TAO-flow EMA. */
export type EmissionRule = "price" | "launch" | "flow";

const I64_MAX = (1n << 63n) - 1n;

/**
 * `get_ema_flow` for one subnet: once per block ema ← (1 − α)·ema + α·flow in I64F64 with
 * α = FlowEmaSmoothingFactor / i64::MAX, stored with the block in `SubnetEmaTaoFlow`; the block's
 * accumulated `SubnetTaoFlow` is then dropped.
 */
export function updateEmaTaoFlow(s: State, netuid: number, block: bigint): bigint {
  const flow = I64F64.fromInt(st.SubnetTaoFlow.get(s, netuid));
  const [last, ema] = st.SubnetEmaTaoFlow.tryGet(s, netuid) ?? [0n, { bits: 0n }];
  if (last === block) return ema.bits;
  const alpha = I64F64.safeDiv(I64F64.fromInt(st.FlowEmaSmoothingFactor.get(s)), I64F64.fromInt(I64_MAX));
  const next = I64F64.saturatingAdd(
    I64F64.saturatingMul(I64F64.saturatingSub(I64F64.one, alpha), ema.bits),
    I64F64.saturatingMul(alpha, flow),
  );
  st.SubnetEmaTaoFlow.set(s, netuid, [block, { bits: next }]);
  st.SubnetTaoFlow.remove(s, netuid);
  return next;
}

/**
 * `get_shares_flow` (user-flow EMAs, as spec 393 ran it): L = max(TaoFlowCutoff, min(min ema, 0)),
 * z_i = max(ema_i − L, 0), share_i = z_i / Σ z (U64F64). Deviation: the chain's power normalisation
 * computes z^p through substrate-fixed `ln`/`exp` even for the default p = 1; this takes p = 1 exactly.
 * Same order as `netuids`; all zero when no subnet has positive offset flow.
 */
export function flowShares(s: State, netuids: readonly number[], block: bigint): bigint[] {
  const emas = netuids.map((n) => updateEmaTaoFlow(s, n, block));
  const minFlow = emas.reduce((m, e) => (e < m ? e : m), 0n);
  const cutoff = st.TaoFlowCutoff.get(s).bits;
  const lower = cutoff > minFlow ? cutoff : minFlow;
  const offsets = emas.map((e) => {
    const z = I64F64.saturatingSub(e, lower);
    return z > 0n ? U64F64.from(I64F64, z) : 0n;
  });
  const total = offsets.reduce((a, z) => U64F64.saturatingAdd(a, z), 0n);
  return offsets.map((z) => U64F64.safeDiv(z, total));
}
