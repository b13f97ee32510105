// $NACL keyfile encryption: the Appendix A Argon2i vector at Bittensor's real parameters (the one slow test:
// ~570 MiB, several seconds), then the file layout against polkadot-js's secretbox with small parameters.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { naclEncrypt as pjsSecretbox } from "@polkadot/util-crypto";
import { toHex } from "../keys/bytes.ts";
import { KeyfileError } from "./errors.ts";
import {
  BITTENSOR_NACL_KDF,
  NACL_SALT,
  type NaclKdfParams,
  naclDecrypt,
  naclDeriveKey,
  naclEncrypt,
} from "./nacl.ts";

const SMALL: NaclKdfParams = { iterations: 1, memoryKiB: 64, parallelism: 1 };
const code = (c: string) => (e: unknown) => e instanceof KeyfileError && e.code === c;

describe("$NACL", () => {
  test("Appendix A: Argon2i13 key at the real parameters (ops 8, 512 MiB, fixed salt)", async () => {
    assert.deepEqual({ ...BITTENSOR_NACL_KDF }, { iterations: 8, memoryKiB: 512 * 1024, parallelism: 1 });
    assert.equal(toHex(NACL_SALT), "0x137183dff15a09bc9c90b5518739e9b1");
    const key = await naclDeriveKey("correct horse");
    assert.equal(toHex(key), "0xcf96d2ee72dbd5d06fa7dd5ee0b42bba227baf46d91bd5440270663ca4f7b591");
  });

  test("layout: $NACL ‖ nonce ‖ secretbox(tag ‖ ciphertext), byte-equal to polkadot-js's secretbox", async () => {
    const plaintext = new TextEncoder().encode(
      '{"ss58Address":"5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM"}',
    );
    const nonce = Uint8Array.from({ length: 24 }, (_, i) => i);
    const file = await naclEncrypt(plaintext, "pw", SMALL, nonce);
    assert.equal(Buffer.from(file.subarray(0, 5)).toString(), "$NACL");
    assert.deepEqual(file.subarray(5, 29), nonce);
    assert.equal(file.length, 5 + 24 + 16 + plaintext.length);
    const key = await naclDeriveKey("pw", SMALL);
    assert.deepEqual(file.subarray(29), pjsSecretbox(plaintext, key, nonce).encrypted);
    assert.deepEqual(await naclDecrypt(file, "pw", "f", SMALL), plaintext);
  });

  test("random nonces; wrong password, other parameters, tampering, truncation", async () => {
    const plaintext = new TextEncoder().encode("{}");
    const a = await naclEncrypt(plaintext, "pw", SMALL);
    const b = await naclEncrypt(plaintext, "pw", SMALL);
    assert.notDeepEqual(a.subarray(5, 29), b.subarray(5, 29));
    await assert.rejects(naclDecrypt(a, "pW", "f", SMALL), code("WrongPassword"));
    await assert.rejects(naclDecrypt(a, "pw", "f", { ...SMALL, iterations: 2 }), code("WrongPassword"));
    const tampered = a.slice();
    tampered[tampered.length - 1] ^= 1;
    await assert.rejects(naclDecrypt(tampered, "pw", "f", SMALL), code("WrongPassword"));
    await assert.rejects(naclDecrypt(a.subarray(0, 40), "pw", "f", SMALL), code("Corrupt"));
  });
});
