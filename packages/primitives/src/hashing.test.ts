// Hashers against published vectors (RFC 7693 for blake2b) and the wasm/JS paths agreeing with each other.
// The node's state commitment and block hashes depend on these bytes being exact.

import assert from "node:assert/strict";
import { test } from "node:test";
import { blake2_256, blake2_512, hashingReady } from "./hashing.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const abc = new TextEncoder().encode("abc");

test("blake2b-512 of 'abc' is RFC 7693's vector, before and after the wasm hasher loads", async () => {
  const expected =
    "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1" +
    "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923";
  assert.equal(hex(blake2_512(abc)), expected);
  assert.equal(await hashingReady(), true);
  assert.equal(hex(blake2_512(abc)), expected);
});

test("blake2b-256 of the empty input is the known digest", () => {
  assert.equal(
    hex(blake2_256(new Uint8Array())),
    "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
  );
});
