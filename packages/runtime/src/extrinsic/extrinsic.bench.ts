// Signed-transfer throughput on one core: decode + signed payload + signature check, with sr25519 through the
// two wasm builds of schnorrkel (@polkadot-labs/schnorrkel-wasm, the hot path, and @polkadot/wasm-crypto) and
// pure JS (@scure/sr25519), plus ed25519. `npm run bench -- extrinsic`.

import {
  cryptoReady,
  ed25519Verify,
  type SignatureScheme,
  sr25519VerifyJs,
  sr25519VerifyLabs,
  sr25519VerifyWasm,
} from "@opentao/primitives";
import { Keyring } from "@polkadot/keyring";
import { signatureVerify } from "@polkadot/util-crypto";
import { mortalEra } from "./era.ts";
import type { ImplicitValues } from "./extensions.ts";
import { decodeExtrinsic } from "./extrinsic.ts";
import { signExtrinsic, signingPayload } from "./sign.ts";

await cryptoReady();

const ctx: ImplicitValues = {
  specVersion: 425,
  transactionVersion: 1,
  genesisHash: new Uint8Array(32).fill(1),
  checkpointHash: new Uint8Array(32).fill(2),
};

function transfers(type: SignatureScheme, count: number): Uint8Array[] {
  const keyring = new Keyring({ type });
  const from = keyring.addFromUri("//Alice");
  const to = keyring.addFromUri("//Bob").publicKey;
  return Array.from({ length: count }, (_, nonce) =>
    signExtrinsic({
      signer: from,
      call: {
        type: "Balances",
        value: { type: "transfer_keep_alive", value: { dest: { type: "Id", value: to }, value: 10n ** 9n } },
      },
      nonce,
      tip: 0n,
      era: mortalEra(128, 10_000),
      genesisHash: ctx.genesisHash,
      checkpointHash: ctx.checkpointHash,
    }),
  );
}

type Verify = (message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array) => boolean;

/**
 * Transactions per CPU-second of this process (user + system), the median of `rounds` passes: CPU time
 * rather than wall time, so other work on a shared machine does not deflate the one-core figure.
 */
function measure(txs: Uint8Array[], verify: Verify | null, rounds = 5): number {
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage();
    for (const bytes of txs) {
      const d = decodeExtrinsic(bytes);
      if (!verify) continue;
      if (!d.signed || !verify(signingPayload(d, ctx), d.signature.bytes, d.signer))
        throw new Error("a benchmark transaction did not verify");
    }
    const used = process.cpuUsage(t0);
    const s = (used.user + used.system) / 1e6;
    rates.push(txs.length / s);
  }
  rates.sort((a, b) => a - b);
  return rates[rates.length >> 1];
}

const sr = transfers("sr25519", 400);
const ed = transfers("ed25519", 400);
const utilVerify: Verify = (m, s, p) => signatureVerify(m, s, p).isValid;

// Warm the JIT before timing.
measure(sr.slice(0, 50), sr25519VerifyLabs, 1);
measure(sr.slice(0, 50), sr25519VerifyWasm, 1);
measure(sr.slice(0, 50), sr25519VerifyJs, 1);

const rows: Array<[string, number]> = [
  ["decode only (signed transfer)", measure(sr, null)],
  ["decode + verify sr25519, wasm (@polkadot-labs/schnorrkel-wasm)", measure(sr, sr25519VerifyLabs)],
  ["decode + verify sr25519, wasm (@polkadot/wasm-crypto)", measure(sr, sr25519VerifyWasm)],
  ["decode + verify sr25519, JS (@scure/sr25519)", measure(sr.slice(0, 100), sr25519VerifyJs, 3)],
  ["decode + verify sr25519, util-crypto signatureVerify", measure(sr.slice(0, 100), utilVerify, 3)],
  ["decode + verify ed25519, wasm", measure(ed, ed25519Verify)],
];
for (const [name, rate] of rows)
  console.log(`${name.padEnd(64)} ${Math.round(rate).toLocaleString("en").padStart(9)} tx/s`);
console.log(
  `sr25519 @polkadot-labs / @polkadot/wasm-crypto: ${(rows[1][1] / rows[2][1]).toFixed(2)}×; ` +
    `@polkadot/wasm-crypto / JS: ${(rows[2][1] / rows[3][1]).toFixed(1)}×`,
);
