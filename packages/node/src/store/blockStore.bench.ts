// Block store benchmark: blocks committed per second with 100 and 1,000 changed keys on a 100k-entry
// state, and state reads per second at the best block and at an older one. Run with `npm run bench -- store`.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlockStore } from "./blockStore.ts";
import { stateRootOf } from "./commitment.ts";
import type { StateChange } from "./pending.ts";
import { genesisHeader, makeHeader, rng, storageKey } from "./testChain.ts";

const STATE = 100_000;
const r = rng(42);

function value(): Uint8Array {
  const v = new Uint8Array(16 + Math.floor(r() * 48));
  for (let i = 0; i < v.length; i++) v[i] = Math.floor(r() * 256);
  return v;
}

/** `n` updates of existing keys, with one in ten a delete or an insert of a new key. */
function changes(n: number): StateChange[] {
  const out: StateChange[] = [];
  for (let i = 0; i < n; i++) {
    const k = storageKey(Math.floor(r() * STATE * 1.1));
    out.push([k, r() < 0.05 ? null : value()]);
  }
  return out;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run(durable: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "store-bench-"));
  const store = await BlockStore.open({ path: dir, durable });
  try {
    let t0 = performance.now();
    // Built in place so the 100k entries are garbage by the time blocks are timed.
    (() => {
      const genesis = Array.from({ length: STATE }, (_, i) => [storageKey(i), value()] as const);
      t0 = performance.now();
      store.initGenesis(genesisHeader(stateRootOf(genesis)), genesis);
    })();
    const mode = durable ? "durable (fsync per block)" : "noSync (--tmp)";
    console.log(`\n${mode}: genesis of ${STATE} entries in ${(performance.now() - t0).toFixed(0)} ms`);

    for (const [size, blocks] of [
      [100, 300],
      [1000, 60],
    ] as const) {
      const sets = Array.from({ length: blocks }, () => changes(size));
      const stageMs: number[] = [];
      const commitMs: number[] = [];
      t0 = performance.now();
      for (const set of sets) {
        const best = store.best();
        const a = performance.now();
        const staged = store.stage(best.hash, set);
        const b = performance.now();
        store.commitBlock(staged, makeHeader(best.hash, staged.number, staged.stateRoot), []);
        commitMs.push(performance.now() - b);
        stageMs.push(b - a);
      }
      const total = performance.now() - t0;
      console.log(
        `${String(size).padStart(5)} changed keys: ${((blocks / total) * 1000).toFixed(0).padStart(5)} blocks/s` +
          `  (median stage ${median(stageMs).toFixed(2)} ms + commit ${median(commitMs).toFixed(2)} ms, ${blocks} blocks)`,
      );
    }

    // Reads: random existing-or-not keys at the best block and 128 blocks back (through the history).
    const best = store.best();
    const old = store.hashAt(best.number - 128) as `0x${string}`;
    const keys = Array.from({ length: 50_000 }, () => storageKey(Math.floor(r() * STATE)));
    for (const [label, view] of [
      ["best", store.stateAt()],
      ["best-128", store.stateAt(old)],
    ] as const) {
      let found = 0;
      for (const k of keys.slice(0, 2000)) if (view.get(k)) found++;
      t0 = performance.now();
      for (const k of keys) if (view.get(k)) found++;
      const ms = performance.now() - t0;
      console.log(
        `get at ${label.padEnd(8)}: ${((keys.length / ms) * 1000).toFixed(0).padStart(8)} /s  (${found} hits)`,
      );
    }
    for (const [label, view] of [
      ["best", store.stateAt()],
      ["best-128", store.stateAt(old)],
    ] as const) {
      const prefix = storageKey(1).subarray(0, 32);
      t0 = performance.now();
      let n = 0;
      for (const _ of view.keys(prefix)) n++;
      const ms = performance.now() - t0;
      console.log(
        `keys at ${label.padEnd(8)}: ${((n / ms) * 1000).toFixed(0).padStart(8)} keys/s (${n} keys)`,
      );
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `BlockStore (node ${process.version}), state of ${STATE} entries, 40-byte keys, 16–64-byte values`,
);
await run(true);
await run(false);
