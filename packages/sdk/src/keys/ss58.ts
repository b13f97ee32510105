// SS58 addresses: base58(prefix ‖ 32-byte account id ‖ 2 checksum bytes of blake2b-512("SS58PRE" ‖ prefix ‖ id)).
// Bittensor uses prefix 42; decoding checks the prefix and the checksum so a mistyped address never becomes a key.

import { base58Decode, base58Encode, blake2AsU8a } from "@polkadot/util-crypto";
import { bytesEqual, concatBytes, utf8 } from "./bytes.ts";
import { Ss58Error } from "./errors.ts";

/** Bittensor's (and generic Substrate's) address prefix. */
export const SS58_PREFIX = 42;

const SS58PRE = utf8("SS58PRE");
const ACCOUNT_ID_LENGTH = 32;
const CHECKSUM_LENGTH = 2;

function checksum(prefixAndKey: Uint8Array): Uint8Array {
  return blake2AsU8a(concatBytes(SS58PRE, prefixAndKey), 512).subarray(0, CHECKSUM_LENGTH);
}

function encodePrefix(prefix: number): Uint8Array {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 16383 || prefix === 46 || prefix === 47) {
    throw new Ss58Error(
      "prefix",
      `SS58 prefix ${prefix} is not a valid network identifier (0–16383, not 46/47)`,
    );
  }
  if (prefix < 64) return Uint8Array.of(prefix);
  // Two-byte form: 14 bits spread so that the first byte has bit 6 set (0b01xxxxxx).
  return Uint8Array.of(((prefix & 0b1111_1100) >> 2) | 0b0100_0000, (prefix >> 8) | ((prefix & 0b11) << 6));
}

/** Encodes a 32-byte public key (account id) as an SS58 address. */
export function ss58Encode(publicKey: Uint8Array, prefix: number = SS58_PREFIX): string {
  if (publicKey.length !== ACCOUNT_ID_LENGTH) {
    throw new Ss58Error("length", `an account id is ${ACCOUNT_ID_LENGTH} bytes, got ${publicKey.length}`);
  }
  const body = concatBytes(encodePrefix(prefix), publicKey);
  return base58Encode(concatBytes(body, checksum(body)));
}

export interface DecodedAddress {
  publicKey: Uint8Array;
  prefix: number;
}

/** Decodes any valid SS58 account address, whatever its prefix; throws {@link Ss58Error}. */
export function ss58DecodeAny(address: string): DecodedAddress {
  let raw: Uint8Array;
  try {
    raw = base58Decode(address);
  } catch {
    throw new Ss58Error("base58", `"${address}" is not base58 (SS58 addresses use the bitcoin alphabet)`);
  }
  if (raw.length > 0 && raw[0] >= 128) {
    throw new Ss58Error("prefix", `"${address}" starts with an invalid SS58 prefix byte ${raw[0]}`);
  }
  const prefixLength = raw.length > 0 && raw[0] >= 64 ? 2 : 1;
  if (raw.length !== prefixLength + ACCOUNT_ID_LENGTH + CHECKSUM_LENGTH) {
    throw new Ss58Error(
      "length",
      `"${address}" decodes to ${raw.length} bytes; an account address has ${prefixLength + ACCOUNT_ID_LENGTH + CHECKSUM_LENGTH}`,
    );
  }
  const prefix =
    prefixLength === 1
      ? raw[0]
      : ((raw[0] & 0b0011_1111) << 2) | (raw[1] >> 6) | ((raw[1] & 0b0011_1111) << 8);
  const body = raw.subarray(0, prefixLength + ACCOUNT_ID_LENGTH);
  if (!bytesEqual(checksum(body), raw.subarray(body.length))) {
    throw new Ss58Error(
      "checksum",
      `"${address}" has a wrong SS58 checksum (mistyped or truncated address?)`,
    );
  }
  return { publicKey: raw.slice(prefixLength, prefixLength + ACCOUNT_ID_LENGTH), prefix };
}

/**
 * Decodes an SS58 address to its 32-byte public key, requiring `prefix` (42 by default; `null` accepts any
 * network). Throws {@link Ss58Error} naming the problem: base58, length, prefix or checksum.
 */
export function ss58Decode(address: string, prefix: number | null = SS58_PREFIX): Uint8Array {
  const decoded = ss58DecodeAny(address);
  if (prefix !== null && decoded.prefix !== prefix) {
    throw new Ss58Error("prefix", `"${address}" has SS58 prefix ${decoded.prefix}, expected ${prefix}`);
  }
  return decoded.publicKey;
}

export function isValidSs58Address(address: string, prefix: number | null = SS58_PREFIX): boolean {
  try {
    ss58Decode(address, prefix);
    return true;
  } catch {
    return false;
  }
}
