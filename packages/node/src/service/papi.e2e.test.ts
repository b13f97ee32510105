// polkadot-api (papi 2.x) against a dev node, as a papi user would: papi emulates the new JSON-RPC groups on
// the legacy methods (spec/interop.md §1.7), decodes our V16 metadata, reads storage, constants and runtime APIs.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Keyring } from "@polkadot/keyring";
import { createClient, type PolkadotClient } from "polkadot-api";
import { getPolkadotSigner } from "polkadot-api/signer";
import { getWsProvider } from "polkadot-api/ws";
import { WebSocket } from "ws";
import type { Node } from "./node.ts";
import { startDevNode } from "./testNode.ts";

let node: Node;
let client: PolkadotClient;
let papiNetuid: number;

before(async () => {
  node = await startDevNode("instant");
  node.sealBlock();
  // Node 20 has no global WebSocket: papi takes the `ws` class.
  client = createClient(getWsProvider(`ws://127.0.0.1:${node.port}`, { websocketClass: WebSocket as never }));
});

after(async () => {
  client?.destroy();
  await node?.stop();
});

test("papi follows the chain and reads the finalized block", async () => {
  const finalized = await client.getFinalizedBlock();
  assert.equal(finalized.number, 1);
  assert.equal(finalized.hash, node.store.finalized().hash);
  const spec = await client.getChainSpecData();
  // papi's legacy emulation takes the chain name from `system_name` (the node's name), not `system_chain`.
  assert.equal(spec.name, "opentao");
  assert.equal(spec.properties.ss58Format, 42);
  assert.equal(spec.genesisHash, node.store.hashAt(0));
});

test("papi decodes the metadata: constants, storage and the runtime version", async () => {
  const api = client.getUnsafeApi();
  const version = (await api.constants.System.Version()) as { spec_name: string; spec_version: number };
  assert.equal(version.spec_name, "node-subtensor");
  assert.equal(version.spec_version, 425);
  assert.equal(await api.constants.System.SS58Prefix(), 42);
  const alice = new Keyring({ type: "sr25519" }).addFromUri("//Alice");
  const account = (await api.query.System.Account.getValue(alice.address)) as { data: { free: bigint } };
  assert.equal(account.data.free, 1_000_000n * 1_000_000_000n);
  const nonce = await api.apis.AccountNonceApi.account_nonce(alice.address);
  assert.equal(nonce, 0);
});

test("papi signs and submits: a transfer and a subnet registration are finalized with their events", async () => {
  const api = client.getUnsafeApi();
  const keyring = new Keyring({ type: "sr25519" });
  const alice = keyring.addFromUri("//Alice");
  const bob = keyring.addFromUri("//Bob");
  const signer = getPolkadotSigner(alice.publicKey, "Sr25519", (input) => alice.sign(input));
  const before = ((await api.query.System.Account.getValue(bob.address)) as { data: { free: bigint } }).data
    .free;
  const sent = await api.tx.Balances.transfer_keep_alive({
    dest: { type: "Id", value: bob.address },
    value: 3_000_000_000n,
  }).signAndSubmit(signer);
  assert.equal(sent.ok, true);
  assert.ok(
    sent.events.some((e) => e.type === "TransactionPayment" && e.value.type === "TransactionFeePaid"),
  );
  const after = (
    (await api.query.System.Account.getValue(bob.address, { at: sent.block.hash })) as {
      data: { free: bigint };
    }
  ).data.free;
  assert.equal(after - before, 3_000_000_000n);

  const hotkey = keyring.addFromUri("//Alice//papi-owner");
  const created = await api.tx.SubtensorModule.register_network({ hotkey: hotkey.address }).signAndSubmit(
    signer,
  );
  assert.equal(created.ok, true);
  const added = created.events.find((e) => e.type === "SubtensorModule" && e.value.type === "NetworkAdded");
  assert.ok(added, "NetworkAdded emitted");
  papiNetuid = (added.value.value as [number, number])[0];
  // A failing call comes back as a dispatch error by name.
  const failed = await api.tx.SubtensorModule.start_call({ netuid: 77 }).signAndSubmit(signer);
  assert.equal(failed.ok, false);
  assert.match(JSON.stringify(failed.dispatchError), /SubnetNotExists/);
});

test("papi runs the subnet flow: start, register, stake with a limit, set weights, a tempo, incentives", async () => {
  const api = client.getUnsafeApi();
  const keyring = new Keyring({ type: "sr25519" });
  const signerOf = (pair: ReturnType<typeof keyring.addFromUri>) =>
    getPolkadotSigner(pair.publicKey, "Sr25519", (input) => pair.sign(input));
  const alice = keyring.addFromUri("//Alice");
  // The subnet papi created above (one network registration per rate-limit window); its owner hotkey is uid 0.
  const owner = keyring.addFromUri("//Alice//papi-owner");
  const vali = keyring.addFromUri("//Alice//papi-validator");
  const miner = keyring.addFromUri("//Alice//papi-miner");
  const asAlice = signerOf(alice);
  // biome-ignore lint/suspicious/noExplicitAny: papi's unsafe API has untyped events
  const ok = async (tx: any, signer = asAlice) => {
    const r = await tx.signAndSubmit(signer);
    assert.equal(r.ok, true, JSON.stringify(r.dispatchError));
    return r as { events: Array<{ type: string; value: { type: string; value: unknown } }> };
  };
  const netuid = papiNetuid;
  await ok(api.tx.SubtensorModule.start_call({ netuid }));
  await ok(api.tx.SubtensorModule.burned_register({ netuid, hotkey: vali.address }));
  await ok(api.tx.SubtensorModule.burned_register({ netuid, hotkey: miner.address }));
  const price = (await api.apis.SwapRuntimeApi.current_alpha_price(netuid)) as bigint;
  await ok(
    api.tx.SubtensorModule.add_stake_limit({
      hotkey: vali.address,
      netuid,
      amount_staked: 100_000_000_000n,
      limit_price: price * 2n,
      allow_partial: false,
    }),
  );
  await ok(
    api.tx.Balances.transfer_keep_alive({ dest: { type: "Id", value: vali.address }, value: 10n ** 10n }),
  );
  const tempo = (await api.query.SubtensorModule.Tempo.getValue(netuid)) as number;
  await client._request("dev_newBlock", [{ count: tempo + 2 }]);
  await ok(
    api.tx.SubtensorModule.set_weights({ netuid, dests: [0, 1, 2], weights: [0, 0, 65535], version_key: 0n }),
    signerOf(vali),
  );
  await client._request("dev_newBlock", [{ count: tempo + 2 }]);
  const best = await client.getFinalizedBlock();
  const incentive = (await api.query.SubtensorModule.Incentive.getValue(netuid, {
    at: best.hash,
  })) as number[];
  assert.equal(incentive[2], 65535, `incentive ${incentive}`);
  const metagraph = (await api.apis.SubnetInfoRuntimeApi.get_metagraph(netuid, { at: best.hash })) as {
    hotkeys: string[];
    incentives: number[];
  };
  assert.deepEqual(metagraph.hotkeys, [owner.address, vali.address, miner.address]);
  assert.deepEqual(metagraph.incentives, incentive);
});
