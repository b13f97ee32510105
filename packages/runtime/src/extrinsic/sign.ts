// The signed payload (call ‖ explicit ‖ implicit extension values, blake2-256 hashed above 256 bytes), its
// verification against the extrinsic's signer, and building and signing a transaction.

import { blake2_256, type SignatureScheme, verifySignature } from "@opentao/primitives";
import { SPEC_VERSION, TRANSACTION_VERSION } from "../runtime/definition.ts";
import { decodeCall, encodeCall, type RuntimeCallValue } from "./call.ts";
import { type Era, IMMORTAL } from "./era.ts";
import { ExtrinsicError } from "./errors.ts";
import { CannotLookup, type ImplicitValues, type MetadataHashMode, writeImplicit } from "./extensions.ts";
import {
  type DecodedExtrinsic,
  encodeExtensions,
  encodeSignedParts,
  type SignedExtrinsic,
} from "./extrinsic.ts";
import { concatBytes } from "./scale.ts";

/** Anything that signs bytes with a key: a @polkadot/keyring pair fits. */
export interface Signer {
  /** Key type as @polkadot/keyring names it; only sr25519 and ed25519 can sign extrinsics here. */
  readonly type: string;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

const MAX_UNHASHED = 256;

/**
 * The bytes a signer signs: the payload itself, or its blake2-256 hash when longer than 256 bytes.
 * Throws `CannotLookup` if an implicit value cannot be formed (metadata hash mode Enabled, none known).
 */
export function signingPayload(
  ext: SignedExtrinsic | DecodedExtrinsic,
  implicit: ImplicitValues,
): Uint8Array {
  const decoded = "callBytes" in ext;
  const parts = [
    decoded ? ext.callBytes : encodeCall(ext.call),
    decoded ? ext.extensionBytes : encodeExtensions(ext as SignedExtrinsic),
  ];
  writeImplicit(ext as SignedExtrinsic, implicit, parts);
  const payload = concatBytes(parts);
  return payload.length > MAX_UNHASHED ? blake2_256(payload) : payload;
}

export type VerifyResult =
  | { ok: true }
  /** `InvalidTransaction::BadProof` ("Transaction has a bad signature"); `UnknownTransaction::CannotLookup`. */
  | { ok: false; error: "BadProof" | "CannotLookup"; detail: string };

/**
 * Check a signed extrinsic's signature against its signer for the chain's implicit values. Wrong spec or
 * transaction version, genesis or checkpoint hash all show up as `BadProof`, as on Substrate.
 *
 * PERF: one signature check dominates; sr25519 goes through @polkadot-labs/schnorrkel-wasm (see
 * `verifySignature`; `npm run bench -- extrinsic` compares it with @polkadot/wasm-crypto and JS). Call
 * `cryptoReady()` once at start so a key's first check does not take the JS path.
 */
export function verifyExtrinsic(
  ext: SignedExtrinsic | DecodedExtrinsic,
  implicit: ImplicitValues,
): VerifyResult {
  if (!ext.signed) throw new TypeError("verifyExtrinsic: the extrinsic is not signed");
  let message: Uint8Array;
  try {
    message = signingPayload(ext, implicit);
  } catch (e) {
    if (e instanceof CannotLookup) return { ok: false, error: "CannotLookup", detail: e.message };
    throw e;
  }
  return verifySignature(ext.signature.scheme, message, ext.signature.bytes, ext.signer)
    ? { ok: true }
    : { ok: false, error: "BadProof", detail: `${ext.signature.scheme} signature does not verify` };
}

export interface SignParams {
  signer: Signer;
  /** The call, as a `RuntimeCall` value or already encoded. */
  call: RuntimeCallValue | Uint8Array;
  nonce: number;
  tip?: bigint;
  /** Defaults to immortal; a mortal era needs `checkpointHash`. */
  era?: Era;
  metadataHashMode?: MetadataHashMode;
  genesisHash: Uint8Array;
  /** Hash of the era's birth block; defaults to the genesis hash, which only an immortal era may use. */
  checkpointHash?: Uint8Array;
  specVersion?: number;
  transactionVersion?: number;
  metadataHash?: Uint8Array;
}

/** Build and sign a v4 extrinsic; returns its encoding with the length prefix. */
export function signExtrinsic(p: SignParams): Uint8Array {
  const scheme = p.signer.type;
  if (scheme !== "sr25519" && scheme !== "ed25519")
    throw new ExtrinsicError("UnsupportedSignature", `${scheme} signers are not supported`);
  const era = p.era ?? IMMORTAL;
  if (era.type === "Mortal" && !p.checkpointHash)
    throw new TypeError("signExtrinsic: a mortal era needs the checkpoint (birth block) hash");
  let call: RuntimeCallValue;
  let callBytes: Uint8Array;
  if (p.call instanceof Uint8Array) {
    callBytes = p.call;
    call = decodeCall(callBytes);
  } else {
    call = p.call;
    callBytes = encodeCall(call);
  }
  const values = {
    era,
    nonce: p.nonce,
    tip: p.tip ?? 0n,
    metadataHashMode: p.metadataHashMode ?? "Disabled",
  };
  const extensionBytes = encodeExtensions(values);
  const unsigned = {
    signed: true as const,
    version: 4 as const,
    signer: p.signer.publicKey,
    signature: { scheme: scheme as SignatureScheme, bytes: new Uint8Array(64) },
    ...values,
    call,
    callBytes,
    extensionBytes,
    encoded: new Uint8Array(0),
  };
  const message = signingPayload(unsigned, {
    specVersion: p.specVersion ?? SPEC_VERSION,
    transactionVersion: p.transactionVersion ?? TRANSACTION_VERSION,
    genesisHash: p.genesisHash,
    checkpointHash: p.checkpointHash ?? p.genesisHash,
    metadataHash: p.metadataHash,
  });
  const signature = { scheme: scheme as SignatureScheme, bytes: p.signer.sign(message) };
  return encodeSignedParts(p.signer.publicKey, signature, extensionBytes, callBytes);
}
