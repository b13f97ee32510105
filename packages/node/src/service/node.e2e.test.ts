// A dev node on loopback, used by @polkadot/api as a user would: connect (metadata, runtime version),
// read constants and accounts, follow new heads, and see a transfer sealed into a block.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { builtInChainSpec, signExtrinsic } from "@opentao/runtime";
import { ApiPromise, WsProvider } from "@polkadot/api";
import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { pino } from "pino";
import { Node } from "./node.ts";

let node: Node;
let api: ApiPromise;
let provider: WsProvider;
let clock = 1_700_000_000_000n;
const TAO = 1_000_000_000n;

before(async () => {
  await cryptoWaitReady();
  node = await Node.start({
    spec: builtInChainSpec("dev"),
    tmp: true,
    port: 0,
    sealing: "manual",
    logger: pino({ level: "silent" }),
    now: () => (clock += 12_000n),
  });
  provider = new WsProvider(`ws://127.0.0.1:${node.port}`);
  api = await ApiPromise.create({
    provider,
    noInitWarn: true,
    throwOnConnect: true,
  });
});

after(async () => {
  // If ApiPromise.create failed, `api` is unset but the provider would reconnect forever: close it too.
  await api?.disconnect();
  await provider?.disconnect();
  await node?.stop();
});

test("@polkadot/api connects: runtime version, chain, properties, constants", async () => {
  assert.equal(api.runtimeVersion.specName.toString(), "node-subtensor");
  assert.equal(api.runtimeVersion.specVersion.toNumber(), 425);
  assert.equal((await api.rpc.system.chain()).toString(), "Development");
  assert.equal(api.registry.chainSS58, 42);
  assert.equal(api.consts.balances.existentialDeposit.toString(), "500");
  assert.equal(api.genesisHash.toHex(), (await api.rpc.chain.getBlockHash(0)).toHex());
});

test("storage reads through api.query: //Alice's account at genesis", async () => {
  const alice = new Keyring({ type: "sr25519" }).addFromUri("//Alice");
  // biome-ignore lint/suspicious/noExplicitAny: the decorated query's codec type
  const account: any = await api.query.system.account(alice.address);
  assert.equal(account.data.free.toBigInt(), 1_000_000n * TAO);
  assert.equal(account.nonce.toNumber(), 0);
  assert.equal((await api.query.balances.totalIssuance()).toString(), (6_000_000n * TAO).toString());
});

test("a sealed transfer shows up in state, and new heads are pushed", async () => {
  const keyring = new Keyring({ type: "sr25519" });
  const alice = keyring.addFromUri("//Alice");
  const bob = keyring.addFromUri("//Bob");
  const heads: number[] = [];
  const unsub = await api.rpc.chain.subscribeNewHeads((h) => {
    heads.push(h.number.toNumber());
  });
  const xt = signExtrinsic({
    signer: alice,
    nonce: 0,
    genesisHash: api.genesisHash.toU8a(),
    call: {
      type: "Balances",
      value: {
        type: "transfer_keep_alive",
        value: { dest: { type: "Id", value: bob.publicKey }, value: 7n * TAO },
      },
    },
  });
  const block = node.sealBlock([xt]);
  assert.deepEqual(block.included, [{ index: 1, error: null }]);
  // biome-ignore lint/suspicious/noExplicitAny: the decorated query's codec type
  const bobAccount: any = await api.query.system.account(bob.address);
  assert.equal(bobAccount.data.free.toBigInt(), 1_000_007n * TAO);
  const nonce = await api.call.accountNonceApi.accountNonce(alice.address);
  assert.equal(nonce.toString(), "1");
  const signedBlock = await api.rpc.chain.getBlock(block.hash);
  assert.equal(signedBlock.block.extrinsics.length, 2);
  assert.equal(signedBlock.block.extrinsics[1].method.section, "balances");
  for (let i = 0; i < 50 && !heads.includes(1); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(heads.includes(1), `new heads seen: ${heads}`);
  unsub();
});

test("dev_newBlock fast-forwards: count and to, with bad counts refused", async () => {
  const before = (await api.rpc.chain.getHeader()).number.toNumber();
  const hash = await provider.send("dev_newBlock", [{ count: 25 }]);
  const head = await api.rpc.chain.getHeader();
  assert.equal(head.number.toNumber(), before + 25);
  assert.equal(String(hash), head.hash.toHex());
  await provider.send("dev_newBlock", [{ to: before + 30 }]);
  assert.equal((await api.rpc.chain.getHeader()).number.toNumber(), before + 30);
  const res = await fetch(`http://127.0.0.1:${node.port}/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "dev_newBlock", params: [{ count: 0 }] }),
  });
  const body = (await res.json()) as { error: { code: number; message: string; data: string } };
  assert.equal(body.error.code, -32602);
  assert.match(body.error.data, /count/);
});
