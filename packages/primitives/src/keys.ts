// Signature verification for the schemes Substrate accounts sign with (sr25519, ed25519): the primitive the
// node's transaction checks stand on. Synchronous and total — bad lengths or points verify as false.

import { cryptoWaitReady, sr25519Verify, ed25519Verify as utilEd25519Verify } from "@polkadot/util-crypto";
import { isReady as wasmIsReady, sr25519Verify as wasmSr25519Verify } from "@polkadot/wasm-crypto";

/** The signature schemes a `MultiSignature` can carry that opentao verifies (ecdsa is not supported). */
export type SignatureScheme = "sr25519" | "ed25519";

/**
 * Loads the wasm crypto module. Verification works before it (pure-JS fallbacks) but is several times
 * slower; the node awaits this once at start.
 */
export async function cryptoReady(): Promise<void> {
  await cryptoWaitReady();
}

/** Whether the wasm crypto module is loaded (hot paths use it when it is). */
export const cryptoIsWasm = (): boolean => wasmIsReady();

const wellFormed = (signature: Uint8Array, publicKey: Uint8Array) =>
  signature.length === 64 && publicKey.length === 32;

/** sr25519 (schnorrkel, signing context `substrate`) in pure JS (@scure/sr25519 through util-crypto). */
export function sr25519VerifyJs(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (!wellFormed(signature, publicKey)) return false;
  try {
    return sr25519Verify(message, signature, publicKey);
  } catch {
    // An invalid curve point or a malformed scalar is a bad signature, not a fault.
    return false;
  }
}

/** sr25519 through @polkadot/wasm-crypto (schnorrkel compiled to wasm); needs `cryptoReady()` first. */
export function sr25519VerifyWasm(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (!wellFormed(signature, publicKey)) return false;
  if (!wasmIsReady()) throw new Error("sr25519VerifyWasm: wasm crypto is not loaded; await cryptoReady()");
  try {
    return wasmSr25519Verify(signature, message, publicKey);
  } catch {
    return false;
  }
}

/** ed25519 (wasm when loaded, @noble/curves otherwise, both through util-crypto). */
export function ed25519Verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (!wellFormed(signature, publicKey)) return false;
  try {
    return utilEd25519Verify(message, signature, publicKey);
  } catch {
    return false;
  }
}

/**
 * Verify `signature` over `message` by `publicKey`. sr25519 uses wasm once loaded: the extrinsic bench
 * (`npm run bench -- extrinsic`) measures it several times faster than the JS path on this machine.
 */
export function verifySignature(
  scheme: SignatureScheme,
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (scheme === "ed25519") return ed25519Verify(message, signature, publicKey);
  return wasmIsReady()
    ? sr25519VerifyWasm(message, signature, publicKey)
    : sr25519VerifyJs(message, signature, publicKey);
}
