// polkadot-js keystore import (§5.5): exports made by @polkadot/keyring itself (scrypt), the unscrypted
// legacy form built by hand, and every refusal (wrong password, other key types, versions, damage).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { secretbox } from "@noble/ciphers/salsa.js";
import { Keyring } from "@polkadot/keyring";
import { scryptEncode } from "@polkadot/util-crypto";
import { concatBytes } from "../keys/bytes.ts";
import { Keypair } from "../keys/keypair.ts";
import { canonicalToSecretKey, cryptoReady } from "../keys/sr25519.ts";
import { KeyfileError } from "./errors.ts";
import { keypairFromPolkadotJson } from "./polkadotJson.ts";

const PHRASE = "old leopard transfer rib spatial phone calm indicate online fire caution review";
const SS58 = "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX";
function pkcs8Body(): Uint8Array {
  const k = Keypair.fromMnemonic(PHRASE);
  return concatBytes(
    Buffer.from("3053020101300506032b657004220420", "hex"),
    canonicalToSecretKey(k.privateKey!),
    Buffer.from("a123032100", "hex"),
    k.publicKey,
  );
}
const code = (c: string) => (e: unknown) => e instanceof KeyfileError && e.code === c;

describe("polkadot-js JSON", () => {
  test("an export from @polkadot/keyring (scrypt + secretbox) imports to the same key", async () => {
    await cryptoReady();
    const pair = new Keyring({ type: "sr25519", ss58Format: 42 }).addFromUri(PHRASE);
    const json = pair.toJson("export pw");
    assert.deepEqual(json.encoding.type, ["scrypt", "xsalsa20-poly1305"]);
    const k = await keypairFromPolkadotJson(JSON.stringify(json), "export pw");
    assert.equal(k.ss58Address, SS58);
    assert.equal(k.mnemonic, undefined);
    assert.ok(k.verify("m", k.sign("m")));
  });

  test("scrypt parameters are read from the blob (salt ‖ N ‖ p ‖ r, little-endian)", async () => {
    // Built with polkadot-js's own scrypt at a small N, so wrong-password cases stay fast.
    const salt = new Uint8Array(32).fill(9);
    const params = { N: 1 << 10, p: 2, r: 8 };
    const key = scryptEncode("pw", salt, params).password.subarray(0, 32);
    const prefix = new Uint8Array(44);
    prefix.set(salt);
    const view = new DataView(prefix.buffer);
    view.setUint32(32, params.N, true);
    view.setUint32(36, params.p, true);
    view.setUint32(40, params.r, true);
    const nonce = new Uint8Array(24).fill(4);
    const encoded = Buffer.from(concatBytes(prefix, nonce, secretbox(key, nonce).seal(pkcs8Body()))).toString(
      "base64",
    );
    const doc = {
      encoded,
      encoding: { content: ["pkcs8", "sr25519"], type: ["scrypt", "xsalsa20-poly1305"], version: "3" },
      address: SS58,
    };
    assert.equal((await keypairFromPolkadotJson(doc, "pw")).ss58Address, SS58);
    await assert.rejects(keypairFromPolkadotJson(doc, "pW"), code("WrongPassword"));
    await assert.rejects(
      keypairFromPolkadotJson({ ...doc, address: "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY" }, "pw"),
      code("Corrupt"),
    );
    view.setUint32(32, 1000, true);
    const badN = Buffer.from(concatBytes(prefix, nonce)).toString("base64");
    await assert.rejects(keypairFromPolkadotJson({ ...doc, encoded: badN }, "pw"), code("Corrupt"));
  });

  test("the unscrypted form: key = password zero-padded to 32 bytes", async () => {
    const body = pkcs8Body();
    const key = new Uint8Array(32);
    key.set(new TextEncoder().encode("short"));
    const nonce = new Uint8Array(24).fill(3);
    const encoded = Buffer.from(concatBytes(nonce, secretbox(key, nonce).seal(body))).toString("base64");
    const doc = {
      encoded,
      encoding: { content: ["pkcs8", "sr25519"], type: ["xsalsa20-poly1305"], version: "3" },
      address: SS58,
    };
    assert.equal((await keypairFromPolkadotJson(doc, "short")).ss58Address, SS58);
    await assert.rejects(keypairFromPolkadotJson(doc, "shorT"), code("WrongPassword"));
    // A body whose public key does not match its secret.
    const wrongPub = concatBytes(body.subarray(0, body.length - 32), new Uint8Array(32));
    const bad = {
      ...doc,
      address: undefined,
      encoded: Buffer.from(concatBytes(nonce, secretbox(key, nonce).seal(wrongPub))).toString("base64"),
    };
    await assert.rejects(keypairFromPolkadotJson(bad, "short"), code("Corrupt"));
  });

  test("refusals name the source", async () => {
    // Shape-only refusals come before any key derivation, so a cheap (unscrypted) export serves.
    const sr = new Keyring({ type: "sr25519" }).addFromUri("//Alice").toJson();
    const ed = { ...sr, encoding: { ...sr.encoding, content: ["pkcs8", "ed25519"] } };
    await assert.rejects(
      keypairFromPolkadotJson(ed, "pw", "alice.json"),
      (e: unknown) => code("Unsupported")(e) && (e as Error).message.endsWith(": alice.json"),
    );
    await assert.rejects(
      keypairFromPolkadotJson({ ...sr, encoding: { ...sr.encoding, version: "2" } }, "pw"),
      code("Unsupported"),
    );
    await assert.rejects(keypairFromPolkadotJson("{not json", "pw"), code("Corrupt"));
    await assert.rejects(keypairFromPolkadotJson({ hello: 1 }, "pw"), code("UnknownFormat"));
    await assert.rejects(
      keypairFromPolkadotJson({ ...sr, encoded: sr.encoded.slice(0, 40) }, "pw"),
      code("Corrupt"),
    );
    const scrypted = { ...sr, encoding: { ...sr.encoding, type: ["scrypt", "xsalsa20-poly1305"] } };
    await assert.rejects(
      keypairFromPolkadotJson({ ...scrypted, encoded: sr.encoded.slice(0, 40) }, "pw"),
      code("Corrupt"),
    );
  });
});
