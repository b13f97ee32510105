// Keys: SS58 addresses, mnemonics, sr25519/ed25519 keypairs and signature checks, wire-compatible with
// btwallet 4.x; the public surface of this folder.
export { parseHex, toHex } from "./bytes.ts";
export { KeyError, type KeyErrorCode, Ss58Error, type Ss58Problem } from "./errors.ts";
export {
  DEV_PHRASE,
  Keypair,
  type KeyType,
  type KeyTypeOption,
  messageToBytes,
  verifySignature,
} from "./keypair.ts";
export {
  generateMnemonic,
  MNEMONIC_WORD_COUNTS,
  type MnemonicWordCount,
  mnemonicToMiniSecret,
  normalizeMnemonic,
  validateMnemonic,
} from "./mnemonic.ts";
export { cryptoReady } from "./sr25519.ts";
export {
  type DecodedAddress,
  isValidSs58Address,
  SS58_PREFIX,
  ss58Decode,
  ss58DecodeAny,
  ss58Encode,
} from "./ss58.ts";
