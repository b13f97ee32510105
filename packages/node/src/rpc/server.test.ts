// The RPC server over real sockets: JSON-RPC framing and ids, every error code, batches, subscriptions
// and their ordering and lifetime, HTTP POST, and @polkadot/api's provider as an independent client.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WsProvider } from "@polkadot/rpc-provider";
import { ErrorCode, RpcError } from "./errors.ts";
import type { Emit, SubscriptionContext } from "./registry.ts";
import type { RpcServer } from "./server.ts";
import { type Json, startServer, TestClient, until } from "./testClient.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A subscription family whose producers the test drives by hand. */
function ticker() {
  const live = new Map<string, { emit: Emit; ctx: SubscriptionContext; params: unknown[] }>();
  let stops = 0;
  return {
    live,
    stops: () => stops,
    spec: {
      subscribe: ["test_subscribeTicks", "test_subscribeTick"],
      unsubscribe: ["test_unsubscribeTicks", "test_unsubscribeTick"],
      notification: "test_tick",
      maxParams: 1,
      start(params: unknown[], emit: Emit, ctx: SubscriptionContext) {
        if (params[0] === "reject") throw new RpcError(1010, "Invalid Transaction", "Custom error: 6");
        live.set(ctx.id, { emit, ctx, params });
        return () => {
          stops++;
          live.delete(ctx.id);
        };
      },
    },
  };
}

function registerBasics(server: RpcServer): void {
  server.register("test_echo", (params) => params);
  server.register("test_add", ([a, b]) => (a as number) + (b as number), { minParams: 2, maxParams: 2 });
  server.register("test_async", async ([x]) => {
    await sleep(1);
    return { x };
  });
  server.register("test_fail", () => {
    throw new Error("disk /secret/path exploded");
  });
  server.register("test_failAsync", async () => {
    throw new TypeError("boom at /secret/other");
  });
  server.register("test_custom", ([withData]) => {
    if (withData) throw new RpcError(1010, "Invalid Transaction", "Custom error: 6");
    throw new RpcError(1013, "Transaction Already Imported");
  });
  server.register("test_bigint", () => 1n);
  server.register("test_big", ([n]) => "x".repeat(n as number));
  server.register("test_optional", (params) => ({ count: params.length, params }), {
    aliases: ["test_optionalAt"],
    maxParams: 3,
  });
}

describe("RPC server over WebSocket", () => {
  const tick = ticker();
  let env: Awaited<ReturnType<typeof startServer>>;
  let client: TestClient;

  before(async () => {
    env = await startServer({}, (server) => {
      registerBasics(server);
      server.registerSubscription(tick.spec);
    });
    client = await TestClient.connect(env.ws);
  });
  after(async () => {
    await client.close();
    await env.server.close();
  });

  test("rpc_methods lists every name and alias, sorted", async () => {
    const reply = await client.call("rpc_methods");
    assert.equal(reply.result.version, 1);
    const methods: string[] = reply.result.methods;
    for (const name of [
      "rpc_methods",
      "test_echo",
      "test_optional",
      "test_optionalAt",
      "test_subscribeTicks",
      "test_subscribeTick",
      "test_unsubscribeTicks",
      "test_unsubscribeTick",
    ]) {
      assert.ok(methods.includes(name), `${name} listed`);
    }
    assert.ok(!methods.includes("test_tick"), "notification names are not methods");
    assert.deepEqual(methods, [...methods].sort());
  });

  test("the reply echoes id with its JSON type", async () => {
    for (const id of [7, 0, -3, 1.5, "7", "", "abc-def", 2 ** 40]) {
      client.sendRaw(JSON.stringify({ jsonrpc: "2.0", id, method: "test_echo", params: [id] }));
      const reply = await client.next();
      assert.deepEqual(reply, { jsonrpc: "2.0", id, result: [id] });
    }
    client.sendRaw('{"jsonrpc":"2.0","id":null,"method":"test_echo","params":[]}');
    assert.deepEqual(await client.next(), { jsonrpc: "2.0", id: null, result: [] });
  });

  test("trailing nulls are dropped; omitted and null optional params look the same", async () => {
    assert.deepEqual((await client.call("test_optional", ["a"])).result, { count: 1, params: ["a"] });
    assert.deepEqual((await client.call("test_optional", ["a", null, null])).result, {
      count: 1,
      params: ["a"],
    });
    assert.deepEqual((await client.call("test_optionalAt", [null, "b"])).result, {
      count: 2,
      params: [null, "b"],
    });
    client.sendRaw('{"jsonrpc":"2.0","id":"np","method":"test_optional"}');
    assert.deepEqual((await client.next()).result, { count: 0, params: [] });
    client.sendRaw('{"jsonrpc":"2.0","id":"nn","method":"test_optional","params":null}');
    assert.deepEqual((await client.next()).result, { count: 0, params: [] });
  });

  test("async handlers", async () => {
    assert.deepEqual((await client.call("test_async", [5])).result, { x: 5 });
    assert.equal((await client.call("test_add", [2, 3])).result, 5);
  });

  test("-32700: garbage JSON, then a valid request on the same socket", async () => {
    for (const garbage of ["{not json", "", "   ", '{"jsonrpc":"2.0",', "\u0000\u0001"]) {
      client.sendRaw(garbage);
      assert.deepEqual(await client.next(), {
        jsonrpc: "2.0",
        id: null,
        error: { code: -32700, message: "Parse error" },
      });
    }
    client.sendRaw(Buffer.from([0xff, 0xfe, 0x00]));
    assert.equal((await client.next()).error.code, ErrorCode.ParseError);
    assert.equal((await client.call("test_add", [1, 1])).result, 2);
  });

  test("-32600: not a request object", async () => {
    const cases: Array<[string, unknown]> = [
      ["42", null],
      ['"text"', null],
      ["null", null],
      ['{"jsonrpc":"1.0","id":4,"method":"test_echo"}', 4],
      ['{"id":5,"method":"test_echo"}', 5],
      ['{"jsonrpc":"2.0","id":6}', 6],
      ['{"jsonrpc":"2.0","id":7,"method":12}', 7],
      ['{"jsonrpc":"2.0","id":{"a":1},"method":"test_echo"}', null],
      ['{"jsonrpc":"2.0","id":[1],"method":"test_echo"}', null],
      ['{"jsonrpc":"2.0","id":true,"method":"test_echo"}', null],
      ['{"jsonrpc":"2.0","id":8,"method":"test_echo","params":"x"}', 8],
      ["[]", null],
    ];
    for (const [text, id] of cases) {
      client.sendRaw(text);
      const reply = await client.next();
      assert.equal(reply.error.code, -32600, text);
      assert.equal(reply.error.message, "Invalid request");
      assert.deepEqual(reply.id, id, text);
      assert.equal(reply.jsonrpc, "2.0");
    }
  });

  test("-32601: unknown method, with Substrate's message", async () => {
    const reply = await client.call("state_doesNotExist", [], 11);
    assert.deepEqual(reply, { jsonrpc: "2.0", id: 11, error: { code: -32601, message: "Method not found" } });
  });

  test("-32602: wrong parameter count or named params", async () => {
    const few = await client.call("test_add", [1]);
    assert.equal(few.error.code, -32602);
    assert.equal(few.error.message, "Invalid params");
    assert.match(few.error.data, /at least 2/);
    const many = await client.call("test_add", [1, 2, 3]);
    assert.equal(many.error.code, -32602);
    assert.match(many.error.data, /at most 2/);
    client.sendRaw('{"jsonrpc":"2.0","id":"named","method":"test_add","params":{"a":1,"b":2}}');
    const named = await client.next();
    assert.equal(named.id, "named");
    assert.equal(named.error.code, -32602);
    assert.equal((await client.call("rpc_methods", [1])).error.code, -32602);
  });

  test("-32603: a handler's own exception reaches the client without message or stack", async () => {
    for (const method of ["test_fail", "test_failAsync", "test_bigint"]) {
      const reply = await client.call(method, [], method);
      assert.deepEqual(reply, {
        jsonrpc: "2.0",
        id: method,
        error: { code: -32603, message: "Internal error" },
      });
    }
  });

  test("RpcError code, message and data pass through; no data key when none", async () => {
    const withData = await client.call("test_custom", [true]);
    assert.deepEqual(withData.error, { code: 1010, message: "Invalid Transaction", data: "Custom error: 6" });
    const without = await client.call("test_custom", [false]);
    assert.deepEqual(without.error, { code: 1013, message: "Transaction Already Imported" });
    assert.ok(!("result" in without));
  });

  test("-32008: a reply over the message limit is replaced by an error", async () => {
    const reply = await client.call("test_big", [17 * 1024 * 1024]);
    assert.equal(reply.error.code, -32008);
    assert.equal(reply.error.message, "Response is too big");
    assert.equal((await client.call("test_big", [10])).result, "xxxxxxxxxx");
  });

  test("batches: per-element replies, notifications skipped, invalid elements reported", async () => {
    client.sendRaw(
      JSON.stringify([
        { jsonrpc: "2.0", id: 1, method: "test_add", params: [1, 2] },
        { jsonrpc: "2.0", method: "test_add", params: [5, 5] },
        { jsonrpc: "2.0", id: "b", method: "nope" },
        7,
        { jsonrpc: "2.0", id: 3, method: "test_async", params: ["z"] },
      ]),
    );
    const batch = await client.next();
    assert.ok(Array.isArray(batch));
    assert.equal(batch.length, 4);
    const byId = new Map(batch.map((r: Json) => [r.id, r]));
    assert.equal(byId.get(1).result, 3);
    assert.equal(byId.get("b").error.code, -32601);
    assert.equal(byId.get(null).error.code, -32600);
    assert.deepEqual(byId.get(3).result, { x: "z" });
  });

  test("client notifications run but get no reply, even on errors or in a batch", async () => {
    let hits = 0;
    env.server.register("test_hit", () => {
      hits++;
      throw new Error("no one hears this");
    });
    client.sendRaw('{"jsonrpc":"2.0","method":"test_hit","params":[]}');
    client.sendRaw('{"jsonrpc":"2.0","method":"no_such_method"}');
    client.sendRaw('[{"jsonrpc":"2.0","method":"test_hit"},{"jsonrpc":"2.0","method":"test_hit"}]');
    const reply = await client.call("test_echo", ["after"], "marker");
    assert.deepEqual(reply.result, ["after"]);
    await sleep(20);
    assert.deepEqual(client.pending(), [], "nothing else was sent");
    assert.equal(hits, 3);
  });

  test("subscribe: 16-char alphanumeric ids, notifications without id, unsubscribe true then false", async () => {
    const a = await client.call("test_subscribeTicks", [], 100);
    const b = await client.call("test_subscribeTick", [], "s2");
    for (const sub of [a.result, b.result]) assert.match(sub, /^[A-Za-z0-9]{16}$/);
    assert.notEqual(a.result, b.result);

    tick.live.get(a.result)!.emit({ n: 1 });
    tick.live.get(b.result)!.emit("two");
    const first = await client.next();
    assert.deepEqual(first, {
      jsonrpc: "2.0",
      method: "test_tick",
      params: { subscription: a.result, result: { n: 1 } },
    });
    assert.ok(!("id" in first));
    assert.deepEqual((await client.next()).params, { subscription: b.result, result: "two" });

    const stopsBefore = tick.stops();
    assert.equal((await client.call("test_unsubscribeTicks", [a.result])).result, true);
    assert.equal(tick.stops(), stopsBefore + 1);
    assert.equal((await client.call("test_unsubscribeTicks", [a.result])).result, false);
    assert.equal((await client.call("test_unsubscribeTick", ["AAAAAAAAAAAAAAAA"])).result, false);
    assert.equal((await client.call("test_unsubscribeTick", [42])).result, false);
    assert.equal((await client.call("test_unsubscribeTick", [])).error.code, -32602);
    assert.equal((await client.call("test_unsubscribeTick", [b.result])).result, true);
    assert.equal(tick.stops(), stopsBefore + 2);
  });

  test("ids are unique across many subscriptions", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) ids.add((await client.call("test_subscribeTicks")).result);
    assert.equal(ids.size, 200);
    for (const id of ids) assert.equal((await client.call("test_unsubscribeTicks", [id])).result, true);
  });

  test("a subscription's start error is the subscribe reply and nothing is left running", async () => {
    const liveBefore = tick.live.size;
    const reply = await client.call("test_subscribeTicks", ["reject"]);
    assert.deepEqual(reply.error, { code: 1010, message: "Invalid Transaction", data: "Custom error: 6" });
    assert.equal(tick.live.size, liveBefore);
  });

  test("subscriptions are refused over HTTP", async () => {
    const res = await fetch(env.http, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "test_subscribeTicks", params: [] }),
    });
    const reply = (await res.json()) as Json;
    assert.equal(reply.error.code, -32601);
    assert.equal(tick.live.size, 0);
  });
});

describe("notification ordering and subscription lifetime", () => {
  test("notifications emitted before the subscribe reply still follow it (sync, async, in a batch)", async () => {
    const env = await startServer({}, (server) => {
      server.registerSubscription({
        subscribe: ["early_subscribe"],
        unsubscribe: ["early_unsubscribe"],
        notification: "early_push",
        start(_params, emit) {
          emit(1);
          emit(2);
          return () => {};
        },
      });
      server.registerSubscription({
        subscribe: ["late_subscribe"],
        unsubscribe: ["late_unsubscribe"],
        notification: "late_push",
        async start(_params, emit) {
          emit("a");
          await sleep(10);
          emit("b");
          await sleep(10);
          return undefined;
        },
      });
    });
    const client = await TestClient.connect(env.ws);
    try {
      for (const method of ["early_subscribe", "late_subscribe"]) {
        client.send({ jsonrpc: "2.0", id: method, method, params: [] });
        const reply = await client.next();
        assert.equal(reply.id, method, "the reply comes first");
        const n1 = await client.next();
        const n2 = await client.next();
        assert.equal(n1.params.subscription, reply.result);
        assert.equal(n2.params.subscription, reply.result);
        assert.deepEqual(
          [n1.params.result, n2.params.result],
          method === "early_subscribe" ? [1, 2] : ["a", "b"],
        );
      }
      client.send([
        { jsonrpc: "2.0", id: 1, method: "early_subscribe" },
        { jsonrpc: "2.0", id: 2, method: "early_subscribe" },
      ]);
      const batch = await client.next();
      assert.ok(Array.isArray(batch), "the batch reply comes before any of its subscriptions' pushes");
      const ids = new Set(batch.map((r: Json) => r.result));
      for (let i = 0; i < 4; i++) assert.ok(ids.has((await client.next()).params.subscription));
    } finally {
      await client.close();
      await env.server.close();
    }
  });

  test("the server can end a subscription (terminal status): pushes flush, stop runs, later emits vanish", async () => {
    let stopped = 0;
    let lateEmit: Emit | undefined;
    const env = await startServer({}, (server) => {
      server.registerSubscription({
        subscribe: ["watch_submit"],
        unsubscribe: ["watch_unwatch"],
        notification: "watch_update",
        start([mode], emit, ctx) {
          lateEmit = emit;
          emit("ready");
          if (mode === "instant") {
            emit({ finalized: "0x01" });
            ctx.close();
          } else {
            setTimeout(() => {
              emit({ finalized: "0x02" });
              ctx.close();
              emit("after close");
            }, 10);
          }
          return () => {
            stopped++;
          };
        },
      });
    });
    const client = await TestClient.connect(env.ws);
    try {
      for (const mode of ["instant", "later"]) {
        const reply = await client.call("watch_submit", [mode]);
        assert.equal((await client.next()).params.result, "ready");
        assert.ok((await client.next()).params.result.finalized);
        await until(() => stopped === (mode === "instant" ? 1 : 2));
        lateEmit!("ghost");
        assert.equal((await client.call("watch_unwatch", [reply.result])).result, false);
      }
      await sleep(20);
      assert.deepEqual(client.pending(), []);
    } finally {
      await client.close();
      await env.server.close();
    }
  });

  test("closing a socket stops all its subscriptions, including one still starting", async () => {
    const tick = ticker();
    let release: (() => void) | undefined;
    let slowStopped = 0;
    const env = await startServer({}, (server) => {
      server.registerSubscription(tick.spec);
      server.registerSubscription({
        subscribe: ["slow_subscribe"],
        unsubscribe: ["slow_unsubscribe"],
        notification: "slow_push",
        async start() {
          await new Promise<void>((r) => {
            release = r;
          });
          return async () => {
            slowStopped++;
          };
        },
      });
    });
    const client = await TestClient.connect(env.ws);
    const other = await TestClient.connect(env.ws);
    for (let i = 0; i < 3; i++) await client.call("test_subscribeTicks");
    const kept = (await other.call("test_subscribeTicks")).result;
    client.send({ jsonrpc: "2.0", id: "slow", method: "slow_subscribe", params: [] });
    await until(() => release !== undefined);
    assert.equal(tick.live.size, 4);
    await client.close();
    await until(() => tick.stops() === 3);
    assert.deepEqual([...tick.live.keys()], [kept], "the other connection's subscription lives on");
    release!();
    await until(() => slowStopped === 1);
    await other.close();
    await until(() => tick.stops() === 4);
    await env.server.close();
  });

  test("max subscriptions per connection: -32006, and room again after an unsubscribe", async () => {
    const tick = ticker();
    const env = await startServer({ maxSubscriptionsPerConnection: 2 }, (s) =>
      s.registerSubscription(tick.spec),
    );
    const client = await TestClient.connect(env.ws);
    const other = await TestClient.connect(env.ws);
    try {
      const first = (await client.call("test_subscribeTicks")).result;
      await client.call("test_subscribeTicks");
      const third = await client.call("test_subscribeTicks");
      assert.deepEqual(third.error, {
        code: -32006,
        message: "Too many subscriptions on the connection",
        data: "Exceeded max limit of 2",
      });
      assert.match(
        (await other.call("test_subscribeTicks")).result,
        /^[A-Za-z0-9]{16}$/,
        "limit is per connection",
      );
      await client.call("test_unsubscribeTicks", [first]);
      assert.match((await client.call("test_subscribeTicks")).result, /^[A-Za-z0-9]{16}$/);
    } finally {
      await client.close();
      await other.close();
      await env.server.close();
    }
  });

  test("close() ends connections with 1001, stops subscriptions and frees the port", async () => {
    const tick = ticker();
    const env = await startServer({}, (s) => s.registerSubscription(tick.spec));
    const client = await TestClient.connect(env.ws);
    await client.call("test_subscribeTicks");
    await client.call("test_subscribeTicks");
    await env.server.close();
    assert.equal((await client.waitClosed()).code, 1001);
    assert.equal(tick.stops(), 2);
    await assert.rejects(TestClient.connect(env.ws));
    await assert.rejects(fetch(env.http, { method: "POST", body: "{}" }));
    await env.server.close(); // idempotent
  });
});

describe("RPC server over HTTP POST", () => {
  let env: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    env = await startServer({ maxMessageSize: 64 * 1024 }, registerBasics);
  });
  after(() => env.server.close());

  const post = (body: string, path = "/", contentType = "application/json") =>
    fetch(env.http + path, { method: "POST", headers: { "content-type": contentType }, body });
  const rpc = async (body: string): Promise<Json> => (await post(body)).json();

  test("a call, with id type echoed", async () => {
    for (const id of [1, "one"]) {
      const res = await post(JSON.stringify({ jsonrpc: "2.0", id, method: "test_add", params: [20, 22] }));
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
      assert.deepEqual((await res.json()) as Json, { jsonrpc: "2.0", id, result: 42 });
    }
    const other = await post('{"jsonrpc":"2.0","id":2,"method":"rpc_methods"}', "/rpc", "text/plain");
    assert.ok(
      ((await other.json()) as Json).result.methods.includes("test_add"),
      "any path, any content type",
    );
  });

  test("errors and batches over HTTP", async () => {
    assert.equal((await rpc("garbage")).error.code, -32700);
    assert.equal((await rpc("")).error.code, -32700);
    assert.equal((await rpc('{"jsonrpc":"2.0","id":1,"method":"x_y"}')).error.code, -32601);
    assert.deepEqual((await rpc('{"jsonrpc":"2.0","id":1,"method":"test_fail"}')).error, {
      code: -32603,
      message: "Internal error",
    });
    const batch = await rpc(
      '[{"jsonrpc":"2.0","id":1,"method":"test_add","params":[1,2]},{"jsonrpc":"2.0","id":2,"method":"q"}]',
    );
    assert.equal(batch.length, 2);
    const notification = await post('{"jsonrpc":"2.0","method":"test_add","params":[1,2]}');
    assert.equal(notification.status, 204);
    assert.equal(await notification.text(), "");
  });

  test("a body over the limit gets 413 with a JSON-RPC -32007 error; the server keeps serving", async () => {
    const big = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "test_echo",
      params: ["y".repeat(100 * 1024)],
    });
    const res = await post(big);
    assert.equal(res.status, 413);
    assert.deepEqual((await res.json()) as Json, {
      jsonrpc: "2.0",
      id: null,
      error: { code: -32007, message: "Request is too big", data: `Exceeded max limit of ${64 * 1024}` },
    });
    assert.equal((await rpc('{"jsonrpc":"2.0","id":1,"method":"test_add","params":[1,2]}')).result, 3);
  });

  test("GET is not JSON-RPC; GET /health answers system_health when registered", async () => {
    assert.equal((await fetch(env.http)).status, 405);
    assert.equal((await fetch(`${env.http}/health`)).status, 404);
    env.server.register("system_health", () => ({ peers: 0, isSyncing: false, shouldHavePeers: false }));
    const health = await fetch(`${env.http}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { peers: 0, isSyncing: false, shouldHavePeers: false });
  });
});

describe("@polkadot/api as the client", () => {
  test("WsProvider: raw rpc_methods and a subscription that pushes before its reply", async () => {
    const env = await startServer({}, (server) => {
      server.register("system_health", () => ({ peers: 0, isSyncing: false, shouldHavePeers: false }));
      server.registerSubscription({
        subscribe: ["chain_subscribeNewHeads"],
        unsubscribe: ["chain_unsubscribeNewHeads"],
        notification: "chain_newHead",
        start(_params, emit) {
          emit({ number: "0x1" });
          const timer = setInterval(() => emit({ number: "0x2" }), 5);
          return () => clearInterval(timer);
        },
      });
    });
    const provider = new WsProvider(env.ws, false);
    try {
      await provider.connect();
      await provider.isReady;
      const methods = await provider.send<{ version: number; methods: string[] }>("rpc_methods", []);
      assert.equal(methods.version, 1);
      assert.ok(methods.methods.includes("chain_subscribeNewHeads"));
      assert.ok(methods.methods.includes("rpc_methods"));
      await assert.rejects(provider.send("nope_nope", []), /-32601: Method not found/);

      const heads: string[] = [];
      const subId = await provider.subscribe("chain_newHead", "chain_subscribeNewHeads", [], (err, head) => {
        assert.equal(err, null);
        heads.push(head.number);
      });
      await until(() => heads.length >= 3);
      assert.equal(heads[0], "0x1", "the push sent before the reply was delivered");
      assert.equal(await provider.unsubscribe("chain_newHead", "chain_unsubscribeNewHeads", subId), true);
    } finally {
      await provider.disconnect();
      await env.server.close();
    }
  });
});
