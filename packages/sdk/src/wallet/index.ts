// Wallets and keyfiles compatible with btwallet 4.x (the Python bittensor-wallet): layout, JSON keyfiles,
// $NACL encryption, legacy formats read-only, polkadot-js import; the public surface of this folder.
export { KeyfileError, type KeyfileErrorCode } from "./errors.ts";
export {
  encodePasswordForEnv,
  Keyfile,
  type KeyfileEncryption,
  type KeyfileOptions,
  keyfileEncryption,
  passwordEnvVarName,
  passwordFromEnv,
  type WriteKeyOptions,
} from "./keyfile.ts";
export {
  deserializeKeyfileData,
  type KeyfileJson,
  keyfileJsonOf,
  serializeKeyfileData,
  serializePublicKeyfileData,
} from "./keyfileData.ts";
export { FERNET_PBKDF2_ITERATIONS, FERNET_SALT } from "./legacy.ts";
export {
  BITTENSOR_NACL_KDF,
  NACL_SALT,
  type NaclKdfParams,
  naclDecrypt,
  naclDeriveKey,
  naclEncrypt,
} from "./nacl.ts";
export { keypairFromPolkadotJson } from "./polkadotJson.ts";
export {
  type ColdkeyWriteOptions,
  DEFAULT_HOTKEY_NAME,
  DEFAULT_WALLET_NAME,
  DEFAULT_WALLET_PATH,
  type HotkeySummary,
  type HotkeyWriteOptions,
  type KeySource,
  listWallets,
  type NewKeyOptions,
  type PublicKeySource,
  resolveWalletPath,
  Wallet,
  type WalletOptions,
  type WalletSummary,
} from "./wallet.ts";
