// Block building from the pool's validated transactions: the same block as from their bytes, only what the
// chain can have changed since is checked again (nonce, era, funds), and a signature this node verified is not
// verified again — the verified set is trusted, so it must only ever hold what the pool checked.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { builtInChainSpec, MemoryState, mortalEra, signExtrinsic, systemStorage } from "@opentao/runtime";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { type ValidTransaction, VerifiedExtrinsics, validateTransaction } from "../pool/validate.ts";
import { BlockStore, PendingState } from "../store/index.ts";
import { BlockProducer } from "./producer.ts";

const TAO = 1_000_000_000n;
const stores: BlockStore[] = [];
let alice: KeyringPair;
let bob: KeyringPair;

before(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: "sr25519" });
  alice = keyring.addFromUri("//Alice");
  bob = keyring.addFromUri("//Bob");
});
after(async () => {
  for (const s of stores) await s.close();
});

async function chain(): Promise<BlockProducer> {
  const store = await BlockStore.open({ tmp: true });
  stores.push(store);
  return BlockProducer.init(store, builtInChainSpec("dev"));
}

const transfer = (value: bigint) => ({
  type: "Balances",
  value: { type: "transfer_keep_alive", value: { dest: { type: "Id", value: bob.publicKey }, value } },
});

function pooled(p: BlockProducer, bytes: Uint8Array): ValidTransaction {
  const best = p.store.best();
  const v = validateTransaction(p.store.stateAt(), bytes, {
    genesisHash: p.genesisHash,
    blockNumber: best.number + 1,
    parentHash: new Uint8Array(Buffer.from(best.hash.slice(2), "hex")),
  });
  assert.ok(v.ok, "the pool admits it");
  return v.tx;
}

test("the pool's validated transactions build the same block as their bytes", async () => {
  const [a, b] = [await chain(), await chain()];
  const xs = [0, 1, 2].map((nonce) =>
    signExtrinsic({
      signer: alice,
      nonce,
      genesisHash: a.genesisHash,
      call: transfer(BigInt(nonce + 1) * TAO),
    }),
  );
  const fromBytes = a.produceBlock(1_700_000_000_000n, xs);
  const fromPool = b.produceBlock(
    1_700_000_000_000n,
    xs.map((x) => pooled(b, x)),
  );
  assert.equal(fromPool.hash, fromBytes.hash, "same header, so same state commitment and body");
  assert.equal(fromPool.included.length, 3);
  assert.deepEqual(fromPool.includedHashes, fromBytes.includedHashes);
});

test("a pooled transaction is re-checked for nonce, era and funds only", async () => {
  const p = await chain();
  const g = p.genesisHash;
  const first = signExtrinsic({ signer: alice, nonce: 0, genesisHash: g, call: transfer(TAO) });
  const tx = pooled(p, first);
  p.produceBlock(1_700_000_000_000n, [tx]);
  // Included already: its nonce is stale now.
  const again = p.produceBlock(1_700_000_012_000n, [tx]);
  assert.deepEqual(
    again.excluded.map((e) => e.reason),
    ["Stale"],
  );
  // A mortal transaction whose era has ended by the block being built.
  const best = p.store.best();
  const mortal = signExtrinsic({
    signer: alice,
    nonce: 1,
    genesisHash: g,
    call: transfer(TAO),
    era: mortalEra(4, best.number),
    checkpointHash: new Uint8Array(Buffer.from(best.hash.slice(2), "hex")),
  });
  const m = pooled(p, mortal);
  assert.ok(Number.isFinite(m.death));
  for (let n = p.store.best().number + 1; n < m.death; n++)
    p.produceBlock(1_700_000_024_000n + BigInt(n) * 12_000n);
  const late = p.produceBlock(1_800_000_000_000n, [m]);
  assert.deepEqual(
    late.excluded.map((e) => e.reason),
    ["AncientBirthBlock"],
  );
  // Funds gone since admission: Bob's nonce-1 transfer is pooled (future, so its fee is checked later), then his
  // nonce-0 transfer_all leaves him the existential deposit only.
  const bobNext = pooled(p, signExtrinsic({ signer: bob, nonce: 1, genesisHash: g, call: transfer(TAO) }));
  const drain = signExtrinsic({
    signer: bob,
    nonce: 0,
    genesisHash: g,
    call: {
      type: "Balances",
      value: {
        type: "transfer_all",
        value: { dest: { type: "Id", value: alice.publicKey }, keep_alive: true },
      },
    },
  });
  assert.equal(p.produceBlock(1_800_000_012_000n, [drain]).included.length, 1);
  assert.equal(systemStorage.Account.get(p.store.stateAt(), bob.publicKey).nonce, 1);
  const broke = p.produceBlock(1_800_000_024_000n, [bobNext]);
  assert.deepEqual(
    broke.excluded.map((e) => e.reason),
    ["Payment"],
  );
  assert.match(broke.excluded[0].detail, /^fee \d+ RAO, balance 500 RAO$/);
});

test("a signature in the node's verified set is not verified again; included ones leave the set", async () => {
  const p = await chain();
  const x = signExtrinsic({ signer: alice, nonce: 0, genesisHash: p.genesisHash, call: transfer(TAO) });
  const forged = x.slice();
  forged[[1, 2, 4][x[0] & 3] + 1 + 1 + 32 + 1 + 3] ^= 1;
  // Not in the set: checked, and refused.
  assert.deepEqual(
    p.produceBlock(1_700_000_000_000n, [forged]).excluded.map((e) => e.reason),
    ["BadProof"],
  );
  // In the set: trusted as verified (which is why only the pool's admissions may go in).
  p.verified = new VerifiedExtrinsics();
  p.verified.add(forged);
  const block = p.produceBlock(1_700_000_012_000n, [forged]);
  assert.equal(block.included.length, 1);
  assert.equal(p.verified.has(forged), false, "included, so forgotten");
});

test("the verified set is bounded: the oldest entry goes first", () => {
  const set = new VerifiedExtrinsics(2);
  const [a, b, c] = [Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)];
  set.add(a);
  set.add(b);
  set.add(c);
  assert.equal(set.size, 2);
  assert.equal(set.has(a), false);
  assert.equal(set.has(b), true);
  assert.equal(set.has(c), true);
  // By content, not identity.
  assert.equal(set.has(Uint8Array.of(3)), true);
});

test("submissions validate against a layer that answers from its first read of the best block", () => {
  const state = new MemoryState();
  const who = (n: number) => new Uint8Array(32).fill(n);
  const put = (n: number, nonce: number) =>
    systemStorage.Account.set(state, who(n), { ...systemStorage.Account.get(state, who(n)), nonce });
  put(1, 5);
  const layer = new PendingState(state);
  assert.equal(systemStorage.Account.tryGet(layer, who(1))?.nonce, 5);
  assert.equal(systemStorage.Account.tryGet(layer, who(2)), undefined, "no account");
  put(1, 6);
  put(2, 1);
  // Remembered: the layer is for one block's state, which never changes under it.
  assert.equal(systemStorage.Account.tryGet(layer, who(1))?.nonce, 5);
  assert.equal(systemStorage.Account.tryGet(layer, who(2)), undefined);
  // The next block's layer reads afresh.
  const next = new PendingState(state);
  assert.equal(systemStorage.Account.tryGet(next, who(1))?.nonce, 6);
  assert.equal(systemStorage.Account.tryGet(next, who(2))?.nonce, 1);
});
