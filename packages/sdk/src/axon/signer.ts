// The few key operations the axon/dendrite protocol needs: sign as a hotkey, verify an sr25519 signature
// against an SS58 address. Any object with an address and `sign` will do; the SDK's Keypair is one.

import { cryptoWaitReady, decodeAddress } from "@polkadot/util-crypto";
import { Keypair } from "../keys/keypair.ts";
import { cryptoReady as keysReady, sr25519Verify } from "../keys/sr25519.ts";

/** Anything that can sign as a hotkey: sr25519 over the raw bytes, signing context "substrate". */
export interface Signer {
  /** SS58 address (prefix 42) of the public key. */
  readonly ss58Address: string;
  sign(message: Uint8Array): Uint8Array;
}

/** Loads the sr25519 WASM; call once before signing or verifying. */
export async function cryptoReady(): Promise<void> {
  await cryptoWaitReady();
  await keysReady();
}

/**
 * A signer from a secret URI (`//Alice`, a mnemonic or `0x` seed, with `/soft`, `//hard` and `///password`
 * parts), as a dev key or a `--hotkey` flag gives it: the SDK's shared sr25519 `Keypair`, which signs through
 * the WASM (the keyring's JS signer costs ten times more, and every request is signed).
 */
export function signerFromUri(uri: string): Signer {
  return Keypair.fromUri(uri);
}

export class InvalidAddressError extends Error {
  override readonly name = "InvalidAddressError";
}

// Decoding checks a blake2b checksum; callers verify the same few hotkeys over and over.
const publicKeys = new Map<string, Uint8Array>();
const PUBLIC_KEY_CACHE = 4096;

/** The 32-byte public key behind an SS58 address; throws InvalidAddressError for anything else. */
export function publicKeyOf(ss58: string): Uint8Array {
  const hit = publicKeys.get(ss58);
  if (hit) return hit;
  // Python's Keypair(ss58_address=…) takes SS58 only, never a hex key.
  if (ss58.startsWith("0x")) throw new InvalidAddressError("Invalid SS58 address: hex is not SS58");
  let pk: Uint8Array;
  try {
    pk = decodeAddress(ss58);
  } catch (e) {
    throw new InvalidAddressError(`Invalid SS58 address: ${(e as Error).message}`);
  }
  if (pk.length !== 32) throw new InvalidAddressError(`Invalid SS58 address: ${pk.length}-byte key`);
  if (publicKeys.size >= PUBLIC_KEY_CACHE) publicKeys.delete(publicKeys.keys().next().value!);
  publicKeys.set(ss58, pk);
  return pk;
}

const OPEN = new TextEncoder().encode("<Bytes>");
const CLOSE = new TextEncoder().encode("</Bytes>");

/**
 * sr25519 verification as bittensor-wallet's `Keypair.verify` does it: the raw message first, then the
 * message wrapped in `<Bytes>…</Bytes>` (what polkadot-js browser extensions sign).
 */
export function verifySr25519(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  if (sr25519Verify(message, signature, publicKey)) return true;
  const wrapped = new Uint8Array(OPEN.length + message.length + CLOSE.length);
  wrapped.set(OPEN, 0);
  wrapped.set(message, OPEN.length);
  wrapped.set(CLOSE, OPEN.length + message.length);
  return sr25519Verify(wrapped, signature, publicKey);
}
