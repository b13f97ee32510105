// Read-only support for the keyfile encryptions older bittensor wallets wrote: Ansible Vault 1.1/1.2 (AES256)
// and Fernet with a PBKDF2 key. New files are always written as $NACL; these only need to open.

import { createDecipheriv, createHmac, pbkdf2, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { KeyfileError } from "./errors.ts";

const pbkdf2Async = promisify(pbkdf2);

/** The salt old bittensor wallets used for the Fernet key. */
export const FERNET_SALT = "Iguesscyborgslikemyselfhaveatendencytobeparanoidaboutourorigins";
/** PBKDF2-HMAC-SHA256 iterations old bittensor wallets used for the Fernet key (several seconds). */
export const FERNET_PBKDF2_ITERATIONS = 10_000_000;

const ANSIBLE_PBKDF2_ITERATIONS = 10_000;

/**
 * Ansible Vault: header line `$ANSIBLE_VAULT;1.1;AES256`, then hex lines of hex(salt) \n hex(hmac) \n
 * hex(ciphertext); PBKDF2-SHA256(password, salt, 10 000) → 80 bytes = AES-256-CTR key ‖ HMAC key ‖ IV,
 * HMAC-SHA256 over the ciphertext, PKCS#7 padding inside.
 */
export async function ansibleVaultDecrypt(
  data: Uint8Array,
  password: string,
  source: string,
): Promise<Uint8Array> {
  const text = Buffer.from(data).toString("latin1");
  const newline = text.indexOf("\n");
  const header = (newline < 0 ? text : text.slice(0, newline)).trim().split(";");
  if (
    header[0] !== "$ANSIBLE_VAULT" ||
    (header[1] !== "1.1" && header[1] !== "1.2") ||
    header[2] !== "AES256"
  ) {
    throw new KeyfileError("Unsupported", source, `unsupported Ansible Vault header "${header.join(";")}"`);
  }
  const corrupt = (what: string) =>
    new KeyfileError("Corrupt", source, `damaged Ansible Vault keyfile (${what})`);
  const hexBody = newline < 0 ? "" : text.slice(newline + 1).replace(/\s+/g, "");
  if (!/^([0-9a-fA-F]{2})+$/.test(hexBody)) throw corrupt("body is not hex");
  const parts = Buffer.from(hexBody, "hex").toString("latin1").split("\n");
  if (parts.length !== 3 || !parts.every((p) => /^([0-9a-fA-F]{2})+$/.test(p)))
    throw corrupt("expected salt, hmac, ciphertext");
  const [salt, mac, ciphertext] = parts.map((p) => Buffer.from(p, "hex"));
  if (mac.length !== 32 || ciphertext.length % 16 !== 0) throw corrupt("bad hmac or ciphertext length");
  const derived = await pbkdf2Async(
    Buffer.from(password, "utf8"),
    salt,
    ANSIBLE_PBKDF2_ITERATIONS,
    80,
    "sha256",
  );
  const expected = createHmac("sha256", derived.subarray(32, 64)).update(ciphertext).digest();
  if (!timingSafeEqual(expected, mac)) {
    throw new KeyfileError("WrongPassword", source, "wrong password for the Ansible Vault keyfile");
  }
  const decipher = createDecipheriv("aes-256-ctr", derived.subarray(0, 32), derived.subarray(64, 80));
  const padded = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  const pad = padded.length > 0 ? padded[padded.length - 1] : 0;
  if (
    pad < 1 ||
    pad > 16 ||
    pad > padded.length ||
    !padded.subarray(padded.length - pad).every((b) => b === pad)
  ) {
    throw corrupt("bad padding");
  }
  return new Uint8Array(padded.subarray(0, padded.length - pad));
}

/**
 * Fernet token (base64url of 0x80 ‖ timestamp ‖ IV ‖ AES-128-CBC ciphertext ‖ HMAC-SHA256) under the key
 * PBKDF2-HMAC-SHA256(password, {@link FERNET_SALT}, iterations, 32): first half signs, second half encrypts.
 */
export async function fernetDecrypt(
  data: Uint8Array,
  password: string,
  source: string,
  iterations: number = FERNET_PBKDF2_ITERATIONS,
): Promise<Uint8Array> {
  const text = Buffer.from(data).toString("latin1").trim();
  if (!/^[A-Za-z0-9_-]+=*$/.test(text))
    throw new KeyfileError("Corrupt", source, "damaged Fernet keyfile (not base64url)");
  const token = Buffer.from(text, "base64url");
  if (token.length < 1 + 8 + 16 + 16 + 32 || token[0] !== 0x80 || (token.length - 57) % 16 !== 0) {
    throw new KeyfileError("Corrupt", source, "damaged Fernet keyfile (bad token layout)");
  }
  const key = await pbkdf2Async(
    Buffer.from(password, "utf8"),
    Buffer.from(FERNET_SALT),
    iterations,
    32,
    "sha256",
  );
  const signed = token.subarray(0, token.length - 32);
  const expected = createHmac("sha256", key.subarray(0, 16)).update(signed).digest();
  if (!timingSafeEqual(expected, token.subarray(token.length - 32))) {
    throw new KeyfileError("WrongPassword", source, "wrong password for the legacy (Fernet) keyfile");
  }
  try {
    const decipher = createDecipheriv("aes-128-cbc", key.subarray(16, 32), token.subarray(9, 25));
    return new Uint8Array(
      Buffer.concat([decipher.update(token.subarray(25, token.length - 32)), decipher.final()]),
    );
  } catch (cause) {
    throw new KeyfileError("Corrupt", source, "damaged Fernet keyfile (bad padding)", { cause });
  }
}
