// Signature verification for the schemes Substrate accounts sign with (sr25519, ed25519): the primitive the
// node's transaction checks stand on. Synchronous and total — bad lengths or points verify as false.

import { cryptoWaitReady, sr25519Verify, ed25519Verify as utilEd25519Verify } from "@polkadot/util-crypto";
import { isReady as wasmIsReady, sr25519Verify as wasmSr25519Verify } from "@polkadot/wasm-crypto";
import { sr25519_verify as labsSr25519Verify } from "@polkadot-labs/schnorrkel-wasm";

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

/** The ristretto255 group order ℓ, little-endian: a canonical schnorrkel scalar is below it. */
const GROUP_ORDER_LE = Uint8Array.from(
  Buffer.from("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010", "hex"),
);

/**
 * What schnorrkel's `Signature::from_bytes` accepts: the marker bit (top bit of byte 63) set, and s (bytes
 * 32..63, marker cleared) a canonical scalar, s < ℓ. Substrate verifies anything else as false.
 */
export function sr25519SignatureWellFormed(signature: Uint8Array): boolean {
  if (signature.length !== 64 || (signature[63] & 0x80) === 0) return false;
  for (let i = 31; i >= 0; i--) {
    const b = i === 31 ? signature[63] & 0x7f : signature[32 + i];
    if (b !== GROUP_ORDER_LE[i]) return b < GROUP_ORDER_LE[i];
  }
  return false;
}

/**
 * Public keys schnorrkel has decoded (a verified signature proves its key is a valid ristretto point), as
 * latin1 strings; bounded, oldest dropped first. The node's senders are few, so nearly every check hits.
 */
const decodedKeys = new Set<string>();
const DECODED_KEYS_MAX = 65_536;
const keyId = (publicKey: Uint8Array) =>
  Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString("latin1");

/**
 * sr25519 through @polkadot-labs/schnorrkel-wasm (schnorrkel compiled to wasm, loaded synchronously; about
 * 1.7× @polkadot/wasm-crypto here, `npm run bench -- extrinsic`). That build panics — a wasm trap that leaks
 * its arguments and leaves its shadow stack unwound — on a key that is not a ristretto point or a signature
 * schnorrkel cannot parse, so it only ever sees inputs known to parse: a signature passing
 * `sr25519SignatureWellFormed` under a key already decoded. A key not seen before is checked once by
 * @polkadot/wasm-crypto (the JS path before it loads), which answers false for an invalid point; a key that
 * verifies there is remembered.
 */
export function sr25519VerifyLabs(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (publicKey.length !== 32 || !sr25519SignatureWellFormed(signature)) return false;
  const id = keyId(publicKey);
  if (decodedKeys.has(id)) {
    try {
      return labsSr25519Verify(publicKey, message, signature);
    } catch {
      return false;
    }
  }
  const ok = wasmIsReady()
    ? sr25519VerifyWasm(message, signature, publicKey)
    : sr25519VerifyJs(message, signature, publicKey);
  if (ok) {
    if (decodedKeys.size >= DECODED_KEYS_MAX) decodedKeys.delete(decodedKeys.values().next().value as string);
    decodedKeys.add(id);
  }
  return ok;
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
 * Verify `signature` over `message` by `publicKey`. sr25519 goes through `sr25519VerifyLabs`, the fastest
 * path (`npm run bench -- extrinsic` compares the three).
 */
export function verifySignature(
  scheme: SignatureScheme,
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (scheme === "ed25519") return ed25519Verify(message, signature, publicKey);
  return sr25519VerifyLabs(message, signature, publicKey);
}
