// The fast number path of the epoch against the BigInt reference path on random subnets: every output
// field and the whole trace must be identical; inputs outside the number path's bounds must fall back.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { EpochHyperparameters, EpochInputs, SparseU16Row } from "./types.ts";
import { encodeEpochOutput } from "./vectorFormat.ts";
import { epochMechanism } from "./yuma.ts";
import { numberStageApplies } from "./yumaNumber.ts";

const U64_MAX = (1n << 64n) - 1n;
const u16 = fc.oneof(fc.constant(0), fc.constant(65535), fc.integer({ min: 0, max: 65535 }));
const block = fc.oneof(fc.bigInt(0n, 40n), fc.bigInt(0n, 5000n));

/** Stored rows over columns [0, n + 2): sorted and unique as the chain keeps them, or messy. */
function storedRows(n: number): fc.Arbitrary<SparseU16Row[]> {
  const entry = fc.tuple(fc.integer({ min: 0, max: n + 1 }), u16);
  const row = fc
    .tuple(fc.array(entry, { maxLength: n + 3 }), fc.integer({ min: 0, max: 3 }))
    .map(([es, kind]) => {
      if (kind === 0) return es; // arbitrary order, repeats allowed
      const seen = new Set<number>();
      return es.filter(([j]) => !seen.has(j) && !!seen.add(j)).sort((a, b) => a[0] - b[0]);
    });
  return fc.array(row, { minLength: 0, maxLength: n + 1 });
}

const hyperparameters: fc.Arbitrary<EpochHyperparameters> = fc.record({
  kappa: u16,
  bondsPenalty: u16,
  bondsMovingAverage: fc.oneof(fc.constant(900_000n), fc.bigInt(0n, 1_000_000n)),
  yuma3Enabled: fc.boolean(),
  liquidAlphaEnabled: fc.boolean(),
  alphaLow: u16,
  alphaHigh: u16,
  alphaSigmoidSteepness: fc.oneof(fc.constant(1000), fc.integer({ min: -32768, max: 32767 })),
  maxAllowedValidators: fc.integer({ min: 0, max: 12 }),
  stakeThreshold: fc.oneof(fc.constant(0n), fc.bigInt(0n, 1_000_000n)),
  taoWeight: fc.oneof(fc.constant(971_718_665_099_567_868n), fc.bigInt(0n, U64_MAX)),
  activityCutoffFactorMilli: fc.integer({ min: 0, max: 20_000 }),
  commitRevealEnabled: fc.boolean(),
});

const subnet: fc.Arbitrary<EpochInputs> = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    currentBlock: fc.bigInt(0n, 6000n),
    tempo: fc.integer({ min: 0, max: 400 }),
    lastMechanismStepBlock: block,
    ownerUid: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: n })),
    hyperparameters,
    alphaStake: fc.array(fc.oneof(fc.constant(0n), fc.bigInt(0n, 10n ** 15n)), {
      minLength: n,
      maxLength: n,
    }),
    taoStake: fc.array(fc.oneof(fc.constant(0n), fc.bigInt(0n, 10n ** 14n)), { minLength: n, maxLength: n }),
    validatorPermit: fc.array(fc.boolean(), { minLength: 0, maxLength: n }),
    blockAtRegistration: fc.array(block, { minLength: n, maxLength: n }),
    raoEmission: fc.bigInt(0n, 10n ** 12n),
    lastUpdate: fc.array(block, { minLength: n, maxLength: n }),
    commitBlocks: fc.array(fc.oneof(fc.constant(null), block), { minLength: 0, maxLength: n }),
    weights: storedRows(n),
    bonds: storedRows(n),
  }),
);

function assertPathsAgree(inputs: EpochInputs): void {
  const fast = encodeEpochOutput(epochMechanism(inputs, "auto"));
  const reference = encodeEpochOutput(epochMechanism(inputs, "bigint"));
  assert.deepStrictEqual(fast, reference);
}

describe("epoch: number path equals the BigInt path", () => {
  test("random subnets (every variant, masks, messy rows, fallbacks), trace included", () => {
    fc.assert(
      fc.property(subnet, (inputs) => {
        assert.ok(numberStageApplies(inputs), "small chain-valid inputs take the number path");
        assertPathsAgree(inputs);
      }),
      { numRuns: 700 },
    );
  });

  test("chained epochs: each epoch's bonds and permits feed the next", () => {
    fc.assert(
      fc.property(
        subnet,
        fc.array(fc.integer({ min: 0, max: 2 ** 31 }), { minLength: 3, maxLength: 3 }),
        (s, seeds) => {
          let inputs = s;
          for (const seed of seeds) {
            const out = epochMechanism(inputs);
            assert.deepStrictEqual(
              encodeEpochOutput(out),
              encodeEpochOutput(epochMechanism(inputs, "bigint")),
            );
            // Perturb the weights a little so the bond EMA moves between epochs.
            const weights = inputs.weights.map((row) =>
              row.map(([j, w]) => [j, (w * 7 + seed) % 65536] as const),
            );
            inputs = { ...inputs, weights, bonds: out.bonds, validatorPermit: out.newValidatorPermit };
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("epoch: inputs outside the number path's bounds take the BigInt path", () => {
  const base: EpochInputs = {
    n: 3,
    currentBlock: 100n,
    tempo: 10,
    lastMechanismStepBlock: 0n,
    ownerUid: 0,
    hyperparameters: {
      kappa: 32767,
      bondsPenalty: 65535,
      bondsMovingAverage: 900_000n,
      yuma3Enabled: true,
      liquidAlphaEnabled: false,
      alphaLow: 45875,
      alphaHigh: 58982,
      alphaSigmoidSteepness: 1000,
      maxAllowedValidators: 3,
      stakeThreshold: 0n,
      taoWeight: 0n,
      activityCutoffFactorMilli: 13_889,
      commitRevealEnabled: false,
    },
    alphaStake: [10n ** 12n, 10n ** 12n, 10n ** 9n],
    taoStake: [0n, 0n, 0n],
    validatorPermit: [true, true, false],
    blockAtRegistration: [0n, 0n, 1n],
    raoEmission: 10n ** 9n,
    lastUpdate: [99n, 99n, 0n],
    commitBlocks: [],
    weights: [[[2, 65535]], [[2, 30000]], []],
    bonds: [[[2, 100]], [], []],
  };

  test("the base case takes the number path", () => {
    assert.ok(numberStageApplies(base));
    assertPathsAgree(base);
  });

  test("a weight row whose u16 sum reaches 2^31 (repeated entries)", () => {
    const row: Array<[number, number]> = Array.from({ length: 32_769 }, () => [1, 65535]);
    const inputs = { ...base, weights: [row, ...base.weights.slice(1)] };
    assert.equal(numberStageApplies(inputs), false);
    assertPathsAgree(inputs);
  });

  test("original Yuma with a bond column whose u16 sum reaches 2^31", () => {
    const row: Array<[number, number]> = Array.from({ length: 32_769 }, () => [2, 65535]);
    const hp = { ...base.hyperparameters, yuma3Enabled: false };
    const inputs = { ...base, hyperparameters: hp, bonds: [row, [], []] };
    assert.equal(numberStageApplies(inputs), false);
    assert.equal(numberStageApplies({ ...inputs, hyperparameters: base.hyperparameters }), true);
    assertPathsAgree(inputs);
  });

  test("a row longer than 2^16 entries, or a column with more", () => {
    const row: Array<[number, number]> = Array.from({ length: 65_537 }, () => [2, 0]);
    assert.equal(numberStageApplies({ ...base, bonds: [row, [], []] }), false);
    const half: Array<[number, number]> = Array.from({ length: 40_000 }, () => [2, 0]);
    assert.equal(numberStageApplies({ ...base, bonds: [half, half, []] }), false);
  });

  test("a bond EMA rate outside [0, 1]", () => {
    const hp = { ...base.hyperparameters, bondsMovingAverage: 1_000_001n };
    const inputs = { ...base, hyperparameters: hp };
    assert.equal(numberStageApplies(inputs), false);
    assertPathsAgree(inputs);
  });

  test("values that are not u16 integers", () => {
    assert.equal(numberStageApplies({ ...base, weights: [[[2, 65536]], [], []] }), false);
    assert.equal(numberStageApplies({ ...base, bonds: [[[2, 0.5]], [], []] }), false);
    assert.equal(numberStageApplies({ ...base, weights: [[[-1, 5]], [], []] }), false);
  });
});
