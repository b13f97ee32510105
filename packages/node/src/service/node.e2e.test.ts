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
  api = await ApiPromise.create({
    provider: new WsProvider(`ws://127.0.0.1:${node.port}`),
    noInitWarn: true,
    throwOnConnect: true,
  });
});

after(async () => {
  await api?.disconnect();
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
