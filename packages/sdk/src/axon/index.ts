// Axon: the server side of the axon/dendrite protocol (Python SDK 10.2 compatible), and the signer it and
// the dendrite use until the SDK's shared keypair replaces it.
export {
  type AttachOptions,
  Axon,
  type AxonInfo,
  type AxonOptions,
  type BlacklistFn,
  type BlacklistResult,
  type ForwardContext,
  type ForwardFn,
  type ForwardResult,
  type PriorityFn,
  type StreamingReply,
  streamingReply,
  type VerifyFn,
} from "./axon.ts";
export { ForwardQueue, QueueTimeoutError } from "./forwardQueue.ts";
export {
  InvalidAddressError,
  publicKeyOf,
  type Signer,
  signerFromUri,
  verifySr25519,
} from "./signer.ts";
export {
  ALLOWED_DELTA_NS,
  axonSignatureMessage,
  BT_VERSION,
  checkNonce,
  type DefaultVerifyOptions,
  decodeSignatureHex,
  defaultVerify,
  NONCE_WINDOW_MIN_VERSION,
  NonceStore,
  nowNs,
  signatureMessage,
  VerificationError,
  type VerifyInput,
} from "./verify.ts";
