// The typed error every extrinsic decode, encode and signing failure surfaces as: a code the node maps to
// its RPC answer, and a message naming the field or index that was wrong.

export type ExtrinsicErrorCode =
  /** The bytes end before a field is complete (the message names the field). */
  | "Truncated"
  /** Bytes left over after the extrinsic, or after the call inside it. */
  | "TrailingBytes"
  /** A compact integer or value encoded in a form Substrate's decoder rejects (not the shortest form). */
  | "NonCanonical"
  /** A version byte other than v4 signed/bare or v5 bare. */
  | "UnsupportedVersion"
  /** An integer wider than its type (a compact above u32 for the nonce or the length, above u64 for the tip). */
  | "OutOfRange"
  /** A MultiAddress variant other than `Id` (Index, Raw, Address32, Address20). */
  | "UnsupportedAddress"
  /** A MultiAddress variant index that does not exist. */
  | "InvalidAddress"
  /** A signature or signer scheme opentao does not verify (ecdsa). */
  | "UnsupportedSignature"
  /** A MultiSignature variant index that does not exist, or a signature of the wrong length. */
  | "InvalidSignature"
  /** An era whose period or phase is out of range. */
  | "InvalidEra"
  /** An extension value that does not exist (a metadata-hash mode other than 0 or 1). */
  | "InvalidExtension"
  /** A pallet index the runtime does not have. */
  | "UnknownPallet"
  /** A call index the pallet does not have. */
  | "UnknownCall"
  /** Call arguments that do not decode or encode as the call's declared types. */
  | "InvalidCall";

export class ExtrinsicError extends Error {
  override readonly name = "ExtrinsicError";
  constructor(
    readonly code: ExtrinsicErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}
