// The method registry and the pieces that need no socket: names and aliases, the rpc_methods listing,
// registration mistakes, subscription ids, and RpcError's wire shape.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { newSubscriptionId, notificationText } from "./connection.ts";
import { ErrorCode, RpcError } from "./errors.ts";
import { RpcRegistry } from "./registry.ts";

const noopSubscription = {
  subscribe: ["chain_subscribeNewHeads", "chain_subscribeNewHead", "subscribe_newHead"],
  unsubscribe: ["chain_unsubscribeNewHeads", "chain_unsubscribeNewHead", "unsubscribe_newHead"],
  notification: "chain_newHead",
  start: () => undefined,
};

describe("RpcRegistry", () => {
  test("rpc_methods lists every name and alias once, sorted, and follows later registrations", () => {
    const registry = new RpcRegistry();
    assert.deepEqual(registry.methods(), { version: 1, methods: ["rpc_methods"] });
    registry.register("system_accountNextIndex", () => 0, { aliases: ["account_nextIndex"] });
    registry.registerSubscription(noopSubscription);
    assert.deepEqual(registry.methods().methods, [
      "account_nextIndex",
      "chain_subscribeNewHead",
      "chain_subscribeNewHeads",
      "chain_unsubscribeNewHead",
      "chain_unsubscribeNewHeads",
      "rpc_methods",
      "subscribe_newHead",
      "system_accountNextIndex",
      "unsubscribe_newHead",
    ]);
    registry.register("chain_getHead", () => null);
    assert.ok(registry.methods().methods.includes("chain_getHead"));
    // The listing handed out is a copy: a caller cannot change what the next client sees.
    registry.methods().methods.push("bogus");
    assert.ok(!registry.methods().methods.includes("bogus"));
  });

  test("aliases share the handler; unsubscribe names take exactly one param", () => {
    const registry = new RpcRegistry();
    const handler = () => 1;
    registry.register("state_getStorage", handler, { aliases: ["state_getStorageAt"], maxParams: 2 });
    registry.registerSubscription(noopSubscription);
    const a = registry.get("state_getStorage");
    const b = registry.get("state_getStorageAt");
    assert.ok(a?.kind === "call" && b?.kind === "call");
    assert.equal(a.handler, b.handler);
    assert.equal(b.maxParams, 2);
    const unsub = registry.get("unsubscribe_newHead");
    assert.ok(unsub?.kind === "unsubscribe");
    assert.deepEqual([unsub.minParams, unsub.maxParams], [1, 1]);
    assert.equal(registry.get("chain_newHead"), undefined, "notification names are not callable");
  });

  test("registration mistakes throw at startup", () => {
    const registry = new RpcRegistry();
    registry.register("a_b", () => 1);
    assert.throws(() => registry.register("a_b", () => 2), /already registered/);
    assert.throws(() => registry.register("rpc_methods", () => 2), /already registered/);
    assert.throws(() => registry.register("c_d", () => 1, { aliases: ["a_b"] }), /already registered/);
    assert.throws(() => registry.register("", () => 1), /non-empty/);
    assert.throws(
      () => registry.register("e_f", () => 1, { minParams: 2, maxParams: 1 }),
      /parameter counts/,
    );
    assert.throws(() => registry.register("e_f", () => 1, { minParams: -1 }), /parameter counts/);
    assert.throws(
      () => registry.registerSubscription({ ...noopSubscription, unsubscribe: [] }),
      /unsubscribe/,
    );
    assert.throws(
      () => registry.registerSubscription({ ...noopSubscription, notification: "" }),
      /notification/,
    );
  });
});

describe("subscription ids and notifications", () => {
  test("ids are 16 alphanumeric characters and every character occurs", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = newSubscriptionId();
      assert.match(id, /^[A-Za-z0-9]{16}$/);
      for (const c of id) seen.add(c);
    }
    assert.equal(seen.size, 62);
  });

  test("a notification carries no id and round-trips any JSON payload", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (payload) => {
        const message = JSON.parse(notificationText("state_storage", "abcdEFGH12345678", payload));
        assert.deepEqual(Object.keys(message).sort(), ["jsonrpc", "method", "params"]);
        assert.deepEqual(message.params, {
          subscription: "abcdEFGH12345678",
          result: JSON.parse(JSON.stringify(payload)),
        });
      }),
    );
  });
});

describe("RpcError", () => {
  test("wire shape with and without data; codes must be integers", () => {
    assert.deepEqual(new RpcError(1010, "Invalid Transaction", "Custom error: 6").toJSON(), {
      code: 1010,
      message: "Invalid Transaction",
      data: "Custom error: 6",
    });
    assert.deepEqual(new RpcError(1012, "Transaction is temporarily banned").toJSON(), {
      code: 1012,
      message: "Transaction is temporarily banned",
    });
    assert.deepEqual(RpcError.invalidParams("bad hash").toJSON(), {
      code: ErrorCode.InvalidParams,
      message: "Invalid params",
      data: "bad hash",
    });
    assert.throws(() => new RpcError(1.5, "x"), TypeError);
    assert.ok(new RpcError(1, "x") instanceof Error);
  });
});
