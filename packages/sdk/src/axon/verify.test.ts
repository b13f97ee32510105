// bittensor 10.2's default_verify, rule by rule: the nonce window and its boundary, replay, old dendrites,
// the error texts, the signature header's hex rules, and that only a verified request stores its nonce.

import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { emptyTerminalInfo, type TerminalInfo } from "../synapse/index.ts";
import { cryptoReady, type Signer, signerFromUri } from "./signer.ts";
import {
  checkNonce,
  decodeSignatureHex,
  defaultVerify,
  NonceStore,
  signatureMessage,
  twoDecimals,
  VerificationError,
} from "./verify.ts";

const NOW = 1_750_000_000_000_000_000n;
const S = 1_000_000_000n;

describe("nonce rules", () => {
  test("fresh key, modern dendrite: must be newer than now − 4 s − timeout; the future is fine", () => {
    const store = new NonceStore();
    const edge = NOW - 4n * S - 12n * S;
    assert.match(checkNonce(store, "k", edge, 10_002_000, 12, NOW) ?? "", /^Nonce is too old: /);
    assert.equal(checkNonce(store, "k", edge + 1n, 10_002_000, 12, NOW), undefined);
    assert.equal(checkNonce(store, "k", NOW + 3600n * S, 10_002_000, 12, NOW), undefined);
    // A missing timeout counts as 0: the window is 4 s.
    assert.match(
      checkNonce(store, "k", NOW - 5n * S, 10_002_000, null, NOW) ?? "",
      /acceptable delta is 4\.00/,
    );
  });

  test("the too-old text: allowed window and age, two decimals", () => {
    const msg = checkNonce(new NonceStore(), "k", NOW - 20n * S - 6_000_000n, 10_002_000, 12, NOW);
    assert.equal(
      msg,
      "Nonce is too old: acceptable delta is 16.00 seconds but request was 20.01 seconds old",
    );
    const frac = checkNonce(new NonceStore(), "k", NOW - 10n * S, 7_002_000, 2.5, NOW);
    assert.equal(
      frac,
      "Nonce is too old: acceptable delta is 6.50 seconds but request was 10.00 seconds old",
    );
  });

  test("stored key: strictly greater, whatever the clock says", () => {
    const store = new NonceStore();
    store.set("k", NOW);
    const replay = "Nonce is too old, a newer one was last processed";
    assert.equal(checkNonce(store, "k", NOW, 10_002_000, 12, NOW), replay);
    assert.equal(checkNonce(store, "k", NOW - 1n, 10_002_000, 12, NOW), replay);
    assert.equal(checkNonce(store, "k", NOW + 1n, 10_002_000, 12, NOW), undefined);
    // A stored key skips the window: an old-but-increasing nonce passes.
    store.set("j", NOW - 100n * S);
    assert.equal(checkNonce(store, "j", NOW - 99n * S, 10_002_000, 12, NOW), undefined);
  });

  test("dendrites before 7.2.0 (or without a version) only need increasing nonces", () => {
    const store = new NonceStore();
    assert.equal(checkNonce(store, "k", 1n, 7_001_999, 12, NOW), undefined);
    assert.equal(checkNonce(store, "k", 1n, null, 12, NOW), undefined);
    store.set("k", 5n);
    assert.equal(
      checkNonce(store, "k", 5n, null, 12, NOW),
      "Nonce is too old, a newer one was last processed",
    );
  });
});

test("two decimals as Python's format does them, ties to even", () => {
  // Python: f"{x:.2f}" for each x.
  const cases: [number, string][] = [
    [20.005, "20.00"],
    [20.006, "20.01"],
    [0.125, "0.12"],
    [0.375, "0.38"],
    [2.5, "2.50"],
    [1e-9, "0.00"],
    [-0.125, "-0.12"],
    [16, "16.00"],
    [1234.565, "1234.57"],
  ];
  for (const [x, s] of cases) assert.equal(twoDecimals(x), s, String(x));
});

describe("signature header", () => {
  test("hex rules as bittensor-wallet applies them", () => {
    const sig = `0x${"ab".repeat(64)}`;
    assert.equal(decodeSignatureHex(sig).length, 64);
    assert.equal(decodeSignatureHex(`0x0x${"ab".repeat(64)}`).length, 64); // trim_start_matches
    const err = (s: string) => {
      try {
        decodeSignatureHex(s);
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    assert.equal(err("ab".repeat(64)), "Invalid signature format. Expected hex string.");
    assert.equal(err("0xabc"), "Invalid hex string: OddLength");
    assert.equal(err("0xabzz"), "Invalid hex string: InvalidHexCharacter { c: 'z', index: 2 }");
    assert.equal(err("0xabcd"), "Invalid signature");
  });

  test("the signed text, None for missing parts as Python's f-string writes them", () => {
    assert.equal(
      signatureMessage({ nonce: 5n, dendriteHotkey: "A", axonHotkey: "B", uuid: "u", bodyHash: "h" }),
      "5.A.B.u.h",
    );
    assert.equal(
      signatureMessage({ nonce: null, dendriteHotkey: "A", axonHotkey: null, uuid: null, bodyHash: null }),
      "None.A.None.None.None",
    );
  });
});

describe("defaultVerify", () => {
  let alice: Signer;
  let bob: Signer;
  before(async () => {
    await cryptoReady();
    alice = signerFromUri("//Alice");
    bob = signerFromUri("//Bob");
  });

  function request(nonce: bigint, signer: Signer, overrides: Partial<TerminalInfo> = {}) {
    const text = signatureMessage({
      nonce,
      dendriteHotkey: alice.ss58Address,
      axonHotkey: bob.ss58Address,
      uuid: "u1",
      bodyHash: "h",
    });
    const dendrite: TerminalInfo = {
      ...emptyTerminalInfo(),
      hotkey: alice.ss58Address,
      nonce,
      uuid: "u1",
      version: 10_002_000,
      signature: `0x${Buffer.from(signer.sign(new TextEncoder().encode(text))).toString("hex")}`,
      ...overrides,
    };
    return { dendrite, timeout: 12, computedBodyHash: "h" };
  }

  test("accepts a good request and stores its nonce under <hotkey>:<uuid>", () => {
    const store = new NonceStore();
    defaultVerify(request(NOW, alice), { store, axonHotkey: bob.ss58Address, now: NOW });
    assert.equal(store.get(`${alice.ss58Address}:u1`), NOW);
  });

  test("a forged request stores nothing, so the real one still passes", () => {
    const store = new NonceStore();
    assert.throws(
      () => defaultVerify(request(NOW + 10n, bob), { store, axonHotkey: bob.ss58Address, now: NOW }),
      (e: Error) => e instanceof VerificationError && e.message.startsWith("Signature mismatch with "),
    );
    assert.equal(store.size, 0);
    defaultVerify(request(NOW + 10n, alice), { store, axonHotkey: bob.ss58Address, now: NOW });
  });

  test("Python's order: hotkey, then nonce, then signature", () => {
    const store = new NonceStore();
    const opts = { store, axonHotkey: bob.ss58Address, now: NOW };
    const msg = (f: () => void) => assert.throws(f, VerificationError);
    msg(() => defaultVerify(request(NOW, alice, { hotkey: null, nonce: null }), opts));
    assert.throws(
      () => defaultVerify(request(NOW, bob, { nonce: null }), opts),
      (e: Error) => e.message === "Missing Nonce",
    );
    assert.throws(
      () => defaultVerify(request(NOW - 60n * S, bob), opts),
      (e: Error) => e.message.startsWith("Nonce is too old"),
    );
    assert.throws(
      () => defaultVerify(request(NOW, alice, { hotkey: "5xyz" }), opts),
      (e: Error) => e.message.startsWith("Invalid SS58 address"),
    );
  });

  test("unsigned: rejected by default, let through when asked (Python's leniency)", () => {
    const store = new NonceStore();
    const unsigned = request(NOW, alice, { signature: null });
    assert.throws(
      () => defaultVerify(unsigned, { store, axonHotkey: bob.ss58Address, now: NOW }),
      (e: Error) => e.message === "Missing Signature",
    );
    defaultVerify(unsigned, { store, axonHotkey: bob.ss58Address, now: NOW, allowUnsigned: true });
    assert.equal(store.size, 1);
  });
});
