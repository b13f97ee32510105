// The chain client against a real dev node (`opentao node --dev`, spawned as a user runs it): reads,
// transfers with inclusion, fee and events, a failing call's error by name, reconnection through a dropped
// connection, and no handle or memory growth across 50 connect/close cycles.

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Balance } from "../balance/balance.ts";
import { Keypair } from "../keys/keypair.ts";
import { cryptoReady } from "../keys/sr25519.ts";
import { ScaleReader } from "./scale.ts";
import { Subtensor } from "./subtensor.ts";

const CLI = fileURLToPath(new URL("../../../cli/bin/opentao.mjs", import.meta.url));
let node: ChildProcess;
let url: string;
let port: number;
let alice: Keypair;
let bob: Keypair;

async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, "127.0.0.1");
  await once(s, "listening");
  const p = (s.address() as { port: number }).port;
  s.close();
  return p;
}

async function connectWhenUp(target: string, ms = 30_000): Promise<Subtensor> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await Subtensor.connect(target, { reconnectMs: 0 });
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

before(async () => {
  await cryptoReady();
  alice = Keypair.fromUri("//Alice");
  bob = Keypair.fromUri("//Bob");
  port = await freePort();
  url = `ws://127.0.0.1:${port}`;
  node = spawn(
    process.execPath,
    [
      CLI,
      "node",
      "--dev",
      "--tmp",
      "--rpc-port",
      String(port),
      "--sealing",
      "interval",
      "--block-time",
      "200",
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  (await connectWhenUp(url)).close();
});

after(async () => {
  if (node && node.exitCode === null) {
    const exited = once(node, "exit");
    node.kill("SIGTERM");
    await exited;
  }
});

test("reads: block number advances, balances print like btcli", async () => {
  const st = await Subtensor.connect(url);
  try {
    const b0 = await st.blockNumber();
    await new Promise((r) => setTimeout(r, 600));
    assert.ok((await st.blockNumber()) > b0);
    const bal = await st.balance(alice);
    assert.ok(bal.rao > 0n);
    assert.match(bal.toString(), /^[\d,]+\.\d{4} τ$/);
    assert.equal((await st.balance(Keypair.fromUri("//Nobody"))).rao, 0n);
    // Raw runtime-API calls: the answer's SCALE bytes, decoded by the SDK.
    const versions = new ScaleReader(await st.runtimeCall("Metadata_metadata_versions")).vec((r) => r.u32());
    assert.deepEqual(versions, [14, 15, 16]);
    await assert.rejects(st.runtimeCall("NoSuchApi_method"), /not found/);
  } finally {
    await st.close();
  }
});

test("transfer waits for inclusion and reports fee and events; the balance moves by the amount", async () => {
  const st = await Subtensor.connect(url);
  try {
    const before = (await st.balance(bob)).rao;
    const amount = Balance.fromTao("1.5");
    const r = await st.transfer(alice, bob, amount, { waitFor: "inBlock" });
    assert.equal(r.success, true, JSON.stringify(r.error));
    assert.match(r.blockHash ?? "", /^0x[0-9a-f]{64}$/);
    assert.ok(r.events.some((e) => e.pallet === "Balances" && e.name === "Transfer"));
    assert.ok(r.events.some((e) => e.pallet === "System" && e.name === "ExtrinsicSuccess"));
    const paid = r.events.find((e) => e.pallet === "TransactionPayment" && e.name === "TransactionFeePaid");
    if (paid) assert.equal(r.fee?.rao, BigInt(String(paid.data[1])));
    assert.equal((await st.balance(bob)).rao - before, amount.rao);
    const fin = await st.transfer(alice, bob, 7n, { waitFor: "finalized" });
    assert.equal(fin.success, true);
    assert.ok(fin.blockNumber !== undefined && fin.blockNumber > (r.blockNumber ?? 0));
    // Fire and forget: accepted by the pool, included by a later block.
    const mid = (await st.balance(bob)).rao;
    const sent = await st.transfer(alice, bob, 11n, { waitFor: "none" });
    assert.equal(sent.success, true);
    assert.equal(sent.blockHash, undefined);
    for (let i = 0; i < 100 && (await st.balance(bob)).rao === mid; i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal((await st.balance(bob)).rao - mid, 11n);
  } finally {
    await st.close();
  }
});

test("a transfer of more than the balance fails with the error by name", async () => {
  const st = await Subtensor.connect(url);
  try {
    const charlie = Keypair.fromUri("//Charlie");
    const have = (await st.balance(charlie)).rao;
    const r = await st.transfer(charlie, bob, have * 2n, { waitFor: "inBlock" });
    assert.equal(r.success, false);
    assert.ok(r.blockHash, "included, then failed in dispatch");
    assert.ok(["Balances", "Token"].includes(r.error?.pallet ?? ""), JSON.stringify(r.error));
    assert.ok(
      ["InsufficientBalance", "FundsUnavailable", "Expendability", "KeepAlive"].includes(r.error?.name ?? ""),
      JSON.stringify(r.error),
    );
    assert.ok(r.events.some((e) => e.pallet === "System" && e.name === "ExtrinsicFailed"));
  } finally {
    await st.close();
  }
});

/**
 * A TCP relay in front of the node whose connections the test can cut. `intercept` sees each chunk the node
 * sends (server frames are unmasked, so JSON text is visible) and may swallow it and cut instead.
 */
async function relay(intercept?: (chunk: Buffer) => boolean) {
  const sockets = new Set<Socket>();
  const cut = () => {
    for (const s of sockets) s.destroy();
  };
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(port, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream);
    upstream.on("data", (chunk: Buffer) => {
      if (intercept?.(chunk)) cut();
      else client.write(chunk);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `ws://127.0.0.1:${(server.address() as { port: number }).port}`,
    cut,
    close: () => server.close(),
  };
}

test("an inclusion wait survives the connection dropping before any status arrives", async () => {
  // The first author_extrinsicUpdate notification is swallowed and every connection cut: the client never
  // hears "ready" or "inBlock" and must find the block itself after reconnecting.
  let armed = true;
  const r = await relay((chunk) => {
    if (armed && chunk.includes("author_extrinsicUpdate")) {
      armed = false;
      return true;
    }
    return false;
  });
  const st = await Subtensor.connect(r.url, { reconnectMs: 100 });
  try {
    const before = (await st.balance(bob)).rao;
    const res = await st.transfer(Keypair.fromUri("//Dave"), bob, 3n, {
      waitFor: "inBlock",
      timeoutMs: 20_000,
    });
    assert.equal(armed, false, "the relay cut the connection on the first status");
    assert.equal(res.success, true, JSON.stringify(res.error));
    assert.ok(res.events.some((e) => e.pallet === "Balances" && e.name === "Transfer"));
    assert.equal((await st.balance(bob)).rao - before, 3n);
  } finally {
    await st.close();
    r.close();
  }
});

test("a dropped connection is re-established and reads work again", async () => {
  const r = await relay();
  const st = await Subtensor.connect(r.url, { reconnectMs: 100 });
  try {
    const before = await st.blockNumber();
    r.cut();
    const until = Date.now() + 10_000;
    while (st.isConnected && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    while (!st.isConnected && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    assert.equal(st.isConnected, true);
    assert.ok((await st.blockNumber()) >= before);
  } finally {
    await st.close();
    r.close();
  }
});

test("50 clients created and closed leave no handles behind and are all garbage-collected", async (t) => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const handles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
  // A WeakRef per client's API object: a closed client that something still holds is a leak, whatever the
  // heap's noise (a heap-size delta swings by tens of MiB with lazy compilation and GC timing).
  const refs: WeakRef<object>[] = [];
  const cycle = async () => {
    const st = await Subtensor.connect(url);
    await st.blockNumber();
    refs.push(new WeakRef(st.api));
    await st.close();
  };
  await cycle();
  await new Promise((r) => setTimeout(r, 200));
  gc();
  const h0 = handles();
  const heap0 = process.memoryUsage().heapUsed;
  for (let i = 0; i < 50; i++) await cycle();
  // @polkadot/api drops its last timers a few seconds after disconnect; give it up to 10 s.
  const alive = () => refs.filter((r) => r.deref() !== undefined).length;
  for (let i = 0; i < 50 && alive() > 0; i++) {
    await new Promise((r) => setTimeout(r, 200));
    gc();
  }
  const grown = process.memoryUsage().heapUsed - heap0;
  t.diagnostic(
    `51 cycles: handles ${h0} → ${handles()}, clients alive ${alive()}, heap Δ ${(grown / 1048576).toFixed(2)} MiB`,
  );
  assert.equal(alive(), 0, "closed clients still reachable");
  assert.ok(handles() <= h0, `handles ${h0} → ${handles()}`);
});
