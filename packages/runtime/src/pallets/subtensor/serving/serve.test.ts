// serve_axon / serve_prometheus through the executive: stored info, events, each refusal by name, the rate
// limit, TLS certificates, and loopback allowed only where the chain spec says so.

import assert from "node:assert/strict";
import { test } from "node:test";
import { describeError } from "../../../frame/dispatch.ts";
import { MemoryState } from "../../../frame/state.ts";
import { pallets } from "../../../runtime/definition.ts";
import { Executive, type RuntimeCallValue } from "../../../runtime/executive.ts";
import { storage as st } from "../pallet.ts";

const NET = 1;
const HOT = new Uint8Array(32).fill(4);
const ip4 = (a: number, b: number, c: number, d: number) =>
  BigInt(((a << 24) >>> 0) + (b << 16) + (c << 8) + d);

function setup(allowLoopback: boolean, block = 1000) {
  const s = new MemoryState();
  st.Uids.set(s, NET, HOT, 0);
  const ex = new Executive({ allowLoopback });
  ex.initializeBlock(s, { number: block, parentHash: new Uint8Array(32) });
  return { s, ex };
}

const axon = (over: Partial<Record<string, unknown>> = {}, name = "serve_axon"): RuntimeCallValue => ({
  type: "SubtensorModule",
  value: {
    type: name,
    value: {
      netuid: NET,
      version: 1,
      ip: ip4(10, 0, 0, 7),
      port: 8091,
      ip_type: 4,
      protocol: 4,
      placeholder1: 0,
      placeholder2: 0,
      ...over,
    },
  },
});
const run = (ex: Executive, s: MemoryState, c: RuntimeCallValue, who = HOT) => {
  const e = ex.applyCall(s, 0, { kind: "signed", who }, c);
  return e ? describeError(e, pallets) : "ok";
};

test("serve_axon stores the axon with the block and emits AxonServed", () => {
  const { s, ex } = setup(false);
  assert.equal(run(ex, s, axon()), "ok");
  assert.deepEqual(st.Axons.get(s, NET, HOT), {
    block: 1000n,
    version: 1,
    ip: ip4(10, 0, 0, 7),
    port: 8091,
    ip_type: 4,
    protocol: 4,
    placeholder1: 0,
    placeholder2: 0,
  });
  // Default ServingRateLimit is 50 blocks.
  assert.equal(run(ex, s, axon()), "SubtensorModule.ServingRateLimitExceeded");
});

test("refusals, in the chain's order", () => {
  const { s, ex } = setup(false);
  assert.equal(
    run(ex, s, axon(), new Uint8Array(32).fill(9)),
    "SubtensorModule.HotKeyNotRegisteredInNetwork",
  );
  assert.equal(run(ex, s, axon({ ip_type: 5 })), "SubtensorModule.InvalidIpType");
  assert.equal(run(ex, s, axon({ ip: ip4(127, 0, 0, 1) })), "SubtensorModule.InvalidIpAddress");
  assert.equal(run(ex, s, axon({ ip: 0xffff_ffffn })), "SubtensorModule.InvalidIpAddress");
  assert.equal(run(ex, s, axon({ port: 0 })), "SubtensorModule.InvalidPort");
  assert.equal(st.Axons.tryGet(s, NET, HOT), undefined);
});

test("loopback axons are accepted when the chain spec allows them", () => {
  const { s, ex } = setup(true);
  assert.equal(run(ex, s, axon({ ip: ip4(127, 0, 0, 1) })), "ok");
  assert.equal(st.Axons.get(s, NET, HOT)?.ip, ip4(127, 0, 0, 1));
});

test("serve_axon_tls stores the certificate: first byte algorithm, rest public key", () => {
  const { s, ex } = setup(false);
  const cert = Uint8Array.from([1, ...new Uint8Array(32).fill(7)]);
  assert.equal(run(ex, s, axon({ certificate: cert }, "serve_axon_tls")), "ok");
  assert.deepEqual(st.NeuronCertificates.get(s, NET, HOT), {
    algorithm: 1,
    public_key: new Uint8Array(32).fill(7),
  });
});

test("serve_prometheus refuses a zero address, unlike serve_axon", () => {
  const { s, ex } = setup(false);
  const prom = (ip: bigint): RuntimeCallValue => ({
    type: "SubtensorModule",
    value: { type: "serve_prometheus", value: { netuid: NET, version: 1, ip, port: 9090, ip_type: 4 } },
  });
  assert.equal(run(ex, s, prom(0n)), "SubtensorModule.InvalidIpAddress");
  assert.equal(run(ex, s, axon({ ip: 0n })), "ok");
  assert.equal(run(ex, s, prom(ip4(10, 1, 1, 1))), "ok");
  assert.equal(st.Prometheus.get(s, NET, HOT)?.port, 9090);
});
