// The toy subnet as a user runs it: a dev node spawned with `opentao node --dev --tmp --sealing instant`, then
// `npm run example:toy-subnet` against it (1 validator, 4 miners of different quality, real axons and
// dendrite, weights on chain, a tempo fast-forwarded). The incentives the chain computes must rank the
// miners by quality; the example exits 0 only then, and the printed incentives are checked here as well.

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { connect, createServer } from "node:net";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../../cli/bin/opentao.mjs", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../../examples/toy-subnet.ts", import.meta.url));
let node: ChildProcess | undefined;

async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, "127.0.0.1");
  await once(s, "listening");
  const p = (s.address() as { port: number }).port;
  s.close();
  return p;
}

/** Resolves once something listens on `port` (the node's RPC), polling for up to 30 s. */
async function listening(port: number): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const c = connect(port, "127.0.0.1", () => {
        c.end();
        resolve(true);
      });
      c.on("error", () => resolve(false));
    });
    if (up) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

after(async () => {
  if (node && node.exitCode === null) {
    const exited = once(node, "exit");
    node.kill("SIGTERM");
    await exited;
  }
});

test("after a tempo the chain's incentives order the toy subnet's miners by quality", {
  timeout: 300_000,
}, async () => {
  const port = await freePort();
  node = spawn(
    process.execPath,
    [CLI, "node", "--dev", "--tmp", "--rpc-port", String(port), "--sealing", "instant"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  await listening(port);
  const run = spawn(process.execPath, ["--import", "tsx", EXAMPLE, "--url", `ws://127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  run.stdout?.on("data", (d) => {
    out += String(d);
  });
  const [code] = await once(run, "exit");
  assert.equal(code, 0, out);
  const incentives = [...out.matchAll(/miner (\d) \(uid \d+\): incentive ([\d.]+)/g)].map((m) =>
    Number(m[2]),
  );
  assert.equal(incentives.length, 4, out);
  for (let i = 1; i < 4; i++) assert.ok(incentives[i] > incentives[i - 1], out);
});
