// Legacy keyfile encryptions: Ansible Vault against vectors published by two independent implementations,
// Fernet against a token made by Python's `cryptography` (fixtures/generate_fernet.py), errors for each.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { KeyfileError } from "./errors.ts";
import { ansibleVaultDecrypt, FERNET_PBKDF2_ITERATIONS, FERNET_SALT, fernetDecrypt } from "./legacy.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const ansible: { vectors: { password: string; plaintext: string; vault: string }[] } = JSON.parse(
  fixture("ansible-vault.json").toString("utf8"),
);
const code = (c: string) => (e: unknown) =>
  e instanceof KeyfileError && e.code === c && e.message.endsWith(": src");
const bytes = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

describe("Ansible Vault", () => {
  test("published vectors decrypt", async () => {
    for (const v of ansible.vectors) {
      const plain = await ansibleVaultDecrypt(bytes(v.vault), v.password, "src");
      assert.equal(Buffer.from(plain).toString("utf8"), v.plaintext);
    }
  });

  test("wrong password, damage, unknown versions", async () => {
    const v = ansible.vectors[0];
    await assert.rejects(ansibleVaultDecrypt(bytes(v.vault), "invalid pass", "src"), code("WrongPassword"));
    // One hex digit changed inside the ciphertext: the HMAC no longer matches.
    const lines = v.vault.split("\n");
    lines[3] = (lines[3][0] === "3" ? "6" : "3") + lines[3].slice(1);
    await assert.rejects(
      ansibleVaultDecrypt(bytes(lines.join("\n")), "password", "src"),
      (e: unknown) => e instanceof KeyfileError,
    );
    await assert.rejects(
      ansibleVaultDecrypt(bytes("$ANSIBLE_VAULT;1.1;AES256\n636235663265383266346139"), "password", "src"),
      code("Corrupt"),
    );
    await assert.rejects(
      ansibleVaultDecrypt(bytes("$ANSIBLE_VAULT;1.1;AES256\nzz"), "password", "src"),
      code("Corrupt"),
    );
    await assert.rejects(
      ansibleVaultDecrypt(bytes("$ANSIBLE_VAULT;2.0;AES256\n636235663265383266346139"), "password", "src"),
      code("Unsupported"),
    );
  });
});

describe("Fernet", () => {
  const token = fixture("fernet-coldkey.txt");
  const json = fixture("keyfile.json").toString("utf8");

  test("old bittensor's constants", () => {
    assert.equal(FERNET_SALT, "Iguesscyborgslikemyselfhaveatendencytobeparanoidaboutourorigins");
    assert.equal(FERNET_PBKDF2_ITERATIONS, 10_000_000);
  });

  test("a token written by Python's cryptography decrypts", async () => {
    assert.ok(token.toString("latin1").startsWith("gAAAAA"));
    const plain = await fernetDecrypt(token, "legacy password", "src", 1000);
    assert.equal(Buffer.from(plain).toString("utf8"), json);
  });

  test("wrong password and damage", async () => {
    await assert.rejects(fernetDecrypt(token, "legacy passw0rd", "src", 1000), code("WrongPassword"));
    await assert.rejects(fernetDecrypt(token, "legacy password", "src", 999), code("WrongPassword"));
    await assert.rejects(
      fernetDecrypt(token.subarray(0, 80), "legacy password", "src", 1000),
      code("Corrupt"),
    );
    await assert.rejects(fernetDecrypt(bytes("gAAAAA!!"), "legacy password", "src", 1000), code("Corrupt"));
  });
});
