// set_weights through the executive: every check in the chain's order with its error name, the stored row
// (max-upscaled, submitted order), last-update and rate limit, commit-reveal refusal, max-upscale values.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { describeError } from "../../../frame/dispatch.ts";
import { MemoryState } from "../../../frame/state.ts";
import { pallets, systemEvents } from "../../../runtime/definition.ts";
import { Executive, type RuntimeCallValue } from "../../../runtime/executive.ts";
import { storage as st } from "../pallet.ts";
import { maxUpscaleToU16 } from "./setWeights.ts";

const NET = 2;
const hk = (i: number) => new Uint8Array(32).fill(i + 1);

function subnet(n = 3) {
  const s = new MemoryState();
  st.NetworksAdded.set(s, NET, true);
  st.SubnetworkN.set(s, NET, n);
  for (let uid = 0; uid < n; uid++) {
    st.Keys.set(s, NET, uid, hk(uid));
    st.Uids.set(s, NET, hk(uid), uid);
  }
  st.ValidatorPermit.set(s, NET, [true, false, false]);
  st.CommitRevealWeightsEnabled.set(s, NET, false);
  st.MinAllowedWeights.set(s, NET, 1);
  st.TotalHotkeyAlpha.set(s, hk(0), NET, 1_000_000n);
  const ex = new Executive();
  ex.initializeBlock(s, { number: 500, parentHash: new Uint8Array(32) });
  return { s, ex };
}

const call = (netuid: number, dests: number[], weights: number[], version_key = 0n): RuntimeCallValue => ({
  type: "SubtensorModule",
  value: { type: "set_weights", value: { netuid, dests, weights, version_key } },
});
const run = (ex: Executive, s: MemoryState, who: number, c: RuntimeCallValue) => {
  const e = ex.applyCall(s, 0, { kind: "signed", who: hk(who) }, c);
  return e ? describeError(e, pallets) : "ok";
};

describe("set_weights", () => {
  test("stores the max-upscaled row in submitted order and sets last update", () => {
    const { s, ex } = subnet();
    assert.equal(run(ex, s, 0, call(NET, [2, 1], [1, 2])), "ok");
    assert.deepEqual(st.Weights.get(s, NET, 0), [
      [2, 32768],
      [1, 65535],
    ]);
    assert.deepEqual(st.LastUpdate.get(s, NET), [500n, 0n, 0n]);
    const last = systemEvents.get(s).at(-2)!;
    assert.equal(last.event.value.type, "WeightsSet");
    assert.deepEqual(last.event.value.value, [NET, 0]);
  });

  test("each check fails with the chain's error, in the chain's order", () => {
    const { s, ex } = subnet();
    // Commit-reveal is on by default (finney's default), and set_weights checks it first.
    assert.equal(run(ex, s, 0, call(0, [1], [1])), "SubtensorModule.CommitRevealEnabled");
    st.CommitRevealWeightsEnabled.set(s, 0, false);
    assert.equal(run(ex, s, 0, call(0, [1], [1])), "SubtensorModule.CanNotSetRootNetworkWeights");
    assert.equal(run(ex, s, 0, call(NET, [1, 2], [1])), "SubtensorModule.WeightVecNotEqualSize");
    st.CommitRevealWeightsEnabled.set(s, 9, false);
    assert.equal(run(ex, s, 0, call(9, [1], [1])), "SubtensorModule.MechanismDoesNotExist");
    assert.equal(
      run(ex, s, 0, call(NET, [0, 1, 2, 0], [1, 1, 1, 1])),
      "SubtensorModule.UidsLengthExceedUidsInSubNet",
    );
    assert.equal(run(ex, s, 7, call(NET, [1], [1])), "SubtensorModule.HotKeyNotRegisteredInSubNet");
    st.StakeThreshold.set(s, 2_000_000n);
    assert.equal(run(ex, s, 0, call(NET, [1], [1])), "SubtensorModule.NotEnoughStakeToSetWeights");
    st.StakeThreshold.set(s, 0n);
    st.WeightsVersionKey.set(s, NET, 5n);
    assert.equal(run(ex, s, 0, call(NET, [1], [1], 4n)), "SubtensorModule.IncorrectWeightVersionKey");
    st.WeightsVersionKey.set(s, NET, 0n);
    assert.equal(run(ex, s, 1, call(NET, [2], [1])), "SubtensorModule.NeuronNoValidatorPermit");
    assert.equal(run(ex, s, 0, call(NET, [1, 1], [1, 1])), "SubtensorModule.DuplicateUids");
    st.MinAllowedWeights.set(s, NET, 2);
    assert.equal(run(ex, s, 0, call(NET, [1], [1])), "SubtensorModule.WeightVecLengthIsLow");
    st.MaxWeightsLimit.set(s, NET, 40000);
    assert.equal(run(ex, s, 0, call(NET, [1, 2], [65535, 1])), "SubtensorModule.MaxWeightExceeded");
    assert.equal(run(ex, s, 0, call(NET, [1, 2], [1, 1])), "ok");
    // Now the rate limit applies (100 blocks by default).
    assert.equal(run(ex, s, 0, call(NET, [1, 2], [1, 1])), "SubtensorModule.SettingWeightsTooFast");
    assert.deepEqual(st.Weights.get(s, NET, 1), []);
  });

  test("a single self-weight needs no permit; commit-reveal refuses set_weights", () => {
    const { s, ex } = subnet();
    st.MinAllowedWeights.set(s, NET, 3);
    assert.equal(run(ex, s, 1, call(NET, [1], [7])), "ok");
    assert.deepEqual(st.Weights.get(s, NET, 1), [[1, 65535]]);
    st.CommitRevealWeightsEnabled.set(s, NET, true);
    assert.equal(run(ex, s, 0, call(NET, [1], [1])), "SubtensorModule.CommitRevealEnabled");
  });
});

describe("max-upscale", () => {
  test("known values", () => {
    assert.deepEqual(maxUpscaleToU16([21845 * 2, 21845]), [65535, 32768]);
    assert.deepEqual(maxUpscaleToU16([0, 0]), [0, 0]);
    assert.deepEqual(maxUpscaleToU16([1, 2]), [32768, 65535]);
    assert.deepEqual(maxUpscaleToU16([65535, 0, 100]), [65535, 0, 100]);
  });
  test("property: the maximum becomes 65535 and order is preserved", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 1, maxLength: 40 }), (v) => {
        const out = maxUpscaleToU16(v);
        const max = Math.max(...v);
        if (max === 0) return out.every((x) => x === 0);
        return (
          out[v.indexOf(max)] === 65535 &&
          v.every((x, i) => v.every((y, j) => (x <= y ? out[i] <= out[j] : true)))
        );
      }),
    );
  });
});
