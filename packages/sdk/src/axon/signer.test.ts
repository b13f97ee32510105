// The stand-in signer: addresses and signatures agree with @polkadot/keyring (the independent reference),
// and verification accepts exactly bittensor-wallet's two message forms.

import assert from "node:assert/strict";
import { before, test } from "node:test";
import { Keyring } from "@polkadot/keyring";
import { signatureVerify } from "@polkadot/util-crypto";
import { cryptoReady, InvalidAddressError, publicKeyOf, signerFromUri, verifySr25519 } from "./signer.ts";

before(() => cryptoReady());

const URIS = [
  "//Alice",
  "//Bob",
  "//Alice//stash",
  "//Eve/soft/0",
  "old leopard transfer rib spatial phone calm indicate online fire caution review",
  "old leopard transfer rib spatial phone calm indicate online fire caution review//hot/1",
  "0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143",
];

test("addresses match the keyring's for dev URIs, mnemonics, seeds and paths", () => {
  const keyring = new Keyring({ type: "sr25519", ss58Format: 42 });
  for (const uri of URIS) assert.equal(signerFromUri(uri).ss58Address, keyring.addFromUri(uri).address, uri);
});

test("Appendix A keys: //Alice and the btwallet mnemonic", () => {
  assert.equal(signerFromUri("//Alice").ss58Address, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
  assert.equal(
    signerFromUri("old leopard transfer rib spatial phone calm indicate online fire caution review")
      .ss58Address,
    "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX",
  );
});

test("signatures verify with util-crypto, and ours verify keyring signatures", () => {
  const msg = new TextEncoder().encode("1750000000123456789.a.b.c.d");
  for (const uri of URIS) {
    const s = signerFromUri(uri);
    const sig = s.sign(msg);
    assert.ok(signatureVerify(msg, sig, s.ss58Address).isValid, uri);
    const theirs = new Keyring({ type: "sr25519" }).addFromUri(uri).sign(msg);
    assert.ok(verifySr25519(msg, theirs, publicKeyOf(s.ss58Address)), uri);
  }
});

test("verification: raw bytes or <Bytes>-wrapped, nothing else", () => {
  const s = signerFromUri("//Alice");
  const pk = publicKeyOf(s.ss58Address);
  const msg = new TextEncoder().encode("hello");
  assert.ok(verifySr25519(msg, s.sign(msg), pk));
  assert.ok(verifySr25519(msg, s.sign(new TextEncoder().encode("<Bytes>hello</Bytes>")), pk));
  assert.ok(!verifySr25519(msg, s.sign(new TextEncoder().encode("<Bytes>hello")), pk));
  assert.ok(!verifySr25519(msg, s.sign(msg), publicKeyOf(signerFromUri("//Bob").ss58Address)));
  assert.ok(!verifySr25519(msg, s.sign(msg).slice(1), pk));
});

test("addresses: SS58 only, checksummed, 32-byte keys", () => {
  assert.throws(() => publicKeyOf(`0x${"11".repeat(32)}`), InvalidAddressError);
  assert.throws(() => publicKeyOf("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"), InvalidAddressError);
  assert.throws(() => publicKeyOf("not an address"), InvalidAddressError);
  assert.equal(publicKeyOf("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY").length, 32);
});

test("bad URIs are refused", () => {
  assert.throws(() => signerFromUri("not a mnemonic at all"), {
    name: "KeyError",
    message: /mnemonic has 12, 15, 18, 21 or 24 words/,
  });
});
