// The explicit (in the extrinsic) and implicit (signed only) values of the runtime's transaction extensions,
// in the order `extensions` declares them; spec/interop.md §2.10.

import { resolveTy, type Ty } from "../frame/types.ts";
import { extensions } from "../runtime/definition.ts";
import { type Era, encodeEra, readEra } from "./era.ts";
import { ExtrinsicError } from "./errors.ts";
import { encodeCompact, type Reader, u32le } from "./scale.ts";

export type MetadataHashMode = "Disabled" | "Enabled";

/** What a signed extrinsic's extensions carry on the wire. */
export interface ExtensionValues {
  era: Era;
  nonce: number;
  tip: bigint;
  metadataHashMode: MetadataHashMode;
}

/** The values only the signed payload carries: what the chain knows and the signer must have agreed to. */
export interface ImplicitValues {
  specVersion: number;
  transactionVersion: number;
  genesisHash: Uint8Array;
  /** Hash of the era's birth block (`eraBirth(era, current)`); the genesis hash for an immortal era. */
  checkpointHash: Uint8Array;
  /** RFC-78 metadata digest, needed only for extrinsics with `metadataHashMode` Enabled. */
  metadataHash?: Uint8Array;
}

/** Implicit values could not be formed (Substrate's `UnknownTransaction::CannotLookup`). */
export class CannotLookup extends Error {}

interface ExtensionCodec {
  read?(r: Reader, into: ExtensionValues): void;
  write?(v: ExtensionValues, out: Uint8Array[]): void;
  implicit?(v: ExtensionValues, ctx: ImplicitValues, out: Uint8Array[]): void;
}

const U64_MAX = (1n << 64n) - 1n;

const hash32 = (h: Uint8Array, what: string) => {
  if (h.length !== 32) throw new RangeError(`${what} must be 32 bytes, got ${h.length}`);
  return h;
};

const codecs: Record<string, ExtensionCodec> = {
  CheckSpecVersion: { implicit: (_, c, out) => out.push(u32le(c.specVersion)) },
  CheckTxVersion: { implicit: (_, c, out) => out.push(u32le(c.transactionVersion)) },
  CheckGenesis: { implicit: (_, c, out) => out.push(hash32(c.genesisHash, "genesis hash")) },
  CheckMortality: {
    read: (r, v) => {
      v.era = readEra(r);
    },
    write: (v, out) => out.push(encodeEra(v.era)),
    implicit: (_, c, out) => out.push(hash32(c.checkpointHash, "checkpoint hash")),
  },
  CheckNonce: {
    read: (r, v) => {
      v.nonce = Number(r.compact("nonce", 32));
    },
    write: (v, out) => {
      if (!Number.isInteger(v.nonce) || v.nonce < 0 || v.nonce > 0xffff_ffff)
        throw new ExtrinsicError("OutOfRange", `nonce ${v.nonce} is not a u32`);
      out.push(encodeCompact(v.nonce));
    },
  },
  ChargeTransactionPayment: {
    read: (r, v) => {
      v.tip = r.compact("tip", 64);
    },
    write: (v, out) => {
      if (v.tip < 0n || v.tip > U64_MAX) throw new ExtrinsicError("OutOfRange", `tip ${v.tip} is not a u64`);
      out.push(encodeCompact(v.tip));
    },
  },
  CheckMetadataHash: {
    read: (r, v) => {
      const mode = r.byte("metadata hash mode");
      if (mode > 1)
        throw new ExtrinsicError("InvalidExtension", `metadata hash mode ${mode} (0 or 1 expected)`);
      v.metadataHashMode = mode === 1 ? "Enabled" : "Disabled";
    },
    write: (v, out) => out.push(Uint8Array.of(v.metadataHashMode === "Enabled" ? 1 : 0)),
    implicit: (v, c, out) => {
      if (v.metadataHashMode === "Disabled") return void out.push(Uint8Array.of(0));
      if (!c.metadataHash)
        throw new CannotLookup("metadata hash mode Enabled, but no metadata hash is known");
      out.push(Uint8Array.of(1), hash32(c.metadataHash, "metadata hash"));
    },
  },
};

const isEmpty = (t: Ty): boolean => {
  const d = resolveTy(t).def;
  return (d.tag === "composite" || d.tag === "tuple") && d.value.length === 0;
};

// Every declared extension must be one whose bytes this module knows, or one that adds none: a new
// extension with values must not be silently skipped, or signatures would stop matching.
const plan: ExtensionCodec[] = extensions.map((e) => {
  const c = codecs[e.identifier];
  if (c) return c;
  if (isEmpty(e.type) && isEmpty(e.implicit)) return {};
  throw new Error(`transaction extension ${e.identifier} carries values the extrinsic codec does not know`);
});

export function readExtensions(r: Reader): ExtensionValues {
  const v: ExtensionValues = { era: { type: "Immortal" }, nonce: 0, tip: 0n, metadataHashMode: "Disabled" };
  for (const c of plan) c.read?.(r, v);
  return v;
}

export function writeExtensions(v: ExtensionValues, out: Uint8Array[]): void {
  for (const c of plan) c.write?.(v, out);
}

/** The implicit values in extension order; throws `CannotLookup` if one cannot be formed. */
export function writeImplicit(v: ExtensionValues, ctx: ImplicitValues, out: Uint8Array[]): void {
  for (const c of plan) c.implicit?.(v, ctx, out);
}
