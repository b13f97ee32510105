// Wallets end to end in a temp directory: btwallet's layout and pub files, create/regenerate/unlock from every
// source, legacy coldkeys, path resolution, listing, and that refused or failed calls change nothing.

import assert from "node:assert/strict";
import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { toHex } from "../keys/bytes.ts";
import { KeyError } from "../keys/errors.ts";
import { Keypair } from "../keys/keypair.ts";
import { validateMnemonic } from "../keys/mnemonic.ts";
import { KeyfileError } from "./errors.ts";
import { encodePasswordForEnv } from "./keyfile.ts";
import type { NaclKdfParams } from "./nacl.ts";
import { listWallets, resolveWalletPath, Wallet } from "./wallet.ts";

const PHRASE = "old leopard transfer rib spatial phone calm indicate online fire caution review";
const SS58 = "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX";
const MINI_SECRET = "0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143";
const ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const SMALL: NaclKdfParams = { iterations: 1, memoryKiB: 64, parallelism: 1 };
const code = (c: string, path?: string) => (e: unknown) =>
  e instanceof KeyfileError && e.code === c && (path === undefined || e.message.endsWith(`: ${path}`));

let root: string;
let n = 0;
const wallet = (name = `w${n++}`, hotkey?: string) =>
  new Wallet({ name, hotkey, path: root, kdf: SMALL, env: {} });

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile())
      out[join(e.parentPath, e.name)] = (await readFile(join(e.parentPath, e.name))).toString("base64");
  }
  return out;
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), "opentao-wallets-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("create and unlock", () => {
  test("btwallet's layout: coldkey ($NACL), coldkeypub.txt, hotkeys/<name>, hotkeys/<name>pub.txt", async () => {
    const w = wallet("main", "miner1");
    const cold = await w.createColdkey({ password: "cold pw" });
    const hot = await w.createHotkey({ words: 24 });
    assert.ok(validateMnemonic(cold.mnemonic) && cold.mnemonic.split(" ").length === 12);
    assert.equal(hot.mnemonic.split(" ").length, 24);
    assert.deepEqual((await readdir(join(root, "main"))).sort(), ["coldkey", "coldkeypub.txt", "hotkeys"]);
    assert.deepEqual((await readdir(join(root, "main", "hotkeys"))).sort(), ["miner1", "miner1pub.txt"]);
    assert.equal((await readFile(w.coldkeyFile.path)).subarray(0, 5).toString(), "$NACL");
    const pub = JSON.parse(await readFile(w.coldkeypubFile.path, "utf8"));
    assert.deepEqual(pub, {
      accountId: toHex(cold.keypair.publicKey),
      publicKey: toHex(cold.keypair.publicKey),
      ss58Address: cold.keypair.ss58Address,
    });
    const hotJson = JSON.parse(await readFile(w.hotkeyFile.path, "utf8"));
    assert.equal(hotJson.secretPhrase, hot.mnemonic);
    assert.equal(hotJson.ss58Address, hot.keypair.ss58Address);
    for (const f of [w.coldkeyFile, w.coldkeypubFile, w.hotkeyFile, w.hotkeypubFile])
      assert.equal((await stat(f.path)).mode & 0o777, 0o600, f.path);
    for (const d of ["main", "main/hotkeys"])
      assert.equal((await stat(join(root, d))).mode & 0o777, 0o700, d);

    const unlocked = await w.unlockColdkey("cold pw");
    assert.ok(unlocked.equals(cold.keypair) && unlocked.canSign && unlocked.mnemonic === cold.mnemonic);
    assert.equal((await w.getColdkeypub()).ss58Address, cold.keypair.ss58Address);
    assert.equal((await w.getHotkey()).ss58Address, hot.keypair.ss58Address);
    assert.equal((await w.getHotkeypub()).ss58Address, hot.keypair.ss58Address);
    assert.ok(await w.exists());
    // The returned mnemonic is a working backup.
    assert.equal(Keypair.fromMnemonic(cold.mnemonic).ss58Address, cold.keypair.ss58Address);
  });

  test("wrong, missing and environment passwords", async () => {
    const w = wallet();
    await w.createColdkey({ password: "right" });
    await assert.rejects(w.unlockColdkey("wrong"), code("WrongPassword", w.coldkeyFile.path));
    await assert.rejects(w.unlockColdkey(), code("PasswordRequired", w.coldkeyFile.path));
    const { name, value } = encodePasswordForEnv(w.coldkeyFile.path, "right");
    const withEnv = new Wallet({ name: w.name, path: root, kdf: SMALL, env: { [name]: value } });
    assert.ok((await withEnv.unlockColdkey()).canSign);
  });

  test("a coldkey without password is refused unless encrypt: false; encrypted hotkeys", async () => {
    const w = wallet();
    await assert.rejects(w.createColdkey(), code("PasswordRequired", w.coldkeyFile.path));
    await assert.rejects(readdir(w.path), { code: "ENOENT" }, "nothing written");
    await assert.rejects(w.createColdkey({ encrypt: false, password: "pw" }), TypeError);
    await w.createColdkey({ encrypt: false });
    assert.equal((await readFile(w.coldkeyFile.path, "utf8"))[0], "{");
    assert.ok((await w.unlockColdkey()).canSign);
    await w.createHotkey({ password: "hot pw" });
    assert.equal((await readFile(w.hotkeyFile.path)).subarray(0, 5).toString(), "$NACL");
    await assert.rejects(w.getHotkey(), code("PasswordRequired"));
    assert.ok((await w.getHotkey("hot pw")).canSign);
    assert.ok((await w.getHotkeypub()).ss58Address.startsWith("5"), "pub file needs no password");
  });
});

describe("regenerate", () => {
  test("from mnemonic, seed, URI and polkadot-js JSON", async () => {
    const w = wallet();
    const fromPhrase = await w.regenerateColdkey({ mnemonic: PHRASE }, { password: "pw" });
    assert.equal(fromPhrase.ss58Address, SS58);
    assert.equal((await w.unlockColdkey("pw")).mnemonic, PHRASE);

    const seedWallet = wallet();
    await seedWallet.regenerateColdkey({ seed: MINI_SECRET }, { encrypt: false });
    const seedJson = JSON.parse(await readFile(seedWallet.coldkeyFile.path, "utf8"));
    assert.equal(seedJson.secretSeed, MINI_SECRET);
    assert.equal(seedJson.secretPhrase, undefined);
    assert.equal(seedJson.ss58Address, SS58);

    const uriWallet = wallet();
    await uriWallet.regenerateHotkey({ uri: "//Alice" });
    assert.equal((await uriWallet.getHotkey()).ss58Address, ALICE);

    const { Keyring } = await import("@polkadot/keyring");
    // Exported without a password (encoding type "none"); the scrypt form is covered in polkadotJson.test.ts.
    const exported = new Keyring({ type: "sr25519" }).addFromUri(PHRASE).toJson();
    const jsonWallet = wallet();
    assert.equal(
      (await jsonWallet.regenerateColdkey({ json: exported, jsonPassword: "" }, { password: "pw" }))
        .ss58Address,
      SS58,
    );
    assert.equal((await jsonWallet.unlockColdkey("pw")).ss58Address, SS58);
  });

  test("bad sources fail before anything is written", async () => {
    const w = wallet();
    await assert.rejects(w.regenerateColdkey({ mnemonic: "not a mnemonic" }, { password: "pw" }), KeyError);
    await assert.rejects(w.regenerateColdkey({ seed: "0x1234" }, { password: "pw" }), KeyError);
    await assert.rejects(
      w.regenerateColdkey({ json: "{}", jsonPassword: "" }, { password: "pw" }),
      KeyfileError,
    );
    await assert.rejects(readdir(w.path), { code: "ENOENT" });
  });

  test("coldkeypub and hotkeypub from an address or public key", async () => {
    const w = wallet();
    await w.regenerateColdkeypub({ ss58Address: SS58 });
    assert.equal((await w.getColdkeypub()).ss58Address, SS58);
    await assert.rejects(w.regenerateColdkeypub({ ss58Address: ALICE }), code("AlreadyExists"));
    await w.regenerateColdkeypub({ publicKey: Keypair.fromAddress(ALICE).publicKey }, { overwrite: true });
    assert.equal((await w.getColdkeypub()).ss58Address, ALICE);
    await w.regenerateHotkeypub({ ss58Address: SS58 });
    assert.equal((await w.getHotkeypub()).ss58Address, SS58);
    assert.throws(() => Keypair.fromAddress(`${SS58.slice(0, -1)}Y`), KeyError);
  });
});

describe("nothing is overwritten or half-written", () => {
  test("an existing coldkey or coldkeypub blocks the whole write", async () => {
    const w = wallet();
    await w.createColdkey({ password: "pw" });
    await w.createHotkey();
    const before = await snapshot(w.path);
    await assert.rejects(w.createColdkey({ password: "pw" }), code("AlreadyExists", w.coldkeyFile.path));
    await assert.rejects(
      w.regenerateColdkey({ mnemonic: PHRASE }, { encrypt: false }),
      code("AlreadyExists"),
    );
    await assert.rejects(w.createHotkey(), code("AlreadyExists", w.hotkeyFile.path));
    assert.deepEqual(await snapshot(w.path), before);

    // Only the pub file exists (e.g. a watch-only wallet): the coldkey is not written either.
    const watch = wallet();
    await watch.regenerateColdkeypub({ ss58Address: ALICE });
    await assert.rejects(
      watch.regenerateColdkey({ mnemonic: PHRASE }, { encrypt: false }),
      code("AlreadyExists", watch.coldkeypubFile.path),
    );
    assert.equal(await watch.coldkeyFile.exists(), false);

    await w.regenerateColdkey({ mnemonic: PHRASE }, { password: "new", overwrite: true });
    assert.equal((await w.unlockColdkey("new")).ss58Address, SS58);
    assert.equal((await w.getColdkeypub()).ss58Address, SS58);
  });

  test("a corrupt coldkey is reported and left as it was", async () => {
    const w = wallet();
    await w.createColdkey({ password: "pw" });
    const data = await readFile(w.coldkeyFile.path);
    await writeFile(w.coldkeyFile.path, data.subarray(0, 50));
    const before = await snapshot(w.path);
    await assert.rejects(w.unlockColdkey("pw"), code("WrongPassword", w.coldkeyFile.path));
    await writeFile(w.coldkeyFile.path, data.subarray(0, 20));
    await assert.rejects(w.unlockColdkey("pw"), code("Corrupt", w.coldkeyFile.path));
    await writeFile(w.coldkeyFile.path, data.subarray(0, 50));
    await assert.rejects(
      w.regenerateColdkey({ mnemonic: PHRASE }, { password: "pw" }),
      code("AlreadyExists"),
    );
    assert.deepEqual(await snapshot(w.path), before);
    await assert.rejects(wallet().unlockColdkey("pw"), code("NotFound"));
  });
});

describe("legacy coldkeys", () => {
  test("an Ansible Vault coldkey opens", async () => {
    const w = wallet();
    const plaintext = await readFile(new URL("./fixtures/keyfile.json", import.meta.url));
    await mkdir(w.path, { recursive: true });
    await writeFile(w.coldkeyFile.path, ansibleVaultEncrypt(plaintext, "vault pw"));
    assert.equal(await w.coldkeyFile.encryption(), "ansible-vault");
    assert.equal((await w.unlockColdkey("vault pw")).ss58Address, SS58);
    await assert.rejects(w.unlockColdkey("vault pW"), code("WrongPassword", w.coldkeyFile.path));
  });

  test("a Fernet coldkey written by Python's cryptography opens", async () => {
    const w = new Wallet({ name: "fernet", path: root, kdf: SMALL, fernetIterations: 1000, env: {} });
    await mkdir(w.path, { recursive: true });
    await writeFile(
      w.coldkeyFile.path,
      await readFile(new URL("./fixtures/fernet-coldkey.txt", import.meta.url)),
    );
    assert.equal(await w.coldkeyFile.encryption(), "fernet");
    assert.equal((await w.unlockColdkey("legacy password")).ss58Address, SS58);
  });
});

describe("paths and listing", () => {
  test("explicit path, BT_WALLET_PATH, BT_WALLET_NAME/HOTKEY, ~ and the default", () => {
    assert.equal(resolveWalletPath(undefined, {}), join(homedir(), ".bittensor", "wallets"));
    assert.equal(resolveWalletPath(undefined, { BT_WALLET_PATH: "/srv/w" }), "/srv/w");
    assert.equal(resolveWalletPath("~/x", { BT_WALLET_PATH: "/srv/w" }), join(homedir(), "x"));
    const env = { BT_WALLET_PATH: "/srv/w", BT_WALLET_NAME: "cold", BT_WALLET_HOTKEY: "hk" };
    const w = new Wallet({ env });
    assert.equal(w.coldkeyFile.path, "/srv/w/cold/coldkey");
    assert.equal(w.hotkeypubFile.path, "/srv/w/cold/hotkeys/hkpub.txt");
    const d = new Wallet({ env: {} });
    assert.equal(
      d.hotkeyFile.path,
      join(homedir(), ".bittensor", "wallets", "default", "hotkeys", "default"),
    );
    assert.throws(() => new Wallet({ name: "../etc", env: {} }), TypeError);
    assert.throws(() => new Wallet({ hotkey: "a/b", env: {} }), TypeError);
  });

  test("listWallets: names, coldkeypubs, hotkeys (pub and temp files skipped), old wallets without pub files", async () => {
    const listRoot = await mkdtemp(join(tmpdir(), "opentao-list-"));
    try {
      const a = new Wallet({ name: "alpha", hotkey: "h1", path: listRoot, kdf: SMALL, env: {} });
      const cold = await a.createColdkey({ password: "pw" });
      const h1 = await a.createHotkey();
      const h2 = await a.withHotkey("h2").createHotkey();
      await rm(a.withHotkey("h2").hotkeypubFile.path);
      await writeFile(join(a.path, "hotkeys", ".tmp-h3-abc"), "{half");
      const b = new Wallet({ name: "beta", path: listRoot, env: {} });
      await mkdir(b.path, { recursive: true, mode: 0o700 });
      await writeFile(join(listRoot, "stray-file"), "x");
      await mkdir(join(listRoot, "odd\\name"));
      assert.deepEqual(await listWallets(undefined, { BT_WALLET_PATH: listRoot }), [
        {
          name: "alpha",
          coldkeypub: cold.keypair.ss58Address,
          hotkeys: [
            { name: "h1", ss58Address: h1.keypair.ss58Address },
            { name: "h2", ss58Address: h2.keypair.ss58Address },
          ],
        },
        { name: "beta", coldkeypub: undefined, hotkeys: [] },
      ]);
      assert.deepEqual(await listWallets(join(listRoot, "missing")), []);
    } finally {
      await rm(listRoot, { recursive: true, force: true });
    }
  });
});

/** Test-only Ansible Vault 1.1 writer (the reader is checked against published vectors in legacy.test.ts). */
function ansibleVaultEncrypt(plaintext: Uint8Array, password: string): string {
  const salt = randomBytes(32);
  const derived = pbkdf2Sync(password, salt, 10_000, 80, "sha256");
  const pad = 16 - (plaintext.length % 16);
  const padded = Buffer.concat([plaintext, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv("aes-256-ctr", derived.subarray(0, 32), derived.subarray(64, 80));
  const ciphertext = Buffer.concat([cipher.update(padded), cipher.final()]);
  const mac = createHmac("sha256", derived.subarray(32, 64)).update(ciphertext).digest("hex");
  const body = Buffer.from(`${salt.toString("hex")}\n${mac}\n${ciphertext.toString("hex")}`).toString("hex");
  return `$ANSIBLE_VAULT;1.1;AES256\n${body.match(/.{1,80}/g)!.join("\n")}\n`;
}
