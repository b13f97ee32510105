// Substrate's hashers over bytes, from @polkadot/util-crypto (wasm where available): blake2b at the widths
// the chain uses, and xxhash (twox) for storage prefixes.

import { blake2AsU8a, cryptoWaitReady, xxhashAsU8a } from "@polkadot/util-crypto";

export const blake2_64 = (data: Uint8Array | string): Uint8Array => blake2AsU8a(data, 64);
export const blake2_128 = (data: Uint8Array | string): Uint8Array => blake2AsU8a(data, 128);
export const blake2_256 = (data: Uint8Array | string): Uint8Array => blake2AsU8a(data, 256);
export const blake2_512 = (data: Uint8Array | string): Uint8Array => blake2AsU8a(data, 512);
export const twox_64 = (data: Uint8Array | string): Uint8Array => xxhashAsU8a(data, 64);
export const twox_128 = (data: Uint8Array | string): Uint8Array => xxhashAsU8a(data, 128);

/** Resolves once the wasm hashers are loaded; until then the hashers above run in (slower) plain JS. */
export const hashingReady = (): Promise<boolean> => cryptoWaitReady();
