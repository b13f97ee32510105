// DelegateInfoRuntimeApi on the fixture: hotkey 0 is a delegate with two nominators, a registration with a
// validator permit, emissions that give a daily return; get_delegated lists a nominator's delegations.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildFixture, callApi, ck, hk, NET, TAO } from "./testFixture.ts";

const API = "DelegateInfoRuntimeApi";

describe("DelegateInfoRuntimeApi", () => {
  const s = buildFixture();

  test("get_delegate: every field of hotkey 0", () => {
    const d = callApi(s, API, "get_delegate", hk(0));
    assert.deepEqual(d.delegate_ss58, hk(0));
    assert.equal(d.take, 11_796);
    // Nominators sorted by coldkey bytes, each with (netuid, alpha).
    assert.deepEqual(d.nominators, [
      [ck(0), [[NET, 600_000n]]],
      [ck(3), [[NET, 400_000n]]],
    ]);
    assert.deepEqual(d.owner_ss58, ck(0));
    assert.deepEqual(d.registrations, [NET]);
    assert.deepEqual(d.validator_permits, [NET]);
    // 100 alpha per epoch, tempo 100 → 72 epochs a day.
    assert.equal(d.total_daily_return, 7_200n);
    // 7200 · (1 − 11796/65535) per 1000 TAO of 2000 TAO root stake ≈ 2952.
    const exact = (7_200n * (65_535n - 11_796n) * 1_000n * TAO) / (65_535n * 2_000n * TAO);
    assert.ok(
      d.return_per_1000 <= exact && d.return_per_1000 >= exact - 1n,
      `${d.return_per_1000} vs ${exact}`,
    );
  });

  test("get_delegate of a non-delegate is None; get_delegates lists the one delegate", () => {
    assert.equal(callApi(s, API, "get_delegate", hk(1)), undefined);
    const all = callApi(s, API, "get_delegates");
    assert.equal(all.length, 1);
    assert.deepEqual(all[0].delegate_ss58, hk(0));
  });

  test("get_delegated: the nominator's (delegate without nominators, (netuid, alpha))", () => {
    const r = callApi(s, API, "get_delegated", ck(3));
    assert.equal(r.length, 1);
    const [info, [netuid, alpha]] = r[0];
    assert.deepEqual(info.delegate_ss58, hk(0));
    assert.deepEqual(info.nominators, []);
    assert.equal(netuid, NET);
    assert.equal(alpha, 400_000n);
    assert.deepEqual(callApi(s, API, "get_delegated", ck(1)), []);
  });
});
