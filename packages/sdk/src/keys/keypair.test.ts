// Appendix A key vectors of spec/interop.md, btwallet's privateKey form, URIs against polkadot-js's own
// keyring, mnemonic lengths and errors, and sr25519 sign/verify across the wasm and JavaScript backends.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { inspect } from "node:util";
import { Keyring } from "@polkadot/keyring";
import { mnemonicToMiniSecret as pjsMiniSecret, sr25519PairFromSeed } from "@polkadot/util-crypto";
import { isReady } from "@polkadot/wasm-crypto";
import * as scure from "@scure/sr25519";
import { parseHex, toHex } from "./bytes.ts";
import { KeyError } from "./errors.ts";
import { DEV_PHRASE, Keypair, messageToBytes, verifySignature } from "./keypair.ts";
import {
  generateMnemonic,
  MNEMONIC_WORD_COUNTS,
  mnemonicToMiniSecret,
  validateMnemonic,
} from "./mnemonic.ts";
import { canonicalToSecretKey, cryptoReady, secretKeyToCanonical } from "./sr25519.ts";

// spec/interop.md, Appendix A.
const PHRASE = "old leopard transfer rib spatial phone calm indicate online fire caution review";
const MINI_SECRET = "0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143";
const PUBLIC = "0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446";
const SS58 = "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX";
const CANONICAL =
  "0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e";
const PJS_FORM =
  "0xf8c8a8ec9d0fdd031353337936af279bbda106b3ba0d45d920334eaa9664d6569cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e";
const ALICE_PUBLIC = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
const ALICE_SS58 = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const ALICE_CANONICAL =
  "0x33a6f3093f158a7109f679410bef1a0c54168145e0cecb4df006c1c2fffb1f09925a225d97aa00682d6a59b95b18780c10d7032336e88f3442b42361f4a66011";

describe("Appendix A vectors", () => {
  test("mnemonic → mini-secret, public key, SS58, canonical privateKey", () => {
    const k = Keypair.fromMnemonic(PHRASE);
    assert.equal(toHex(mnemonicToMiniSecret(PHRASE)), MINI_SECRET);
    assert.equal(toHex(k.seed!), MINI_SECRET);
    assert.equal(toHex(k.publicKey), PUBLIC);
    assert.equal(k.ss58Address, SS58);
    assert.equal(toHex(k.privateKey!), CANONICAL);
    assert.equal(k.mnemonic, PHRASE);
    assert.equal(k.type, "sr25519");
  });

  test("canonical ↔ polkadot-js secret forms", () => {
    assert.equal(toHex(canonicalToSecretKey(parseHex(CANONICAL)!)), PJS_FORM);
    assert.equal(toHex(secretKeyToCanonical(parseHex(PJS_FORM)!)), CANONICAL);
    // polkadot-js itself (independent mini-secret and expansion code) yields the same ed25519-form secret.
    const pjs = sr25519PairFromSeed(pjsMiniSecret(PHRASE));
    assert.equal(toHex(pjs.secretKey), PJS_FORM);
  });

  test("//Alice", () => {
    const alice = Keypair.fromUri("//Alice");
    assert.equal(toHex(alice.publicKey), ALICE_PUBLIC);
    assert.equal(alice.ss58Address, ALICE_SS58);
    assert.equal(toHex(alice.privateKey!), ALICE_CANONICAL);
    assert.equal(alice.mnemonic, undefined, "URI keys keep no phrase, as btwallet's create_from_uri");
    assert.equal(alice.seed, undefined);
  });

  test("privateKey and 64-byte seed reload to the same key; canonical scalar check", () => {
    assert.equal(Keypair.fromPrivateKey(ALICE_CANONICAL).ss58Address, ALICE_SS58);
    assert.equal(Keypair.fromSeed(CANONICAL).ss58Address, SS58);
    assert.equal(Keypair.fromSeed(MINI_SECRET).ss58Address, SS58);
    // The ed25519-form secret's scalar is ≥ the group order, so it is refused as a canonical key.
    assert.throws(
      () => Keypair.fromPrivateKey(PJS_FORM),
      (e: unknown) => e instanceof KeyError && e.code === "InvalidPrivateKey",
    );
    assert.throws(
      () => Keypair.fromPrivateKey("0x1234"),
      (e: unknown) => e instanceof KeyError && e.code === "InvalidPrivateKey",
    );
    assert.throws(
      () => Keypair.fromSeed("0xzz"),
      (e: unknown) => e instanceof KeyError && e.code === "InvalidSeed",
    );
  });
});

describe("derivation URIs", () => {
  const keyring = new Keyring({ type: "sr25519", ss58Format: 42 });

  test("well-known dev accounts", () => {
    assert.equal(Keypair.fromUri("//Bob").ss58Address, "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty");
    assert.equal(
      Keypair.fromUri("//Alice//stash").ss58Address,
      "5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY",
    );
    assert.equal(Keypair.fromUri(`${DEV_PHRASE}//Alice`).ss58Address, ALICE_SS58);
  });

  test("hard, soft and password junctions agree with @polkadot/keyring", () => {
    for (const uri of [
      `${PHRASE}//hard/soft`,
      `${PHRASE}/soft//hard/7`,
      `${PHRASE}//0//1/2`,
      `${PHRASE}//a-very-long-junction-name-that-is-hashed-because-it-exceeds-32-bytes`,
      `${PHRASE}//hard///secret password`,
      `${PHRASE}///pw`,
      `${MINI_SECRET}//hard/soft`,
      "//Alice/soft",
    ]) {
      assert.equal(Keypair.fromUri(uri).ss58Address, keyring.createFromUri(uri).address, uri);
    }
  });

  test("the passphrase changes the key; a plain phrase URI keeps no phrase", () => {
    const withPw = Keypair.fromMnemonic(PHRASE, { passphrase: "pw" });
    assert.equal(withPw.ss58Address, Keypair.fromUri(`${PHRASE}///pw`).ss58Address);
    assert.notEqual(withPw.ss58Address, SS58);
    assert.equal(withPw.mnemonic, undefined);
    const plain = Keypair.fromUri(PHRASE);
    assert.equal(plain.ss58Address, SS58);
    assert.equal(plain.mnemonic, undefined);
  });

  test("soft derivation from a dev URI starting with a single slash uses the dev phrase", () => {
    assert.equal(Keypair.fromUri("/soft").ss58Address, keyring.createFromUri(`${DEV_PHRASE}/soft`).address);
  });

  test("bad URIs", () => {
    for (const uri of ["not a valid mnemonic at all", "//", "0x1234//a", `${PHRASE}//bad/`]) {
      assert.throws(() => Keypair.fromUri(uri), KeyError, uri);
    }
    assert.throws(
      () => Keypair.fromUri("//Alice/soft", { type: "ed25519" }),
      (e: unknown) => e instanceof KeyError && e.code === "InvalidUri",
    );
  });
});

describe("ed25519", () => {
  test("//Alice and a mnemonic key agree with @polkadot/keyring; sign/verify", () => {
    const keyring = new Keyring({ type: "ed25519", ss58Format: 42 });
    const alice = Keypair.fromUri("//Alice", { type: "ed25519" });
    assert.equal(alice.ss58Address, "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu");
    assert.equal(alice.ss58Address, keyring.createFromUri("//Alice").address);
    const k = Keypair.fromMnemonic(PHRASE, { type: "ed25519" });
    assert.equal(k.ss58Address, keyring.createFromUri(PHRASE).address);
    const sig = k.sign("hello");
    assert.ok(k.verify("hello", sig));
    assert.ok(keyring.createFromUri(PHRASE).verify("hello", sig, k.publicKey));
    assert.ok(!k.verify("hellO", sig));
    assert.ok(!verifySignature("hello", sig, k.publicKey, "sr25519"));
  });
});

describe("sr25519 sign and verify", () => {
  const alice = Keypair.fromUri("//Alice");
  const bob = Keypair.fromUri("//Bob");
  const message = "nonce.5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY.uuid.hash";

  test("wasm and JavaScript backends agree in both directions", async () => {
    assert.equal(await cryptoReady(), true);
    assert.ok(isReady());
    const bytes = messageToBytes(message);
    const pjsSecret = canonicalToSecretKey(alice.privateKey!);
    // JavaScript signature, wasm verification (verifySignature runs on wasm once it is ready).
    assert.ok(verifySignature(message, scure.sign(pjsSecret, bytes), alice.ss58Address));
    // wasm signature, JavaScript verification.
    assert.ok(scure.verify(bytes, alice.sign(message), alice.publicKey));
    // polkadot-js keyring verifies ours too.
    const pjsAlice = new Keyring({ type: "sr25519" }).createFromUri("//Alice");
    assert.ok(pjsAlice.verify(bytes, alice.sign(bytes), alice.publicKey));
  });

  test("rejections: other key, other message, tampering, malformed inputs", () => {
    const sig = alice.sign(message);
    assert.ok(alice.verify(message, sig));
    assert.ok(!bob.verify(message, sig));
    assert.ok(!alice.verify(`${message}x`, sig));
    const tampered = sig.slice();
    tampered[10] ^= 1;
    assert.ok(!alice.verify(message, tampered));
    assert.ok(!alice.verify(message, sig.subarray(0, 63)));
    assert.ok(!verifySignature(message, sig, "not-an-address"));
    assert.ok(!verifySignature(message, "0xnothex", alice.ss58Address));
    assert.ok(!verifySignature(message, sig, new Uint8Array(31)));
  });

  test("signer as address, hex or bytes; hex signatures; the <Bytes> wrapper; 0x messages are hex", () => {
    const sig = alice.sign("hi");
    for (const signer of [alice.ss58Address, ALICE_PUBLIC, alice.publicKey])
      assert.ok(verifySignature("hi", sig, signer));
    assert.ok(verifySignature("hi", toHex(sig), alice.ss58Address));
    const wrapped = alice.sign("<Bytes>hi</Bytes>");
    assert.ok(alice.verify("hi", wrapped));
    assert.ok(!alice.verify("ho", wrapped));
    // "0x6869" is the bytes "hi", as in the Python keypair.
    assert.ok(alice.verify("hi", alice.sign("0x6869")));
    assert.throws(() => alice.sign("0xabc"), TypeError);
  });

  test("public-only keypairs verify but cannot sign", () => {
    const pub = Keypair.fromAddress(ALICE_SS58);
    assert.equal(pub.canSign, false);
    assert.equal(pub.privateKey, undefined);
    assert.ok(pub.verify("m", alice.sign("m")));
    assert.throws(
      () => pub.sign("m"),
      (e: unknown) => e instanceof KeyError && e.code === "NoSecretKey",
    );
    assert.ok(pub.equals(alice));
    assert.ok(!pub.equals(bob));
    assert.equal(Keypair.fromPublicKey(ALICE_PUBLIC).ss58Address, ALICE_SS58);
  });

  test("secrets stay out of JSON and inspection", () => {
    const k = Keypair.fromMnemonic(PHRASE);
    const shown = JSON.stringify(k) + inspect(k) + String(k);
    assert.ok(shown.includes(SS58));
    for (const secret of [CANONICAL.slice(2, 20), MINI_SECRET.slice(2, 20), "leopard"])
      assert.ok(!shown.includes(secret));
  });
});

describe("mnemonics", () => {
  test("every allowed length generates, validates and matches polkadot-js's mini-secret", () => {
    for (const words of MNEMONIC_WORD_COUNTS) {
      const phrase = generateMnemonic(words);
      assert.equal(phrase.split(" ").length, words);
      assert.ok(validateMnemonic(phrase));
      assert.equal(toHex(mnemonicToMiniSecret(phrase)), toHex(pjsMiniSecret(phrase)));
      const { keypair, mnemonic } = Keypair.generate({ words });
      assert.equal(keypair.ss58Address, Keypair.fromMnemonic(mnemonic).ss58Address);
    }
  });

  test("whitespace is normalised", () => {
    assert.equal(Keypair.fromMnemonic(`  ${PHRASE.replaceAll(" ", "   ")}\n`).ss58Address, SS58);
  });

  test("errors name the problem", () => {
    const code = (e: unknown) => e instanceof KeyError && e.code === "InvalidMnemonic";
    assert.throws(
      () => mnemonicToMiniSecret(PHRASE.split(" ").slice(0, 11).join(" ")),
      (e: unknown) => code(e) && /11/.test((e as Error).message),
    );
    assert.throws(
      () => mnemonicToMiniSecret(PHRASE.replace("leopard", "leopardo")),
      (e: unknown) => code(e) && /leopardo/.test((e as Error).message),
    );
    // Swapping two words keeps every word valid but breaks the checksum.
    const swapped = PHRASE.split(" ");
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    assert.throws(
      () => mnemonicToMiniSecret(swapped.join(" ")),
      (e: unknown) => code(e) && /checksum/.test((e as Error).message),
    );
    assert.ok(!validateMnemonic(swapped.join(" ")));
    assert.throws(() => generateMnemonic(13 as 12), code);
  });
});
