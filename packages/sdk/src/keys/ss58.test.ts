// SS58 against Appendix A's all-zero vector and polkadot-js's encoder (random keys and prefixes), and every
// rejection: checksum, prefix, length, base58 alphabet.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { base58Decode, base58Encode, encodeAddress } from "@polkadot/util-crypto";
import fc from "fast-check";
import { Ss58Error } from "./errors.ts";
import { isValidSs58Address, SS58_PREFIX, ss58Decode, ss58DecodeAny, ss58Encode } from "./ss58.ts";

const ZERO_ADDRESS = "5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM";
const ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

const problem = (p: string) => (e: unknown) =>
  e instanceof Ss58Error && e.problem === p && e.code === "InvalidSs58";

describe("ss58", () => {
  test("all-zero key (Appendix A)", () => {
    assert.equal(ss58Encode(new Uint8Array(32)), ZERO_ADDRESS);
    assert.deepEqual(ss58Decode(ZERO_ADDRESS), new Uint8Array(32));
    assert.equal(SS58_PREFIX, 42);
  });

  test("matches polkadot-js for random keys and prefixes, and round-trips", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 0, max: 16383 }).filter((p) => p !== 46 && p !== 47),
        (key, prefix) => {
          const address = ss58Encode(key, prefix);
          assert.equal(address, encodeAddress(key, prefix));
          assert.deepEqual(ss58DecodeAny(address), { publicKey: key, prefix });
        },
      ),
      { numRuns: 300 },
    );
  });

  test("a wrong checksum is reported as such", () => {
    const raw = base58Decode(ALICE);
    raw[raw.length - 1] ^= 0x01;
    const bad = base58Encode(raw);
    assert.throws(() => ss58Decode(bad), problem("checksum"));
    assert.equal(isValidSs58Address(bad), false);
    // A flipped public-key byte is caught by the same checksum.
    const raw2 = base58Decode(ALICE);
    raw2[5] ^= 0x80;
    assert.throws(() => ss58Decode(base58Encode(raw2)), problem("checksum"));
  });

  test("typos in the text are caught", () => {
    for (let i = 1; i < ALICE.length; i += 7) {
      const c = ALICE[i] === "a" ? "b" : "a";
      const typo = ALICE.slice(0, i) + c + ALICE.slice(i + 1);
      assert.throws(() => ss58Decode(typo), Ss58Error, typo);
    }
  });

  test("other networks' prefixes are refused unless asked for", () => {
    const polkadot = ss58Encode(ss58Decode(ALICE), 0);
    assert.ok(polkadot.startsWith("1"));
    assert.throws(() => ss58Decode(polkadot), problem("prefix"));
    assert.deepEqual(ss58Decode(polkadot, null), ss58Decode(ALICE));
    assert.deepEqual(ss58Decode(polkadot, 0), ss58Decode(ALICE));
    assert.throws(() => ss58Encode(new Uint8Array(32), 46), problem("prefix"));
    assert.throws(() => ss58Encode(new Uint8Array(32), 16384), problem("prefix"));
  });

  test("length and alphabet", () => {
    // Dropping the last character divides the number by 58, so the leading byte changes too.
    assert.throws(() => ss58Decode(ALICE.slice(0, -1)), Ss58Error);
    assert.throws(() => ss58Decode(base58Encode(base58Decode(ALICE).subarray(0, 34))), problem("length"));
    assert.throws(() => ss58Decode(`${ALICE}1`), problem("length"));
    assert.throws(() => ss58Decode(""), problem("length"));
    assert.throws(() => ss58Decode(`${ALICE.slice(0, -1)}0`), problem("base58"));
    assert.throws(() => ss58Encode(new Uint8Array(31)), problem("length"));
    assert.throws(
      () => ss58Decode(base58Encode(Uint8Array.of(200, ...new Uint8Array(34)))),
      problem("prefix"),
    );
  });
});
