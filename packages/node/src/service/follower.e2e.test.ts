// Follower mode: a second node started with `syncFrom` imports the authority's blocks over JSON-RPC,
// re-executes them and serves the same chain; a block whose state or body was tampered with is refused and
// nothing is written; transactions sent to the follower are validated there and forwarded to the authority.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { blake2_256 } from "@opentao/primitives";
import { builtInChainSpec, signExtrinsic } from "@opentao/runtime";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { blockHeader } from "@polkadot-api/substrate-bindings";
import { pino } from "pino";
import { WebSocket } from "ws";
import { BlockProducer, ImportError } from "../chain/index.ts";
import { BlockStore } from "../store/index.ts";
import { Node } from "./node.ts";
import { startDevNode } from "./testNode.ts";

const TAO = 1_000_000_000n;
let authority: Node;
let follower: Node;
let alice: KeyringPair;
let bob: KeyringPair;
let nonce = 0;

const transfer = (value: bigint) =>
  signExtrinsic({
    signer: alice,
    nonce: nonce++,
    genesisHash: authority.producer.genesisHash,
    call: {
      type: "Balances",
      value: { type: "transfer_keep_alive", value: { dest: { type: "Id", value: bob.publicKey }, value } },
    },
  });

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;

async function rpc(node: Node, method: string, params: unknown[]) {
  const res = await fetch(`http://127.0.0.1:${node.port}/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return (await res.json()) as {
    result?: unknown;
    error?: { code: number; message: string; data?: unknown };
  };
}

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function caughtUp(ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (follower.store.best().hash !== authority.store.best().hash) {
    if (Date.now() > until) throw new Error("the follower did not catch up");
    await new Promise((r) => setTimeout(r, 20));
  }
}

before(async () => {
  authority = await startDevNode("manual");
  const keyring = new Keyring({ type: "sr25519" });
  alice = keyring.addFromUri("//Alice");
  bob = keyring.addFromUri("//Bob");
  authority.sealBlock([transfer(5n * TAO)]);
  authority.sealBlock([transfer(6n * TAO), transfer(7n * TAO)]);
  follower = await Node.start({
    spec: builtInChainSpec("dev"),
    tmp: true,
    port: 0,
    logger: pino({ level: "silent" }),
    syncFrom: `ws://127.0.0.1:${authority.port}`,
  });
});

after(async () => {
  await follower?.stop();
  await authority?.stop();
});

test("a follower imports the authority's blocks on start and follows new heads, with the same state", async () => {
  await caughtUp();
  assert.equal(follower.store.best().number, 2);
  authority.sealBlock([transfer(8n * TAO)]);
  authority.sealBlock();
  await caughtUp();
  assert.equal(follower.store.best().number, 4);
  // Same header (hence same state commitment) at every height, and Bob's account reads the same.
  for (let n = 1; n <= 4; n++) assert.equal(follower.store.hashAt(n), authority.store.hashAt(n));
  const res = await fetch(`http://127.0.0.1:${follower.port}/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "chain_getHeader", params: [] }),
  });
  const { result } = (await res.json()) as { result: { number: string } };
  assert.equal(result.number, "0x4");
  assert.equal(follower.follower?.stopped, undefined);
  assert.throws(() => follower.sealBlock(), /does not seal blocks/);
});

test("a tampered block is refused and nothing is written", async () => {
  const store = await BlockStore.open({ tmp: true });
  try {
    const importer = BlockProducer.init(store, builtInChainSpec("dev"), authority.producer.author);
    const hash1 = authority.store.hashAt(1) as `0x${string}`;
    const header = authority.store.header(hash1) as Uint8Array;
    const body = authority.store.body(hash1) as Uint8Array[];
    const h = blockHeader.dec(header);
    const wrongState = blockHeader.enc({ ...h, stateRoot: `0x${"11".repeat(32)}` });
    assert.throws(
      () => importer.importBlock(wrongState, body),
      (e) => e instanceof ImportError && /state commitment/.test(e.message),
    );
    // Another body under the authority's header: the transfer dropped.
    assert.throws(() => importer.importBlock(header, body.slice(0, 1)), ImportError);
    assert.throws(() => importer.importBlock(header, body.slice(1)), /timestamp inherent/);
    assert.equal(store.best().number, 0, "nothing was imported");
    // The genuine block still imports.
    assert.equal(importer.importBlock(header, body).hash, hash1);
  } finally {
    await store.close();
  }
});

test("a follower refuses an authority with another genesis", async () => {
  await assert.rejects(
    Node.start({
      spec: builtInChainSpec("local"),
      tmp: true,
      port: 0,
      logger: pino({ level: "silent" }),
      syncFrom: `ws://127.0.0.1:${authority.port}`,
    }),
    /runs genesis/,
  );
});

test("a transaction sent to a follower is forwarded to the authority and comes back in its block", async () => {
  await caughtUp();
  const x = transfer(9n * TAO);
  const hash = hex(blake2_256(x));
  const before = authority.pool.size;
  const { result, error } = await rpc(follower, "author_submitExtrinsic", [hex(x)]);
  assert.equal(error, undefined);
  assert.equal(result, hash);
  assert.equal(authority.pool.size, before + 1);
  assert.ok(authority.pool.has(hash), "the authority pooled it");
  // Verified on the follower when it was submitted: its import will not check the signature again.
  assert.equal(follower.verified.has(x), true);
  const { hash: blockHash } = authority.sealBlock();
  await caughtUp();
  const body = follower.store.body(blockHash) as Uint8Array[];
  assert.ok(
    body.some((b) => hex(b) === hex(x)),
    "the follower imported the block with the transaction",
  );
  assert.equal(follower.pool.has(hash), false, "included, so gone from the follower's pool");
  assert.equal(follower.verified.has(x), false, "included, so no longer remembered");
  assert.equal(follower.follower?.stopped, undefined);
});

test("an invalid transaction is refused by the follower itself; one the authority refuses fails with its error", async () => {
  await caughtUp();
  const x = transfer(1n * TAO);
  const forged = x.slice();
  // The 64-byte signature follows the compact length prefix (1, 2 or 4 bytes) and 0x84 ‖ 0x00 ‖ signer ‖ 0x01.
  const prefix = [1, 2, 4][x[0] & 3];
  forged[prefix + 1 + 1 + 32 + 1 + 5] ^= 1;
  const before = authority.pool.size;
  const bad = await rpc(follower, "author_submitExtrinsic", [hex(forged)]);
  assert.equal(bad.error?.code, 1010);
  assert.equal(bad.error?.data, "Transaction has a bad signature");
  assert.equal(authority.pool.size, before, "nothing was forwarded");
  // Valid here, already in the authority's pool there: its 1013 comes back, the follower's copy is dropped.
  const hash = hex(blake2_256(x));
  authority.submit(x);
  const dup = await rpc(follower, "author_submitExtrinsic", [hex(x)]);
  assert.equal(dup.error?.code, 1013);
  assert.equal(follower.pool.has(hash), false);
  authority.sealBlock();
  await caughtUp();
});

test("author_submitAndWatchExtrinsic on a follower reports ready, inBlock and finalized", async () => {
  await caughtUp();
  const x = transfer(2n * TAO);
  const ws = new WebSocket(`ws://127.0.0.1:${follower.port}`);
  await new Promise((r) => ws.once("open", r));
  const updates: unknown[] = [];
  let subscribed: unknown;
  const finalized = new Promise<void>((resolve) =>
    ws.on("message", (m) => {
      const msg = JSON.parse(String(m));
      if (msg.id === 1) subscribed = msg.result ?? msg.error;
      else if (msg.method === "author_extrinsicUpdate") {
        updates.push(msg.params.result);
        if (typeof msg.params.result === "object" && "finalized" in msg.params.result) resolve();
      }
    }),
  );
  ws.send(
    JSON.stringify({ jsonrpc: "2.0", id: 1, method: "author_submitAndWatchExtrinsic", params: [hex(x)] }),
  );
  const hash = hex(blake2_256(x));
  await until("the authority to pool it", () => authority.pool.has(hash));
  const { hash: blockHash } = authority.sealBlock();
  await finalized;
  ws.close();
  assert.equal(typeof subscribed, "string");
  assert.deepEqual(updates, ["ready", { inBlock: blockHash }, { finalized: blockHash }]);
});
