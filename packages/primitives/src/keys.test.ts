// Signature verification: the wasm (schnorrkel) and JS (@scure) sr25519 paths agree on real and forged
// signatures, ed25519 verifies, and malformed inputs are false rather than exceptions.

import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { ed25519PairFromSeed, ed25519Sign, sr25519PairFromSeed, sr25519Sign } from "@polkadot/util-crypto";
import fc from "fast-check";
import {
  cryptoIsWasm,
  cryptoReady,
  ed25519Verify,
  sr25519VerifyJs,
  sr25519VerifyWasm,
  verifySignature,
} from "./keys.ts";

before(cryptoReady);

const seed = (v: number) => new Uint8Array(32).fill(v);

describe("sr25519", () => {
  test("a signature verifies on both paths; a changed message, key or signature does not", () => {
    assert.equal(cryptoIsWasm(), true);
    const pair = sr25519PairFromSeed(seed(1));
    const other = sr25519PairFromSeed(seed(2));
    const msg = new TextEncoder().encode("opentao");
    const sig = sr25519Sign(msg, pair);
    for (const verify of [sr25519VerifyWasm, sr25519VerifyJs]) {
      assert.equal(verify(msg, sig, pair.publicKey), true);
      assert.equal(verify(new TextEncoder().encode("opentaO"), sig, pair.publicKey), false);
      assert.equal(verify(msg, sig, other.publicKey), false);
      // R (0..31), s (32..63) and the schnorrkel marker bit (top bit of byte 63).
      for (const [at, bit] of [
        [0, 1],
        [31, 1],
        [32, 1],
        [63, 0x80],
      ]) {
        const bad = sig.slice();
        bad[at] ^= bit;
        assert.equal(verify(msg, bad, pair.publicKey), false, `byte ${at}`);
      }
    }
    assert.equal(verifySignature("sr25519", msg, sig, pair.publicKey), true);
    assert.equal(verifySignature("ed25519", msg, sig, pair.publicKey), false);
  });

  test("property: wasm and JS agree on random messages and single-byte forgeries", () => {
    const pair = sr25519PairFromSeed(seed(3));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(63), fc.boolean(), (msg, at, forge) => {
        const sig = sr25519Sign(msg, pair);
        if (forge) sig[at] ^= 0x80;
        const wasm = sr25519VerifyWasm(msg, sig, pair.publicKey);
        assert.equal(sr25519VerifyJs(msg, sig, pair.publicKey), wasm);
        assert.equal(wasm, !forge);
      }),
      { numRuns: 20 },
    );
  });
});

describe("ed25519", () => {
  test("verifies, and rejects a changed message", () => {
    const pair = ed25519PairFromSeed(seed(4));
    const msg = Uint8Array.of(1, 2, 3);
    const sig = ed25519Sign(msg, pair);
    assert.equal(ed25519Verify(msg, sig, pair.publicKey), true);
    assert.equal(verifySignature("ed25519", msg, sig, pair.publicKey), true);
    assert.equal(ed25519Verify(Uint8Array.of(1, 2, 4), sig, pair.publicKey), false);
  });
});

test("wrong lengths and garbage keys are false, not exceptions", () => {
  const msg = Uint8Array.of(9);
  for (const verify of [sr25519VerifyWasm, sr25519VerifyJs, ed25519Verify]) {
    assert.equal(verify(msg, new Uint8Array(63), new Uint8Array(32)), false);
    assert.equal(verify(msg, new Uint8Array(64), new Uint8Array(31)), false);
    assert.equal(verify(msg, new Uint8Array(64).fill(0xff), new Uint8Array(32).fill(0xff)), false);
  }
});
