// sr25519 sign and verify per second, @polkadot/wasm-crypto against @scure/sr25519 (JavaScript), and verify
// through @polkadot-labs/schnorrkel-wasm, on an axon-sized message. Run with `npm run bench -- sr25519`; why the
// hot path verifies in wasm, and in which build.

import { sr25519VerifyLabs } from "@opentao/primitives";
import { sr25519Sign, sr25519Verify, waitReady } from "@polkadot/wasm-crypto";
import * as scure from "@scure/sr25519";
import { Keypair } from "./keypair.ts";
import { canonicalToSecretKey } from "./sr25519.ts";

await waitReady();
const alice = Keypair.fromUri("//Alice");
const secret = canonicalToSecretKey(alice.privateKey!);
const pub = alice.publicKey;
const message = new TextEncoder().encode(
  `1718000000000000000.${alice.ss58Address}.${alice.ss58Address}.0b0c4f0e-8a3e-4b8e-9b1a-3c2d1e0f9a8b.a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a`,
);
const signature = sr25519Sign(pub, secret, message);

/** Calls per second over ~`ms` milliseconds, after a short warm-up. */
function rate(fn: () => unknown, ms = 1000): number {
  for (let i = 0; i < 20; i++) fn();
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 10; i++) fn();
    calls += 10;
    now = performance.now();
  }
  return (calls * 1000) / (now - start);
}

function line(op: string, wasm: number, js: number, labs?: number): void {
  const n = (x: number) => Math.round(x).toString().padStart(6);
  console.log(
    `sr25519 ${op.padEnd(6)}  @polkadot/wasm-crypto ${n(wasm)}/s   js ${n(js)}/s   wasm/js ×${(wasm / js).toFixed(1)}` +
      (labs === undefined
        ? ""
        : `   @polkadot-labs/schnorrkel-wasm ${n(labs)}/s (×${(labs / wasm).toFixed(2)} wasm-crypto)`),
  );
}

line(
  "sign",
  rate(() => sr25519Sign(pub, secret, message)),
  rate(() => scure.sign(secret, message)),
);
// The labs build through @opentao/primitives' hot path (the SDK's verify), its key check included.
line(
  "verify",
  rate(() => sr25519Verify(signature, message, pub)),
  rate(() => scure.verify(message, signature, pub)),
  rate(() => sr25519VerifyLabs(message, signature, pub)),
);
