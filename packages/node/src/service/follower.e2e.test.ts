// Follower mode: a second node started with `syncFrom` imports the authority's blocks over JSON-RPC,
// re-executes them and serves the same chain; a block whose state or body was tampered with is refused and
// nothing is written.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { builtInChainSpec, signExtrinsic } from "@opentao/runtime";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { blockHeader } from "@polkadot-api/substrate-bindings";
import { pino } from "pino";
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
