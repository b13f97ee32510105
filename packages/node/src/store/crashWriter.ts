// Child process for the crash test: opens the store at argv[2], creates genesis if needed, then commits
// random blocks as fast as it can, printing each committed number, until the test SIGKILLs it.

import { BlockStore } from "./blockStore.ts";
import { stateRootOf } from "./commitment.ts";
import { commitChanges, genesisHeader, randomChanges, rng, storageKey } from "./testChain.ts";

const [path, seed, retention] = process.argv.slice(2);
const store = await BlockStore.open({ path, stateRetention: Number(retention) });
if (!store.initialised) {
  const entries = Array.from({ length: 100 }, (_, i) => [storageKey(i), new Uint8Array([i])] as const);
  store.initGenesis(genesisHeader(stateRootOf(entries)), entries);
}
const r = rng(Number(seed));
const say = (line: string) => new Promise<void>((done) => process.stdout.write(`${line}\n`, () => done()));
await say(`ready ${store.best().number}`);
for (;;) {
  const changes = randomChanges(r, 300, 5 + Math.floor(r() * 60));
  const { number } = commitChanges(store, changes, [new Uint8Array([number32(r), 1, 2, 3])]);
  // Synchronous on Linux pipes: the parent has seen every number before the next commit starts.
  process.stdout.write(`${number}\n`);
}

function number32(r: () => number): number {
  return Math.floor(r() * 256);
}
