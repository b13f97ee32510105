// The axon's default request verification, as bittensor 10.2's `Axon.default_verify`: the signed message,
// the nonce window and replay rules, and the exact error texts a Python dendrite sees after "Not Verified".

import type { TerminalInfo } from "../synapse/index.ts";
import { InvalidAddressError, publicKeyOf, verifySr25519 } from "./signer.ts";

/** bittensor 10.2.0 as `version_as_int`: what this SDK reports as its protocol version. */
export const BT_VERSION = 10_002_000;
/** Dendrites at or above 7.2.0 get the time-window nonce rule. */
export const NONCE_WINDOW_MIN_VERSION = 7_002_000;
/** The window's fixed part: 4 s, plus the request's timeout. */
export const ALLOWED_DELTA_NS = 4_000_000_000n;

/** Python's f-string text of an optional value. */
const fmt = (v: string | bigint | number | null | undefined) =>
  v === null || v === undefined ? "None" : String(v);

/**
 * The dendrite's signed text: `<nonce>.<dendrite hotkey>.<axon hotkey>.<uuid>.<body hash>`. The verifier
 * puts its own hotkey in the third place, never the header's.
 */
export function signatureMessage(p: {
  nonce: bigint | null;
  dendriteHotkey: string | null;
  axonHotkey: string | null;
  uuid: string | null;
  bodyHash: string | null;
}): string {
  return `${fmt(p.nonce)}.${fmt(p.dendriteHotkey)}.${fmt(p.axonHotkey)}.${fmt(p.uuid)}.${fmt(p.bodyHash)}`;
}

/** The axon's own signature text on its error responses: `<axon nonce>.<dendrite hotkey>.<axon hotkey>.<uuid>`. */
export function axonSignatureMessage(axon: TerminalInfo, dendrite: TerminalInfo): string {
  return `${fmt(axon.nonce)}.${fmt(dendrite.hotkey)}.${fmt(axon.hotkey)}.${fmt(axon.uuid)}`;
}

/** Wall-clock nanoseconds (ms resolution, like most of what Python's time_ns reads on a VM). */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

/** Thrown by a verify function; the axon answers 401 `Not Verified with error: <message>`. */
export class VerificationError extends Error {
  override readonly name = "VerificationError";
}

/** Last accepted nonce per `<hotkey>:<uuid>`, as the Python axon keeps it (in memory, never pruned). */
export class NonceStore {
  readonly #last = new Map<string, bigint>();
  get(key: string): bigint | undefined {
    return this.#last.get(key);
  }
  set(key: string, nonce: bigint): void {
    this.#last.set(key, nonce);
  }
  get size(): number {
    return this.#last.size;
  }
}

/**
 * Python's `f"{x:.2f}"` for the nonce error text: correctly rounded like JS toFixed, except that an exact
 * tie rounds half to even (Python) rather than up (JS): 0.125 → "0.12".
 */
export function twoDecimals(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? "inf" : x < 0 ? "-inf" : "nan";
  const [int, frac] = Math.abs(x).toFixed(100).split(".");
  if (!/^50*$/.test(frac.slice(2))) return x.toFixed(2);
  const kept = BigInt(int + frac.slice(0, 2));
  const even = (kept % 2n === 0n ? kept : kept + 1n).toString().padStart(3, "0");
  return `${x < 0 ? "-" : ""}${even.slice(0, -2)}.${even.slice(-2)}`;
}

/**
 * The nonce rules. Returns the error text, or undefined when the nonce is acceptable. `timeout` is the
 * request's (unsigned) `timeout` header in seconds; None counts as 0.
 */
export function checkNonce(
  store: NonceStore,
  key: string,
  nonce: bigint,
  version: number | null,
  timeout: number | null,
  now: bigint,
): string | undefined {
  const last = store.get(key);
  if (version !== null && version >= NONCE_WINDOW_MIN_VERSION) {
    const timeoutNs = timeoutToNs(timeout);
    if (last === undefined && nonce <= now - ALLOWED_DELTA_NS - timeoutNs) {
      const diff = Number(now - nonce) / 1e9;
      const allowed = Number(ALLOWED_DELTA_NS + timeoutNs) / 1e9;
      return `Nonce is too old: acceptable delta is ${twoDecimals(allowed)} seconds but request was ${twoDecimals(diff)} seconds old`;
    }
  }
  if (last !== undefined && nonce <= last) return "Nonce is too old, a newer one was last processed";
  return undefined;
}

function timeoutToNs(timeout: number | null): bigint {
  if (timeout === null || Number.isNaN(timeout) || timeout === 0) return 0n;
  if (!Number.isFinite(timeout)) return timeout > 0 ? 1n << 128n : -(1n << 128n);
  return BigInt(Math.round(timeout * 1e9));
}

/** What the default verifier needs from the request (its header synapse). */
export interface VerifyInput {
  readonly dendrite: TerminalInfo;
  readonly timeout: number | null;
  readonly computedBodyHash: string | null;
}

export interface DefaultVerifyOptions {
  readonly store: NonceStore;
  /** The axon's own hotkey (SS58). */
  readonly axonHotkey: string;
  /** Python skips the check when the signature header is missing; this SDK rejects unless told not to. */
  readonly allowUnsigned?: boolean;
  readonly now?: bigint;
}

/**
 * `Axon.default_verify`: hotkey decodes, nonce present and fresh, signature valid over the message built
 * with the axon's own hotkey; then the nonce is stored. Throws VerificationError with Python's texts.
 */
export function defaultVerify(req: VerifyInput, opts: DefaultVerifyOptions): void {
  const d = req.dendrite;
  let publicKey: Uint8Array;
  if (d.hotkey === null) throw new VerificationError("No SS58 formatted address or public key provided.");
  try {
    publicKey = publicKeyOf(d.hotkey);
  } catch (e) {
    throw new VerificationError(e instanceof InvalidAddressError ? e.message : String(e));
  }
  if (d.nonce === null) throw new VerificationError("Missing Nonce");
  const key = `${d.hotkey}:${fmt(d.uuid)}`;
  const nonceError = checkNonce(opts.store, key, d.nonce, d.version, req.timeout, opts.now ?? nowNs());
  if (nonceError) throw new VerificationError(nonceError);
  if (!d.signature) {
    if (!opts.allowUnsigned) throw new VerificationError("Missing Signature");
  } else {
    const message = signatureMessage({
      nonce: d.nonce,
      dendriteHotkey: d.hotkey,
      axonHotkey: opts.axonHotkey,
      uuid: d.uuid,
      bodyHash: req.computedBodyHash,
    });
    const signature = decodeSignatureHex(d.signature);
    if (!verifySr25519(new TextEncoder().encode(message), signature, publicKey)) {
      throw new VerificationError(`Signature mismatch with ${message} and ${d.signature}`);
    }
  }
  opts.store.set(key, d.nonce);
}

/**
 * The signature header as bittensor-wallet reads it: `0x` then hex (Rust `hex` crate errors on odd length
 * or a bad digit), then exactly 64 bytes.
 */
export function decodeSignatureHex(s: string): Uint8Array {
  if (!s.startsWith("0x")) throw new VerificationError("Invalid signature format. Expected hex string.");
  let h = s;
  while (h.startsWith("0x")) h = h.slice(2); // Rust trim_start_matches removes every leading "0x"
  if (h.length % 2 !== 0) throw new VerificationError("Invalid hex string: OddLength");
  const bad = /[^0-9a-fA-F]/.exec(h);
  if (bad) {
    throw new VerificationError(
      `Invalid hex string: InvalidHexCharacter { c: '${bad[0]}', index: ${bad.index} }`,
    );
  }
  if (h.length !== 128) throw new VerificationError("Invalid signature");
  return Uint8Array.from(Buffer.from(h, "hex"));
}
