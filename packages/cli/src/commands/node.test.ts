// `opentao node` as a user runs it: the process starts, prints its endpoint, answers JSON-RPC, produces
// blocks on its interval and stops cleanly on SIGTERM; bad flags and chain specs get one clear line, exit 2.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { signExtrinsic } from "@opentao/runtime";
import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { bin, rpc, spawnNode } from "./testSpawn.ts";

test("opentao node --dev serves JSON-RPC, seals blocks and stops on SIGTERM", async () => {
  const { child, port } = await spawnNode(["node", "--dev", "--rpc-port", "0", "--block-time", "300"]);
  assert.equal(await rpc(port, "system_chain"), "Development");
  let number = 0;
  for (let i = 0; i < 60 && number < 2; i++) {
    await new Promise((r) => setTimeout(r, 100));
    number = Number.parseInt(((await rpc(port, "chain_getHeader")) as { number: string }).number, 16);
  }
  assert.ok(number >= 2, `blocks sealed: ${number}`);
  const code = await new Promise<number | null>((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
  assert.equal(code, 0);
});

test("opentao node --sealing instant: a submitted transfer is sealed at once, the pool's next index follows", async () => {
  await cryptoWaitReady();
  const { child, port } = await spawnNode([
    "node",
    "--dev",
    "--tmp",
    "--rpc-port",
    "0",
    "--sealing",
    "instant",
  ]);
  try {
    const keyring = new Keyring({ type: "sr25519" });
    const alice = keyring.addFromUri("//Alice");
    const genesis = String(await rpc(port, "chain_getBlockHash", [0]));
    const xt = signExtrinsic({
      signer: alice,
      nonce: 0,
      genesisHash: new Uint8Array(Buffer.from(genesis.slice(2), "hex")),
      call: {
        type: "Balances",
        value: {
          type: "transfer_keep_alive",
          value: { dest: { type: "Id", value: keyring.addFromUri("//Bob").publicKey }, value: 10n ** 9n },
        },
      },
    });
    const hash = await rpc(port, "author_submitExtrinsic", [`0x${Buffer.from(xt).toString("hex")}`]);
    assert.match(String(hash), /^0x[0-9a-f]{64}$/);
    let number = 0;
    for (let i = 0; i < 50 && number < 1; i++) {
      await new Promise((r) => setTimeout(r, 100));
      number = Number.parseInt(((await rpc(port, "chain_getHeader")) as { number: string }).number, 16);
    }
    assert.equal(number, 1, "one block, for the one transaction");
    const block = (await rpc(port, "chain_getBlock")) as { block: { extrinsics: string[] } };
    assert.equal(block.block.extrinsics[1], `0x${Buffer.from(xt).toString("hex")}`);
    assert.equal(await rpc(port, "account_nextIndex", [alice.address]), 1);
  } finally {
    child.kill("SIGTERM");
  }
});

test("bad flags and a malformed chain spec get one clear line and exit 2", () => {
  const bad = spawnSync(process.execPath, [bin, "node", "--dev", "--rpc-port", "70000"], {
    encoding: "utf8",
  });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--rpc-port must be a port number/);
  const dir = mkdtempSync(join(tmpdir(), "opentao-spec-"));
  const spec = join(dir, "spec.json");
  writeFileSync(
    spec,
    JSON.stringify({ name: "x", id: "x", chainType: "Local", genesis: { balances: [["0x12", "1"]] } }),
  );
  const r = spawnSync(process.execPath, [bin, "node", "--chain", spec, "--tmp", "--rpc-port", "0"], {
    encoding: "utf8",
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /chain spec genesis\.balances\[0\]\[0\]: expected a 32-byte account id/);
});
