// Interop with @polkadot/types, the client library pjs apps use: extrinsics it signs against our served
// metadata decode and verify here, ours decode there with the same fields, and the signed payloads agree.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { blake2_256, cryptoReady } from "@opentao/primitives";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { TypeRegistry } from "@polkadot/types";
import { expandMetadata, Metadata } from "@polkadot/types/metadata";
import type { IRuntimeVersionBase } from "@polkadot/types/types";
import { signatureVerify } from "@polkadot/util-crypto";
import { runtimeMetadata } from "../runtime/definition.ts";
import { encodeCall, type RuntimeCallValue } from "./call.ts";
import { mortalEra } from "./era.ts";
import type { ImplicitValues } from "./extensions.ts";
import { decodeExtrinsic, extrinsicHash } from "./extrinsic.ts";
import { signExtrinsic, signingPayload, verifyExtrinsic } from "./sign.ts";

const here = dirname(fileURLToPath(import.meta.url));
const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;
const fill = (n: number, v: number) => new Uint8Array(n).fill(v);

const GENESIS = fill(32, 0x33);
const CHECKPOINT = fill(32, 0x44);
const CTX: ImplicitValues = {
  specVersion: 425,
  transactionVersion: 1,
  genesisHash: GENESIS,
  checkpointHash: CHECKPOINT,
};

// Bittensor's own extensions carry no bytes; telling pjs so keeps it from warning about them.
const empty = { extrinsic: {}, payload: {} };
const userExtensions = {
  SudoTransactionExtension: empty,
  CheckShieldedTxValidity: empty,
  SubtensorTransactionExtension: empty,
  DrandPriority: empty,
};

function registryOf(bytes: Uint8Array) {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, bytes);
  registry.setMetadata(metadata, undefined, userExtensions);
  return { registry, metadata };
}

const transfer = (dest: Uint8Array, value: bigint): RuntimeCallValue => ({
  type: "Balances",
  value: { type: "transfer_keep_alive", value: { dest: { type: "Id", value: dest }, value } },
});

let alice: KeyringPair;
let bob: KeyringPair;
let aliceEd: KeyringPair;
before(async () => {
  await cryptoReady();
  alice = new Keyring({ type: "sr25519" }).addFromUri("//Alice");
  bob = new Keyring({ type: "sr25519" }).addFromUri("//Bob");
  aliceEd = new Keyring({ type: "ed25519" }).addFromUri("//Alice");
});

const md = runtimeMetadata();

// The reference metadata lives beside the repository (../shared) and is never committed. Where it is present,
// finney's own metadata encodes the golden calls; where it is not (a fresh clone), the expected bytes are built
// by hand from the SCALE rules and finney's indices (spec/interop.md §2: Balances = 5, transfer_keep_alive = 3,
// MultiAddress::Id = 0, Compact<u128> value).
const FINNEY = join(here, "../../../../../shared/reference/finney-metadata.scale");

function compactU128(v: bigint): Uint8Array {
  if (v < 1n << 6n) return Uint8Array.of(Number(v << 2n));
  if (v < 1n << 14n) return Uint8Array.of(Number(((v << 2n) | 1n) & 0xffn), Number((v << 2n) >> 8n));
  if (v < 1n << 30n) {
    const x = (v << 2n) | 2n;
    return Uint8Array.from([0, 1, 2, 3], (i) => Number((x >> BigInt(8 * i)) & 0xffn));
  }
  const bytes: number[] = [];
  for (let x = v; x > 0n; x >>= 8n) bytes.push(Number(x & 0xffn));
  return Uint8Array.from([((bytes.length - 4) << 2) | 3, ...bytes]);
}

test("golden call: Balances.transfer_keep_alive encodes as finney's metadata (or the SCALE rules) say", () => {
  const encodeTheirs: (dest: Uint8Array, value: bigint) => Uint8Array = existsSync(FINNEY)
    ? (() => {
        const { registry, metadata } = registryOf(new Uint8Array(readFileSync(FINNEY)));
        const tx = expandMetadata(registry, metadata).tx;
        return (dest, value) => tx.balances.transferKeepAlive({ Id: dest }, value).toU8a();
      })()
    : (dest, value) => Uint8Array.from([5, 3, 0, ...dest, ...compactU128(value)]);
  for (const [dest, value] of [
    [fill(32, 0), 1_000_000_000n],
    [fill(32, 0xfe), 0n],
    [fill(32, 0xfe), 63n],
    [fill(32, 1), 16_383n],
    [fill(32, 2), (1n << 30n) - 1n],
    [fill(32, 7), (1n << 64n) - 1n],
  ] as const) {
    assert.equal(hex(encodeCall(transfer(dest, value))), hex(encodeTheirs(dest, value)));
  }
});

for (const [version, bytes] of [
  ["V15", md.v15],
  ["V16", md.v16],
] as const) {
  describe(`@polkadot/types with our ${version} metadata`, () => {
    const { registry } = registryOf(bytes);
    const pjsCall = (value: bigint) =>
      registry.createType("Call", { callIndex: [5, 3], args: { dest: { Id: bob.publicKey }, value } });
    const pjsSign = (
      pair: KeyringPair,
      opts: {
        call?: ReturnType<typeof pjsCall>;
        mode?: number;
        metadataHash?: Uint8Array;
        genesis?: Uint8Array;
      } = {},
    ) => {
      const ext = registry.createType("Extrinsic", opts.call ?? pjsCall(12_345n));
      ext.sign(pair, {
        blockHash: CHECKPOINT,
        genesisHash: opts.genesis ?? GENESIS,
        nonce: 5,
        tip: 7,
        era: registry.createType("ExtrinsicEra", { current: 5000, period: 128 }),
        runtimeVersion: registry.createType("RuntimeVersion", {
          specVersion: 425,
          transactionVersion: 1,
        }) as unknown as IRuntimeVersionBase,
        signedExtensions: registry.signedExtensions,
        mode: opts.mode,
        // pjs reads a Uint8Array here as an encoded Option; hex is the plain hash.
        metadataHash: opts.metadataHash && hex(opts.metadataHash),
      });
      return ext;
    };

    test("pjs lists finney's 13 extensions from our metadata", () => {
      assert.equal(registry.signedExtensions.length, 13);
      assert.equal(registry.signedExtensions[12], "CheckMetadataHash");
    });

    test("pjs-signed sr25519 transfer: our decoder reads its fields and our verifier accepts it", () => {
      const ext = pjsSign(alice);
      const d = decodeExtrinsic(ext.toU8a());
      assert.ok(d.signed);
      assert.equal(hex(d.signer), hex(alice.publicKey));
      assert.equal(d.signature.scheme, "sr25519");
      assert.equal(d.nonce, 5);
      assert.equal(d.tip, 7n);
      assert.deepEqual(d.era, { type: "Mortal", period: 128, phase: 5000 % 128 });
      assert.equal(d.metadataHashMode, "Disabled");
      assert.deepEqual(d.call, transfer(bob.publicKey, 12_345n));
      assert.equal(hex(extrinsicHash(d.encoded)), ext.hash.toHex());
      assert.deepEqual(verifyExtrinsic(d, CTX), { ok: true });
      // The checkpoint is the mortal era's birth block hash, not the genesis.
      assert.equal(verifyExtrinsic(d, { ...CTX, checkpointHash: GENESIS }).ok, false);
    });

    test("pjs-signed with another genesis does not verify for ours", () => {
      const d = decodeExtrinsic(pjsSign(alice, { genesis: fill(32, 0x99) }).toU8a());
      const r = verifyExtrinsic(d, CTX);
      assert.equal(!r.ok && r.error, "BadProof");
      assert.deepEqual(verifyExtrinsic(d, { ...CTX, genesisHash: fill(32, 0x99) }), { ok: true });
    });

    test("pjs-signed payload over 256 bytes (a batch) verifies: both hash it", () => {
      const calls = Array.from({ length: 8 }, (_, i) => pjsCall(BigInt(i + 1)));
      const batch = registry.createType("Call", { callIndex: [11, 0], args: { calls } });
      const d = decodeExtrinsic(pjsSign(alice, { call: batch }).toU8a());
      assert.ok(d.callBytes.length > 256);
      assert.equal(signingPayload(d, CTX).length, 32);
      assert.deepEqual(verifyExtrinsic(d, CTX), { ok: true });
    });

    test("pjs-signed with metadata hash mode Enabled verifies with that hash only", () => {
      const hash = fill(32, 0x5a);
      const d = decodeExtrinsic(pjsSign(alice, { mode: 1, metadataHash: hash }).toU8a());
      assert.equal(d.signed && d.metadataHashMode, "Enabled");
      assert.deepEqual(verifyExtrinsic(d, { ...CTX, metadataHash: hash }), { ok: true });
      assert.equal(verifyExtrinsic(d, { ...CTX, metadataHash: fill(32, 0x5b) }).ok, false);
    });

    test("ed25519 is deterministic: pjs and our signer produce the same bytes", () => {
      const theirs = pjsSign(aliceEd).toU8a();
      const ours = signExtrinsic({
        signer: aliceEd,
        call: transfer(bob.publicKey, 12_345n),
        nonce: 5,
        tip: 7n,
        era: mortalEra(128, 5000),
        genesisHash: GENESIS,
        checkpointHash: CHECKPOINT,
      });
      assert.equal(hex(ours), hex(theirs));
      assert.deepEqual(verifyExtrinsic(decodeExtrinsic(theirs), CTX), { ok: true });
    });

    test("our sr25519 extrinsic decodes in pjs with the same fields and payload", () => {
      for (const call of [
        transfer(bob.publicKey, 987_654_321n),
        {
          type: "Utility",
          value: {
            type: "batch_all",
            value: { calls: Array.from({ length: 9 }, (_, i) => transfer(fill(32, i), BigInt(i))) },
          },
        },
      ]) {
        const ours = signExtrinsic({
          signer: alice,
          call,
          nonce: 70_000,
          tip: 1n << 40n,
          era: mortalEra(64, 123_457),
          genesisHash: GENESIS,
          checkpointHash: CHECKPOINT,
        });
        const ext = registry.createType("Extrinsic", ours);
        assert.equal(ext.isSigned, true);
        assert.equal(ext.signer.toString(), alice.address);
        assert.equal(ext.nonce.toNumber(), 70_000);
        assert.equal(ext.tip.toBigInt(), 1n << 40n);
        assert.equal(ext.era.asMortalEra.period.toNumber(), 64);
        assert.equal(ext.era.asMortalEra.phase.toNumber(), 123_457 % 64);
        assert.equal(ext.method.toHex(), hex(encodeCall(call)));
        assert.equal(ext.hash.toHex(), hex(extrinsicHash(ours)));
        if (call.type === "Balances") {
          assert.equal(ext.method.section, "balances");
          assert.equal(ext.method.method, "transferKeepAlive");
          assert.equal(ext.method.args[0].toHex(), `0x00${Buffer.from(bob.publicKey).toString("hex")}`);
          assert.equal(ext.method.args[1].toString(), "987654321");
        }
        assert.equal(ext.toHex(), hex(ours));
        // pjs's payload, signed and verified by util-crypto independently of our verifier.
        const payload = registry.createType("ExtrinsicPayload", {
          method: ext.method.toHex(),
          era: ext.era,
          nonce: 70_000,
          tip: 1n << 40n,
          specVersion: 425,
          transactionVersion: 1,
          genesisHash: GENESIS,
          blockHash: CHECKPOINT,
          mode: 0,
        });
        const raw = payload.toU8a({ method: true });
        const signed = raw.length > 256 ? blake2_256(raw) : raw;
        const d = decodeExtrinsic(ours);
        assert.equal(hex(signingPayload(d, CTX)), hex(signed));
        assert.ok(d.signed);
        assert.equal(signatureVerify(signed, d.signature.bytes, alice.publicKey).isValid, true);
      }
    });
  });
}
