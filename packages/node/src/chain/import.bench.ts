// Follower import speed: blocks of 50 signed transfers produced on one store, then re-executed and committed
// by a second (the follower's work per block, without the network). Run with `npm run bench -- import`.

import { builtInChainSpec, signExtrinsic } from "@opentao/runtime";
import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { BlockStore } from "../store/index.ts";
import { BlockProducer } from "./producer.ts";

await cryptoWaitReady();
const spec = builtInChainSpec("dev");
const keyring = new Keyring({ type: "sr25519" });
const senders = ["//Alice", "//Bob", "//Charlie", "//Dave", "//Eve"].map((u) => keyring.addFromUri(u));
const dest = keyring.addFromUri("//Ferdie").publicKey;
const BLOCKS = 40;
const PER_BLOCK = 50;

const a = await BlockStore.open({ tmp: true });
const b = await BlockStore.open({ tmp: true });
const authority = BlockProducer.init(a, spec, spec.genesis.sudo ?? undefined);
const follower = BlockProducer.init(b, spec, spec.genesis.sudo ?? undefined);
const nonces = senders.map(() => 0);
let now = 1_700_000_000_000n;
for (let n = 0; n < BLOCKS; n++) {
  const txs = Array.from({ length: PER_BLOCK }, (_, i) => {
    const k = i % senders.length;
    return signExtrinsic({
      signer: senders[k],
      nonce: nonces[k]++,
      genesisHash: authority.genesisHash,
      call: {
        type: "Balances",
        value: {
          type: "transfer_keep_alive",
          value: { dest: { type: "Id", value: dest }, value: 1_000_000_000n },
        },
      },
    });
  });
  now += 12_000n;
  authority.produceBlock(now, txs);
}
const t = performance.now();
for (let n = 1; n <= BLOCKS; n++) {
  const hash = a.hashAt(n) as `0x${string}`;
  follower.importBlock(a.header(hash) as Uint8Array, a.body(hash) as Uint8Array[]);
}
const ms = performance.now() - t;
console.log(
  `follower import: ${BLOCKS} blocks × ${PER_BLOCK} transfers in ${ms.toFixed(0)} ms — ${((BLOCKS * 1000) / ms).toFixed(1)} blocks/s, ${((BLOCKS * PER_BLOCK * 1000) / ms).toFixed(0)} tx/s (signatures re-verified)`,
);
await a.close();
await b.close();
