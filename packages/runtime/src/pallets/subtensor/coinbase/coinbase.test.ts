// The coinbase over storage, block by block on a hand-built network (root + 2 subnets): exact issuance and
// injection per block, the pending split, the tempo-boundary distribution, root claims, and conservation.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { safeFloatFromU64 } from "@opentao/primitives";
import fc from "fast-check";
import { describeError } from "../../../frame/dispatch.ts";
import type { MemoryState } from "../../../frame/state.ts";
import { pallets, systemEvents } from "../../../runtime/definition.ts";
import type { Executive, RuntimeCallValue } from "../../../runtime/executive.ts";
import { storage as balances } from "../../balances/pallet.ts";
import { freeBalance } from "../../system/account.ts";
import { addStakeAdjustRootClaimed, removeStakeAdjustRootClaimed, rootOwed } from "../root/claim.ts";
import { storage as st } from "../storage.ts";
import { buildNetwork, coldkey, hotkey, priceBits, produceBlock, type SubnetSpec, TAO } from "./fixture.ts";
import { stakeForHotkeyAndColdkeyOnSubnet } from "./stake.ts";
import { subnetAccountId } from "./tao.ts";

// Fixed-point by hand (32 fractional bits, floor): the spec's formulas, independent of the primitives.
const F = 32n;
const ONE = 1n << F;
const fromInt = (x: bigint) => x << F;
const mul = (a: bigint, b: bigint) => (a * b) >> F;
const div = (a: bigint, b: bigint) => (b === 0n ? 0n : (a << F) / b);
const toU64 = (a: bigint) => a >> F;
const ratio16 = (v: bigint) => div(fromInt(v), fromInt(65_535n));
const OWNER_CUT = 11_796n;

const baseSubnet = (netuid: number, over: Partial<SubnetSpec> = {}): SubnetSpec => ({
  netuid,
  n: 6,
  validators: 2,
  tempo: 1000,
  taoReserve: 100n * TAO,
  alphaReserve: 100n * TAO,
  movingPrice: priceBits(3n, 4n),
  emitting: true,
  rootStake: (v) => (v === 2 ? 50_000n * TAO : 0n),
  ...over,
});

const call = (name: string, value: unknown): RuntimeCallValue => ({
  type: "SubtensorModule",
  value: { type: name, value },
});
const run = (
  ex: Executive,
  s: MemoryState,
  origin: Parameters<Executive["applyCall"]>[2],
  c: RuntimeCallValue,
) => {
  const e = ex.applyCall(s, 0, origin, c);
  return e ? describeError(e, pallets) : "ok";
};

describe("emission blocks", () => {
  test("issuance grows by the block emission; injection, alpha_out and the pending split are exact", () => {
    const { s, ex } = buildNetwork({ subnets: [baseSubnet(1), baseSubnet(2)] });
    const rootTao = st.SubnetTAO.get(s, 0);
    assert.equal(rootTao, 100_000n * TAO);
    for (let block = 1; block <= 3; block++) {
      const ti = st.TotalIssuance.get(s);
      const bti = balances.TotalIssuance.get(s);
      const before = [1, 2].map((n) => ({
        tao: st.SubnetTAO.get(s, n),
        alphaIn: st.SubnetAlphaIn.get(s, n),
        alphaOut: st.SubnetAlphaOut.get(s, n),
        account: freeBalance(s, subnetAccountId(n)),
        server: st.PendingServerEmission.get(s, n),
        validator: st.PendingValidatorEmission.get(s, n),
        root: st.PendingRootAlphaDivs.get(s, n),
        owner: st.PendingOwnerCut.get(s, n),
      }));
      produceBlock(s, ex, block);
      // 1 TAO minted and all of it spent: equal EMA prices give each subnet exactly half.
      assert.equal(st.TotalIssuance.get(s) - ti, TAO, `block ${block}`);
      assert.equal(balances.TotalIssuance.get(s) - bti, TAO);
      assert.equal(st.BlockEmission.get(s), TAO);
      [1, 2].forEach((n, i) => {
        const b = before[i]!;
        // Spot price 1 (equal reserves, weight 0.5): tao_in = alpha_in = 0.5 TAO, under the root cap.
        assert.equal(st.SubnetTaoInEmission.get(s, n), TAO / 2n);
        assert.equal(st.SubnetAlphaInEmission.get(s, n), TAO / 2n);
        assert.equal(st.SubnetExcessTao.get(s, n), 0n);
        assert.equal(st.SubnetTAO.get(s, n) - b.tao, TAO / 2n);
        assert.equal(st.SubnetAlphaIn.get(s, n) - b.alphaIn, TAO / 2n);
        assert.equal(freeBalance(s, subnetAccountId(n)) - b.account, TAO / 2n);
        // alpha_out: 1 alpha (issuance far below the first halving), all minted into SubnetAlphaOut.
        assert.equal(st.SubnetAlphaOutEmission.get(s, n), TAO);
        assert.equal(st.SubnetAlphaOut.get(s, n) - b.alphaOut, TAO);
        // The split, by §4.7 steps 9–13 with τ = 1 and root selling on (Σ EMA = 1.5 > 1).
        const alphaOut = fromInt(TAO);
        const cut = mul(alphaOut, ratio16(OWNER_CUT));
        const rest = alphaOut - cut;
        const issuance = b.alphaIn + TAO / 2n + b.alphaOut + TAO;
        const rp = div(fromInt(rootTao), fromInt(rootTao + issuance));
        const rootAlpha = mul(mul(rp, rest), ONE / 2n);
        const server = mul(rest, ONE / 2n);
        const validator = rest - server - rootAlpha;
        assert.equal(st.PendingOwnerCut.get(s, n) - b.owner, toU64(cut));
        assert.equal(st.PendingServerEmission.get(s, n) - b.server, toU64(server));
        assert.equal(st.PendingValidatorEmission.get(s, n) - b.validator, toU64(validator));
        assert.equal(st.PendingRootAlphaDivs.get(s, n) - b.root, toU64(rootAlpha));
        assert.equal(st.RootProp.get(s, n).bits, div(fromInt(rootTao), fromInt(rootTao + issuance)));
      });
    }
    // The EMA is updated after use (it moves by α·(1 − 0.75) with α = 3e-6·b/(b + 201,600): below an ulp here).
    assert.equal(st.SubnetMovingPrice.get(s, 1).bits, priceBits(3n, 4n));
  });

  test("the root cap turns TAO into excess and a chain buy of protocol alpha", () => {
    const { s, ex } = buildNetwork({
      subnets: [baseSubnet(1, { rootStake: () => 0n }), baseSubnet(2, { rootStake: () => 0n })],
    });
    const ti = st.TotalIssuance.get(s);
    produceBlock(s, ex, 1);
    for (const n of [1, 2]) {
      // No root stake: root proportion 0, nothing injected, all 0.5 TAO buys alpha for the protocol.
      assert.equal(st.SubnetTaoInEmission.get(s, n), 0n);
      assert.equal(st.SubnetAlphaInEmission.get(s, n), 0n);
      assert.equal(st.SubnetExcessTao.get(s, n), TAO / 2n);
      assert.equal(st.SubnetTAO.get(s, n), 100n * TAO + TAO / 2n);
      const bought = st.SubnetProtocolAlpha.get(s, n);
      assert.ok(bought > 0n && bought < TAO / 2n, `bought ${bought}`);
      assert.equal(st.SubnetAlphaIn.get(s, n), 100n * TAO - bought);
      assert.equal(st.PendingRootAlphaDivs.get(s, n), 0n);
      assert.equal(st.SubnetVolume.get(s, n), TAO / 2n);
    }
    assert.equal(st.TotalIssuance.get(s) - ti, TAO);
  });

  test("a subnet with emission disabled still mints alpha_out but its TAO goes to the others", () => {
    const { s, ex } = buildNetwork({ subnets: [baseSubnet(1), baseSubnet(2)] });
    st.SubnetEmissionEnabled.set(s, 2, false);
    produceBlock(s, ex, 1);
    assert.equal(st.SubnetTaoInEmission.get(s, 2), 0n);
    assert.equal(st.SubnetAlphaOutEmission.get(s, 2), TAO);
    // All of the block's TAO goes to subnet 1, as injection plus excess (each floored to RAO).
    const got = st.SubnetTaoInEmission.get(s, 1) + st.SubnetExcessTao.get(s, 1);
    assert.ok(got <= TAO && got >= TAO - 2n, `subnet 1 got ${got}`);
  });

  test("the launch rule ignores MinerBurned; the price rule does not", () => {
    const mk = (rule: "price" | "launch") => {
      const net = buildNetwork({
        subnets: [baseSubnet(1), baseSubnet(2)],
        config: { allowLoopback: false, emissionRule: rule },
      });
      st.MinerBurned.set(net.s, 2, { bits: ONE / 2n });
      produceBlock(net.s, net.ex, 1);
      return [1, 2].map((n) => st.SubnetTaoInEmission.get(net.s, n) + st.SubnetExcessTao.get(net.s, n));
    };
    assert.deepEqual(mk("launch"), [TAO / 2n, TAO / 2n]);
    const price = mk("price");
    // Weights 0.5 and 0.25 renormalised: 2/3 and 1/3 of the block (U64F64 floors cost at most a few RAO).
    assert.ok(price[0]! > price[1]! * 2n - 10n && price[0]! < price[1]! * 2n + 10n, `shares ${price}`);
  });
});

describe("flow rule (spec 393)", () => {
  test("shares follow the EMA of net TAO flow; the block's flow is folded in and dropped", () => {
    const { s, ex } = buildNetwork({
      subnets: [baseSubnet(1), baseSubnet(2)],
      config: { allowLoopback: false, emissionRule: "flow" },
    });
    st.SubnetTaoFlow.set(s, 1, 1000n * TAO);
    st.SubnetTaoFlow.set(s, 2, -5n * TAO);
    produceBlock(s, ex, 1);
    // ema = α·flow with α = FlowEmaSmoothingFactor / i64::MAX (I64F64, floored).
    const alpha = (29_597_889_189_277n << 64n) / ((1n << 63n) - 1n);
    const ema1 = (alpha * ((1000n * TAO) << 64n)) >> 64n;
    assert.deepEqual(st.SubnetEmaTaoFlow.get(s, 1), [1n, { bits: ema1 }]);
    assert.equal(st.SubnetTaoFlow.get(s, 1), 0n);
    // L = max(TaoFlowCutoff = 0, min ema) = 0: subnet 2 (negative EMA) gets nothing, subnet 1 everything.
    const got = [1, 2].map((n) => st.SubnetTaoInEmission.get(s, n) + st.SubnetExcessTao.get(s, n));
    assert.ok(got[1] === 0n && got[0]! >= TAO - 2n, `shares ${got}`);
  });
});

describe("tempo boundary", () => {
  test("the epoch drains the pending counters and pays owner, miners, validators and root exactly", () => {
    // Subnet 2 gets no emission; its pending counters are set by hand so the split can be checked exactly.
    const { s, ex } = buildNetwork({
      subnets: [baseSubnet(1, { tempo: 5 }), baseSubnet(2, { tempo: 5, emitting: false, ownerMines: true })],
    });
    const [S, V, R, O] = [41n * TAO, 30n * TAO, 11n * TAO, 18n * TAO];
    st.PendingServerEmission.set(s, 2, S);
    st.PendingValidatorEmission.set(s, 2, V);
    st.PendingRootAlphaDivs.set(s, 2, R);
    st.PendingOwnerCut.set(s, 2, O);
    const stake = (n: number, uid: number, ck = coldkey(n, uid)) =>
      stakeForHotkeyAndColdkeyOnSubnet(s, hotkey(n, uid), ck, n);
    const before = Array.from({ length: 6 }, (_, uid) => st.TotalHotkeyAlpha.get(s, hotkey(2, uid), 2));
    const alphaOutBefore = st.SubnetAlphaOut.get(s, 2);
    for (let b = 1; b <= 4; b++) produceBlock(s, ex, b);
    assert.equal(st.Emission.get(s, 2).length, 0, "no epoch before the tempo");
    assert.equal(st.BlocksSinceLastStep.get(s, 2), 4n);
    produceBlock(s, ex, 5);
    for (const n of [1, 2]) {
      assert.equal(st.LastEpochBlock.get(s, n), 5n);
      assert.equal(st.LastMechansimStepBlock.get(s, n), 5n);
      assert.equal(st.SubnetEpochIndex.get(s, n), 1n);
      assert.equal(st.BlocksSinceLastStep.get(s, n), 0n);
      assert.equal(st.PendingServerEmission.get(s, n), 0n);
      assert.equal(st.PendingOwnerCut.get(s, n), 0n);
    }
    const emission = st.Emission.get(s, 2);
    const incentive = st.Incentive.get(s, 2);
    const dividends = st.Dividends.get(s, 2);
    assert.equal(emission.length, 6);
    assert.ok(incentive[3]! > 0 && incentive[0]! > 0, "miners and the owner's hotkey earn incentive");
    assert.ok(dividends[1]! > 0 && dividends[2]! > 0, "both validators earn dividends");
    assert.equal(
      emission.reduce((a, b) => a + b, 0n) <= S + V + R,
      true,
      "Yuma hands out at most the drained alpha",
    );

    // Owner cut to (owner hotkey, owner coldkey); the owner hotkey's incentive is withheld (burned).
    assert.equal(stake(2, 0), O);
    const incentives = [0, 3, 4, 5].map((uid) => emission[uid]!);
    const totalIncentive = incentives.reduce((a, b) => a + b, 0n);
    assert.equal(st.MinerBurned.get(s, 2).bits, div(fromInt(emission[0]!), fromInt(totalIncentive)));
    // Miners: their incentive, staked to (hotkey, its owner).
    for (const uid of [3, 4, 5]) assert.equal(stake(2, uid), emission[uid]!, `miner ${uid}`);

    // Validators (no parents; v1 alpha only, v2 also root): local/root split, then the 18 % take.
    const a = [1, 2].map((uid) => before[uid]!);
    const t = [0n, 50_000n * TAO];
    const d = [1, 2].map((uid) => fromInt(emission[uid]!));
    const rootDiv = d.map((di, i) => mul(di, div(fromInt(t[i]!), fromInt(a[i]!) + fromInt(t[i]!))));
    const alphaDiv = d.map((di, i) => di - rootDiv[i]!);
    const sumAlpha = alphaDiv[0]! + alphaDiv[1]!;
    const sumRoot = rootDiv[0]! + rootDiv[1]!;
    const alphaPay = alphaDiv.map((x) => mul(fromInt(V), div(x, sumAlpha)));
    const rootPay = rootDiv.map((x) => mul(fromInt(R), div(x, sumRoot)));
    const take = ratio16(11_796n);
    for (const i of [0, 1]) {
      const uid = i + 1;
      const aTake = mul(take, alphaPay[i]!);
      const rTake = mul(take, rootPay[i]!);
      const nominators = toU64(alphaPay[i]! - aTake);
      assert.equal(st.AlphaDividendsPerSubnet.get(s, 2, hotkey(2, uid)), nominators);
      assert.equal(st.RootAlphaDividendsPerSubnet.get(s, 2, hotkey(2, uid)), toU64(rootPay[i]! - rTake));
      assert.equal(
        st.TotalHotkeyAlpha.get(s, hotkey(2, uid), 2) - before[uid]!,
        toU64(aTake) + nominators + toU64(rTake),
        `validator ${uid} pool`,
      );
      // Snapshot taken after the alpha dividends, before the root take lands.
      assert.equal(
        st.TotalHotkeyAlphaLastEpoch.get(s, hotkey(2, uid), 2),
        before[uid]! + toU64(aTake) + nominators,
      );
    }
    // Root alpha becomes a claimable rate per unit of root stake.
    const rate = st.RootClaimable.get(s, hotkey(2, 2)).find(([n]) => n === 2)?.[1].bits;
    assert.equal(rate, div(fromInt(toU64(rootPay[1]! - mul(take, rootPay[1]!))), fromInt(t[1]!)));
    // Validator 1 has no root stake: the chain still records a zero rate (0/0 → 0) for it.
    assert.deepEqual(st.RootClaimable.get(s, hotkey(2, 1)), [[2, { bits: 0n }]]);
    // No alpha was created or recycled on subnet 2 (no emission, burn keeps issuance, no CK burn).
    assert.equal(st.SubnetAlphaOut.get(s, 2), alphaOutBefore);
    // The miners' incentive event of the epoch.
    const ev = systemEvents
      .get(s)
      .map((e) => e.event)
      .filter((e) => e.type === "SubtensorModule" && e.value.type === "IncentiveAlphaEmittedToMiners");
    assert.equal(ev.length, 2);
  });

  test("positions still held in the legacy share maps are migrated by the payout, to the same stake", () => {
    const run = (legacy: boolean) => {
      const { s, ex } = buildNetwork({ subnets: [baseSubnet(1, { tempo: 5 })] });
      const [hk, ck] = [hotkey(1, 1), coldkey(1, 1)];
      if (legacy) {
        // The validator is its pool's only staker: shares = denominator = its alpha, as U64F64 in F393's maps.
        const alpha = st.TotalHotkeyAlpha.get(s, hk, 1);
        assert.deepEqual(st.AlphaV2.get(s, hk, ck, 1), safeFloatFromU64(alpha));
        assert.deepEqual(st.TotalHotkeySharesV2.get(s, hk, 1), safeFloatFromU64(alpha));
        st.Alpha.set(s, hk, ck, 1, { bits: alpha << 64n });
        st.TotalHotkeyShares.set(s, hk, 1, { bits: alpha << 64n });
        st.AlphaV2.remove(s, hk, ck, 1);
        st.TotalHotkeySharesV2.remove(s, hk, 1);
      }
      for (let b = 1; b <= 5; b++) produceBlock(s, ex, b);
      assert.equal(st.Alpha.tryGet(s, hk, ck, 1), undefined);
      assert.equal(st.TotalHotkeyShares.tryGet(s, hk, 1), undefined);
      return [
        stakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, 1),
        st.AlphaV2.get(s, hk, ck, 1),
        st.TotalHotkeyAlpha.get(s, hk, 1),
      ];
    };
    const migrated = run(true);
    assert.ok((migrated[0] as bigint) > 0n);
    assert.deepEqual(migrated, run(false));
  });

  test("a child's dividend is shared with its parent, minus childkey take and a recycled CK burn", () => {
    const { s, ex } = buildNetwork({
      subnets: [baseSubnet(1, { tempo: 5 }), baseSubnet(2, { tempo: 5, emitting: false })],
    });
    const U64 = (1n << 64n) - 1n;
    const [hk1, hk2] = [hotkey(2, 1), hotkey(2, 2)];
    const P = U64 / 2n;
    const CK = U64 / 10n;
    st.ChildKeys.set(s, hk1, 2, [[P, hk2]]);
    st.ParentKeys.set(s, hk2, 2, [[P, hk1]]);
    st.ChildkeyTake.set(s, hk2, 2, 6_553);
    st.CKBurn.set(s, CK);
    st.PendingServerEmission.set(s, 2, 41n * TAO);
    st.PendingValidatorEmission.set(s, 2, 30n * TAO);
    const a1 = st.TotalHotkeyAlpha.get(s, hk1, 2);
    const a2 = st.TotalHotkeyAlpha.get(s, hk2, 2);
    const root2 = st.TotalHotkeyAlpha.get(s, hk2, 0);
    const alphaOut = st.SubnetAlphaOut.get(s, 2);
    for (let b = 1; b <= 5; b++) produceBlock(s, ex, b);
    const d2 = fromInt(st.Emission.get(s, 2)[2]!);
    assert.ok(d2 > 0n, "the child validates");
    // §5.4 A by hand (τ = 1): the parent's contribution is half its alpha; the child's is all of its own.
    const pi = div(fromInt(P), fromInt(U64));
    const self = toU64(fromInt(a2) + fromInt(root2));
    const c = mul(fromInt(a1), pi);
    const e = mul(d2, div(c, fromInt(self) + c));
    const burn = mul(div(fromInt(CK), fromInt(U64)), e);
    assert.ok(toU64(burn) > 0n, "some alpha is burned");
    // The CK burn is recycled: alpha outstanding falls by exactly it (nothing else is minted or recycled here).
    assert.equal(alphaOut - st.SubnetAlphaOut.get(s, 2), toU64(burn));
    // The parent now earns validator dividends through its child as well as its own.
    assert.ok(st.AlphaDividendsPerSubnet.get(s, 2, hk1) > 0n, "the parent is paid");
  });

  test("matured pending child keys apply after the subnet's epoch, keeping ParentKeys in sync", () => {
    const { s, ex } = buildNetwork({ subnets: [baseSubnet(1, { tempo: 5 }), baseSubnet(2, { tempo: 50 })] });
    const [a, b, c, d, e] = [1, 2, 3, 4, 5].map((uid) => hotkey(1, uid));
    const half = (1n << 63n) - 1n;
    st.PendingChildKeys.set(s, 1, a!, [
      [
        [half, c!],
        [half, d!],
      ],
      2n,
    ]);
    st.PendingChildKeys.set(s, 1, b!, [[[half, c!]], 100n]);
    // d is already e's parent: making d also e's child is refused, and the schedule is dropped silently.
    st.ParentKeys.set(s, e!, 1, [[half, d!]]);
    st.PendingChildKeys.set(s, 1, e!, [[[half, d!]], 2n]);
    for (let blk = 1; blk <= 4; blk++) produceBlock(s, ex, blk);
    assert.deepEqual(st.ChildKeys.get(s, a!, 1), [], "nothing before the epoch");
    produceBlock(s, ex, 5);
    const sorted = [c!, d!].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    assert.deepEqual(
      st.ChildKeys.get(s, a!, 1),
      sorted.map((k) => [half, k]),
    );
    assert.deepEqual(st.ParentKeys.get(s, c!, 1), [[half, a!]]);
    assert.deepEqual(st.ParentKeys.get(s, d!, 1), [[half, a!]]);
    assert.equal(st.PendingChildKeys.has(s, 1, a!), false);
    // Not yet cooled down: still pending.
    assert.equal(st.PendingChildKeys.has(s, 1, b!), true);
    // The inconsistent one is removed without effect.
    assert.equal(st.PendingChildKeys.has(s, 1, e!), false);
    assert.deepEqual(st.ChildKeys.get(s, e!, 1), []);
    const set = systemEvents
      .get(s)
      .map((ev) => ev.event.value)
      .filter((ev) => ev.type === "SetChildren");
    assert.equal(set.length, 1);
  });

  test("at most MaxEpochsPerBlock epochs run; the rest are deferred a block", () => {
    const { s, ex } = buildNetwork({
      subnets: [baseSubnet(1, { tempo: 3 }), baseSubnet(2, { tempo: 3 })],
      maxEpochsPerBlock: 1,
    });
    for (let b = 1; b <= 3; b++) produceBlock(s, ex, b);
    assert.equal(st.LastEpochBlock.get(s, 1), 3n);
    assert.equal(st.LastEpochBlock.get(s, 2), 0n);
    assert.equal(st.PendingEpochAt.get(s, 2), 4n);
    const deferred = systemEvents
      .get(s)
      .map((e) => e.event.value)
      .filter((e) => e.type === "EpochDeferred");
    assert.deepEqual(deferred, [
      { type: "EpochDeferred", value: { netuid: 2, from_block: 3n, to_block: 4n } },
    ]);
    produceBlock(s, ex, 4);
    assert.equal(st.LastEpochBlock.get(s, 2), 4n);
    assert.equal(st.PendingEpochAt.get(s, 2), 0n);
  });
});

describe("inconsistent keys", () => {
  test("a subnet whose Keys repeat a hotkey skips its epoch; pending alpha waits, the slot is consumed", () => {
    const { s, ex } = buildNetwork({ subnets: [baseSubnet(1, { tempo: 2 }), baseSubnet(2, { tempo: 50 })] });
    st.Keys.set(s, 1, 5, hotkey(1, 4));
    produceBlock(s, ex, 1);
    const pending = st.PendingServerEmission.get(s, 1);
    produceBlock(s, ex, 2);
    assert.ok(st.PendingServerEmission.get(s, 1) > pending, "pending keeps accumulating");
    assert.equal(st.LastEpochBlock.get(s, 1), 2n);
    assert.equal(st.SubnetEpochIndex.get(s, 1), 1n);
    assert.equal(st.LastMechansimStepBlock.get(s, 1), 0n);
    const skipped = systemEvents
      .get(s)
      .map((e) => e.event.value)
      .filter((e) => e.type === "EpochSkipped");
    assert.deepEqual(skipped, [{ type: "EpochSkipped", value: { netuid: 1, block: 2n } }]);
  });
});

describe("root claims", () => {
  function afterEpoch() {
    const net = buildNetwork({
      // Subnet 1 alone emits: an EMA price above 1 keeps root selling on, so root earns alpha there too.
      subnets: [
        baseSubnet(1, { tempo: 3, movingPrice: priceBits(3n, 2n) }),
        baseSubnet(2, { tempo: 3, emitting: false }),
      ],
    });
    st.PendingValidatorEmission.set(net.s, 2, 30n * TAO);
    st.PendingRootAlphaDivs.set(net.s, 2, 11n * TAO);
    for (let b = 1; b <= 3; b++) produceBlock(net.s, net.ex, b);
    produceBlock(net.s, net.ex, 4);
    return net;
  }
  const hk2 = hotkey(2, 2);
  const ck2 = coldkey(2, 2);

  test("Keep: the owed alpha is staked on the subnet once, then nothing is owed", () => {
    const { s, ex } = afterEpoch();
    const signed = { kind: "signed" as const, who: ck2 };
    assert.equal(
      run(ex, s, signed, call("set_root_claim_type", { new_root_claim_type: { type: "Keep" } })),
      "ok",
    );
    const owed = rootOwed(s, hk2, ck2, 2);
    assert.ok(owed > 0n, "root dividends are owed");
    const stakeBefore = stakeForHotkeyAndColdkeyOnSubnet(s, hk2, ck2, 2);
    assert.equal(run(ex, s, signed, call("claim_root", { subnets: [2] })), "ok");
    assert.equal(stakeForHotkeyAndColdkeyOnSubnet(s, hk2, ck2, 2) - stakeBefore, owed);
    assert.equal(st.RootClaimed.get(s, 2, hk2, ck2), owed);
    assert.equal(rootOwed(s, hk2, ck2, 2), 0n);
    assert.equal(st.NumStakingColdkeys.get(s), 1n);
    // New root stake does not claim past dividends; removing it gives the watermark back.
    const rate = st.RootClaimable.get(s, hk2).find(([n]) => n === 2)![1].bits;
    addStakeAdjustRootClaimed(s, hk2, ck2, 1000n * TAO);
    assert.equal(st.RootClaimed.get(s, 2, hk2, ck2), owed + toU64(rate * 1000n * TAO));
    removeStakeAdjustRootClaimed(s, hk2, ck2, 1000n * TAO);
    assert.equal(st.RootClaimed.get(s, 2, hk2, ck2), owed);
  });

  test("Swap: the owed alpha is sold and the TAO staked on root, moving between subnet accounts", () => {
    const { s, ex } = afterEpoch();
    // Subnet 1's emission gave hk2 of subnet 1 root dividends too; claim those (dynamic pool) by swap.
    const hk = hotkey(1, 2);
    const ck = coldkey(1, 2);
    const owed = rootOwed(s, hk, ck, 1);
    assert.ok(owed > 0n, "root dividends are owed");
    st.RootClaimableThreshold.set(s, 1, { bits: 0n });
    const root0 = stakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, 0);
    const [tao1, tao0] = [st.SubnetTAO.get(s, 1), st.SubnetTAO.get(s, 0)];
    const [acc1, acc0] = [freeBalance(s, subnetAccountId(1)), freeBalance(s, subnetAccountId(0))];
    assert.equal(run(ex, s, { kind: "signed", who: ck }, call("claim_root", { subnets: [1] })), "ok");
    const gained = stakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, 0) - root0;
    assert.ok(gained > 0n && gained < owed, "alpha (price ≈ 1) sells for a little less TAO");
    assert.equal(tao1 - st.SubnetTAO.get(s, 1), gained);
    assert.equal(st.SubnetTAO.get(s, 0) - tao0, gained);
    assert.equal(acc1 - freeBalance(s, subnetAccountId(1)), gained);
    assert.equal(freeBalance(s, subnetAccountId(0)) - acc0, gained);
    assert.equal(st.SubnetRootSellTao.get(s, 1), gained);
    assert.ok(st.SubnetVolume.get(s, 1) >= gained, "the sale counts as volume");
    assert.equal(st.RootClaimed.get(s, 1, hk, ck) >= owed, true);
  });

  test("below the threshold nothing is claimed; argument and origin checks", () => {
    const { s, ex } = afterEpoch();
    const signed = { kind: "signed" as const, who: ck2 };
    st.RootClaimableThreshold.set(s, 2, { bits: fromInt(10_000_000n * TAO) });
    assert.equal(run(ex, s, signed, call("claim_root", { subnets: [2] })), "ok");
    assert.equal(st.RootClaimed.get(s, 2, hk2, ck2), 0n);
    assert.equal(
      run(ex, s, signed, call("claim_root", { subnets: [] })),
      "SubtensorModule.InvalidSubnetNumber",
    );
    assert.equal(
      run(ex, s, signed, call("claim_root", { subnets: [1, 2, 3, 4, 5, 6] })),
      "SubtensorModule.InvalidSubnetNumber",
    );
    assert.equal(
      run(
        ex,
        s,
        signed,
        call("set_root_claim_type", { new_root_claim_type: { type: "KeepSubnets", value: { subnets: [] } } }),
      ),
      "SubtensorModule.InvalidSubnetNumber",
    );
    assert.equal(run(ex, s, signed, call("sudo_set_num_root_claims", { new_value: 3n })), "BadOrigin");
    assert.equal(
      run(ex, s, { kind: "root" }, call("sudo_set_num_root_claims", { new_value: 51n })),
      "SubtensorModule.InvalidNumRootClaim",
    );
    assert.equal(run(ex, s, { kind: "root" }, call("sudo_set_num_root_claims", { new_value: 50n })), "ok");
    assert.equal(st.NumRootClaim.get(s), 50n);
    assert.equal(
      run(ex, s, signed, call("sudo_set_root_claim_threshold", { netuid: 2, new_value: 5n })),
      "BadOrigin",
    );
    const owner = { kind: "signed" as const, who: coldkey(2, 0) };
    assert.equal(
      run(ex, s, owner, call("sudo_set_root_claim_threshold", { netuid: 2, new_value: 10_000_001n })),
      "SubtensorModule.InvalidRootClaimThreshold",
    );
    assert.equal(
      run(ex, s, owner, call("sudo_set_root_claim_threshold", { netuid: 2, new_value: 7n })),
      "ok",
    );
    assert.equal(st.RootClaimableThreshold.get(s, 2).bits, fromInt(7n));
  });

  test("automatic claims pick indexed coldkeys from the parent hash", () => {
    const { s, ex } = afterEpoch();
    const signed = { kind: "signed" as const, who: ck2 };
    assert.equal(
      run(ex, s, signed, call("set_root_claim_type", { new_root_claim_type: { type: "Keep" } })),
      "ok",
    );
    const owed = rootOwed(s, hk2, ck2, 2);
    st.RootClaimableThreshold.set(s, 2, { bits: 0n });
    // One indexed coldkey: every index drawn is 0, so the next block claims for it.
    produceBlock(s, ex, 5);
    assert.equal(st.RootClaimed.get(s, 2, hk2, ck2), owed);
  });
});

describe("conservation", () => {
  test("TAO issued = TAO into subnet accounts; alpha in and out move only by emission and chain buys", () => {
    let blocks = 0;
    fc.assert(
      fc.property(
        fc.record({
          tempo1: fc.integer({ min: 2, max: 12 }),
          tempo2: fc.integer({ min: 2, max: 12 }),
          reserve1: fc.bigInt(10n * TAO, 10_000n * TAO),
          reserve2: fc.bigInt(10n * TAO, 10_000n * TAO),
          alpha1: fc.bigInt(10n * TAO, 10_000n * TAO),
          alpha2: fc.bigInt(10n * TAO, 10_000n * TAO),
          root: fc.bigInt(0n, 100_000n * TAO),
          ema1: fc.bigInt(1n, ONE),
          ema2: fc.bigInt(1n, ONE),
          n: fc.integer({ min: 4, max: 8 }),
        }),
        (p) => {
          const { s, ex } = buildNetwork({
            subnets: [
              baseSubnet(1, {
                n: p.n,
                tempo: p.tempo1,
                taoReserve: p.reserve1,
                alphaReserve: p.alpha1,
                movingPrice: p.ema1,
                rootStake: (v) => (v === 2 ? p.root : 0n),
              }),
              baseSubnet(2, {
                n: p.n,
                tempo: p.tempo2,
                taoReserve: p.reserve2,
                alphaReserve: p.alpha2,
                movingPrice: p.ema2,
                rootStake: (v) => (v === 2 ? p.root : 0n),
              }),
            ],
          });
          for (const n of [1, 2]) st.RecycleOrBurn.set(s, n, { type: "Recycle" });
          for (let b = 1; b <= 40; b++) {
            const ti = st.TotalIssuance.get(s);
            const bti = balances.TotalIssuance.get(s);
            const acc = [0, 1, 2].map((n) => freeBalance(s, subnetAccountId(n)));
            const pre = [1, 2].map((n) => ({
              tao: st.SubnetTAO.get(s, n),
              alphaIn: st.SubnetAlphaIn.get(s, n),
              alphaOut: st.SubnetAlphaOut.get(s, n),
              protocol: st.SubnetProtocolAlpha.get(s, n),
            }));
            produceBlock(s, ex, b);
            blocks++;
            const issued = st.TotalIssuance.get(s) - ti;
            // Every issued RAO is in a subnet account; nothing else minted; at most floor dust recycled.
            assert.equal(balances.TotalIssuance.get(s) - bti, issued);
            const accDelta = [0, 1, 2].reduce(
              (a, n, i) => a + freeBalance(s, subnetAccountId(n)) - acc[i]!,
              0n,
            );
            assert.equal(accDelta, issued);
            assert.ok(issued <= TAO && issued >= TAO - 4n, `issued ${issued}`);
            [1, 2].forEach((n, i) => {
              const q = pre[i]!;
              const bought = st.SubnetProtocolAlpha.get(s, n) - q.protocol;
              // Pool TAO grows by what entered it: injection plus the chain buy's input.
              assert.equal(
                st.SubnetTAO.get(s, n) - q.tao,
                st.SubnetTaoInEmission.get(s, n) + st.SubnetExcessTao.get(s, n),
              );
              assert.equal(
                st.SubnetAlphaIn.get(s, n) - q.alphaIn,
                st.SubnetAlphaInEmission.get(s, n) - bought,
              );
              // Alpha out: minted alpha_out and bought alpha, minus what was recycled (root alpha without
              // root selling, withheld owner incentive — none here).
              const out = st.SubnetAlphaOut.get(s, n) - q.alphaOut;
              const minted = st.SubnetAlphaOutEmission.get(s, n) + bought;
              assert.ok(out >= 0n && out <= minted, `subnet ${n}: alpha out moved ${out} of ${minted}`);
            });
          }
          // Ownership: every alpha out is a stake, pending, protocol alpha or bounded floor dust.
          for (const n of [1, 2]) {
            let staked = 0n;
            for (let uid = 0; uid < p.n; uid++) staked += st.TotalHotkeyAlpha.get(s, hotkey(n, uid), n);
            const pending =
              st.PendingServerEmission.get(s, n) +
              st.PendingValidatorEmission.get(s, n) +
              st.PendingRootAlphaDivs.get(s, n) +
              st.PendingOwnerCut.get(s, n);
            const accounted = staked + pending + st.SubnetProtocolAlpha.get(s, n);
            const dust = st.SubnetAlphaOut.get(s, n) - accounted;
            assert.ok(dust >= 0n, `subnet ${n} over-accounted by ${-dust}`);
          }
        },
      ),
      { numRuns: 25 },
    );
    assert.ok(blocks >= 1000, `only ${blocks} blocks`);
  });
});
