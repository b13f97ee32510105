// Typed errors for keyfiles and wallets. Every message names the problem and the file it concerns,
// so a CLI can print it as is; callers branch on `code`.

export type KeyfileErrorCode =
  | "NotFound"
  | "AlreadyExists"
  | "WrongPassword"
  | "PasswordRequired"
  | "Corrupt"
  | "UnknownFormat"
  | "Unsupported"
  | "Io";

export class KeyfileError extends Error {
  override readonly name = "KeyfileError";
  constructor(
    readonly code: KeyfileErrorCode,
    /** The keyfile (or JSON source) concerned. */
    readonly path: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${problem}: ${path}`, options);
  }
}
