// NeuronInfoRuntimeApi on the fixture subnet: every field of a full and a lite neuron, defaults for a uid the
// per-uid vectors do not reach, the zero axon, and the empty answers for a missing subnet or uid.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { AXON, buildFixture, callApi, ck, hk, NET } from "./testFixture.ts";

const API = "NeuronInfoRuntimeApi";

describe("NeuronInfoRuntimeApi", () => {
  const s = buildFixture();

  test("get_neuron: uid 0 field by field, zero weights and bonds dropped", () => {
    const n = callApi(s, API, "get_neuron", NET, 0);
    assert.deepEqual(n.hotkey, hk(0));
    assert.deepEqual(n.coldkey, ck(0));
    assert.equal(n.uid, 0);
    assert.equal(n.netuid, NET);
    assert.equal(n.active, true);
    assert.deepEqual(n.axon_info, AXON);
    assert.deepEqual(n.prometheus_info, { block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0 });
    assert.deepEqual(n.stake, [[ck(0), 1_000_000n]]);
    assert.equal(n.rank, 0);
    assert.equal(n.emission, 100n);
    assert.equal(n.incentive, 0);
    assert.equal(n.consensus, 1);
    assert.equal(n.trust, 0);
    assert.equal(n.validator_trust, 60_000);
    assert.equal(n.dividends, 65_535);
    assert.equal(n.last_update, 990n);
    assert.equal(n.validator_permit, true);
    assert.deepEqual(n.weights, [[1, 65_535]]);
    assert.deepEqual(n.bonds, [[1, 100]]);
    assert.equal(n.pruning_score, 65_535);
  });

  test("get_neuron_lite: uid 1 with prometheus and no axon; uid 2 past LastUpdate's end reads 0", () => {
    const one = callApi(s, API, "get_neuron_lite", NET, 1);
    assert.deepEqual(one.prometheus_info, {
      block: 960n,
      version: 1,
      ip: 0x0a000001n,
      port: 9090,
      ip_type: 4,
    });
    assert.equal(one.axon_info.port, 0);
    assert.equal(one.incentive, 30_000);
    assert.equal(one.emission, 200n);
    assert.equal(one.last_update, 995n);
    assert.equal("weights" in one, false);
    const two = callApi(s, API, "get_neuron_lite", NET, 2);
    assert.equal(two.last_update, 0n);
    assert.equal(two.active, false);
    assert.deepEqual(two.stake, [[ck(2), 10n]]);
  });

  test("get_neurons / get_neurons_lite list uids in order; a gap in Keys ends the list", () => {
    assert.deepEqual(
      callApi(s, API, "get_neurons", NET).map((n: { uid: number }) => n.uid),
      [0, 1, 2],
    );
    const lite = callApi(s, API, "get_neurons_lite", NET);
    assert.equal(lite.length, 3);
    assert.deepEqual(lite[1].hotkey, hk(1));
    const gap = buildFixture();
    st.Keys.remove(gap, NET, 1);
    assert.equal(callApi(gap, API, "get_neurons_lite", NET).length, 1);
  });

  test("a missing subnet or uid answers empty", () => {
    assert.deepEqual(callApi(s, API, "get_neurons", 7), []);
    assert.deepEqual(callApi(s, API, "get_neurons_lite", 7), []);
    assert.equal(callApi(s, API, "get_neuron", 7, 0), undefined);
    assert.equal(callApi(s, API, "get_neuron", NET, 9), undefined);
    assert.equal(callApi(s, API, "get_neuron_lite", NET, 9), undefined);
  });
});
