// The echo example as a user runs it: the axon process on a free loopback port, the validator script
// against it, then SIGTERM — which must stop the axon cleanly (exit 0, port closed).

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { connect } from "node:net";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const tsx = (file: string, args: string[]) =>
  spawn(process.execPath, ["--import", "tsx", here(file), ...args], { stdio: ["ignore", "pipe", "pipe"] });

async function firstLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  let out = "";
  for await (const chunk of child.stdout!) {
    out += chunk;
    const m = pattern.exec(out);
    if (m) return m;
  }
  throw new Error(`process ended without ${pattern}: ${out}`);
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(false);
    });
    s.once("error", () => resolve(true));
  });

test("echo-axon serves Dummy, the validator prints 2×input, SIGTERM stops it cleanly", async () => {
  const axon = tsx("./echo-axon.ts", ["--port", "0", "--hotkey", "//Bob"]);
  try {
    const m = await firstLine(axon, /serving \/Dummy on http:\/\/127\.0\.0\.1:(\d+) as (\w+)/);
    const port = m[1];
    assert.equal(m[2], "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty");
    const validator = tsx("./echo-validator.ts", ["--port", port, "--input", "17"]);
    let printed = "";
    validator.stdout!.on("data", (c) => (printed += c));
    const [code] = await once(validator, "exit");
    assert.equal(code, 0);
    assert.match(printed, /^Dummy\(dummy_input=17\) -> dummy_output=34 \(200 Success, [\d.]+ ms\)\n$/);

    const exited = once(axon, "exit");
    axon.kill("SIGTERM");
    const [exitCode] = await exited;
    assert.equal(exitCode, 0);
    assert.ok(await refused(Number(port)));
  } finally {
    if (axon.exitCode === null) axon.kill("SIGKILL");
  }
});
