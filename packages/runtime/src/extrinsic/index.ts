// Extrinsics on the wire: decode, encode, sign and verify v4 transactions with finney's extensions, and the
// mortality era. Pure: the node's validation adds the stateful checks (nonce, balance, fee).
export { callName, decodeCall, encodeCall, MAX_CALL_DEPTH, type RuntimeCallValue } from "./call.ts";
export {
  decodeEra,
  type Era,
  encodeEra,
  eraBirth,
  eraDeath,
  IMMORTAL,
  isEraExpired,
  mortalEra,
} from "./era.ts";
export { ExtrinsicError, type ExtrinsicErrorCode } from "./errors.ts";
export type { ExtensionValues, ImplicitValues, MetadataHashMode } from "./extensions.ts";
export {
  type BareExtrinsic,
  type DecodedExtrinsic,
  decodeExtrinsic,
  type Extrinsic,
  type ExtrinsicSignature,
  encodeExtensions,
  encodeExtrinsic,
  extrinsicHash,
  type SignedExtrinsic,
} from "./extrinsic.ts";
export {
  type Signer,
  type SignParams,
  signExtrinsic,
  signingPayload,
  type VerifyResult,
  verifyExtrinsic,
} from "./sign.ts";
