// The epoch run from storage: every shared vector's inputs are written into SubtensorModule storage, read
// back, run and persisted; storage must then hold exactly the vector's expected outputs.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { EpochInputs, MultiMechanismEpochInputs } from "../../../epoch/types.ts";
import { parseStepInputs } from "../../../epoch/vectorFormat.ts";
import { MemoryState } from "../../../frame/state.ts";
import { storage as st } from "../pallet.ts";
import { inheritedStakes, mechanismStorageIndex, readEpochInputs, runEpoch } from "./storage.ts";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "../../../../fixtures/yuma");
const NETUID = 3;
const hotkey = (uid: number) => {
  const k = new Uint8Array(32);
  k[0] = 0xaa;
  k[30] = uid >> 8;
  k[31] = uid & 0xff;
  return k;
};

function writeInputs(s: MemoryState, inp: MultiMechanismEpochInputs, currentEpoch: bigint): void {
  const { n, hyperparameters: hp } = inp;
  st.SubnetworkN.set(s, NETUID, n);
  for (let uid = 0; uid < n; uid++) {
    st.Keys.set(s, NETUID, uid, hotkey(uid));
    st.Uids.set(s, NETUID, hotkey(uid), uid);
    st.TotalHotkeyAlpha.set(s, hotkey(uid), NETUID, inp.alphaStake[uid]);
    st.TotalHotkeyAlpha.set(s, hotkey(uid), 0, inp.taoStake[uid]);
    st.BlockAtRegistration.set(s, NETUID, uid, inp.blockAtRegistration[uid]);
  }
  if (inp.ownerUid !== null) st.SubnetOwnerHotkey.set(s, NETUID, hotkey(inp.ownerUid));
  st.Tempo.set(s, NETUID, inp.tempo);
  st.LastMechansimStepBlock.set(s, NETUID, inp.lastMechanismStepBlock);
  st.Kappa.set(s, NETUID, hp.kappa);
  st.BondsPenalty.set(s, NETUID, hp.bondsPenalty);
  st.BondsMovingAverage.set(s, NETUID, hp.bondsMovingAverage);
  st.Yuma3On.set(s, NETUID, hp.yuma3Enabled);
  st.LiquidAlphaOn.set(s, NETUID, hp.liquidAlphaEnabled);
  st.AlphaValues.set(s, NETUID, [hp.alphaLow, hp.alphaHigh]);
  st.AlphaSigmoidSteepness.set(s, NETUID, hp.alphaSigmoidSteepness);
  st.MaxAllowedValidators.set(s, NETUID, hp.maxAllowedValidators);
  st.StakeThreshold.set(s, hp.stakeThreshold);
  st.TaoWeight.set(s, hp.taoWeight);
  st.ActivityCutoffFactorMilli.set(s, NETUID, hp.activityCutoffFactorMilli);
  st.CommitRevealWeightsEnabled.set(s, NETUID, hp.commitRevealEnabled);
  st.ValidatorPermit.set(s, NETUID, inp.validatorPermit);
  st.MechanismCountCurrent.set(s, NETUID, inp.mechanisms.length);
  if (inp.mechanismEmissionSplit) st.MechanismEmissionSplit.set(s, NETUID, inp.mechanismEmissionSplit);
  inp.mechanisms.forEach((m, mech) => {
    const idx = mechanismStorageIndex(NETUID, mech);
    st.LastUpdate.set(s, idx, m.lastUpdate);
    for (let uid = 0; uid < n; uid++) {
      st.Weights.set(s, idx, uid, m.weights[uid] as Array<[number, number]>);
      st.Bonds.set(s, idx, uid, m.bonds[uid] as Array<[number, number]>);
      const cb = m.commitBlocks[uid];
      // An expired commit first, then the live one: only the live one may count.
      if (cb !== null && cb !== undefined)
        st.WeightCommits.set(s, idx, hotkey(uid), [
          [new Uint8Array(32), currentEpoch - 10n, 1n, 0n],
          [new Uint8Array(32), currentEpoch, cb, 0n],
        ]);
    }
  });
}

interface ExpectedMech {
  incentive: number[];
  bonds: Array<Array<[number, number]>>;
}
interface ExpectedAggregate {
  emission: number[];
  dividends: number[];
  consensus: number[];
  validator_trust: number[];
  new_validator_permit: boolean[];
  stake_weight: number[];
  active: boolean[];
}
type ExpectedStep = ExpectedMech &
  ExpectedAggregate & { mechanisms?: ExpectedMech[]; aggregate?: ExpectedAggregate };

function asMulti(parsed: ReturnType<typeof parseStepInputs>): MultiMechanismEpochInputs {
  if (parsed.kind === "mechanisms") return parsed.inputs;
  const i: EpochInputs = parsed.inputs;
  return {
    ...i,
    mechanismEmissionSplit: null,
    mechanisms: [
      { lastUpdate: i.lastUpdate, commitBlocks: i.commitBlocks, weights: i.weights, bonds: i.bonds },
    ],
  };
}

describe("epoch from storage reproduces every vector step", () => {
  for (const file of readdirSync(fixtures).filter((f) => f.endsWith(".json"))) {
    test(file, () => {
      const vector = JSON.parse(readFileSync(join(fixtures, file), "utf8"));
      vector.steps.forEach((step: { inputs: unknown; expected: Record<string, unknown> }, k: number) => {
        const inp = asMulti(parseStepInputs(step.inputs, `steps[${k}].inputs`));
        const s = new MemoryState();
        const clock = { currentBlock: inp.currentBlock, currentEpoch: 100n };
        writeInputs(s, inp, clock.currentEpoch);
        const read = readEpochInputs(s, NETUID, inp.raoEmission, clock);
        assert.deepEqual(read.alphaStake, inp.alphaStake, `step ${k} alpha stake`);
        for (const [mech, m] of read.mechanisms.entries())
          assert.deepEqual(
            m.commitBlocks,
            inp.mechanisms[mech].commitBlocks.map((c) => c ?? null),
            `step ${k} commit blocks`,
          );
        runEpoch(s, NETUID, inp.raoEmission, clock);
        const e = step.expected as unknown as ExpectedStep;
        const mechs = e.mechanisms ?? [e];
        const agg = e.aggregate ?? e;
        mechs.forEach((m: ExpectedMech, mech: number) => {
          const idx = mechanismStorageIndex(NETUID, mech);
          assert.deepEqual(st.Incentive.get(s, idx), m.incentive, `step ${k} mech ${mech} Incentive`);
          for (let uid = 0; uid < inp.n; uid++)
            assert.deepEqual(st.Bonds.get(s, idx, uid), m.bonds[uid], `step ${k} Bonds[${uid}]`);
        });
        assert.deepEqual(st.Emission.get(s, NETUID), agg.emission.map(BigInt), `step ${k} Emission`);
        assert.deepEqual(st.Dividends.get(s, NETUID), agg.dividends, `step ${k} Dividends`);
        assert.deepEqual(st.Consensus.get(s, NETUID), agg.consensus, `step ${k} Consensus`);
        assert.deepEqual(st.ValidatorTrust.get(s, NETUID), agg.validator_trust, `step ${k} ValidatorTrust`);
        assert.deepEqual(
          st.ValidatorPermit.get(s, NETUID),
          agg.new_validator_permit,
          `step ${k} ValidatorPermit`,
        );
        assert.deepEqual(st.StakeWeight.get(s, NETUID), agg.stake_weight, `step ${k} StakeWeight`);
        assert.deepEqual(st.Active.get(s, NETUID), agg.active, `step ${k} Active`);
      });
    });
  }
});

test("child keys: a parent delegating half its stake keeps half, the child gains it", () => {
  const s = new MemoryState();
  const parent = hotkey(1);
  const child = hotkey(2);
  st.TotalHotkeyAlpha.set(s, parent, NETUID, 1000n);
  st.TotalHotkeyAlpha.set(s, child, NETUID, 10n);
  const half = (1n << 63n) - 1n + 1n; // 2^63: exactly one half of u64::MAX after the U96F32 division
  st.ChildKeys.set(s, parent, NETUID, [[half, child]]);
  st.ParentKeys.set(s, child, NETUID, [[half, parent]]);
  assert.equal(inheritedStakes(s, parent, NETUID).alpha, 500n);
  assert.equal(inheritedStakes(s, child, NETUID).alpha, 510n);
  // Root stake is inherited through the same subnet's relations.
  st.TotalHotkeyAlpha.set(s, parent, 0, 4000n);
  assert.deepEqual(inheritedStakes(s, child, NETUID), { alpha: 510n, tao: 2000n });
  assert.deepEqual(inheritedStakes(s, parent, NETUID), { alpha: 500n, tao: 2000n });
});
