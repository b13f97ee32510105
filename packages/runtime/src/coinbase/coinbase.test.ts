// Emission and coinbase properties beyond the vectors: halving thresholds, conservation of the block's
// credit and of minted alpha, the 18/41/41 split's dust bounds, and dividend conservation.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { I96F32, U64F64, U96F32 } from "@opentao/primitives";
import fc from "fast-check";
import { DEFAULT_QUOTE_WEIGHT_PARTS } from "../swap/balancer.ts";
import { type EmittingSubnet, emitToSubnets, rootProportion } from "./allocation.ts";
import { blockEmissionForIssuance, TOTAL_SUPPLY } from "./blockEmission.ts";
import {
  applyDelegateTake,
  calculateDividendDistribution,
  splitAlphaOut,
  u16RatioU96F32,
} from "./epochSplit.ts";
import { blocksSinceStartCall, DEFAULT_SUBNET_MOVING_ALPHA, updateMovingPrice } from "./movingPrice.ts";
import { parentChildDividends } from "./parentChild.ts";
import { emissionShares } from "./subnetEmissions.ts";

const TAO = 1_000_000_000n;
const U64_MAX = (1n << 64n) - 1n;

describe("block emission", () => {
  test("halvings land exactly on 21M·(1 − 2^−k)", () => {
    for (let k = 1; k <= 20; k++) {
      const threshold = TOTAL_SUPPLY - (TOTAL_SUPPLY >> BigInt(k));
      // 21e15 is divisible by 2^k only for k ≤ 15; above, the threshold is not an integer.
      const exact = TOTAL_SUPPLY % (1n << BigInt(k)) === 0n;
      const at = blockEmissionForIssuance(exact ? threshold : threshold + 1n);
      assert.equal(at.halvings, k, `k=${k}`);
      assert.equal(at.emission, ((TAO << 32n) >> BigInt(k)) >> 32n);
      assert.equal(blockEmissionForIssuance(threshold - 10n).halvings, k - 1, `just below k=${k}`);
    }
  });

  test("emission is 10^9 / 2^n and never increases with issuance", () => {
    fc.assert(
      fc.property(fc.bigInt(0n, TOTAL_SUPPLY + TAO), fc.bigInt(0n, TOTAL_SUPPLY), (a, d) => {
        const ea = blockEmissionForIssuance(a);
        const eb = blockEmissionForIssuance(a + d);
        assert.ok(eb.emission <= ea.emission);
        if (ea.halvings !== null) {
          assert.equal(ea.emission, (TAO << BigInt(32 - ea.halvings)) >> 32n);
          // n is the largest with a ≥ 21e15·(1 − 2^−n), away from the rounded-halving ulp.
          const n = BigInt(ea.halvings);
          assert.ok(a * (1n << n) + 8n * (1n << n) >= TOTAL_SUPPLY * ((1n << n) - 1n));
          assert.ok(a * (2n << n) < TOTAL_SUPPLY * ((2n << n) - 1n) + 8n * (2n << n));
        }
      }),
    );
  });
});

describe("moving price", () => {
  test("moves toward min(spot, 1) and never past it", () => {
    fc.assert(
      fc.property(
        fc.bigInt(0n, 4n << 32n),
        fc.bigInt(0n, 4n << 64n),
        fc.bigInt(1n, 2n << 32n),
        fc.bigInt(0n, 10_000_000n),
        (ema, spot, alpha, b) => {
          const next = updateMovingPrice(ema, spot, alpha > I96F32.one ? I96F32.one : alpha, 201_600n, b);
          const target = I96F32.from(U64F64, spot < U64F64.one ? spot : U64F64.one);
          const lo = ema < target ? ema : target;
          const hi = ema < target ? target : ema;
          assert.ok(next >= lo - 1n && next <= hi, `${ema} → ${next}, target ${target}`);
        },
      ),
    );
  });

  test("blocks since start_call count from the block before the first emission", () => {
    assert.equal(blocksSinceStartCall(100n, 91n), 10n);
    assert.equal(blocksSinceStartCall(100n, null), 100n);
    assert.equal(blocksSinceStartCall(5n, 10n), 0n);
    assert.equal(DEFAULT_SUBNET_MOVING_ALPHA, 12_885n);
  });
});

/** A subnet with the given pool and EMA price, emission on, nothing burned. */
function subnet(netuid: number, tao: bigint, alphaIn: bigint, alphaOut: bigint, ema: bigint): EmittingSubnet {
  return {
    netuid,
    subnetTao: tao,
    subnetAlphaIn: alphaIn,
    subnetAlphaOut: alphaOut,
    quoteWeightParts: DEFAULT_QUOTE_WEIGHT_PARTS,
    palSwapInitialized: true,
    subnetProtocolAlpha: 0n,
    movingPrice: ema,
    minerBurned: 0n,
    emissionEnabled: true,
    ownerCutEnabled: true,
  };
}

const subnetArb = (netuid: number) =>
  fc
    .record({
      tao: fc.bigInt(1000n * TAO, 10_000_000n * TAO),
      alphaIn: fc.bigInt(1000n * TAO, 10_000_000n * TAO),
      alphaOut: fc.bigInt(0n, 10_000_000n * TAO),
      ema: fc.bigInt(0n, 2n << 32n),
      burned: fc.bigInt(0n, 1n << 32n),
      enabled: fc.boolean(),
    })
    .map((r) => ({
      ...subnet(netuid, r.tao, r.alphaIn, r.alphaOut, r.ema),
      minerBurned: r.burned,
      emissionEnabled: r.enabled,
    }));

describe("emit phase", () => {
  const inputsArb = fc.record({
    blockEmission: fc.constantFrom(TAO, TAO / 2n, TAO / 4n),
    rootSubnetTao: fc.bigInt(0n, 10_000_000n * TAO),
    taoWeight: fc.bigInt(0n, U64_MAX),
    subnetOwnerCut: fc.integer({ min: 0, max: 65535 }),
    subnets: fc.tuple(subnetArb(1), subnetArb(2), subnetArb(3)),
  });

  test("the credit is spent into pools or recycled, never more; minted alpha is accounted for", () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const r = emitToSubnets(inputs);
        const spent = r.subnets.reduce((n, s) => n + s.creditSpent, 0n);
        assert.equal(spent + r.unspentCredit, inputs.blockEmission);
        for (const [k, s] of r.subnets.entries()) {
          const before = inputs.subnets[k]!;
          const issuanceBefore = before.subnetAlphaIn + before.subnetAlphaOut;
          const issuanceAfter = s.after.subnetAlphaIn + s.after.subnetAlphaOut;
          assert.equal(
            issuanceAfter - issuanceBefore,
            s.injectedAlpha + s.split.alphaCreated - s.split.rootAlphaRecycled,
          );
          assert.equal(s.after.subnetProtocolAlpha, s.alphaBoughtByChain);
          assert.equal(s.after.subnetTao - before.subnetTao, s.injectedTao + s.excessTaoEnteredPool);
          // Only a chain buy that failed (1 RAO buying no alpha) or hit its limit strands credit.
          assert.ok(s.injectedTao + s.excessTaoEnteredPool <= s.creditSpent);
          assert.ok(s.totalStakeIncrease <= s.creditSpent);
          // Injection never exceeds the root-proportion cap (plus one RAO of flooring).
          const cap = U96F32.toU64(U96F32.saturatingMul(s.terms.rootProportion, s.terms.alphaOut));
          assert.ok(s.injectedAlpha <= cap + 1n);
        }
      }),
      { numRuns: 40 },
    );
  });

  test("shares sum to 1 (to rounding) and disabled subnets get no TAO", () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const shares = emissionShares(inputs.subnets);
        const total = shares.reduce((a, b) => a + b, 0n);
        if (total > 0n) assert.ok(total <= U64F64.one && total >= U64F64.one - 4n, `Σ shares = ${total}`);
        const r = emitToSubnets(inputs);
        for (const s of r.subnets) {
          const enabled = inputs.subnets.find((x) => x.netuid === s.netuid)!.emissionEnabled;
          if (!enabled) assert.equal(s.terms.taoEmission, 0n);
        }
      }),
      { numRuns: 30 },
    );
  });

  test("a chain buy too small to buy alpha fails; its RAO stays in the subnet account, outside SubnetTAO", () => {
    // EMA prices 2^-32 and ~0.116: subnet 1's TAO share is 1.99 RAO, all excess (no root stake, no
    // injection); 1 RAO at a price just above 1 buys 0.999… alpha-RAO, which floors to nothing.
    const a = subnet(1, 1000n * TAO + 1_000_001n, 1000n * TAO, 0n, 1n);
    const b = subnet(2, 1000n * TAO, 1000n * TAO, 0n, 499_999_999n);
    const r = emitToSubnets({
      blockEmission: TAO,
      rootSubnetTao: 0n,
      taoWeight: 0n,
      subnetOwnerCut: 0,
      subnets: [a, b],
    });
    const s = r.subnets[0]!;
    assert.equal(U96F32.toU64(s.terms.excessTao), 1n);
    assert.equal(s.creditSpent, 1n);
    assert.equal(s.excessTaoEnteredPool, 0n);
    assert.equal(s.alphaBoughtByChain, 0n);
    assert.equal(s.after.subnetTao, a.subnetTao);
  });

  test("a never-swapped pool's weight is reset to 0.5 by the chain buy", () => {
    const young = {
      ...subnet(1, 1000n * TAO, 1000n * TAO, 10_000_000n * TAO, 1n << 32n),
      palSwapInitialized: false,
    };
    const r = emitToSubnets({
      blockEmission: TAO,
      rootSubnetTao: 0n,
      taoWeight: 0n,
      subnetOwnerCut: 11_796,
      subnets: [young],
    });
    const s = r.subnets[0]!;
    assert.ok(s.alphaBoughtByChain > 0n);
    assert.equal(s.after.quoteWeightParts, DEFAULT_QUOTE_WEIGHT_PARTS);
    assert.equal(s.after.palSwapInitialized, true);
  });

  test("root proportion is τ·root / (τ·root + issuance), 0 with nothing staked", () => {
    const half = U96F32.fromF64(0.5);
    assert.equal(rootProportion(100n, U96F32.one, 100n), half);
    assert.equal(rootProportion(0n, U96F32.one, 0n), 0n);
  });
});

describe("alpha_out split and dividends", () => {
  test("the four pending amounts (and the recycled root alpha) miss the minted alpha by at most 4 RAO", () => {
    fc.assert(
      fc.property(
        fc.bigInt(0n, 10n * TAO),
        fc.integer({ min: 0, max: 65535 }),
        fc.boolean(),
        fc.bigInt(0n, 1n << 32n),
        fc.boolean(),
        (alpha, cut, enabled, rp, rootSell) => {
          const s = splitAlphaOut(U96F32.fromInt(alpha), u16RatioU96F32(cut), enabled, rp, rootSell);
          assert.equal(s.alphaCreated, alpha);
          const sum =
            s.pendingOwnerCut +
            s.pendingServer +
            s.pendingValidator +
            s.pendingRootAlpha +
            s.rootAlphaRecycled;
          assert.ok(sum <= alpha && alpha - sum <= 4n, `${alpha} vs ${sum}`);
          assert.ok(rootSell ? s.rootAlphaRecycled === 0n : s.pendingRootAlpha === 0n);
          if (!enabled) assert.equal(s.pendingOwnerCut, 0n);
        },
      ),
    );
  });

  test("dividend distribution pays out the pending amounts pro rata, never more", () => {
    const hk = fc.record({
      alpha: fc.bigInt(0n, 1n << 50n),
      root: fc.bigInt(0n, 1n << 50n),
      div: fc.bigInt(1n, 1n << 40n),
    });
    fc.assert(
      fc.property(
        fc.array(hk, { minLength: 1, maxLength: 6 }),
        fc.bigInt(0n, 1n << 45n),
        fc.bigInt(0n, 1n << 45n),
        (hks, pv, pr) => {
          const stakes = new Map(hks.map((h, i) => [i, { alpha: h.alpha, root: h.root }]));
          const divs = new Map(hks.map((h, i) => [i, U96F32.fromInt(h.div)]));
          const tau = U96F32.fromF64(0.18);
          const r = calculateDividendDistribution(pv, pr, tau, stakes, divs);
          const sumA = [...r.alphaDividends.values()].reduce((a, b) => a + b, 0n);
          const sumR = [...r.rootAlphaDividends.values()].reduce((a, b) => a + b, 0n);
          assert.ok(sumA <= U96F32.fromInt(pv) && sumR <= U96F32.fromInt(pr));
          // With any local (alpha) dividend all of the pending alpha goes out, bar each share's truncation
          // (< 2^-32 of pv, i.e. < pv + 1 raw bits, per hotkey).
          const n = BigInt(hks.length);
          if (sumA > 0n) assert.ok(U96F32.fromInt(pv) - sumA <= n * (pv + 1n));
          if (sumR > 0n) assert.ok(U96F32.fromInt(pr) - sumR <= n * (pr + 1n));
        },
      ),
      { numRuns: 60 },
    );
  });

  test("delegate take: take + rest equals the dividend up to two floors", () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 1n << 90n), fc.integer({ min: 0, max: 65535 }), (bits, take) => {
        const t = applyDelegateTake(bits, take);
        const whole = U96F32.toU64(bits);
        assert.ok(
          t.takeToOwner + t.toAllNominators <= whole && whole - (t.takeToOwner + t.toAllNominators) <= 1n,
        );
      }),
    );
  });

  test("parent/child split conserves the dividend (less floors) and charges take only across coldkeys", () => {
    const parent = fc.record({
      proportion: fc.bigInt(0n, U64_MAX),
      alpha: fc.bigInt(0n, 1n << 50n),
      root: fc.bigInt(0n, 1n << 50n),
      same: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.bigInt(0n, 1n << 40n),
        fc.bigInt(0n, 1n << 50n),
        fc.array(parent, { maxLength: 4 }),
        fc.integer({ min: 0, max: 11_796 }),
        // Take ≤ 18%, so burn + take ≤ 1 for CKBurn ≤ 0.8 (see the next test for what happens beyond).
        fc.bigInt(0n, (U64_MAX / 10n) * 8n),
        (dividend, childAlpha, ps, take, ckBurn) => {
          const parents = ps.map((p, i) => ({ key: i, ...p, sameColdkeyAsChild: p.same }));
          const r = parentChildDividends(
            dividend,
            { alpha: childAlpha, root: 0n, childrenProportions: [] },
            parents,
            take,
            ckBurn,
            971_718_665_099_567_868n,
          );
          const paid = r.toParents.reduce((n, p) => n + p.amount, 0n) + r.toChild + r.burned;
          assert.ok(paid <= dividend, `${paid} > ${dividend}`);
          assert.ok(dividend - paid <= BigInt(2 * parents.length + 1));
          if (parents.every((p) => p.sameColdkeyAsChild)) assert.equal(r.burned, 0n);
        },
      ),
    );
  });

  test("chain quirk kept: with CKBurn + take above 1 the child still collects its full take", () => {
    // The parent's share is floored at 0 by saturating subtraction, but burn and take are both charged
    // on the full share: 100% burn and 10% take pay out 110% of the parent's part.
    const r = parentChildDividends(
      1000n,
      { alpha: 0n, root: 0n, childrenProportions: [] },
      [{ key: "p", proportion: U64_MAX, alpha: 1000n, root: 0n, sameColdkeyAsChild: false }],
      6554,
      U64_MAX,
      0n,
    );
    assert.equal(r.toParents[0]!.amount, 0n);
    assert.equal(r.burned, 1000n);
    assert.equal(r.toChild, 100n);
  });
});
