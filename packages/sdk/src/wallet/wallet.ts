// A Bittensor wallet directory, laid out as btwallet 4.x does: <root>/<name>/coldkey, coldkeypub.txt,
// hotkeys/<hotkey> and hotkeys/<hotkey>pub.txt; create, regenerate, unlock and list, never clobbering a key.

import { readdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { Keypair } from "../keys/keypair.ts";
import type { MnemonicWordCount } from "../keys/mnemonic.ts";
import { pathExists, TEMP_PREFIX } from "./atomicWrite.ts";
import { KeyfileError } from "./errors.ts";
import { Keyfile, type KeyfileOptions } from "./keyfile.ts";
import { keypairFromPolkadotJson } from "./polkadotJson.ts";

export const DEFAULT_WALLET_NAME = "default";
export const DEFAULT_HOTKEY_NAME = "default";
export const DEFAULT_WALLET_PATH = "~/.bittensor/wallets";

type Env = NodeJS.ProcessEnv;

function expandHome(path: string): string {
  if (path === "~") return homedir();
  if (path.startsWith("~/")) return join(homedir(), path.slice(2));
  return path;
}

/** The wallets root: explicit path, else `BT_WALLET_PATH`, else `~/.bittensor/wallets`, with `~` expanded. */
export function resolveWalletPath(path?: string, env: Env = process.env): string {
  return resolve(expandHome(path ?? (env.BT_WALLET_PATH || DEFAULT_WALLET_PATH)));
}

function checkName(kind: string, name: string): string {
  if (
    name === "" ||
    name === "." ||
    name === ".." ||
    name.includes("/") ||
    name.includes("\\") ||
    name.includes("\0")
  ) {
    throw new TypeError(`invalid ${kind} name "${name}" (must be a plain file name)`);
  }
  return name;
}

export interface WalletOptions extends KeyfileOptions {
  /** Wallet name; default `BT_WALLET_NAME` or `default`. */
  name?: string;
  /** Hotkey name; default `BT_WALLET_HOTKEY` or `default`. */
  hotkey?: string;
  /** Wallets root; default `BT_WALLET_PATH` or `~/.bittensor/wallets`. */
  path?: string;
}

/** Where a regenerated key comes from. */
export type KeySource =
  | { mnemonic: string }
  | { seed: Uint8Array | string }
  | { json: string | object; jsonPassword: string }
  | { uri: string };

export interface ColdkeyWriteOptions {
  /** Password for the coldkey's $NACL encryption; required unless `encrypt: false`. */
  password?: string;
  /** Default true for coldkeys, as btwallet's `use_password`. */
  encrypt?: boolean;
  overwrite?: boolean;
}

export interface HotkeyWriteOptions {
  /** Encrypts the hotkey when given (hotkeys are plaintext by default, as in btwallet). */
  password?: string;
  overwrite?: boolean;
}

export interface NewKeyOptions {
  words?: MnemonicWordCount;
}

export class Wallet {
  readonly name: string;
  readonly hotkeyName: string;
  /** The wallets root (absolute). */
  readonly root: string;
  readonly #keyfileOptions: KeyfileOptions;

  constructor(options: WalletOptions = {}) {
    const env = options.env ?? process.env;
    this.name = checkName("wallet", options.name ?? (env.BT_WALLET_NAME || DEFAULT_WALLET_NAME));
    this.hotkeyName = checkName("hotkey", options.hotkey ?? (env.BT_WALLET_HOTKEY || DEFAULT_HOTKEY_NAME));
    this.root = resolveWalletPath(options.path, env);
    this.#keyfileOptions = { kdf: options.kdf, fernetIterations: options.fernetIterations, env: options.env };
  }

  /** `<root>/<name>` */
  get path(): string {
    return join(this.root, this.name);
  }

  #keyfile(...parts: string[]): Keyfile {
    return new Keyfile(join(this.path, ...parts), this.#keyfileOptions);
  }

  get coldkeyFile(): Keyfile {
    return this.#keyfile("coldkey");
  }
  get coldkeypubFile(): Keyfile {
    return this.#keyfile("coldkeypub.txt");
  }
  get hotkeyFile(): Keyfile {
    return this.#keyfile("hotkeys", this.hotkeyName);
  }
  get hotkeypubFile(): Keyfile {
    return this.#keyfile("hotkeys", `${this.hotkeyName}pub.txt`);
  }

  /** A handle on another hotkey of the same wallet. */
  withHotkey(hotkey: string): Wallet {
    return new Wallet({ ...this.#keyfileOptions, name: this.name, hotkey, path: this.root });
  }

  async #refuseExisting(files: Keyfile[], overwrite: boolean | undefined): Promise<void> {
    // Checked for every file before any is written, so a refused call leaves the wallet untouched.
    if (overwrite) return;
    for (const file of files) {
      if (await file.exists()) {
        throw new KeyfileError(
          "AlreadyExists",
          file.path,
          "keyfile already exists (pass overwrite: true to replace it)",
        );
      }
    }
  }

  /** Writes `coldkey` (encrypted unless `encrypt: false`) and `coldkeypub.txt`. */
  async setColdkey(keypair: Keypair, options: ColdkeyWriteOptions = {}): Promise<void> {
    const encrypt = options.encrypt ?? true;
    if (!encrypt && options.password !== undefined) {
      throw new TypeError("a password was given with encrypt: false; drop one of them");
    }
    if (encrypt && options.password === undefined) {
      throw new KeyfileError(
        "PasswordRequired",
        this.coldkeyFile.path,
        "a coldkey is encrypted by default; give a password or encrypt: false",
      );
    }
    await this.#refuseExisting([this.coldkeyFile, this.coldkeypubFile], options.overwrite);
    await this.coldkeyFile.setKeypair(keypair, {
      password: encrypt ? options.password : undefined,
      overwrite: options.overwrite,
    });
    await this.coldkeypubFile.setPublicKeypair(keypair, { overwrite: options.overwrite });
  }

  /** Writes `hotkeys/<name>` (plaintext unless a password is given) and `hotkeys/<name>pub.txt`. */
  async setHotkey(keypair: Keypair, options: HotkeyWriteOptions = {}): Promise<void> {
    await this.#refuseExisting([this.hotkeyFile, this.hotkeypubFile], options.overwrite);
    await this.hotkeyFile.setKeypair(keypair, options);
    await this.hotkeypubFile.setPublicKeypair(keypair, { overwrite: options.overwrite });
  }

  /** A new coldkey from a fresh mnemonic; returns the mnemonic, which is the only backup. */
  async createColdkey(
    options: ColdkeyWriteOptions & NewKeyOptions = {},
  ): Promise<{ mnemonic: string; keypair: Keypair }> {
    const created = Keypair.generate({ words: options.words });
    await this.setColdkey(created.keypair, options);
    return created;
  }

  /** A new hotkey from a fresh mnemonic; returns the mnemonic. */
  async createHotkey(
    options: HotkeyWriteOptions & NewKeyOptions = {},
  ): Promise<{ mnemonic: string; keypair: Keypair }> {
    const created = Keypair.generate({ words: options.words });
    await this.setHotkey(created.keypair, options);
    return created;
  }

  async regenerateColdkey(source: KeySource, options: ColdkeyWriteOptions = {}): Promise<Keypair> {
    const keypair = await keypairFromSource(source);
    await this.setColdkey(keypair, options);
    return keypair;
  }

  async regenerateHotkey(source: KeySource, options: HotkeyWriteOptions = {}): Promise<Keypair> {
    const keypair = await keypairFromSource(source);
    await this.setHotkey(keypair, options);
    return keypair;
  }

  /** Rewrites only `coldkeypub.txt` from an address or public key (btcli `regen-coldkeypub`). */
  regenerateColdkeypub(source: PublicKeySource, options: { overwrite?: boolean } = {}): Promise<Keypair> {
    return writePublic(this.coldkeypubFile, source, options);
  }

  regenerateHotkeypub(source: PublicKeySource, options: { overwrite?: boolean } = {}): Promise<Keypair> {
    return writePublic(this.hotkeypubFile, source, options);
  }

  /** Decrypts the coldkey (password argument, else the `BT_PW_…` variable). */
  unlockColdkey(password?: string): Promise<Keypair> {
    return this.coldkeyFile.getKeypair(password);
  }

  getColdkeypub(): Promise<Keypair> {
    return this.coldkeypubFile.getKeypair();
  }

  getHotkey(password?: string): Promise<Keypair> {
    return this.hotkeyFile.getKeypair(password);
  }

  /** The hotkey's public key: `hotkeys/<name>pub.txt`, or the hotkey file itself for wallets older than btwallet 3. */
  async getHotkeypub(): Promise<Keypair> {
    if (await this.hotkeypubFile.exists()) return this.hotkeypubFile.getKeypair();
    const hotkey = await this.hotkeyFile.getKeypair();
    return Keypair.fromPublicKey(hotkey.publicKey);
  }

  /** Hotkey names under `hotkeys/` (pub files and in-flight temp files excluded), sorted. */
  async hotkeyNames(): Promise<string[]> {
    const dir = join(this.path, "hotkeys");
    if (!(await pathExists(dir))) return [];
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && !e.name.startsWith(TEMP_PREFIX) && !e.name.endsWith("pub.txt"))
      .map((e) => e.name)
      .sort();
  }

  /** btwallet's "complete" wallet: coldkeypub.txt and the hotkey file exist. */
  async exists(): Promise<boolean> {
    return (await this.coldkeypubFile.exists()) && (await this.hotkeyFile.exists());
  }
}

export type PublicKeySource = { ss58Address: string } | { publicKey: Uint8Array | string };

async function writePublic(
  file: Keyfile,
  source: PublicKeySource,
  options: { overwrite?: boolean },
): Promise<Keypair> {
  const keypair =
    "ss58Address" in source
      ? Keypair.fromAddress(source.ss58Address)
      : Keypair.fromPublicKey(source.publicKey);
  await file.setPublicKeypair(keypair, options);
  return keypair;
}

async function keypairFromSource(source: KeySource): Promise<Keypair> {
  if ("mnemonic" in source) return Keypair.fromMnemonic(source.mnemonic);
  if ("seed" in source) return Keypair.fromSeed(source.seed);
  if ("uri" in source) return Keypair.fromUri(source.uri);
  return keypairFromPolkadotJson(source.json, source.jsonPassword);
}

export interface HotkeySummary {
  name: string;
  /** Undefined when neither the pub file nor a plaintext hotkey file could be read. */
  ss58Address?: string;
}

export interface WalletSummary {
  name: string;
  /** From coldkeypub.txt; undefined when it is missing or unreadable. */
  coldkeypub?: string;
  hotkeys: HotkeySummary[];
}

async function tryAddress(read: () => Promise<Keypair>): Promise<string | undefined> {
  try {
    return (await read()).ss58Address;
  } catch {
    return undefined;
  }
}

/** Every wallet under the root (explicit path, `BT_WALLET_PATH` or the default), sorted by name. */
export async function listWallets(path?: string, env: Env = process.env): Promise<WalletSummary[]> {
  const root = resolveWalletPath(path, env);
  if (!(await pathExists(root))) return [];
  const entries = await readdir(root, { withFileTypes: true });
  const out: WalletSummary[] = [];
  for (const entry of entries
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .sort((a, b) => (a.name < b.name ? -1 : 1))) {
    let wallet: Wallet;
    try {
      wallet = new Wallet({ name: entry.name, path: root, hotkey: DEFAULT_HOTKEY_NAME, env });
    } catch {
      continue; // a directory name no wallet could have (e.g. with a backslash)
    }
    const hotkeys: HotkeySummary[] = [];
    for (const name of await wallet.hotkeyNames()) {
      const h = wallet.withHotkey(name);
      hotkeys.push({ name, ss58Address: await tryAddress(() => h.getHotkeypub()) });
    }
    out.push({ name: entry.name, coldkeypub: await tryAddress(() => wallet.getColdkeypub()), hotkeys });
  }
  return out;
}
