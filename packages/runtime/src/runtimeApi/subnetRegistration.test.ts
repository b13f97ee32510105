// SubnetRegistrationRuntimeApi: the lock cost from storage — the minimum before any registration, doubled
// and decaying linearly after one, with the interval scaled by the current block emission.

import assert from "node:assert/strict";
import { test } from "node:test";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { storage as system } from "../pallets/system/pallet.ts";
import { buildFixture, callApi, TAO } from "./testFixture.ts";

const API = "SubnetRegistrationRuntimeApi";

test("get_network_registration_cost: minimum lock with no registration yet", () => {
  const s = buildFixture();
  assert.equal(callApi(s, API, "get_network_registration_cost"), 1_000n * TAO);
});

test("get_network_registration_cost: last lock doubled, less last/interval per block since", () => {
  const s = buildFixture();
  st.NetworkLastLockCost.set(s, 2_000n * TAO);
  st.LastRateLimitedBlock.set(s, { type: "NetworkLastRegistered" }, 900n);
  // Issuance 0 → block emission 1 TAO → interval 100 800 blocks; 100 blocks since the last lock.
  const expected = 4_000n * TAO - ((2_000n * TAO) / 100_800n) * 100n;
  assert.equal(callApi(s, API, "get_network_registration_cost"), expected);
  system.Number.set(s, 1_000_000);
  assert.equal(callApi(s, API, "get_network_registration_cost"), 1_000n * TAO, "decays to the minimum");
  // After the first halving (issuance ≥ 10.5M TAO) the interval halves: the lock decays twice as fast.
  system.Number.set(s, 1000);
  st.TotalIssuance.set(s, 10_500_000n * TAO);
  assert.equal(
    callApi(s, API, "get_network_registration_cost"),
    4_000n * TAO - ((2_000n * TAO) / 50_400n) * 100n,
  );
});
