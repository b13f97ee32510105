// Keyfile JSON exactly as btwallet writes and reads it (Appendix A keys), loading precedence, corrupt and
// unknown files, encryption detection, BT_PW_ passwords, and crash-safe, non-clobbering, 0600 writes.

import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { toHex } from "../keys/bytes.ts";
import { Keypair } from "../keys/keypair.ts";
import { writeFileAtomic } from "./atomicWrite.ts";
import { KeyfileError } from "./errors.ts";
import {
  encodePasswordForEnv,
  Keyfile,
  keyfileEncryption,
  passwordEnvVarName,
  passwordFromEnv,
} from "./keyfile.ts";
import { deserializeKeyfileData, keyfileJsonOf, serializePublicKeyfileData } from "./keyfileData.ts";
import type { NaclKdfParams } from "./nacl.ts";

const PHRASE = "old leopard transfer rib spatial phone calm indicate online fire caution review";
const SS58 = "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX";
const PUBLIC = "0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446";
const CANONICAL =
  "0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e";
const MINI_SECRET = "0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143";
const ALICE_CANONICAL =
  "0x33a6f3093f158a7109f679410bef1a0c54168145e0cecb4df006c1c2fffb1f09925a225d97aa00682d6a59b95b18780c10d7032336e88f3442b42361f4a66011";
const SMALL: NaclKdfParams = { iterations: 1, memoryKiB: 64, parallelism: 1 };

const enc = (s: string) => new TextEncoder().encode(s);
const code = (c: string, path?: string) => (e: unknown) =>
  e instanceof KeyfileError &&
  e.code === c &&
  (path === undefined || (e.path === path && e.message.includes(path)));

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "opentao-keyfile-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("keyfile JSON", () => {
  test("a mnemonic key has all six btwallet fields with the Appendix A values", () => {
    assert.deepEqual(keyfileJsonOf(Keypair.fromMnemonic(PHRASE)), {
      accountId: PUBLIC,
      publicKey: PUBLIC,
      privateKey: CANONICAL,
      secretPhrase: PHRASE,
      secretSeed: MINI_SECRET,
      ss58Address: SS58,
    });
  });

  test("a URI key has no phrase or seed; its privateKey is the canonical form", () => {
    const json = keyfileJsonOf(Keypair.fromUri("//Alice"));
    assert.deepEqual(Object.keys(json).sort(), ["accountId", "privateKey", "publicKey", "ss58Address"]);
    assert.equal(json.privateKey, ALICE_CANONICAL);
  });

  test("public files hold accountId, publicKey and ss58Address only", () => {
    const text = new TextDecoder().decode(serializePublicKeyfileData(Keypair.fromMnemonic(PHRASE)));
    assert.equal(text, `{"accountId":"${PUBLIC}","publicKey":"${PUBLIC}","ss58Address":"${SS58}"}`);
  });

  test("reads files as btwallet writes them (any key order), by its precedence", () => {
    // serde_json's HashMap order is arbitrary; this one is a plausible btwallet output.
    const rust = `{"ss58Address":"${SS58}","secretSeed":"${MINI_SECRET}","publicKey":"${PUBLIC}","privateKey":"${CANONICAL}","accountId":"${PUBLIC}","secretPhrase":"${PHRASE}"}`;
    const k = deserializeKeyfileData(enc(rust), "f");
    assert.equal(k.ss58Address, SS58);
    assert.equal(k.mnemonic, PHRASE);
    // Seed wins over privateKey, privateKey over the address.
    assert.equal(
      deserializeKeyfileData(enc(`{"secretSeed":"${MINI_SECRET}","privateKey":"${ALICE_CANONICAL}"}`), "f")
        .ss58Address,
      SS58,
    );
    const fromPrivate = deserializeKeyfileData(enc(`{"privateKey":"${CANONICAL}","secretPhrase":null}`), "f");
    assert.equal(fromPrivate.ss58Address, SS58);
    assert.ok(fromPrivate.canSign);
    const pub = deserializeKeyfileData(
      enc(`{"accountId":"${PUBLIC}","publicKey":"${PUBLIC}","ss58Address":"${SS58}"}`),
      "f",
    );
    assert.equal(pub.canSign, false);
    assert.equal(pub.ss58Address, SS58);
  });

  test("damaged, inconsistent or foreign content is refused, naming the file", () => {
    const cases: [string, string][] = [
      [`{"secretPhrase":"${PHRASE}"`, "Corrupt"],
      [`{"secretPhrase":"${PHRASE.replace("old", "olf")}"}`, "Corrupt"],
      [`{"privateKey":"0x1234"}`, "Corrupt"],
      [`{"privateKey":5}`, "Corrupt"],
      [
        `{"secretPhrase":"${PHRASE}","ss58Address":"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"}`,
        "Corrupt",
      ],
      [`{"secretSeed":"${MINI_SECRET}","publicKey":"0x00"}`, "Corrupt"],
      [`{"comment":"no key"}`, "Corrupt"],
      ["[1,2]", "UnknownFormat"],
      ["hello", "UnknownFormat"],
    ];
    for (const [text, c] of cases)
      assert.throws(() => deserializeKeyfileData(enc(text), "/x/coldkey"), code(c, "/x/coldkey"), text);
    assert.throws(
      () => deserializeKeyfileData(Uint8Array.of(0xff, 0xfe, 0x7b), "/x/coldkey"),
      code("Corrupt", "/x/coldkey"),
    );
  });

  test("ed25519 keys are not written (btwallet would read their phrase as sr25519)", () => {
    assert.throws(
      () => keyfileJsonOf(Keypair.fromUri("//Alice", { type: "ed25519" }), "/x/hk"),
      code("Unsupported", "/x/hk"),
    );
  });
});

describe("encryption detection and BT_PW_ passwords", () => {
  test("prefixes", () => {
    assert.equal(keyfileEncryption(enc("$NACL....")), "nacl");
    assert.equal(keyfileEncryption(enc("$ANSIBLE_VAULT;1.1;AES256\n")), "ansible-vault");
    assert.equal(keyfileEncryption(enc("gAAAAABk...")), "fernet");
    assert.equal(keyfileEncryption(enc("{}")), "none");
    assert.equal(keyfileEncryption(enc("$NAC")), "none");
  });

  test("the variable name of the spec's example and the XOR/base64 value", () => {
    const path = "/home/alice/.bittensor/wallets/default/coldkey";
    assert.equal(passwordEnvVarName(path), "BT_PW__HOME_ALICE__BITTENSOR_WALLETS_DEFAULT_COLDKEY");
    const { name, value } = encodePasswordForEnv(path, "pässwörd");
    assert.equal(name, passwordEnvVarName(path));
    // First byte: 'p' (0x70) XOR 'B' (0x42) = 0x32.
    assert.equal(Buffer.from(value, "base64")[0], 0x32);
    assert.equal(passwordFromEnv(path, { [name]: value }), "pässwörd");
    assert.equal(passwordFromEnv(path, {}), undefined);
  });
});

describe("Keyfile on disk", () => {
  test("encrypted round trip, wrong or missing password, password from the environment", async () => {
    const path = join(dir, "enc", "coldkey");
    const k = Keypair.fromMnemonic(PHRASE);
    await new Keyfile(path, { kdf: SMALL }).setKeypair(k, { password: "hunter2" });
    const data = await readFile(path);
    assert.equal(data.subarray(0, 5).toString(), "$NACL");
    assert.ok(!data.toString("latin1").includes("leopard"));
    const file = new Keyfile(path, { kdf: SMALL, env: {} });
    assert.equal(await file.encryption(), "nacl");
    assert.equal((await file.getKeypair("hunter2")).ss58Address, SS58);
    await assert.rejects(file.getKeypair("hunter3"), code("WrongPassword", path));
    await assert.rejects(file.getKeypair(), code("PasswordRequired", path));
    const { name, value } = encodePasswordForEnv(path, "hunter2");
    assert.equal(
      (await new Keyfile(path, { kdf: SMALL, env: { [name]: value } }).getKeypair()).ss58Address,
      SS58,
    );
  });

  test("plaintext files are 0600, their directories 0700, whatever the umask", async () => {
    const old = process.umask(0);
    try {
      const path = join(dir, "perm", "a", "b", "hotkey");
      await new Keyfile(path).setKeypair(Keypair.fromUri("//Alice"));
      assert.equal((await stat(path)).mode & 0o777, 0o600);
      for (const d of ["perm", "perm/a", "perm/a/b"])
        assert.equal((await stat(join(dir, d))).mode & 0o777, 0o700, d);
      assert.equal(await new Keyfile(path).isEncrypted(), false);
    } finally {
      process.umask(old);
    }
  });

  test("never overwrites unless asked; missing, empty, truncated and unknown files", async () => {
    const path = join(dir, "ow", "coldkey");
    const file = new Keyfile(path, { kdf: SMALL });
    await assert.rejects(file.getKeypair(), code("NotFound", path));
    await file.setKeypair(Keypair.fromUri("//Alice"));
    const before = await readFile(path);
    await assert.rejects(file.setKeypair(Keypair.fromUri("//Bob")), code("AlreadyExists", path));
    assert.deepEqual(await readFile(path), before);
    await file.setKeypair(Keypair.fromUri("//Bob"), { overwrite: true });
    assert.equal((await file.getKeypair()).ss58Address, Keypair.fromUri("//Bob").ss58Address);
    assert.deepEqual(await readdir(join(dir, "ow")), ["coldkey"], "no temp files left");

    await writeFile(path, "");
    await assert.rejects(file.getKeypair(), code("Corrupt", path));
    await writeFile(path, before.subarray(0, before.length - 7));
    await assert.rejects(file.getKeypair(), code("Corrupt", path));
    await writeFile(path, "$NACL short");
    await assert.rejects(file.getKeypair("pw"), code("Corrupt", path));
    await writeFile(path, Buffer.from([0x00, 0x01, 0x02]));
    await assert.rejects(file.getKeypair(), code("UnknownFormat", path));
    await assert.rejects(new Keyfile(dir).getKeypair(), code("UnknownFormat", dir));
  });

  test("a crash between writing and committing leaves the old key whole", async () => {
    const path = join(dir, "crash", "coldkey");
    await new Keyfile(path).setKeypair(Keypair.fromUri("//Alice"));
    const before = await readFile(path);
    for (const overwrite of [true, false]) {
      await assert.rejects(
        writeFileAtomic(path, enc("{half"), {
          overwrite,
          beforeCommit: () => {
            throw new Error("power cut");
          },
        }),
      );
      assert.deepEqual(await readFile(path), before);
    }
    assert.deepEqual(await readdir(join(dir, "crash")), ["coldkey"]);
    // A temp file a real crash left behind does not disturb the key or the next write.
    await writeFile(join(dir, "crash", ".tmp-coldkey-deadbeef0000"), "{half");
    assert.equal((await new Keyfile(path).getKeypair()).ss58Address, Keypair.fromUri("//Alice").ss58Address);
    await new Keyfile(path).setKeypair(Keypair.fromUri("//Bob"), { overwrite: true });
    assert.equal(
      toHex((await new Keyfile(path).getKeypair()).publicKey),
      toHex(Keypair.fromUri("//Bob").publicKey),
    );
  });
});
