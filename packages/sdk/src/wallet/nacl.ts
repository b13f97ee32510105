// The `$NACL` keyfile encryption btwallet writes: Argon2i v1.3 (libsodium crypto_pwhash, fixed salt) → key,
// then file = "$NACL" ‖ 24-byte nonce ‖ XSalsa20-Poly1305 secretbox (tag ‖ ciphertext) of the JSON.

import { randomBytes } from "node:crypto";
import { secretbox } from "@noble/ciphers/salsa.js";
import { argon2i } from "hash-wasm";
import { concatBytes, utf8 } from "../keys/bytes.ts";
import { KeyfileError } from "./errors.ts";

export interface NaclKdfParams {
  /** Argon2 passes (libsodium opslimit). */
  iterations: number;
  /** Memory in KiB (libsodium memlimit / 1024). */
  memoryKiB: number;
  parallelism: number;
}

/**
 * btwallet's parameters: OPSLIMIT_SENSITIVE = 8, MEMLIMIT_SENSITIVE = 512 MiB, one lane. Deriving takes
 * seconds and ~570 MiB; only files written with these open in the Python wallet.
 */
export const BITTENSOR_NACL_KDF: Readonly<NaclKdfParams> = Object.freeze({
  iterations: 8,
  memoryKiB: 524288,
  parallelism: 1,
});

/** btwallet's fixed Argon2 salt (the same for every keyfile). */
export const NACL_SALT = Uint8Array.from(Buffer.from("137183dff15a09bc9c90b5518739e9b1", "hex"));

export const NACL_PREFIX = utf8("$NACL");
const NONCE_LENGTH = 24;
const TAG_LENGTH = 16;

export async function naclDeriveKey(
  password: string,
  params: NaclKdfParams = BITTENSOR_NACL_KDF,
): Promise<Uint8Array> {
  return argon2i({
    password: utf8(password),
    salt: NACL_SALT,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    parallelism: params.parallelism,
    hashLength: 32,
    outputType: "binary",
  });
}

export async function naclEncrypt(
  plaintext: Uint8Array,
  password: string,
  params: NaclKdfParams = BITTENSOR_NACL_KDF,
  nonce: Uint8Array = new Uint8Array(randomBytes(NONCE_LENGTH)),
): Promise<Uint8Array> {
  const key = await naclDeriveKey(password, params);
  return concatBytes(NACL_PREFIX, nonce, secretbox(key, nonce).seal(plaintext));
}

/** Opens a `$NACL` blob; a failed authentication is reported as a wrong password, as btwallet does. */
export async function naclDecrypt(
  data: Uint8Array,
  password: string,
  source: string,
  params: NaclKdfParams = BITTENSOR_NACL_KDF,
): Promise<Uint8Array> {
  if (data.length < NACL_PREFIX.length + NONCE_LENGTH + TAG_LENGTH) {
    throw new KeyfileError("Corrupt", source, `truncated $NACL keyfile (${data.length} bytes)`);
  }
  const nonce = data.subarray(NACL_PREFIX.length, NACL_PREFIX.length + NONCE_LENGTH);
  const key = await naclDeriveKey(password, params);
  try {
    return secretbox(key, nonce).open(data.subarray(NACL_PREFIX.length + NONCE_LENGTH));
  } catch {
    throw new KeyfileError("WrongPassword", source, "wrong password (or the encrypted keyfile is damaged)");
  }
}
