// BIP-39 mnemonics with Substrate's mini-secret derivation (not the BIP-39 seed): PBKDF2-HMAC-SHA512 over
// the phrase's entropy with salt "mnemonic" ‖ passphrase, 2048 rounds, first 32 bytes — what btwallet does.

import { pbkdf2Sync } from "node:crypto";
import {
  generateMnemonic as bip39Generate,
  validateMnemonic as bip39Validate,
  mnemonicToEntropy,
} from "@scure/bip39";
import { wordlist } from "@scure/bip39/wordlists/english.js";
import { KeyError } from "./errors.ts";

export type MnemonicWordCount = 12 | 15 | 18 | 21 | 24;
export const MNEMONIC_WORD_COUNTS: readonly MnemonicWordCount[] = [12, 15, 18, 21, 24];

/** Trims and collapses whitespace; word checks and the checksum are left to {@link validateMnemonic}. */
export function normalizeMnemonic(phrase: string): string {
  return phrase.normalize("NFKD").trim().split(/\s+/).join(" ");
}

/** A fresh English mnemonic from the platform CSPRNG (12 words = 128 bits of entropy … 24 words = 256). */
export function generateMnemonic(words: MnemonicWordCount = 12): string {
  if (!MNEMONIC_WORD_COUNTS.includes(words)) {
    throw new KeyError("InvalidMnemonic", `a mnemonic has 12, 15, 18, 21 or 24 words, not ${words}`);
  }
  return bip39Generate(wordlist, (words / 3) * 32);
}

export function validateMnemonic(phrase: string): boolean {
  return bip39Validate(normalizeMnemonic(phrase), wordlist);
}

function entropyOf(phrase: string): Uint8Array {
  const normalized = normalizeMnemonic(phrase);
  const count = normalized === "" ? 0 : normalized.split(" ").length;
  if (!MNEMONIC_WORD_COUNTS.includes(count as MnemonicWordCount)) {
    throw new KeyError("InvalidMnemonic", `a mnemonic has 12, 15, 18, 21 or 24 words, this one has ${count}`);
  }
  const unknown = normalized.split(" ").find((w) => !wordlist.includes(w));
  if (unknown !== undefined) {
    throw new KeyError("InvalidMnemonic", `"${unknown}" is not a word of the English BIP-39 list`);
  }
  try {
    return mnemonicToEntropy(normalized, wordlist);
  } catch {
    throw new KeyError(
      "InvalidMnemonic",
      "the mnemonic's checksum does not match (a word is wrong or misplaced)",
    );
  }
}

/**
 * The 32-byte mini-secret Substrate (and btwallet) expand into a keypair. Throws {@link KeyError}
 * `InvalidMnemonic` naming the problem (word count, unknown word, checksum).
 */
export function mnemonicToMiniSecret(phrase: string, passphrase = ""): Uint8Array {
  const entropy = entropyOf(phrase);
  const seed = pbkdf2Sync(entropy, Buffer.from(`mnemonic${passphrase}`, "utf8"), 2048, 64, "sha512");
  return new Uint8Array(seed.subarray(0, 32));
}
