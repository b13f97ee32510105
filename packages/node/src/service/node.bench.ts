// Node throughput on one core: signed transfers accepted by the pool (decode, signature, nonce, fee) and
// included in blocks (execution, fees, commit), in process and over WebSocket; and cold start to the first block.
// Run with `npm run bench -- node.bench`; bounded (a few thousand transactions, well under a minute).

import { cryptoIsWasm } from "@opentao/primitives";
import { builtInChainSpec, signExtrinsic } from "@opentao/runtime";
import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { pino } from "pino";
import { WebSocket } from "ws";
import { Node } from "./node.ts";

const processStart = performance.timeOrigin;
const SENDERS = ["//Alice", "//Bob", "//Charlie", "//Dave", "//Eve", "//Ferdie"];
const PER_SENDER = Number(process.env.PER_SENDER ?? 300);

await cryptoWaitReady();
const spec = builtInChainSpec("dev");
const logger = pino({ level: "silent" });

// Cold start: Node.start (store, genesis, RPC listen) to the first sealed block.
const t0 = performance.now();
const node = await Node.start({ spec, tmp: true, port: 0, sealing: "manual", logger });
node.sealBlock();
const coldMs = performance.now() - t0;
const sinceProcess = Date.now() - processStart;
console.log(`sr25519 verification through wasm: ${cryptoIsWasm()}`);
console.log(
  `cold start: Node.start → first block ${coldMs.toFixed(0)} ms (${sinceProcess} ms since process start, module loading included)`,
);

const keyring = new Keyring({ type: "sr25519" });
const pairs = SENDERS.map((s) => keyring.addFromUri(s));
const dest = keyring.addFromUri("//Bench").publicKey;
const genesisHash = node.producer.genesisHash;

function signBatch(startNonce: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let n = startNonce; n < startNonce + PER_SENDER; n++)
    for (const signer of pairs)
      out.push(
        signExtrinsic({
          signer,
          nonce: n,
          genesisHash,
          call: {
            type: "Balances",
            value: {
              type: "transfer_allow_death",
              value: { dest: { type: "Id", value: dest }, value: 1_000_000_000n + BigInt(n) },
            },
          },
        }),
      );
  return out;
}

/** CPU milliseconds (user + system) this process used since `from`: on a shared machine, the one-core cost. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};
const perSecond = (n: number, ms: number) => ((n / ms) * 1000).toFixed(0);

// In process: submit all (pool validation incl. sr25519 verification), then seal until the pool is empty.
{
  const txs = signBatch(0);
  const a = performance.now();
  const ca = process.cpuUsage();
  for (const x of txs) node.submit(x);
  const accepted = performance.now() - a;
  const acceptedCpu = cpuMs(ca);
  const b = performance.now();
  const cb = process.cpuUsage();
  let blocks = 0;
  let included = 0;
  while (node.pool.size > 0) {
    included += node.sealBlock().included.length;
    blocks++;
  }
  const sealed = performance.now() - b;
  const sealedCpu = cpuMs(cb);
  const n = txs.length;
  console.log(
    `in process: ${n} transfers accepted in ${accepted.toFixed(0)} ms (${perSecond(n, accepted)}/s), ` +
      `${included} included in ${blocks} blocks in ${sealed.toFixed(0)} ms (${perSecond(included, sealed)}/s); ` +
      `end to end ${perSecond(n, accepted + sealed)}/s\n` +
      `  per CPU-second: accepted ${perSecond(n, acceptedCpu)}/s, included ${perSecond(included, sealedCpu)}/s, ` +
      `end to end ${perSecond(n, acceptedCpu + sealedCpu)}/s`,
  );
}

// Over WebSocket: author_submitExtrinsic pipelined on one connection, then the blocks.
{
  const txs = signBatch(PER_SENDER);
  const ws = new WebSocket(`ws://127.0.0.1:${node.port}`);
  await new Promise((r) => ws.once("open", r));
  const a = performance.now();
  const ca = process.cpuUsage();
  let replies = 0;
  let errors = 0;
  const done = new Promise<void>((resolve) =>
    ws.on("message", (m) => {
      if (JSON.parse(String(m)).error) errors++;
      if (++replies === txs.length) resolve();
    }),
  );
  let id = 0;
  for (const x of txs)
    ws.send(
      `{"jsonrpc":"2.0","id":${id++},"method":"author_submitExtrinsic","params":["0x${Buffer.from(x).toString("hex")}"]}`,
    );
  await done;
  const accepted = performance.now() - a;
  const acceptedCpu = cpuMs(ca);
  const b = performance.now();
  const cb = process.cpuUsage();
  let included = 0;
  while (node.pool.size > 0) included += node.sealBlock().included.length;
  const sealed = performance.now() - b;
  const sealedCpu = cpuMs(cb);
  ws.close();
  console.log(
    `over WebSocket: ${txs.length - errors} of ${txs.length} accepted in ${accepted.toFixed(0)} ms (${perSecond(txs.length, accepted)}/s), ` +
      `${included} included in ${sealed.toFixed(0)} ms; end to end ${perSecond(included, accepted + sealed)}/s\n` +
      `  per CPU-second (the client's JSON and socket work in this process included): accepted ${perSecond(txs.length, acceptedCpu)}/s, ` +
      `end to end ${perSecond(included, acceptedCpu + sealedCpu)}/s`,
  );
}
await node.stop();
