// Era encoding, construction and birth/death against hand-computed Substrate values, every two-byte input,
// the runtime's declared Era codec, and properties over random periods and blocks.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { extensions } from "../runtime/definition.ts";
import {
  decodeEra,
  type Era,
  encodeEra,
  eraBirth,
  eraDeath,
  IMMORTAL,
  isEraExpired,
  mortalEra,
} from "./era.ts";
import { ExtrinsicError } from "./errors.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const mortal = (period: number, phase: number): Era => ({ type: "Mortal", period, phase });
const fails = (code: string) => (e: unknown) => e instanceof ExtrinsicError && e.code === code;

describe("era encoding", () => {
  test("immortal is one zero byte", () => {
    assert.equal(hex(encodeEra(IMMORTAL)), "00");
    assert.deepEqual(decodeEra(Uint8Array.of(0)), IMMORTAL);
  });

  test("mortal(64, 42): low nibble log2(64) - 1 = 5, phase 42 above it", () => {
    // 5 | 42 << 4 = 0x02a5, little-endian.
    assert.deepEqual(mortalEra(64, 42), mortal(64, 42));
    assert.equal(hex(encodeEra(mortal(64, 42))), "a502");
    assert.deepEqual(decodeEra(Uint8Array.of(0xa5, 0x02)), mortal(64, 42));
  });

  test("mortal(32768, 20000): phase quantized by 32768 >> 12 = 8", () => {
    // 14 | (20000 / 8) << 4 = 14 + 40000 = 0x9c4e.
    assert.deepEqual(mortalEra(32768, 20000), mortal(32768, 20000));
    assert.equal(hex(encodeEra(mortal(32768, 20000))), "4e9c");
    // 20003 is not a multiple of 8: the client rounds the phase down.
    assert.deepEqual(mortalEra(32768, 20003), mortal(32768, 20000));
  });

  test("periods round up to a power of two and clamp to 4…65536", () => {
    assert.equal((mortalEra(0, 7) as { period: number }).period, 4);
    assert.equal((mortalEra(3, 7) as { period: number }).period, 4);
    assert.equal((mortalEra(100, 7) as { period: number }).period, 128);
    assert.equal((mortalEra(128, 7) as { period: number }).period, 128);
    assert.equal((mortalEra(1 << 20, 7) as { period: number }).period, 65536);
    // btcli's period 16 at block 1000: phase 1000 mod 16 = 8 → 3 | 8 << 4 = 0x83.
    assert.equal(hex(encodeEra(mortalEra(16, 1000))), "8300");
  });

  test("invalid encodings are typed errors", () => {
    assert.throws(() => decodeEra(Uint8Array.of(0x10, 0x00)), fails("InvalidEra")); // period 2
    assert.throws(() => decodeEra(Uint8Array.of(0x41, 0x00)), fails("InvalidEra")); // period 4, phase 4
    assert.throws(() => decodeEra(Uint8Array.of(0x41)), fails("Truncated"));
    assert.throws(() => decodeEra(new Uint8Array(0)), fails("Truncated"));
    assert.throws(() => decodeEra(Uint8Array.of(0, 0)), fails("TrailingBytes"));
    assert.throws(() => encodeEra(mortal(48, 1)), fails("InvalidEra"));
    assert.throws(() => encodeEra(mortal(64, 64)), fails("InvalidEra"));
    assert.throws(() => encodeEra(mortal(8192, 3)), fails("InvalidEra")); // not a multiple of 2
  });

  test("every two-byte value decodes to an era that re-encodes to it, or is InvalidEra", () => {
    let valid = 0;
    for (let v = 0; v < 1 << 16; v++) {
      const bytes = Uint8Array.of(v & 0xff, v >> 8);
      if ((v & 0xff) === 0) continue; // immortal: one byte
      try {
        const era = decodeEra(bytes);
        assert.equal(hex(encodeEra(era)), hex(bytes));
        valid++;
      } catch (e) {
        assert.ok(e instanceof ExtrinsicError && e.code === "InvalidEra", String(e));
      }
    }
    // Per period 2^(n+1), n = 1…15: min(4096, period) phases × 2^12 / min(4096, period) high-bit patterns
    // that are below period: periods ≤ 4096 have `period` valid phases, larger ones all 4096.
    let expected = 0;
    for (let n = 1; n <= 15; n++) expected += Math.min(2 << n, 4096);
    assert.equal(valid, expected);
  });

  test("the runtime's declared Era enum (Immortal, Mortal1…Mortal255) encodes the same bytes", () => {
    const mortality = extensions.find((e) => e.identifier === "CheckMortality");
    assert.ok(mortality);
    assert.equal(hex(mortality.type.codec.enc({ type: "Immortal" })), hex(encodeEra(IMMORTAL)));
    for (const era of [mortal(4, 0), mortal(64, 42), mortal(32768, 20000), mortal(65536, 65520)]) {
      const ours = encodeEra(era);
      assert.equal(hex(mortality.type.codec.enc({ type: `Mortal${ours[0]}`, value: ours[1] })), hex(ours));
    }
  });
});

describe("birth, death and expiry", () => {
  test("Substrate's window arithmetic", () => {
    const e = mortalEra(4, 6); // period 4, phase 2
    assert.deepEqual(e, mortal(4, 2));
    assert.equal(eraBirth(e, 6), 6);
    assert.equal(eraBirth(e, 9), 6);
    assert.equal(eraDeath(e, 9), 10);
    assert.equal(eraBirth(e, 10), 10);
    assert.equal(eraBirth(e, 5), 2);
    // Before the phase: birth clamps to the phase itself.
    assert.equal(eraBirth(e, 1), 2);
    assert.equal(eraBirth(IMMORTAL, 123), 0);
    assert.equal(eraDeath(IMMORTAL, 123), Number.POSITIVE_INFINITY);
  });

  test("a transaction signed at block 1000 with period 16 lives through block 1015", () => {
    const e = mortalEra(16, 1000);
    assert.equal(isEraExpired(e, 1000, 1000), false);
    assert.equal(isEraExpired(e, 1000, 1015), false);
    assert.equal(isEraExpired(e, 1000, 1016), true);
    assert.equal(isEraExpired(IMMORTAL, 0, 10 ** 9), false);
  });

  test("property: round trip, and the window holds the current block", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1 << 20 }),
        fc.integer({ min: 0, max: 0xffff_ffff }),
        (p, cur) => {
          const era = mortalEra(p, cur);
          assert.ok(era.type === "Mortal");
          assert.deepEqual(decodeEra(encodeEra(era)), era);
          assert.ok(era.period >= 4 && era.period <= 65536 && era.period >= Math.min(Math.max(p, 4), 65536));
          const birth = eraBirth(era, cur);
          assert.ok(birth <= cur && cur < eraDeath(era, cur));
          assert.equal(birth % era.period, era.phase);
          if (era.period <= 4096) {
            assert.equal(birth, cur, "unquantized eras are born at the block they were made for");
            assert.equal(isEraExpired(era, cur, cur + era.period - 1), false);
            assert.equal(isEraExpired(era, cur, cur + era.period), true);
          }
        },
      ),
    );
  });
});
