// The RPC server's limits: oversized messages and frames, the connection cap, per-connection back-pressure
// and clients that stop reading. Each must be refused with a clear error while everyone else is served.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Emit } from "./registry.ts";
import { type Json, startServer, TestClient, until } from "./testClient.ts";

const MiB = 1024 * 1024;

/** A request whose JSON text is exactly `size` bytes (ASCII padding in the single param). */
function requestOfSize(size: number, id = 1): string {
  const shell = JSON.stringify({ jsonrpc: "2.0", id, method: "echo_len", params: [""] });
  return shell.replace('[""]', `["${"p".repeat(size - shell.length)}"]`);
}

describe("message size", () => {
  test("a 20 MiB frame gets -32007 under the default limits; the same and new connections keep working", async () => {
    const env = await startServer({}, (s) => s.register("echo_len", ([p]) => (p as string).length));
    const client = await TestClient.connect(env.ws);
    const bystander = await TestClient.connect(env.ws);
    try {
      client.sendRaw(requestOfSize(20 * MiB));
      assert.deepEqual(await client.next(10_000), {
        jsonrpc: "2.0",
        id: null,
        error: { code: -32007, message: "Request is too big", data: `Exceeded max limit of ${16 * MiB}` },
      });
      assert.equal((await client.call("echo_len", ["abc"])).result, 3, "same socket still served");
      assert.equal((await bystander.call("echo_len", ["ab"])).result, 2, "other sockets unaffected");
      const fresh = await TestClient.connect(env.ws);
      assert.equal((await fresh.call("echo_len", ["a"])).result, 1, "new connections accepted");
      await fresh.close();
      // Just under the limit is still served in full.
      const ok = requestOfSize(16 * MiB, 77);
      client.sendRaw(ok);
      const reply = await client.next(10_000);
      assert.equal(reply.id, 77);
      assert.ok(reply.result > 16 * MiB - 100);
    } finally {
      await client.close();
      await bystander.close();
      await env.server.close();
    }
  });

  test("the limit is exact: maxMessageSize bytes pass, one more does not", async () => {
    const env = await startServer({ maxMessageSize: 1000 }, (s) =>
      s.register("echo_len", ([p]) => (p as string).length),
    );
    const client = await TestClient.connect(env.ws);
    try {
      client.sendRaw(requestOfSize(1000, 1));
      assert.equal((await client.next()).id, 1);
      client.sendRaw(requestOfSize(1001, 2));
      assert.equal((await client.next()).error.code, -32007);
    } finally {
      await client.close();
      await env.server.close();
    }
  });

  test("a frame past maxFrameSize is cut off with close code 1009 without being read; the server goes on", async () => {
    const env = await startServer({ maxMessageSize: 1024 }, (s) =>
      s.register("echo_len", ([p]) => (p as string).length),
    );
    assert.equal(env.server.limits.maxFrameSize, 2048);
    const client = await TestClient.connect(env.ws);
    const bystander = await TestClient.connect(env.ws);
    try {
      client.sendRaw(requestOfSize(1500, 1));
      assert.equal((await client.next()).error.code, -32007, "between the limits: an error, connection kept");
      client.sendRaw(requestOfSize(64 * 1024, 2));
      assert.equal((await client.waitClosed()).code, 1009);
      assert.equal((await bystander.call("echo_len", ["xy"])).result, 2);
      const fresh = await TestClient.connect(env.ws);
      assert.equal((await fresh.call("echo_len", ["x"])).result, 1);
      await fresh.close();
      await until(() => env.server.connectionCount === 1);
    } finally {
      await bystander.close();
      await env.server.close();
    }
  });

  test("a text frame that is not UTF-8 closes that connection with 1007; the server goes on", async () => {
    const env = await startServer({}, (s) => s.register("echo_len", ([p]) => (p as string).length));
    const client = await TestClient.connect(env.ws);
    try {
      client.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
      assert.equal((await client.waitClosed()).code, 1007);
      const fresh = await TestClient.connect(env.ws);
      assert.equal((await fresh.call("echo_len", ["x"])).result, 1);
      await fresh.close();
    } finally {
      await env.server.close();
    }
  });

  test("HTTP: a 20 MiB body gets 413 with -32007 under the default limits", async () => {
    const env = await startServer({}, (s) => s.register("echo_len", ([p]) => (p as string).length));
    try {
      const res = await fetch(env.http, { method: "POST", body: requestOfSize(20 * MiB) });
      assert.equal(res.status, 413);
      assert.equal(((await res.json()) as Json).error.code, -32007);
      const body = requestOfSize(100, 5);
      const ok = await fetch(env.http, { method: "POST", body });
      assert.deepEqual(await ok.json(), { jsonrpc: "2.0", id: 5, result: JSON.parse(body).params[0].length });
    } finally {
      await env.server.close();
    }
  });
});

describe("connection limit", () => {
  test("upgrades past maxConnections get HTTP 429, even when they arrive together; room frees on close", async () => {
    const env = await startServer({ maxConnections: 3 }, (s) => s.register("ping", () => "pong"));
    try {
      const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => TestClient.connect(env.ws)));
      const open = attempts.filter((a) => a.status === "fulfilled").map((a) => a.value);
      const refused = attempts.filter((a) => a.status === "rejected");
      assert.equal(open.length, 3);
      for (const r of refused) assert.equal((r.reason as { statusCode?: number }).statusCode, 429);
      for (const c of open)
        assert.equal((await c.call("ping")).result, "pong", "admitted clients are served");
      const http = await fetch(env.http, {
        method: "POST",
        body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
      });
      assert.equal(((await http.json()) as Json).result, "pong", "HTTP is not counted");

      await open[0].close();
      await until(() => env.server.connectionCount === 2);
      const again = await TestClient.connect(env.ws);
      assert.equal((await again.call("ping")).result, "pong");
      await assert.rejects(TestClient.connect(env.ws), (e: { statusCode?: number }) => e.statusCode === 429);
      await again.close();
      for (const c of open.slice(1)) await c.close();
    } finally {
      await env.server.close();
    }
  });
});

describe("liveness", () => {
  test("a client that stops answering pings is dropped and its subscriptions stop; a live one stays", async () => {
    let stops = 0;
    const env = await startServer({ pingInterval: 40 }, (s) =>
      s.registerSubscription({
        subscribe: ["idle_subscribe"],
        unsubscribe: ["idle_unsubscribe"],
        notification: "idle_push",
        start: () => () => {
          stops++;
        },
      }),
    );
    const silent = await TestClient.connect(env.ws, { autoPong: false });
    const live = await TestClient.connect(env.ws);
    try {
      await silent.call("idle_subscribe");
      await live.call("idle_subscribe");
      assert.equal((await silent.waitClosed()).code, 1006);
      await until(() => stops === 1);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(env.server.connectionCount, 1);
      assert.match((await live.call("idle_subscribe")).result, /^[A-Za-z0-9]{16}$/);
    } finally {
      await live.close();
      await env.server.close();
    }
  });
});

describe("back-pressure", () => {
  test("a connection stops being read while maxInFlightPerConnection requests are pending", async () => {
    const gates: Array<() => void> = [];
    let started = 0;
    const env = await startServer({ maxInFlightPerConnection: 2 }, (s) =>
      s.register("slow", async ([n]) => {
        started++;
        await new Promise<void>((r) => gates.push(r));
        return n;
      }),
    );
    const client = await TestClient.connect(env.ws);
    try {
      client.send({ jsonrpc: "2.0", id: 1, method: "slow", params: [1] });
      client.send({ jsonrpc: "2.0", id: 2, method: "slow", params: [2] });
      await until(() => started === 2);
      // Sent after the server paused: they wait in the socket, not in the server's memory.
      await new Promise((r) => setTimeout(r, 20));
      for (let i = 3; i <= 6; i++) client.send({ jsonrpc: "2.0", id: i, method: "slow", params: [i] });
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(started, 2);
      const answered = new Set<number>();
      while (answered.size < 6) {
        while (gates.length > 0) gates.shift()!();
        const reply = await client.next();
        answered.add(reply.result);
      }
      assert.equal(started, 6);
    } finally {
      await client.close();
      await env.server.close();
    }
  });

  test("a client that stops reading is disconnected once maxSendBuffer is queued, and its subscriptions stop", async () => {
    let stopped = false;
    let pushes = 0;
    const env = await startServer({ maxSendBuffer: 256 * 1024 }, (s) =>
      s.registerSubscription({
        subscribe: ["flood_subscribe"],
        unsubscribe: ["flood_unsubscribe"],
        notification: "flood_push",
        start(_params, emit: Emit) {
          const chunk = "z".repeat(128 * 1024);
          const timer = setInterval(() => {
            // Bounded so a broken limit fails the test instead of filling memory.
            if (pushes < 2000) {
              pushes++;
              emit(chunk);
            }
          }, 0);
          return () => {
            stopped = true;
            clearInterval(timer);
          };
        },
      }),
    );
    const client = await TestClient.connect(env.ws);
    try {
      await client.call("flood_subscribe");
      client.ws.pause();
      await until(() => stopped, 20_000);
      assert.ok(pushes < 2000, `disconnected after ${pushes} pushes`);
      client.ws.resume();
      const { code } = await client.waitClosed();
      assert.equal(code, 1006, "cut without a close handshake");
      await until(() => env.server.connectionCount === 0);
    } finally {
      await env.server.close();
    }
  });
});
