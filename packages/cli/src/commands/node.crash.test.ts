// The whole node killed with SIGKILL while it seals blocks, repeatedly: each restart on the same --base-path
// opens a consistent chain at (or after) the last block it had reported, whose state matches its commitment.

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { BlockStore } from "@opentao/node";

const bin = join(dirname(fileURLToPath(import.meta.url)), "../../bin/opentao.mjs");

async function rpc(port: number, method: string, params: unknown[] = []) {
  const res = await fetch(`http://127.0.0.1:${port}/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await res.json()) as { result: unknown }).result;
}

/** Start `opentao node --chain dev --base-path DIR`, sealing every 100 ms; resolves with its port. */
async function start(dir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [bin, "node", "--chain", "dev", "--base-path", dir, "--rpc-port", "0", "--block-time", "100"],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no endpoint printed: ${out}`)), 30_000);
    const check = setInterval(() => {
      const m = out.match(/RPC listening on ws:\/\/127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(t);
        clearInterval(check);
        resolve(Number(m[1]));
      }
    }, 25);
  });
  return { child, port };
}

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
