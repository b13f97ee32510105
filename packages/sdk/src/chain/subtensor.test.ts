import assert from "node:assert/strict";
import { test } from "node:test";
import { u8aToHex } from "@polkadot/util";
import { blake2AsU8a, decodeAddress, signatureVerify } from "@polkadot/util-crypto";
import { Keypair } from "../keys/keypair.ts";
import { cryptoReady } from "../keys/sr25519.ts";
import { finneyRegistry } from "./fixtures/finney.ts";
import { pjsSigner } from "./signer.ts";
import { ChainClientError, intToIp, ipToInt, weightsCommitHash } from "./subtensor.ts";

await cryptoReady();
const { registry, decorated } = finneyRegistry();

test("ipToInt/intToIp: IPv4 and IPv6 as the chain's u128 + ip_type", () => {
  assert.deepEqual(ipToInt("127.0.0.1"), { ip: 2130706433n, ipType: 4 });
  assert.deepEqual(ipToInt("255.255.255.255"), { ip: 4294967295n, ipType: 4 });
  assert.equal(intToIp(2130706433n, 4), "127.0.0.1");
  assert.deepEqual(ipToInt("::1"), { ip: 1n, ipType: 6 });
  const v6 = ipToInt("2001:db8::8a2e:370:7334");
  assert.equal(v6.ip, 0x20010db80000000000008a2e03707334n);
  assert.equal(intToIp(v6.ip, 6), "2001:db8:0:0:0:8a2e:370:7334");
  for (const bad of ["256.0.0.1", "1.2.3", "host.example", "1::2::3", "12345::"])
    assert.throws(() => ipToInt(bad), ChainClientError, bad);
});

test("weightsCommitHash = blake2-256 of SCALE (AccountId, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)", () => {
  const who = Keypair.fromUri("//Alice").ss58Address;
  const uids = [0, 1, 300];
  const values = [65535, 12, 0];
  const salt = [1, 2, 3, 4, 5, 6, 7, 8];
  const ours = weightsCommitHash(who, 3, uids, values, salt, 7n);
  const theirs = blake2AsU8a(
    registry
      .createType("(AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)", [who, 3, uids, values, salt, 7n])
      .toU8a(),
    256,
  );
  assert.deepEqual(ours, theirs);
  assert.notDeepEqual(weightsCommitHash(who, 3, uids, values, salt, 8n), ours);
});

test("pjsSigner signs the extrinsic payload as Substrate verifies it (hashed above 256 bytes)", async () => {
  const key = Keypair.fromUri("//Alice");
  const signer = pjsSigner(registry, key);
  for (const remark of [new Uint8Array(10), new Uint8Array(400).fill(7)]) {
    const call = decorated.tx.system.remark(u8aToHex(remark));
    const payload = {
      address: key.ss58Address,
      blockHash: `0x${"11".repeat(32)}`,
      blockNumber: "0x00000010",
      era: "0x0500",
      genesisHash: `0x${"22".repeat(32)}`,
      method: call.toHex(),
      nonce: "0x00000003",
      specVersion: "0x000001a9",
      tip: "0x00000000000000000000000000000000",
      transactionVersion: "0x00000001",
      signedExtensions: registry.signedExtensions,
      version: 4,
    };
    const { signature } = await signer.signPayload!(payload as never);
    assert.equal(signature.slice(0, 4), "0x01", "MultiSignature::Sr25519");
    const encoded = registry.createType("ExtrinsicPayload", payload, { version: 4 }).toU8a({ method: true });
    const message = encoded.length > 256 ? blake2AsU8a(encoded, 256) : encoded;
    assert.equal(encoded.length > 256, remark.length > 256);
    const ok = signatureVerify(message, `0x${signature.slice(4)}`, decodeAddress(key.ss58Address));
    assert.equal(ok.isValid, true);
  }
});
