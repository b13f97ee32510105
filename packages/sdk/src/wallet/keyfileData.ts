// The plaintext keyfile JSON btwallet reads and writes: accountId, publicKey, privateKey (canonical
// schnorrkel), secretPhrase, secretSeed, ss58Address; loaded by precedence phrase → seed → privateKey → address.

import { bytesEqual, parseHex, toHex, utf8 } from "../keys/bytes.ts";
import { KeyError } from "../keys/errors.ts";
import { Keypair } from "../keys/keypair.ts";
import { ss58Decode } from "../keys/ss58.ts";
import { KeyfileError } from "./errors.ts";

/** Field names exactly as btwallet writes them. */
export interface KeyfileJson {
  accountId?: string | null;
  publicKey?: string | null;
  privateKey?: string | null;
  secretPhrase?: string | null;
  secretSeed?: string | null;
  ss58Address?: string | null;
}

const FIELDS = ["accountId", "publicKey", "privateKey", "secretPhrase", "secretSeed", "ss58Address"] as const;

function requireSr25519(keypair: Keypair, source: string): void {
  // btwallet only knows sr25519 and would silently read any other key's phrase as an sr25519 one.
  if (keypair.type !== "sr25519") {
    throw new KeyfileError(
      "Unsupported",
      source,
      `btwallet keyfiles hold sr25519 keys only, not ${keypair.type}`,
    );
  }
}

/** The full keyfile object of a keypair (public fields only when it has no secret). */
export function keyfileJsonOf(keypair: Keypair, source = "keyfile"): KeyfileJson {
  requireSr25519(keypair, source);
  const publicKey = toHex(keypair.publicKey);
  const json: KeyfileJson = { accountId: publicKey, publicKey };
  const privateKey = keypair.privateKey;
  if (privateKey !== undefined) json.privateKey = toHex(privateKey);
  if (keypair.mnemonic !== undefined) json.secretPhrase = keypair.mnemonic;
  const seed = keypair.seed;
  if (seed !== undefined) json.secretSeed = toHex(seed);
  json.ss58Address = keypair.ss58Address;
  return json;
}

/** Compact JSON bytes, as serde_json writes them. */
export function serializeKeyfileData(keypair: Keypair, source?: string): Uint8Array {
  return utf8(JSON.stringify(keyfileJsonOf(keypair, source)));
}

/** The public-only form written to `coldkeypub.txt` and `hotkeys/<name>pub.txt`. */
export function serializePublicKeyfileData(keypair: Keypair, source = "keyfile"): Uint8Array {
  requireSr25519(keypair, source);
  const publicKey = toHex(keypair.publicKey);
  return utf8(JSON.stringify({ accountId: publicKey, publicKey, ss58Address: keypair.ss58Address }));
}

function parseObject(data: Uint8Array, source: string): KeyfileJson {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    throw new KeyfileError("Corrupt", source, "keyfile is not valid UTF-8");
  }
  if (!text.trimStart().startsWith("{")) {
    throw new KeyfileError(
      "UnknownFormat",
      source,
      "not a keyfile: neither keyfile JSON nor a known encryption",
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KeyfileError("Corrupt", source, "keyfile JSON is damaged or truncated");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new KeyfileError("Corrupt", source, "keyfile JSON is not an object");
  }
  const record = parsed as Record<string, unknown>;
  for (const field of FIELDS) {
    const v = record[field];
    if (v !== undefined && v !== null && typeof v !== "string") {
      throw new KeyfileError("Corrupt", source, `keyfile field ${field} is not a string`);
    }
  }
  return record as KeyfileJson;
}

function keypairFrom(json: KeyfileJson, source: string): Keypair {
  try {
    if (json.secretPhrase) return Keypair.fromMnemonic(json.secretPhrase);
    if (json.secretSeed) return Keypair.fromSeed(json.secretSeed);
    if (json.privateKey) return Keypair.fromPrivateKey(json.privateKey);
    if (json.ss58Address) return Keypair.fromAddress(json.ss58Address);
    const publicKey = json.publicKey ?? json.accountId;
    if (publicKey) return Keypair.fromPublicKey(publicKey);
  } catch (e) {
    if (e instanceof KeyError)
      throw new KeyfileError("Corrupt", source, `bad key material in keyfile (${e.message})`, { cause: e });
    throw e;
  }
  throw new KeyfileError(
    "Corrupt",
    source,
    "keyfile JSON holds no key (no secretPhrase, secretSeed, privateKey or ss58Address)",
  );
}

/**
 * Parses keyfile bytes (already decrypted) into a keypair. Beyond btwallet, checks that every public field
 * present matches the key the secret yields, so a damaged or hand-edited file is reported, not used.
 */
export function deserializeKeyfileData(data: Uint8Array, source: string): Keypair {
  const json = parseObject(data, source);
  const keypair = keypairFrom(json, source);
  const mismatch = (field: string) =>
    new KeyfileError("Corrupt", source, `keyfile ${field} does not match the key it holds`);
  for (const field of ["accountId", "publicKey"] as const) {
    const value = json[field];
    if (value) {
      const bytes = parseHex(value);
      if (bytes === undefined || !bytesEqual(bytes, keypair.publicKey)) throw mismatch(field);
    }
  }
  if (json.ss58Address) {
    let decoded: Uint8Array;
    try {
      decoded = ss58Decode(json.ss58Address);
    } catch {
      throw mismatch("ss58Address");
    }
    if (!bytesEqual(decoded, keypair.publicKey)) throw mismatch("ss58Address");
  }
  return keypair;
}
