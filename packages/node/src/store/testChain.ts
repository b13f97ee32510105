// Helpers for the store's tests, benchmark and crash writer: minimal SCALE headers and a deterministic
// generator of block change sets. Not part of the package surface.

import { blake2_256 } from "@opentao/primitives";
import type { BlockStore } from "./blockStore.ts";
import { compactEncode, type HexHash, hashBytes, toHex } from "./codec.ts";
import type { StateChange } from "./pending.ts";

/** parentHash ‖ compact(number) ‖ stateRoot ‖ extrinsicsRoot ‖ empty digest. */
export function makeHeader(
  parentHash: HexHash,
  number: number,
  stateRoot: HexHash,
  extrinsicsRoot: Uint8Array = new Uint8Array(32),
): Uint8Array {
  return Buffer.concat([
    hashBytes(parentHash),
    compactEncode(number),
    hashBytes(stateRoot),
    extrinsicsRoot,
    Buffer.from([0]),
  ]);
}

/** Stages `changes` on the best block and commits them with a header carrying the staged root. */
export function commitChanges(
  store: BlockStore,
  changes: Iterable<StateChange>,
  extrinsics: Uint8Array[] = [],
): { hash: HexHash; number: number } {
  const best = store.best();
  const staged = store.stage(best.hash, changes);
  const header = makeHeader(
    best.hash,
    staged.number,
    staged.stateRoot,
    blake2_256(Buffer.concat(extrinsics)),
  );
  return store.commitBlock(staged, header, extrinsics);
}

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A storage-like key: 32-byte "pallet ‖ item" prefix (one of 4) then an 8-byte index. */
export function storageKey(i: number): Uint8Array {
  const k = new Uint8Array(40);
  k.fill(0x10 + (i % 4), 0, 32);
  new DataView(k.buffer).setUint32(36, i, false);
  return k;
}

/** `count` random sets (and about one delete in five) over keys 0..universe-1. */
export function randomChanges(r: () => number, universe: number, count: number): StateChange[] {
  const out: StateChange[] = [];
  for (let i = 0; i < count; i++) {
    const k = storageKey(Math.floor(r() * universe));
    if (r() < 0.2) out.push([k, null]);
    else {
      const v = new Uint8Array(8 + Math.floor(r() * 56));
      for (let j = 0; j < v.length; j++) v[j] = Math.floor(r() * 256);
      out.push([k, v]);
    }
  }
  return out;
}

export const genesisHeader = (stateRoot: Uint8Array): Uint8Array =>
  makeHeader(toHex(new Uint8Array(32)), 0, toHex(stateRoot));
