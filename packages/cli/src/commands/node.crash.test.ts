// The whole node killed with SIGKILL while it seals blocks, repeatedly: each restart on the same --base-path
// opens a consistent chain at (or after) the last block it had reported, whose state matches its commitment.

import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { BlockStore } from "@opentao/node";
import { rpc, spawnNode } from "./testSpawn.ts";

/** `opentao node --chain dev --base-path DIR`, sealing every 100 ms. */
const start = (dir: string) =>
  spawnNode(["node", "--chain", "dev", "--base-path", dir, "--rpc-port", "0", "--block-time", "100"]);

const bestNumber = async (port: number) =>
  Number.parseInt(((await rpc(port, "chain_getHeader")) as { number: string }).number, 16);

test("kill -9 during block production, five times: every restart continues a consistent chain", {
  timeout: 240_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "opentao-node-crash-"));
  try {
    let reported = 0;
    for (let round = 0; round < 5; round++) {
      const { child, port } = await start(dir);
      const first = await bestNumber(port);
      assert.ok(first >= reported, `round ${round}: restarted at ${first}, had reported ${reported}`);
      // Let it seal a few blocks, then kill it at a moment that varies with the round.
      await new Promise((r) => setTimeout(r, 350 + round * 73));
      reported = await bestNumber(port);
      await new Promise((r) => setTimeout(r, round * 17));
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    }
    const store = await BlockStore.open({ path: dir });
    try {
      assert.ok(store.best().number >= reported);
      assert.equal(store.verifyChain().blocks, store.best().number + 1);
      store.verifyState();
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
