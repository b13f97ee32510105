// polkadot-api (papi 2.x) against a dev node, as a papi user would: papi emulates the new JSON-RPC groups on
// the legacy methods (spec/interop.md §1.7), decodes our V16 metadata, reads storage, constants and runtime APIs.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Keyring } from "@polkadot/keyring";
import { createClient, type PolkadotClient } from "polkadot-api";
import { getWsProvider } from "polkadot-api/ws";
import { WebSocket } from "ws";
import type { Node } from "./node.ts";
import { startDevNode } from "./testNode.ts";

let node: Node;
let client: PolkadotClient;

before(async () => {
  node = await startDevNode("manual");
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
