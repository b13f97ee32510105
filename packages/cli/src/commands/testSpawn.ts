// Test support: `opentao node` spawned as a user runs it, resolved once it prints its JSON-RPC endpoint, and
// a one-shot JSON-RPC call over HTTP.

import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const bin = join(dirname(fileURLToPath(import.meta.url)), "../../bin/opentao.mjs");

/** Start `opentao <args>`; resolves with the process and the port it printed (30 s at most). */
export async function spawnNode(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.resume();
  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(() => {
      clearInterval(check);
      reject(new Error(`no endpoint printed: ${out}`));
    }, 30_000);
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

export async function rpc(port: number, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await res.json()) as { result: unknown }).result;
}
