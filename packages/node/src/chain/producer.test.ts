// Block production end to end: a dev chain in a temporary store, a real signed transfer from //Alice, and
// the extrinsics a block must leave out (bad signature, wrong genesis, stale or future nonce, no account).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  balancesStorage,
  builtInChainSpec,
  dispatchInfoOf,
  EXTRINSIC_BASE_WEIGHT,
  MINIMUM_PERIOD_MS,
  signExtrinsic,
  systemEvents,
  systemStorage,
  timestampStorage,
  weightToFee,
} from "@opentao/runtime";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { BlockStore } from "../store/index.ts";
import { BlockProducer } from "./producer.ts";

let store: BlockStore;
let producer: BlockProducer;
let alice: KeyringPair;
let bob: KeyringPair;
const TAO = 1_000_000_000n;

before(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: "sr25519" });
  alice = keyring.addFromUri("//Alice");
  bob = keyring.addFromUri("//Bob");
  store = await BlockStore.open({ tmp: true });
  producer = BlockProducer.init(store, builtInChainSpec("dev"));
});
after(() => store.close());

const transfer = (dest: Uint8Array, value: bigint) => ({
  type: "Balances",
  value: { type: "transfer_keep_alive", value: { dest: { type: "Id", value: dest }, value } },
});
const sign = (
  who: KeyringPair,
  nonce: number,
  call = transfer(bob.publicKey, 5n * TAO),
  genesisHash = producer.genesisHash,
) => signExtrinsic({ signer: who, call, nonce, genesisHash });

test("genesis holds the dev endowments; a signed transfer is included and moves funds", () => {
  const g = store.stateAt(store.genesisHash);
  assert.equal(systemStorage.Account.get(g, alice.publicKey).data.free, 1_000_000n * TAO);
  const block = producer.produceBlock(1_700_000_000_000n, [sign(alice, 0)]);
  assert.equal(block.number, 1);
  assert.deepEqual(block.included, [{ index: 1, error: null }]);
  const s = store.stateAt(block.hash);
  assert.equal(systemStorage.Account.get(s, bob.publicKey).data.free, 1_000_005n * TAO);
  assert.equal(systemStorage.Account.get(s, alice.publicKey).nonce, 1);
  const events = systemEvents
    .get(s)
    .map(
      (r: { event: { type: string; value: { type: string } } }) => `${r.event.type}.${r.event.value.type}`,
    );
  assert.deepEqual(events, [
    "System.ExtrinsicSuccess",
    "Balances.Withdraw",
    "Balances.Transfer",
    "TransactionPayment.TransactionFeePaid",
    "System.ExtrinsicSuccess",
  ]);
  // The fee: base (108 157 000 ref_time) + 1 RAO per byte + weight fee, at 0.0005 RAO per ref_time unit.
  const xt = sign(alice, 0);
  const info = dispatchInfoOf(transfer(bob.publicKey, 5n * TAO));
  const fee = weightToFee(EXTRINSIC_BASE_WEIGHT) + BigInt(xt.length) + weightToFee(info.weight.ref_time);
  assert.equal(systemStorage.Account.get(s, alice.publicKey).data.free, 1_000_000n * TAO - 5n * TAO - fee);
  const paid = systemEvents.get(s)[3].event.value.value as { actual_fee: bigint; tip: bigint };
  assert.equal(paid.actual_fee, fee);
  assert.equal(paid.tip, 0n);
  // No author in this producer: the fee is burned from total issuance.
  assert.equal(balancesStorage.TotalIssuance.get(s), 6_000_000n * TAO - fee);
  assert.equal(store.body(block.hash)?.length, 2);
  assert.deepEqual(store.verifyState(block.hash).entries > 0, true);
});

test("invalid extrinsics are left out, each with Substrate's reason; a failing call is still included", () => {
  const charlie = new Keyring({ type: "sr25519" }).addFromUri("//NobodyFunded");
  const tampered = sign(alice, 1);
  // 2-byte length prefix, 0x84, MultiAddress::Id (33 bytes), MultiSignature tag: byte 47 is inside the signature.
  tampered[47] ^= 1;
  const block = producer.produceBlock(1_700_000_012_000n, [
    tampered,
    sign(alice, 1, transfer(bob.publicKey, TAO), new Uint8Array(32).fill(9)),
    sign(alice, 0),
    sign(alice, 7),
    sign(charlie, 0),
    Uint8Array.from([4, 1, 2]),
    sign(alice, 1, transfer(bob.publicKey, 10_000_000n * TAO)),
  ]);
  assert.deepEqual(
    block.excluded.map((e) => e.reason),
    ["BadProof", "BadProof", "Stale", "Future", "Payment", "Malformed"],
  );
  assert.deepEqual(block.included, [{ index: 1, error: "Token.FundsUnavailable" }]);
  assert.equal(systemStorage.Account.get(store.stateAt(block.hash), alice.publicKey).nonce, 2);
  assert.equal(store.best().number, 2);
});

test("block time advances at least MinimumPeriod even when sealing faster than the wall clock", () => {
  const a = producer.produceBlock(1_700_000_100_000n);
  const b = producer.produceBlock(1_700_000_100_001n);
  const now = (hash: string) => timestampStorage.Now.get(store.stateAt(hash as `0x${string}`));
  assert.equal(now(b.hash) - now(a.hash), MINIMUM_PERIOD_MS);
});
