// One keyfile on disk: detects its encryption by prefix ($NACL, $ANSIBLE_VAULT, gAAAAA, else JSON), opens it
// with a password (or btwallet's BT_PW_… variable), and writes keys atomically as 0600 (NaCl when encrypted).

import { readFile } from "node:fs/promises";
import { resolve, sep } from "node:path";
import type { Keypair } from "../keys/keypair.ts";
import { pathExists, writeFileAtomic } from "./atomicWrite.ts";
import { KeyfileError } from "./errors.ts";
import { deserializeKeyfileData, serializeKeyfileData, serializePublicKeyfileData } from "./keyfileData.ts";
import { ansibleVaultDecrypt, FERNET_PBKDF2_ITERATIONS, fernetDecrypt } from "./legacy.ts";
import { BITTENSOR_NACL_KDF, type NaclKdfParams, naclDecrypt, naclEncrypt } from "./nacl.ts";

export type KeyfileEncryption = "nacl" | "ansible-vault" | "fernet" | "none";

function startsWith(data: Uint8Array, prefix: string): boolean {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/** btwallet's detection: by the first bytes of the file. */
export function keyfileEncryption(data: Uint8Array): KeyfileEncryption {
  if (startsWith(data, "$NACL")) return "nacl";
  if (startsWith(data, "$ANSIBLE_VAULT")) return "ansible-vault";
  if (startsWith(data, "gAAAAA")) return "fernet";
  return "none";
}

/**
 * The environment variable btwallet reads a keyfile's password from: `BT_PW_` + the path with separators
 * and dots turned into `_`, upper-cased.
 */
export function passwordEnvVarName(path: string): string {
  return `BT_PW_${path.split(sep).join("_").replaceAll(".", "_").toUpperCase()}`;
}

function xorWithName(bytes: Uint8Array, name: string): Uint8Array {
  const key = Buffer.from(name, "utf8");
  return bytes.map((b, i) => b ^ key[i % key.length]);
}

/** The variable's value for `password`: base64 of the password XOR-ed with the variable name (obfuscation only). */
export function encodePasswordForEnv(path: string, password: string): { name: string; value: string } {
  const name = passwordEnvVarName(path);
  return { name, value: Buffer.from(xorWithName(Buffer.from(password, "utf8"), name)).toString("base64") };
}

export function passwordFromEnv(path: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const name = passwordEnvVarName(path);
  const value = env[name];
  if (value === undefined) return undefined;
  return Buffer.from(xorWithName(Buffer.from(value, "base64"), name)).toString("utf8");
}

export interface KeyfileOptions {
  /** Argon2 parameters for $NACL; only {@link BITTENSOR_NACL_KDF} (the default) is readable by btwallet. */
  kdf?: NaclKdfParams;
  /** PBKDF2 iterations of legacy Fernet files (default 10 000 000, what they were written with). */
  fernetIterations?: number;
  /** Where `BT_PW_…` passwords are looked up (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

export interface WriteKeyOptions {
  /** Encrypt with this password ($NACL). Omitted: plaintext JSON. */
  password?: string;
  /** Replace an existing file. Default false: an existing key is never overwritten. */
  overwrite?: boolean;
}

export class Keyfile {
  readonly path: string;
  readonly #kdf: NaclKdfParams;
  readonly #fernetIterations: number;
  readonly #env: NodeJS.ProcessEnv;

  constructor(path: string, options: KeyfileOptions = {}) {
    this.path = resolve(path);
    this.#kdf = options.kdf ?? BITTENSOR_NACL_KDF;
    this.#fernetIterations = options.fernetIterations ?? FERNET_PBKDF2_ITERATIONS;
    this.#env = options.env ?? process.env;
  }

  exists(): Promise<boolean> {
    return pathExists(this.path);
  }

  async readBytes(): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.path));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new KeyfileError("NotFound", this.path, "keyfile does not exist");
      if (code === "EISDIR")
        throw new KeyfileError("UnknownFormat", this.path, "expected a keyfile, found a directory");
      throw new KeyfileError("Io", this.path, `cannot read keyfile (${code ?? String(e)})`, { cause: e });
    }
  }

  async encryption(): Promise<KeyfileEncryption> {
    return keyfileEncryption(await this.readBytes());
  }

  async isEncrypted(): Promise<boolean> {
    return (await this.encryption()) !== "none";
  }

  /** The decrypted JSON bytes. */
  async decryptedBytes(password?: string): Promise<Uint8Array> {
    const data = await this.readBytes();
    if (data.length === 0) throw new KeyfileError("Corrupt", this.path, "keyfile is empty");
    const kind = keyfileEncryption(data);
    if (kind === "none") return data;
    const pw = password ?? passwordFromEnv(this.path, this.#env);
    if (pw === undefined) {
      throw new KeyfileError(
        "PasswordRequired",
        this.path,
        `keyfile is encrypted (${kind}); a password is needed`,
      );
    }
    if (kind === "nacl") return naclDecrypt(data, pw, this.path, this.#kdf);
    if (kind === "ansible-vault") return ansibleVaultDecrypt(data, pw, this.path);
    return fernetDecrypt(data, pw, this.path, this.#fernetIterations);
  }

  /** Reads the keypair; throws {@link KeyfileError} (NotFound, PasswordRequired, WrongPassword, Corrupt, …). */
  async getKeypair(password?: string): Promise<Keypair> {
    return deserializeKeyfileData(await this.decryptedBytes(password), this.path);
  }

  /** Writes the full keypair, encrypted when a password is given. */
  async setKeypair(keypair: Keypair, options: WriteKeyOptions = {}): Promise<void> {
    const plaintext = serializeKeyfileData(keypair, this.path);
    const data =
      options.password === undefined ? plaintext : await naclEncrypt(plaintext, options.password, this.#kdf);
    await writeFileAtomic(this.path, data, { overwrite: options.overwrite ?? false });
  }

  /** Writes the public-only form (coldkeypub.txt, hotkeys/<name>pub.txt). */
  async setPublicKeypair(keypair: Keypair, options: Pick<WriteKeyOptions, "overwrite"> = {}): Promise<void> {
    await writeFileAtomic(this.path, serializePublicKeyfileData(keypair, this.path), {
      overwrite: options.overwrite ?? false,
    });
  }
}
