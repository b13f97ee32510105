// StakeInfoRuntimeApi on the fixture: a coldkey's positions valued through the share pool, several coldkeys,
// one position (present or not), and get_stake_fee's fee rule.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { storage as swapStorage } from "../pallets/swap/pallet.ts";
import { buildFixture, callApi, ck, hk, NET, TAO } from "./testFixture.ts";

const API = "StakeInfoRuntimeApi";

describe("StakeInfoRuntimeApi", () => {
  const s = buildFixture();

  test("get_stake_info_for_coldkey: the nominator's 40 % of hotkey 0's pool, field by field", () => {
    const infos = callApi(s, API, "get_stake_info_for_coldkey", ck(3));
    assert.equal(infos.length, 1);
    const i = infos[0];
    assert.deepEqual(i.hotkey, hk(0));
    assert.deepEqual(i.coldkey, ck(3));
    assert.equal(i.netuid, NET);
    assert.equal(i.stake, 400_000n);
    assert.equal(i.locked, 0n);
    assert.equal(i.emission, 77n);
    assert.equal(i.tao_emission, 0n);
    assert.equal(i.drain, 0n);
    assert.equal(i.is_registered, true);
  });

  test("a pool that grew raises every position's value; zero positions are left out", () => {
    const grown = buildFixture();
    st.TotalHotkeyAlpha.set(grown, hk(0), NET, 2_000_000n);
    assert.equal(callApi(grown, API, "get_stake_info_for_coldkey", ck(3))[0].stake, 800_000n);
    assert.deepEqual(callApi(grown, API, "get_stake_info_for_coldkey", ck(1)), []);
  });

  test("get_stake_info_for_coldkeys: one entry per coldkey, in the order asked; none for none", () => {
    const r = callApi(s, API, "get_stake_info_for_coldkeys", [ck(0), ck(1), ck(3)]);
    assert.deepEqual(
      r.map(([c, infos]: [Uint8Array, { stake: bigint }[]]) => [c[0], infos.map((x) => x.stake)]),
      [
        [ck(0)[0], [600_000n]],
        [ck(1)[0], []],
        [ck(3)[0], [400_000n]],
      ],
    );
    assert.deepEqual(callApi(s, API, "get_stake_info_for_coldkeys", []), []);
  });

  test("get_stake_info_for_hotkey_coldkey_netuid answers even for an empty position", () => {
    assert.equal(
      callApi(s, API, "get_stake_info_for_hotkey_coldkey_netuid", hk(0), ck(0), NET).stake,
      600_000n,
    );
    const none = callApi(s, API, "get_stake_info_for_hotkey_coldkey_netuid", hk(1), ck(3), NET);
    assert.equal(none.stake, 0n);
    assert.equal(none.emission, 0n);
    assert.equal(none.is_registered, true);
    assert.equal(
      callApi(s, API, "get_stake_info_for_hotkey_coldkey_netuid", hk(1), ck(3), 5).is_registered,
      false,
    );
  });

  test("get_stake_fee: 0 for the same end, FeeRate/65535 of the amount on a dynamic subnet, 0 on root", () => {
    const amount = 10n * TAO;
    const fee = callApi(s, API, "get_stake_fee", [hk(0), NET], ck(0), [hk(0), NET], ck(0), amount);
    assert.equal(fee, 0n);
    const exact = (amount * 33n) / 65_535n;
    const toSubnet = callApi(s, API, "get_stake_fee", undefined, ck(0), [hk(0), NET], ck(0), amount);
    assert.ok(toSubnet === exact || toSubnet === exact - 1n, `${toSubnet} vs ${exact}`);
    // Without a destination, the origin's subnet decides; root (stable) charges nothing.
    assert.equal(callApi(s, API, "get_stake_fee", [hk(0), NET], ck(0), undefined, ck(0), amount), toSubnet);
    assert.equal(callApi(s, API, "get_stake_fee", [hk(0), NET], ck(0), [hk(0), 0], ck(0), amount), 0n);
    const higher = buildFixture();
    swapStorage.FeeRate.set(higher, NET, 655);
    const f = callApi(higher, API, "get_stake_fee", undefined, ck(0), [hk(1), NET], ck(0), amount);
    assert.ok(f > toSubnet * 19n, `${f}`);
  });
});
