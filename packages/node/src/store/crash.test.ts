// Crash safety: a writer committing blocks in a loop is SIGKILLed 20 times at random moments; after each
// kill the store reopens at a consistent block that includes every commit the writer had reported.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { BlockStore } from "./blockStore.ts";
import { rng } from "./testChain.ts";

const writer = fileURLToPath(new URL("./crashWriter.ts", import.meta.url));
const RETENTION = 16;
const KILLS = 20;

test("kill -9 at random moments: the store reopens consistent, with every reported block", async () => {
  const dir = mkdtempSync(join(tmpdir(), "store-crash-"));
  const r = rng(2024);
  let reported = -1;
  let previousBest = -1;
  try {
    for (let i = 0; i < KILLS; i++) {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", writer, dir, String(i + 1), String(RETENTION)],
        {
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      const exited = once(child, "exit");
      const lines = createInterface({ input: child.stdout });
      const ready = new Promise<void>((resolve, reject) => {
        lines.on("line", (line) => {
          if (line.startsWith("ready")) {
            // The writer resumes exactly where the last run's committed chain ends.
            assert.equal(Number(line.split(" ")[1]), previousBest === -1 ? 0 : previousBest);
            resolve();
          } else reported = Math.max(reported, Number(line));
        });
        child.on("exit", () => reject(new Error("writer exited before it was ready")));
      });
      await ready;
      await new Promise((done) => setTimeout(done, 20 + Math.floor(r() * 180)));
      child.kill("SIGKILL");
      const [, signal] = await exited;
      assert.equal(signal, "SIGKILL");

      const store = await BlockStore.open({ path: dir, stateRetention: RETENTION });
      try {
        const best = store.best();
        assert.ok(best.number >= reported, `best #${best.number} lost reported #${reported}`);
        assert.ok(best.number >= previousBest);
        assert.deepEqual(store.finalized(), best);
        store.verifyChain();
        // The best state recomputed from scratch agrees with the header and stored commitment, and so do
        // the oldest and a middle retained state (their history rows survived the kill too).
        store.verifyState();
        const oldest = store.oldestState;
        assert.equal(oldest, Math.max(0, best.number - RETENTION + 1));
        store.verifyState(store.hashAt(oldest));
        store.verifyState(store.hashAt((oldest + best.number) >> 1));
        previousBest = best.number;
      } finally {
        await store.close();
      }
    }
    assert.ok(previousBest > KILLS, `the writer made progress (${previousBest} blocks)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
