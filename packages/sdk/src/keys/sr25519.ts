// sr25519 (schnorrkel, signing context "substrate"): key expansion, the two 64-byte secret forms, sign/verify.
// Sign runs in @polkadot/wasm-crypto once it is initialised (several times faster), @scure/sr25519 before; verify
// goes through @opentao/primitives' hot path (@polkadot-labs/schnorrkel-wasm, about twice wasm-crypto).

import { sr25519VerifyLabs } from "@opentao/primitives";
import { isReady, waitReady, sr25519Sign as wasmSign } from "@polkadot/wasm-crypto";
import * as scure from "@scure/sr25519";
import { bigIntToBytesLE, bytesToBigIntLE, concatBytes } from "./bytes.ts";
import { KeyError } from "./errors.ts";

/** Order of the ristretto255 group; a canonical schnorrkel scalar is below it. */
const GROUP_ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

let initialising: Promise<boolean> | undefined;

/**
 * Starts (once) and awaits the WebAssembly crypto backend. Optional: until it is ready every call falls back
 * to the JavaScript implementation, and the first call starts the initialisation in the background.
 * Resolves to whether the wasm backend is in use.
 */
export function cryptoReady(): Promise<boolean> {
  initialising ??= waitReady().catch(() => false);
  return initialising;
}

function wasmAvailable(): boolean {
  if (isReady()) return true;
  void cryptoReady();
  return false;
}

/**
 * Keypair from a 32-byte mini-secret (schnorrkel `ExpandEd25519`). The secret comes back in the
 * "ed25519-compatible" form polkadot-js and the wasm backend use: scalar × 8 ‖ nonce.
 */
export function sr25519FromMiniSecret(miniSecret: Uint8Array): {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
} {
  if (miniSecret.length !== 32)
    throw new KeyError("InvalidSeed", `a mini-secret is 32 bytes, got ${miniSecret.length}`);
  const secretKey = scure.secretFromSeed(miniSecret);
  return { publicKey: scure.getPublicKey(secretKey), secretKey };
}

export function sr25519PublicFromSecret(secretKey: Uint8Array): Uint8Array {
  return scure.getPublicKey(secretKey);
}

/**
 * Canonical schnorrkel secret (scalar ‖ nonce, what btwallet writes as `privateKey`) → ed25519-compatible
 * form (scalar × 8 ‖ nonce). Rejects a scalar that is not reduced, as schnorrkel's `SecretKey::from_bytes` does.
 */
export function canonicalToSecretKey(privateKey: Uint8Array): Uint8Array {
  if (privateKey.length !== 64) {
    throw new KeyError("InvalidPrivateKey", `an sr25519 private key is 64 bytes, got ${privateKey.length}`);
  }
  const scalar = bytesToBigIntLE(privateKey.subarray(0, 32));
  if (scalar >= GROUP_ORDER) {
    throw new KeyError(
      "InvalidPrivateKey",
      "the sr25519 private key's scalar is not canonical (≥ group order)",
    );
  }
  return concatBytes(bigIntToBytesLE(scalar << 3n, 32), privateKey.subarray(32, 64));
}

/** Ed25519-compatible secret form → canonical schnorrkel form (scalar ÷ 8; nonce unchanged). */
export function secretKeyToCanonical(secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== 64) {
    throw new KeyError("InvalidPrivateKey", `an sr25519 secret key is 64 bytes, got ${secretKey.length}`);
  }
  const scalar = bytesToBigIntLE(secretKey.subarray(0, 32)) >> 3n;
  return concatBytes(bigIntToBytesLE(scalar, 32), secretKey.subarray(32, 64));
}

/** Signs with an ed25519-form secret; signatures are randomised, so only verification can be tested. */
export function sr25519Sign(message: Uint8Array, publicKey: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return wasmAvailable() ? wasmSign(publicKey, secretKey, message) : scure.sign(secretKey, message);
}

/** Verifies a 64-byte sr25519 signature; malformed keys or signatures verify as false, never throw. */
export function sr25519Verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  // A key's first check runs in wasm-crypto when loaded (JS before): start loading it.
  wasmAvailable();
  return sr25519VerifyLabs(message, signature, publicKey);
}
