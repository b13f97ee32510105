// Our metadata against finney's: every pallet item and runtime API opentao declares must have finney's
// name, index and type shape (fixtures/metadata/finney-manifest.json, derived from the reference blob).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { TypeRegistry } from "@polkadot/types";
import { Metadata } from "@polkadot/types/metadata";
import { runtimeApiId, runtimeMetadata, runtimeVersion } from "../runtime/definition.ts";
import { type Manifest, manifestOf } from "./manifest.ts";

const here = dirname(fileURLToPath(import.meta.url));
const finney = JSON.parse(
  readFileSync(join(here, "../../fixtures/metadata/finney-manifest.json"), "utf8"),
) as Manifest;
const md = runtimeMetadata();
const ours = manifestOf(md.v16);

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;

/** Items subtensor added after finney's spec 393 (DESIGN.md decision 8): absent from the reference. */
const SPEC_425_ADDITIONS = new Set([
  "SubtensorModule.SubnetEpochIndex",
  "SubtensorModule.LastEpochBlock",
  "SubtensorModule.PendingEpochAt",
  "AdminUtils.NotPermittedOnRootSubnet",
  "AdminUtils.POWRegistrationDisabled",
  "AdminUtils.Deprecated",
  "SubtensorModule.ActivityCutoffFactorMilli",
  "SubtensorModule.register_limit",
  "SubtensorModule.TotalHotkeySharesV2",
  "SubtensorModule.AlphaV2",
  "SubtensorModule.SubnetEmissionEnabled",
  "SubtensorModule.BurnHalfLife",
  "SubtensorModule.BurnIncreaseMult",
  "SubtensorModule.RegisteredSubnetCounter",
  "SubtensorModule.SubnetProtocolAlpha",
  "SubtensorModule.TaoInRefundDeploymentBlock",
  "SubtensorModule.AutoParentDelegationEnabled",
  "SubtensorModule.RegistrationPriceLimitExceeded",
  "SubtensorModule.CannotUseSystemAccount",
  "SubtensorModule.LastEpochBlock",
  "SubtensorModule.PendingEpochAt",
  "SubtensorModule.MaxEpochsPerBlock",
  "SubtensorModule.OwnerCutEnabled",
  "SubtensorModule.MinerBurned",
  "SubtensorModule.SubnetExcessTao",
  "SubtensorModule.SubnetRootSellTao",
  "SubtensorModule.SubnetProtocolFlow",
  "SubtensorModule.EpochDeferred",
  "SubtensorModule.EpochSkipped",
  "Swap.SwapBalancer",
  "Swap.PalSwapInitialized",
]);

describe("metadata matches finney for every implemented item", () => {
  for (const [pallet, p] of Object.entries(ours.pallets)) {
    test(`${pallet}`, () => {
      const f = finney.pallets[pallet];
      assert.ok(f, `finney has no pallet ${pallet}`);
      assert.equal(p.index, f.index, `${pallet} index`);
      for (const [name, c] of Object.entries(p.calls)) {
        if (!f.calls[name] && SPEC_425_ADDITIONS.has(`${pallet}.${name}`)) continue;
        assert.deepEqual(c, f.calls[name], `${pallet}.${name} call`);
      }
      for (const [name, e] of Object.entries(p.events)) {
        if (!f.events[name] && SPEC_425_ADDITIONS.has(`${pallet}.${name}`)) continue;
        assert.deepEqual(e, f.events[name], `${pallet}.${name} event`);
      }
      for (const [name, e] of Object.entries(p.errors)) {
        if (!f.errors[name] && SPEC_425_ADDITIONS.has(`${pallet}.${name}`)) continue;
        assert.deepEqual(e, f.errors[name], `${pallet}.${name} error`);
      }
      for (const [name, s] of Object.entries(p.storage)) {
        if (!f.storage[name] && SPEC_425_ADDITIONS.has(`${pallet}.${name}`)) continue;
        assert.deepEqual(s, f.storage[name], `${pallet}.${name} storage`);
      }
      for (const [name, c] of Object.entries(p.constants)) {
        assert.ok(f.constants[name], `${pallet}.${name}: finney has no such constant`);
        assert.equal(c.shape, f.constants[name].shape, `${pallet}.${name} constant type`);
      }
      // Pallet-wide lists that are short and fully implemented must be complete, not just consistent.
      if (Object.keys(p.errors).length > 0)
        assert.deepEqual(
          Object.keys(p.errors).filter((n) => f.errors[n] || !SPEC_425_ADDITIONS.has(`${pallet}.${n}`)),
          Object.keys(f.errors),
          `${pallet} errors complete`,
        );
    });
  }

  test("runtime APIs", () => {
    for (const [api, methods] of Object.entries(ours.apis))
      for (const [name, m] of Object.entries(methods))
        assert.deepEqual(m, finney.apis[api]?.[name], `${api}.${name}`);
  });

  test("Bittensor runtime APIs are complete: every finney method, in finney's order", () => {
    for (const api of [
      "DelegateInfoRuntimeApi",
      "NeuronInfoRuntimeApi",
      "SubnetInfoRuntimeApi",
      "StakeInfoRuntimeApi",
      "SubnetRegistrationRuntimeApi",
      "SwapRuntimeApi",
    ]) {
      assert.ok(ours.apis[api], `${api} declared`);
      assert.deepEqual(Object.keys(ours.apis[api]), Object.keys(finney.apis[api]), `${api} methods`);
    }
  });

  test("transaction extensions and extrinsic format", () => {
    assert.deepEqual(ours.extrinsic.extensions, finney.extrinsic.extensions);
    assert.equal(ours.extrinsic.address, finney.extrinsic.address);
    assert.equal(ours.extrinsic.signature, finney.extrinsic.signature);
  });

  test("constants whose value must equal finney's", () => {
    for (const [pallet, name] of [
      ["System", "SS58Prefix"],
      ["System", "BlockHashCount"],
      ["Balances", "ExistentialDeposit"],
      ["Timestamp", "MinimumPeriod"],
    ])
      assert.equal(
        ours.pallets[pallet].constants[name].value,
        finney.pallets[pallet].constants[name].value,
        `${pallet}.${name}`,
      );
  });
});

describe("served versions", () => {
  test("V14, V15 and V16 carry the magic prefix and their version byte", () => {
    assert.equal(hex(md.v14.subarray(0, 5)), "0x6d6574610e");
    assert.equal(hex(md.v15.subarray(0, 5)), "0x6d6574610f");
    assert.equal(hex(md.v16.subarray(0, 5)), "0x6d65746110");
  });

  test("V14 and V15 describe the same pallets and items as V16", () => {
    const strip = (m: Manifest) => JSON.stringify(m.pallets);
    assert.equal(strip(manifestOf(md.v15)), strip(ours));
    assert.equal(strip(manifestOf(md.v14)), strip(ours));
    assert.deepEqual(manifestOf(md.v15).apis, ours.apis);
  });

  test("@polkadot/types decodes every version and finds our calls", () => {
    for (const bytes of [md.v14, md.v15, md.v16]) {
      const registry = new TypeRegistry();
      const metadata = new Metadata(registry, bytes);
      registry.setMetadata(metadata);
      const call = registry.findMetaCall(new Uint8Array([5, 3]));
      assert.equal(call.method, "transferKeepAlive");
      assert.equal(call.section, "balances");
    }
  });

  test("System.Version equals the runtime version and lists API ids", () => {
    assert.equal(runtimeVersion.spec_name, "node-subtensor");
    assert.equal(runtimeVersion.spec_version, 425);
    assert.equal(hex(runtimeApiId("Core")), "0xdf6acb689907609b");
    assert.equal(hex(runtimeApiId("Metadata")), "0x37e397fc7c91f5e4");
    const registry = new TypeRegistry();
    registry.setMetadata(new Metadata(registry, md.v16));
    const version = registry.createType<import("@polkadot/types/interfaces").RuntimeVersion>(
      "RuntimeVersion",
      registry.metadata.pallets[0].constants.find((c) => c.name.eq("Version"))?.value,
    );
    assert.equal(version.specVersion.toNumber(), 425);
    assert.equal(version.specName.toString(), "node-subtensor");
  });
});
