// @opentao/primitives: numbers, units and encodings shared by the runtime, node and SDK; no chain logic.

export { bytesEqual, concatBytes } from "./bytes.ts";
export * from "./fixed/index.ts";
export {
  blake2_64,
  blake2_128,
  blake2_256,
  blake2_512,
  hashingReady,
  twox_64,
  twox_128,
} from "./hashing.ts";
export {
  cryptoIsWasm,
  cryptoReady,
  ed25519Verify,
  type SignatureScheme,
  sr25519SignatureWellFormed,
  sr25519VerifyJs,
  sr25519VerifyLabs,
  sr25519VerifyWasm,
  verifySignature,
} from "./keys.ts";
