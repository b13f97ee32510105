// The SDK's own Keypair: sr25519 (Bittensor's only account type) or ed25519, from a mnemonic, seed, private
// key, derivation URI or address, with sign/verify; keeps the rest of the SDK free of polkadot-js key types.

import { inspect } from "node:util";
import {
  ed25519PairFromSeed,
  ed25519Sign,
  ed25519Verify,
  keyExtractPath,
  keyFromPath,
} from "@polkadot/util-crypto";
import { bytesEqual, concatBytes, parseHex, toHex, utf8 } from "./bytes.ts";
import { KeyError } from "./errors.ts";
import {
  generateMnemonic,
  type MnemonicWordCount,
  mnemonicToMiniSecret,
  normalizeMnemonic,
} from "./mnemonic.ts";
import {
  canonicalToSecretKey,
  secretKeyToCanonical,
  sr25519FromMiniSecret,
  sr25519PublicFromSecret,
  sr25519Sign,
  sr25519Verify,
} from "./sr25519.ts";
import { SS58_PREFIX, ss58Decode, ss58Encode } from "./ss58.ts";

export type KeyType = "sr25519" | "ed25519";

/** Substrate's development phrase; URIs that start with `/` (`//Alice`) derive from it. */
export const DEV_PHRASE = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

export interface KeyTypeOption {
  /** Default `sr25519`, the only type Bittensor accounts and btwallet keyfiles use. */
  type?: KeyType;
}

interface Parts {
  type: KeyType;
  publicKey: Uint8Array;
  /** sr25519: ed25519-compatible form (scalar × 8 ‖ nonce); ed25519: seed ‖ public key. */
  secretKey?: Uint8Array;
  mnemonic?: string;
  seed?: Uint8Array;
}

// Substrate's secret-URI grammar: [phrase or 0x-seed][(/soft | //hard)*][///password].
const URI_RE = /^([a-zA-Z0-9 ]+)?((?:\/\/?[^/]+)*)(?:\/\/\/(.*))?$/s;

function bytesFrom(
  value: Uint8Array | string,
  what: string,
  code: "InvalidSeed" | "InvalidPrivateKey" | "InvalidPublicKey",
): Uint8Array {
  if (typeof value !== "string") return value.slice();
  const bytes = parseHex(value);
  if (bytes === undefined) throw new KeyError(code, `${what} must be hex (optionally 0x-prefixed)`);
  return bytes;
}

function pairFromMiniSecret(
  type: KeyType,
  seed: Uint8Array,
): { publicKey: Uint8Array; secretKey: Uint8Array } {
  if (type === "sr25519") return sr25519FromMiniSecret(seed);
  if (seed.length !== 32)
    throw new KeyError("InvalidSeed", `an ed25519 seed is 32 bytes, got ${seed.length}`);
  return ed25519PairFromSeed(seed);
}

/**
 * Message bytes as the Python keypair reads them: a string starting with `0x` is hex, any other string is
 * UTF-8, bytes are used as they are.
 */
export function messageToBytes(message: Uint8Array | string): Uint8Array {
  if (typeof message !== "string") return message;
  if (!message.startsWith("0x")) return utf8(message);
  const bytes = parseHex(message);
  if (bytes === undefined)
    throw new TypeError(`message "${message.slice(0, 20)}…" starts with 0x but is not valid hex`);
  return bytes;
}

function signatureBytes(signature: Uint8Array | string): Uint8Array | undefined {
  return typeof signature === "string" ? parseHex(signature) : signature;
}

function verifyRaw(
  type: KeyType,
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (type === "sr25519") return sr25519Verify(message, signature, publicKey);
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return ed25519Verify(message, signature, publicKey);
  } catch {
    return false;
  }
}

/**
 * Verifies `signature` over `message` by `signer` (SS58 address, hex or raw 32-byte public key). Like the
 * Python keypair it also accepts a signature over `<Bytes>message</Bytes>` (what polkadot-js extensions sign).
 */
export function verifySignature(
  message: Uint8Array | string,
  signature: Uint8Array | string,
  signer: Uint8Array | string,
  type: KeyType = "sr25519",
): boolean {
  let publicKey: Uint8Array;
  try {
    publicKey =
      typeof signer !== "string"
        ? signer
        : signer.startsWith("0x")
          ? (parseHex(signer) ?? new Uint8Array())
          : ss58Decode(signer);
  } catch {
    return false;
  }
  const sig = signatureBytes(signature);
  if (sig === undefined) return false;
  const bytes = messageToBytes(message);
  if (verifyRaw(type, bytes, sig, publicKey)) return true;
  return verifyRaw(type, concatBytes(utf8("<Bytes>"), bytes, utf8("</Bytes>")), sig, publicKey);
}

export class Keypair {
  readonly type: KeyType;
  readonly publicKey: Uint8Array;
  readonly ss58Address: string;
  readonly #secretKey: Uint8Array | undefined;
  readonly #mnemonic: string | undefined;
  readonly #seed: Uint8Array | undefined;

  private constructor(parts: Parts) {
    this.type = parts.type;
    this.publicKey = parts.publicKey;
    this.ss58Address = ss58Encode(parts.publicKey, SS58_PREFIX);
    this.#secretKey = parts.secretKey;
    this.#mnemonic = parts.mnemonic;
    this.#seed = parts.seed;
  }

  /**
   * From a BIP-39 mnemonic (Substrate mini-secret derivation). The phrase is kept (and written to keyfiles as
   * `secretPhrase`) only without a passphrase, since btwallet re-derives keyfile phrases with an empty one.
   */
  static fromMnemonic(mnemonic: string, options: KeyTypeOption & { passphrase?: string } = {}): Keypair {
    const type = options.type ?? "sr25519";
    const passphrase = options.passphrase ?? "";
    const seed = mnemonicToMiniSecret(mnemonic, passphrase);
    return new Keypair({
      type,
      ...pairFromMiniSecret(type, seed),
      mnemonic: passphrase === "" ? normalizeMnemonic(mnemonic) : undefined,
      seed,
    });
  }

  /**
   * From a 32-byte mini-secret (hex or bytes). For sr25519 a 64-byte value is taken as a canonical schnorrkel
   * secret (scalar ‖ nonce), as btwallet's `create_from_seed` does.
   */
  static fromSeed(seed: Uint8Array | string, options: KeyTypeOption = {}): Keypair {
    const type = options.type ?? "sr25519";
    const bytes = bytesFrom(seed, "a seed", "InvalidSeed");
    if (type === "sr25519" && bytes.length === 64) {
      const secretKey = canonicalToSecretKey(bytes);
      return new Keypair({ type, publicKey: sr25519PublicFromSecret(secretKey), secretKey, seed: bytes });
    }
    if (bytes.length !== 32) throw new KeyError("InvalidSeed", `a seed is 32 bytes, got ${bytes.length}`);
    return new Keypair({ type, ...pairFromMiniSecret(type, bytes), seed: bytes });
  }

  /** From an sr25519 private key in canonical schnorrkel form (btwallet's `privateKey`: scalar ‖ nonce). */
  static fromPrivateKey(privateKey: Uint8Array | string): Keypair {
    const secretKey = canonicalToSecretKey(bytesFrom(privateKey, "a private key", "InvalidPrivateKey"));
    return new Keypair({ type: "sr25519", publicKey: sr25519PublicFromSecret(secretKey), secretKey });
  }

  /**
   * From a Substrate secret URI: `//Alice`, `mnemonic//hard/soft///password`, `0x<32-byte seed>//hard`.
   * A URI starting with `/` derives from {@link DEV_PHRASE}. Like btwallet, the result keeps no phrase or seed.
   */
  static fromUri(uri: string, options: KeyTypeOption = {}): Keypair {
    const type = options.type ?? "sr25519";
    const match = URI_RE.exec(uri);
    if (match === null)
      throw new KeyError("InvalidUri", `"${uri}" is not a secret URI (phrase//hard/soft///password)`);
    const phrase = match[1] ?? DEV_PHRASE;
    const password = match[3] ?? "";
    let seed: Uint8Array;
    if (phrase.startsWith("0x")) {
      const hex = parseHex(phrase);
      if (hex === undefined || hex.length !== 32) {
        throw new KeyError("InvalidUri", "a hex seed in a secret URI must be 32 bytes");
      }
      seed = hex;
    } else {
      seed = mnemonicToMiniSecret(phrase, password);
    }
    let pair = pairFromMiniSecret(type, seed);
    if (match[2] !== "") {
      try {
        pair = keyFromPath(pair, keyExtractPath(match[2]).path, type);
      } catch (e) {
        throw new KeyError("InvalidUri", `cannot derive "${match[2]}" for ${type}: ${(e as Error).message}`);
      }
    }
    return new Keypair({ type, publicKey: pair.publicKey, secretKey: pair.secretKey });
  }

  /** A verify-only keypair from a 32-byte public key (hex or bytes). */
  static fromPublicKey(publicKey: Uint8Array | string, options: KeyTypeOption = {}): Keypair {
    const bytes = bytesFrom(publicKey, "a public key", "InvalidPublicKey");
    if (bytes.length !== 32)
      throw new KeyError("InvalidPublicKey", `a public key is 32 bytes, got ${bytes.length}`);
    return new Keypair({ type: options.type ?? "sr25519", publicKey: bytes });
  }

  /** A verify-only keypair from an SS58 address (prefix 42, checksum checked). */
  static fromAddress(ss58Address: string, options: KeyTypeOption = {}): Keypair {
    return new Keypair({ type: options.type ?? "sr25519", publicKey: ss58Decode(ss58Address) });
  }

  /** A new keypair from a fresh mnemonic; the mnemonic is returned so the caller can show it once. */
  static generate(options: KeyTypeOption & { words?: MnemonicWordCount } = {}): {
    keypair: Keypair;
    mnemonic: string;
  } {
    const mnemonic = generateMnemonic(options.words ?? 12);
    return { keypair: Keypair.fromMnemonic(mnemonic, { type: options.type }), mnemonic };
  }

  get canSign(): boolean {
    return this.#secretKey !== undefined;
  }

  /** The phrase this key came from, when it came from one without a passphrase. */
  get mnemonic(): string | undefined {
    return this.#mnemonic;
  }

  /** The 32-byte mini-secret (or the 64-byte secret given to {@link Keypair.fromSeed}). */
  get seed(): Uint8Array | undefined {
    return this.#seed?.slice();
  }

  /**
   * sr25519: the canonical schnorrkel secret (scalar ‖ nonce), byte-identical to btwallet's `privateKey`.
   * ed25519: seed ‖ public key.
   */
  get privateKey(): Uint8Array | undefined {
    if (this.#secretKey === undefined) return undefined;
    return this.type === "sr25519" ? secretKeyToCanonical(this.#secretKey) : this.#secretKey.slice();
  }

  /** Signs raw bytes; strings follow the Python keypair (`0x…` is hex, otherwise UTF-8). */
  sign(message: Uint8Array | string): Uint8Array {
    const secretKey = this.#secretKey;
    if (secretKey === undefined) {
      throw new KeyError("NoSecretKey", `${this.ss58Address} is a public-only keypair and cannot sign`);
    }
    const bytes = messageToBytes(message);
    if (this.type === "sr25519") return sr25519Sign(bytes, this.publicKey, secretKey);
    return ed25519Sign(bytes, { publicKey: this.publicKey, secretKey });
  }

  verify(message: Uint8Array | string, signature: Uint8Array | string): boolean {
    return verifySignature(message, signature, this.publicKey, this.type);
  }

  /** Same account (type and public key); secrets are not compared. */
  equals(other: Keypair): boolean {
    return this.type === other.type && bytesEqual(this.publicKey, other.publicKey);
  }

  /** Public fields only, so a keypair never leaks its secret into logs or JSON. */
  toJSON(): { type: KeyType; ss58Address: string; publicKey: string } {
    return { type: this.type, ss58Address: this.ss58Address, publicKey: toHex(this.publicKey) };
  }

  toString(): string {
    return `Keypair(${this.type}, ${this.ss58Address})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
