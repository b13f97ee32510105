// The state commitment a header's stateRoot carries: a multiset hash of every (key, value) entry, so the
// same state gives the same 32 bytes on every node and a block updates it in O(changed keys).

import { blake2_256, blake2_512 } from "@opentao/primitives";
import { compactEncode } from "./codec.ts";

/*
 * Definition (version 1; followers and any other implementation must reproduce it exactly):
 *
 *   entry(k, v) = blake2b-512(compact(len(k)) ‖ k ‖ v), read as a 512-bit little-endian integer
 *   acc(S)      = Σ entry(k, v) over all entries of S, mod 2^512          (acc(∅) = 0)
 *   stateRoot   = blake2b-256(acc as 64 little-endian bytes)
 *
 * Addition is commutative and invertible, so a block updates acc by subtracting entry(k, old) and adding
 * entry(k, new) for each key it changed, and the order entries are visited in never matters. The length
 * prefix keeps (k, v) boundaries unambiguous ("ab"+"c" ≠ "a"+"bc").
 *
 * Why 512 bits rather than the 256-bit sum: an additive multiset hash falls to Wagner's generalised
 * birthday attack in about 2^(2√n) work for an n-bit modulus — ~2^32 at n = 256, which is practical for
 * someone able to place many chosen entries in state; ~2^45 at n = 512. blake2b produces 64 bytes in the
 * same single compression as 32, so the wider sum costs nothing per entry. (Lattice hashes such as
 * LtHash-16 are stronger still but need a 2 KiB hash per entry, ~10× the per-block cost measured here.)
 * The root is a hash of the accumulator, not the accumulator itself, so it stays 32 bytes; nodes keep
 * the 64-byte accumulator per block to continue from.
 */

export const ACCUMULATOR_BYTES = 64;
const LIMBS = ACCUMULATOR_BYTES / 4;

/** blake2b-512 of the length-prefixed entry. */
export function entryHash(key: Uint8Array, value: Uint8Array): Uint8Array {
  const len = compactEncode(key.length);
  const buf = new Uint8Array(len.length + key.length + value.length);
  buf.set(len, 0);
  buf.set(key, len.length);
  buf.set(value, len.length + key.length);
  return blake2_512(buf);
}

/** A running sum of entry hashes mod 2^512, in 32-bit little-endian limbs. */
export class StateAccumulator {
  readonly #limbs: Uint32Array;

  constructor(bytes?: Uint8Array) {
    this.#limbs = new Uint32Array(LIMBS);
    if (bytes !== undefined) {
      if (bytes.length !== ACCUMULATOR_BYTES)
        throw new RangeError(`accumulator: expected ${ACCUMULATOR_BYTES} bytes, got ${bytes.length}`);
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < LIMBS; i++) this.#limbs[i] = dv.getUint32(i * 4, true);
    }
  }

  clone(): StateAccumulator {
    return new StateAccumulator(this.bytes());
  }

  /** Adds an entry that enters the state. */
  insert(key: Uint8Array, value: Uint8Array): void {
    this.addHash(entryHash(key, value));
  }

  /** Subtracts an entry that leaves the state (or whose old value is being replaced). */
  remove(key: Uint8Array, value: Uint8Array): void {
    this.subHash(entryHash(key, value));
  }

  addHash(h: Uint8Array): void {
    const dv = new DataView(h.buffer, h.byteOffset, h.byteLength);
    const l = this.#limbs;
    let carry = 0;
    for (let i = 0; i < LIMBS; i++) {
      const s = l[i] + dv.getUint32(i * 4, true) + carry;
      l[i] = s >>> 0;
      carry = s > 0xffffffff ? 1 : 0;
    }
  }

  subHash(h: Uint8Array): void {
    const dv = new DataView(h.buffer, h.byteOffset, h.byteLength);
    const l = this.#limbs;
    let borrow = 0;
    for (let i = 0; i < LIMBS; i++) {
      let d = l[i] - dv.getUint32(i * 4, true) - borrow;
      borrow = d < 0 ? 1 : 0;
      if (d < 0) d += 0x100000000;
      l[i] = d;
    }
  }

  /** The accumulator as 64 little-endian bytes (what the store keeps per block). */
  bytes(): Uint8Array {
    const out = new Uint8Array(ACCUMULATOR_BYTES);
    const dv = new DataView(out.buffer);
    for (let i = 0; i < LIMBS; i++) dv.setUint32(i * 4, this.#limbs[i], true);
    return out;
  }

  /** The 32-byte state root for a header. */
  root(): Uint8Array {
    return blake2_256(this.bytes());
  }

  equals(other: StateAccumulator): boolean {
    const a = this.#limbs;
    const b = other.#limbs;
    for (let i = 0; i < LIMBS; i++) if (a[i] !== b[i]) return false;
    return true;
  }
}

/** The accumulator of a whole state, from scratch (genesis, verification). */
export function accumulate(entries: Iterable<readonly [Uint8Array, Uint8Array]>): StateAccumulator {
  const acc = new StateAccumulator();
  for (const [k, v] of entries) acc.insert(k, v);
  return acc;
}

/** The state root of a whole state, from scratch: what a genesis header carries. */
export function stateRootOf(entries: Iterable<readonly [Uint8Array, Uint8Array]>): Uint8Array {
  return accumulate(entries).root();
}
