// Node throughput on one core: signed transfers accepted by the pool (decode, signature, nonce, fee) and
// included in blocks (execution, fees, commit), in process and over WebSocket; and cold start to the first block.
// Run with `npm run bench -- node.bench`; bounded ((3 × ROUNDS + 1) × 1,800 transactions, about 20 s with ROUNDS=3).

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cryptoIsWasm } from "@opentao/primitives";
import { builtInChainSpec, type Signer, signExtrinsic } from "@opentao/runtime";
import { DEV_PHRASE } from "@polkadot/keyring";
import {
  cryptoWaitReady,
  keyExtractSuri,
  keyFromPath,
  mnemonicToMiniSecret,
  sr25519PairFromSeed,
} from "@polkadot/util-crypto";
import { sr25519Sign } from "@polkadot/wasm-crypto";
import { pino } from "pino";
import { WebSocket } from "ws";
import { Node } from "./node.ts";

const processStart = performance.timeOrigin;
const SENDERS = ["//Alice", "//Bob", "//Charlie", "//Dave", "//Eve", "//Ferdie"];
const PER_SENDER = Number(process.env.PER_SENDER ?? 300);
/** Each measurement is repeated; the median and the best round are shown (the machine is shared). */
const ROUNDS = Number(process.env.ROUNDS ?? 3);

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

/** A dev key (`//Alice` …) signing through wasm: the keyring's pairs sign in JS, which made setup the slow part. */
function devSigner(uri: string): Signer {
  const { path } = keyExtractSuri(`${DEV_PHRASE}${uri}`);
  const pair = keyFromPath(sr25519PairFromSeed(mnemonicToMiniSecret(DEV_PHRASE)), path, "sr25519");
  return {
    type: "sr25519",
    publicKey: pair.publicKey,
    sign: (message) => sr25519Sign(pair.publicKey, pair.secretKey, message),
  };
}

const signers = SENDERS.map(devSigner);
const dest = devSigner("//Bench").publicKey;
const genesisHash = node.producer.genesisHash;
let nextNonce = 0;

function signBatch(): Uint8Array[] {
  const out: Uint8Array[] = [];
  const start = nextNonce;
  nextNonce += PER_SENDER;
  for (let n = start; n < start + PER_SENDER; n++)
    for (const signer of signers)
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

/** Seal until the pool is empty; the number included. */
function sealAll(): number {
  let included = 0;
  while (node.pool.size > 0) included += node.sealBlock().included.length;
  return included;
}

interface Round {
  n: number;
  included: number;
  acceptMs: number;
  sealMs: number;
}

// In process: submit all (pool validation incl. sr25519 verification), then seal until the pool is empty.
function inProcess(): Round {
  const txs = signBatch();
  const a = performance.now();
  for (const x of txs) node.submit(x);
  const acceptMs = performance.now() - a;
  const b = performance.now();
  const included = sealAll();
  return { n: txs.length, included, acceptMs, sealMs: performance.now() - b };
}

// Over WebSocket: author_submitExtrinsic pipelined on one connection, then the blocks.
async function overWebSocket(): Promise<Round> {
  const txs = signBatch();
  const ws = new WebSocket(`ws://127.0.0.1:${node.port}`);
  await new Promise((r) => ws.once("open", r));
  const a = performance.now();
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
  const acceptMs = performance.now() - a;
  const b = performance.now();
  const included = sealAll();
  const sealMs = performance.now() - b;
  ws.close();
  if (errors > 0) throw new Error(`${errors} of ${txs.length} submissions failed`);
  return { n: txs.length, included, acceptMs, sealMs };
}

/**
 * The same submissions from a client in another process, so the node's thread does only the node's work (the
 * in-process client above parses every reply on the node's thread). The client times its own burst.
 */
const CLIENT = `
import { readFileSync } from "node:fs";
import { WebSocket } from "ws";
const [url, file] = process.argv.slice(1);
const lines = readFileSync(file, "utf8").split("\\n").filter(Boolean);
const ws = new WebSocket(url);
await new Promise((r) => ws.once("open", r));
let replies = 0, errors = 0;
const t = performance.now();
const done = new Promise((resolve) => ws.on("message", (m) => {
  if (JSON.parse(String(m)).error) errors++;
  if (++replies === lines.length) resolve();
}));
lines.forEach((x, id) => ws.send(\`{"jsonrpc":"2.0","id":\${id},"method":"author_submitExtrinsic","params":["\${x}"]}\`));
await done;
console.log(JSON.stringify({ ms: performance.now() - t, errors }));
ws.close();
`;
const scratch = mkdtempSync(join(tmpdir(), "node-bench-"));

async function fromAnotherProcess(): Promise<Round> {
  const txs = signBatch();
  const file = join(scratch, "txs");
  writeFileSync(file, txs.map((x) => `0x${Buffer.from(x).toString("hex")}`).join("\n"));
  const child = spawn(
    process.execPath,
    ["--input-type=module", "-e", CLIENT, `ws://127.0.0.1:${node.port}`, file],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  await new Promise((r) => child.once("exit", r));
  const { ms, errors } = JSON.parse(out) as { ms: number; errors: number };
  if (errors > 0) throw new Error(`${errors} of ${txs.length} submissions failed`);
  const b = performance.now();
  const included = sealAll();
  return { n: txs.length, included, acceptMs: ms, sealMs: performance.now() - b };
}

const rate = (n: number, ms: number) => (n / ms) * 1000;
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];

function report(label: string, rounds: Round[]): void {
  for (const r of rounds)
    if (r.included !== r.n) throw new Error(`${label}: ${r.included} of ${r.n} included`);
  const accepted = rounds.map((r) => rate(r.n, r.acceptMs));
  const included = rounds.map((r) => rate(r.included, r.sealMs));
  const e2e = rounds.map((r) => rate(r.included, r.acceptMs + r.sealMs));
  const f = (xs: number[]) =>
    `${Math.round(median(xs)).toLocaleString("en")}/s (best ${Math.round(Math.max(...xs)).toLocaleString("en")})`;
  const us = (xs: number[]) => (1e6 / median(xs)).toFixed(0);
  console.log(
    `${label}: ${rounds[0].n} transfers × ${rounds.length} rounds, median — accepted ${f(accepted)}, ` +
      `included ${f(included)}, end to end ${f(e2e)}; per transaction ${us(accepted)} µs accept + ${us(included)} µs include`,
  );
}

// One round unmeasured first: the figures are for a warmed-up node (JIT, caches), as a running one is.
inProcess();
const local: Round[] = [];
for (let i = 0; i < ROUNDS; i++) local.push(inProcess());
report("in process", local);
const remote: Round[] = [];
for (let i = 0; i < ROUNDS; i++) remote.push(await overWebSocket());
report("over WebSocket", remote);
const apart: Round[] = [];
for (let i = 0; i < ROUNDS; i++) apart.push(await fromAnotherProcess());
report("over WebSocket, client in another process", apart);
rmSync(scratch, { recursive: true, force: true });
await node.stop();
