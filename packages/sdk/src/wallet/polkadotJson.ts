// Import of polkadot-js keystore JSON (encoding version 3, sr25519), as `btcli wallet regen-coldkey --json`:
// optional scrypt key, secretbox, PKCS#8-like body holding the ed25519-form secret and the public key.

import { secretbox } from "@noble/ciphers/salsa.js";
import { scryptEncode } from "@polkadot/util-crypto";
import { bytesEqual, utf8 } from "../keys/bytes.ts";
import { KeyError } from "../keys/errors.ts";
import { Keypair } from "../keys/keypair.ts";
import { secretKeyToCanonical } from "../keys/sr25519.ts";
import { ss58DecodeAny } from "../keys/ss58.ts";
import { KeyfileError } from "./errors.ts";

const PKCS8_HEADER = Buffer.from("3053020101300506032b657004220420", "hex");
const PKCS8_DIVIDER = Buffer.from("a123032100", "hex");
const SCRYPT_PREFIX_LENGTH = 32 + 4 + 4 + 4;
const NONCE_LENGTH = 24;

interface PolkadotJson {
  encoded: string;
  encoding: { content: string[]; type: string[] | string; version: string };
  address?: string;
}

function parse(json: string | object, source: string): PolkadotJson {
  let value: unknown = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch {
      throw new KeyfileError("Corrupt", source, "polkadot-js JSON is not valid JSON");
    }
  }
  const v = value as Partial<PolkadotJson> | null;
  if (
    v === null ||
    typeof v !== "object" ||
    typeof v.encoded !== "string" ||
    typeof v.encoding !== "object" ||
    v.encoding === null ||
    !Array.isArray(v.encoding.content)
  ) {
    throw new KeyfileError(
      "UnknownFormat",
      source,
      "not a polkadot-js keystore JSON (needs encoded and encoding)",
    );
  }
  if (v.encoding.version !== "3") {
    throw new KeyfileError(
      "Unsupported",
      source,
      `polkadot-js JSON encoding version ${String(v.encoding.version)}; only 3 is supported`,
    );
  }
  if (!v.encoding.content.includes("sr25519")) {
    throw new KeyfileError(
      "Unsupported",
      source,
      `polkadot-js JSON holds a ${v.encoding.content.join("/")} key; only sr25519 is supported`,
    );
  }
  return v as PolkadotJson;
}

/** Decrypts a polkadot-js sr25519 export with its password; the result keeps no phrase or seed. */
export async function keypairFromPolkadotJson(
  json: string | object,
  password: string,
  source = "polkadot-js JSON",
): Promise<Keypair> {
  const doc = parse(json, source);
  let encrypted: Uint8Array = new Uint8Array(Buffer.from(doc.encoded, "base64"));
  const types = Array.isArray(doc.encoding.type) ? doc.encoding.type : [doc.encoding.type];
  let key = new Uint8Array(32);
  if (types.includes("scrypt")) {
    if (encrypted.length < SCRYPT_PREFIX_LENGTH)
      throw new KeyfileError("Corrupt", source, "truncated scrypt parameters");
    const view = new DataView(encrypted.buffer, encrypted.byteOffset);
    const salt = encrypted.slice(0, 32);
    const params = { N: view.getUint32(32, true), p: view.getUint32(36, true), r: view.getUint32(40, true) };
    if (
      !Number.isInteger(Math.log2(params.N)) ||
      params.N < 2 ||
      params.p < 1 ||
      params.r < 1 ||
      params.N * params.r > 1 << 21
    ) {
      throw new KeyfileError(
        "Corrupt",
        source,
        `implausible scrypt parameters N=${params.N} p=${params.p} r=${params.r}`,
      );
    }
    key = scryptEncode(utf8(password), salt, params).password.slice(0, 32);
    encrypted = encrypted.subarray(SCRYPT_PREFIX_LENGTH);
  } else {
    // polkadot-js's unscrypted form: the password itself, zero-padded (or cut) to 32 bytes.
    key.set(utf8(password).subarray(0, 32));
  }
  let plain: Uint8Array;
  if (!types.includes("xsalsa20-poly1305")) {
    // An export made without a password (encoding type "none"): the body is stored as it is.
    plain = encrypted;
  } else {
    if (encrypted.length < NONCE_LENGTH + 16)
      throw new KeyfileError("Corrupt", source, "truncated encrypted body");
    try {
      plain = secretbox(key, encrypted.subarray(0, NONCE_LENGTH)).open(encrypted.subarray(NONCE_LENGTH));
    } catch {
      throw new KeyfileError("WrongPassword", source, "wrong password for the polkadot-js JSON");
    }
  }
  const secretAt = PKCS8_HEADER.length;
  const dividerAt = secretAt + 64;
  const publicAt = dividerAt + PKCS8_DIVIDER.length;
  if (
    plain.length < publicAt + 32 ||
    !bytesEqual(plain.subarray(0, secretAt), PKCS8_HEADER) ||
    !bytesEqual(plain.subarray(dividerAt, publicAt), PKCS8_DIVIDER)
  ) {
    throw new KeyfileError("Corrupt", source, "decrypted polkadot-js body is not PKCS#8 sr25519");
  }
  let keypair: Keypair;
  try {
    keypair = Keypair.fromPrivateKey(secretKeyToCanonical(plain.subarray(secretAt, dividerAt)));
  } catch (e) {
    if (e instanceof KeyError) throw new KeyfileError("Corrupt", source, e.message, { cause: e });
    throw e;
  }
  if (!bytesEqual(keypair.publicKey, plain.subarray(publicAt, publicAt + 32))) {
    throw new KeyfileError(
      "Corrupt",
      source,
      "the secret in the polkadot-js JSON does not match its public key",
    );
  }
  if (doc.address !== undefined) {
    let addressKey: Uint8Array | undefined;
    try {
      addressKey = ss58DecodeAny(doc.address).publicKey;
    } catch {
      addressKey = undefined;
    }
    if (addressKey === undefined || !bytesEqual(addressKey, keypair.publicKey)) {
      throw new KeyfileError("Corrupt", source, "the polkadot-js JSON's address does not match its key");
    }
  }
  return keypair;
}
