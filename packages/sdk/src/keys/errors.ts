// Typed errors for key material: bad mnemonics, seeds, URIs, addresses and signing without a secret.
// Callers branch on `code`; the message is meant for a person and names what was wrong.

export type KeyErrorCode =
  | "InvalidMnemonic"
  | "InvalidSeed"
  | "InvalidUri"
  | "InvalidPrivateKey"
  | "InvalidPublicKey"
  | "InvalidSs58"
  | "NoSecretKey"
  | "UnsupportedKeyType";

export class KeyError extends Error {
  override readonly name: string = "KeyError";
  constructor(
    readonly code: KeyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Why an SS58 string was rejected. */
export type Ss58Problem = "base58" | "length" | "prefix" | "checksum";

export class Ss58Error extends KeyError {
  override readonly name = "Ss58Error";
  constructor(
    readonly problem: Ss58Problem,
    message: string,
  ) {
    super("InvalidSs58", message);
  }
}
