// Transactions through the pool with @polkadot/api as a user sends them (instant sealing): signAndSend to
// inBlock and finalized, the fee (paymentInfo, TransactionFeePaid, balance deltas, the author's share), and
// each way a submission is refused (1001/1010/1011/1012/1013, garbage, oversize) with nothing written.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { encodeExtrinsic, mortalEra, signExtrinsic } from "@opentao/runtime";
import type { ApiPromise, WsProvider } from "@polkadot/api";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { _void, compact, Option, Struct, u64, Variant } from "@polkadot-api/substrate-bindings";
import WebSocket from "ws";
import type { Node } from "./node.ts";
import { connectPjs, type PjsClient, startDevNode } from "./testNode.ts";

let node: Node;
let api: ApiPromise;
let provider: WsProvider;
const _clock = 1_700_000_000_000n;
const TAO = 1_000_000_000n;
let alice: KeyringPair;
let bob: KeyringPair;
let charlie: KeyringPair;
let dave: KeyringPair;

let client: PjsClient;

before(async () => {
  node = await startDevNode("instant");
  client = await connectPjs(node);
  ({ api, provider } = client);
  const keyring = new Keyring({ type: "sr25519" });
  alice = keyring.addFromUri("//Alice");
  bob = keyring.addFromUri("//Bob");
  charlie = keyring.addFromUri("//Charlie");
  dave = keyring.addFromUri("//Dave");
});

after(async () => {
  await client?.close();
  await node?.stop();
});

type AccountCodec = { data: { free: { toBigInt(): bigint } } };
const free = async (who: string): Promise<bigint> =>
  ((await api.query.system.account(who)) as unknown as AccountCodec).data.free.toBigInt();

/** A raw JSON-RPC call whose error is returned, not thrown. */
async function raw(method: string, params: unknown[]) {
  const res = await fetch(`http://127.0.0.1:${node.port}/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return (await res.json()) as { result?: unknown; error?: { code: number; message: string; data?: string } };
}

const FeeDetails = Struct({
  inclusion_fee: Option(Struct({ base_fee: u64, len_fee: u64, adjusted_weight_fee: u64 })),
  tip: u64,
});
const DispatchInfo = Struct({
  weight: Struct({ ref_time: compact, proof_size: compact }),
  class: Variant({ Normal: _void, Operational: _void, Mandatory: _void }),
  partial_fee: u64,
});

/** One request over a fresh WebSocket (subscriptions are WebSocket-only); its reply. */
async function wsCall(method: string, params: unknown[]) {
  const ws = new WebSocket(`ws://127.0.0.1:${node.port}`);
  await new Promise((r) => ws.once("open", r));
  const reply = new Promise<string>((r) => ws.once("message", (m) => r(String(m))));
  ws.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }));
  const msg = JSON.parse(await reply) as { result?: unknown; error?: { code: number; message: string } };
  ws.close();
  return msg;
}

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;
const transferCall = (dest: Uint8Array, value: bigint) => ({
  type: "Balances",
  value: { type: "transfer_keep_alive", value: { dest: { type: "Id", value: dest }, value } },
});

test("signAndSend: ready → inBlock → finalized; the fee is paymentInfo's, paid to the author (//Alice)", async () => {
  const amount = 3n * TAO;
  const tx = api.tx.balances.transferKeepAlive(charlie.address, amount);
  const info = await tx.paymentInfo(bob);
  const partialFee = info.partialFee.toBigInt();
  assert.ok(partialFee > 0n);
  const [bob0, charlie0, alice0] = [
    await free(bob.address),
    await free(charlie.address),
    await free(alice.address),
  ];

  const statuses: string[] = [];
  const { blockHash, events } = await new Promise<{ blockHash: string; events: string[] }>(
    (resolve, reject) => {
      tx.signAndSend(bob, (result) => {
        statuses.push(result.status.type);
        if (result.status.isFinalized)
          resolve({
            blockHash: result.status.asFinalized.toHex(),
            events: result.events.map((e) => `${e.event.section}.${e.event.method}`),
          });
        if (result.isError) reject(new Error(result.status.type));
      }).catch(reject);
    },
  );
  // pjs fetches each status's events with switchMap: with instant finality the InBlock callback is superseded
  // by Finalized before its events arrive (the raw stream's inBlock is checked in the future-nonce test).
  assert.equal(statuses[0], "Ready");
  assert.equal(statuses.at(-1), "Finalized");
  assert.deepEqual(events, [
    "balances.Withdraw",
    "balances.Transfer",
    "balances.Deposit",
    "transactionPayment.TransactionFeePaid",
    "system.ExtrinsicSuccess",
  ]);
  const at = await api.at(blockHash);
  // biome-ignore lint/suspicious/noExplicitAny: event data
  const records: any[] = (await at.query.system.events()) as any;
  const paid = records.find((r) => r.event.section === "transactionPayment").event.data;
  assert.equal(paid.who.toString(), bob.address);
  assert.equal(paid.actualFee.toBigInt(), partialFee);
  assert.equal(paid.tip.toBigInt(), 0n);
  assert.equal(await free(bob.address), bob0 - amount - partialFee);
  assert.equal(await free(charlie.address), charlie0 + amount);
  assert.equal(await free(alice.address), alice0 + partialFee);
  assert.equal((await api.rpc.system.accountNextIndex(bob.address)).toNumber(), 1);
});

test("fee details via state_call and a free (Pays::No) call costs nothing", async () => {
  const tx = api.tx.balances.transferKeepAlive(charlie.address, TAO);
  await tx.signAsync(dave, { nonce: 0 });
  // As the Python SDK calls it: the extrinsic (length prefix included) ‖ u32 length, decoded by the types.
  const args = `${tx.toHex()}${Buffer.from(Uint32Array.of(tx.encodedLength).buffer).toString("hex")}`;
  const details = FeeDetails.dec(
    await api.rpc.state.call("TransactionPaymentApi_query_fee_details", args).then((b) => b.toU8a(true)),
  );
  const inclusion = details.inclusion_fee as NonNullable<typeof details.inclusion_fee>;
  // base fee = ExtrinsicBaseWeight (108 157 000) × 0.0005, rounded half down; 1 RAO per byte.
  assert.equal(inclusion.base_fee, 54_078n);
  assert.equal(inclusion.len_fee, BigInt(tx.encodedLength));
  const info = DispatchInfo.dec(
    await api.rpc.state.call("TransactionPaymentApi_query_info", args).then((b) => b.toU8a(true)),
  );
  assert.equal(info.partial_fee, inclusion.base_fee + inclusion.len_fee + inclusion.adjusted_weight_fee);
  assert.equal((await tx.paymentInfo(dave)).partialFee.toBigInt(), info.partial_fee);
  const serve = api.tx.subtensorModule.servePrometheus(1, 1, 1, 1, 4);
  const serveInfo = await serve.paymentInfo(dave);
  assert.equal(serveInfo.partialFee.toBigInt(), 0n);
});

test("refused submissions: each a clear 1001/1010/1011/1013, nothing written, the node keeps serving", async () => {
  const genesis = api.genesisHash.toU8a();
  const before = (await api.rpc.chain.getHeader()).number.toNumber();
  const nobody = new Keyring({ type: "sr25519" }).addFromUri("//NobodyFunded");
  const sign = (who: KeyringPair, nonce: number, extra: Partial<Parameters<typeof signExtrinsic>[0]> = {}) =>
    hex(
      signExtrinsic({
        signer: who,
        nonce,
        genesisHash: genesis,
        call: transferCall(charlie.publicKey, TAO),
        ...extra,
      }),
    );
  const tampered = signExtrinsic({
    signer: dave,
    nonce: 0,
    genesisHash: genesis,
    call: transferCall(charlie.publicKey, TAO),
  });
  tampered[47] ^= 1;
  const head = await api.rpc.chain.getHeader();
  const cases: Array<[string, string, number, RegExp]> = [
    ["bad signature", hex(tampered), 1010, /bad signature/],
    ["stale nonce", sign(bob, 0), 1010, /outdated/],
    ["wrong genesis", sign(dave, 0, { genesisHash: new Uint8Array(32).fill(7) }), 1010, /bad signature/],
    ["no funds for the fee", sign(nobody, 0), 1010, /Inability to pay some fees/],
    ["malformed SCALE", "0x1234", 1001, /invalid format/],
    [
      "unsigned call from a user",
      hex(
        encodeExtrinsic({
          signed: false,
          version: 4,
          call: { type: "Timestamp", value: { type: "set", value: { now: 1n } } },
        }),
      ),
      1011,
      /unsigned validator/,
    ],
    [
      "expired mortality",
      sign(dave, 0, {
        era: mortalEra(4, head.number.toNumber()),
        checkpointHash: (
          await api.rpc.chain.getBlockHash(head.number.toNumber() - (head.number.toNumber() % 4))
        ).toU8a(),
      }),
      0,
      /./,
    ],
  ];
  // Let the mortal era (period 4) lapse first.
  await provider.send("dev_newBlock", [{ count: 8 }]);
  const mid = (await api.rpc.chain.getHeader()).number.toNumber();
  for (const [name, xt, code, data] of cases) {
    const { error } = await raw("author_submitExtrinsic", [xt]);
    assert.ok(error, `${name}: refused`);
    if (code !== 0) assert.equal(error.code, code, `${name}: code ${error.code} ${error.message}`);
    else assert.equal(error.code, 1010, `${name}: ${error.message}`);
    assert.match(`${error.message} ${error.data ?? ""}`, data, name);
    // Refused the same way through the watch call: an error instead of a subscription id.
    const watched = await wsCall("author_submitAndWatchExtrinsic", [xt]);
    assert.equal(watched.error?.code, error.code, `${name} (watch)`);
  }
  assert.match(String((await raw("author_submitExtrinsic", [cases[4][1]])).error?.message), /invalid format/);
  assert.deepEqual((await raw("author_pendingExtrinsics", [])).result, []);
  assert.equal((await api.rpc.chain.getHeader()).number.toNumber(), mid, "no block came of them");
  assert.equal(mid, before + 8);

  // Already imported: the same bytes twice while the first waits in the pool (future nonce, so unsealed).
  const future = sign(dave, 5);
  assert.equal((await raw("author_submitExtrinsic", [future])).error, undefined);
  assert.equal((await raw("author_submitExtrinsic", [future])).error?.code, 1013);
  assert.equal(((await raw("author_pendingExtrinsics", [])).result as string[]).length, 1);
  // The pool-aware next index does not skip the gap: Dave still needs nonce 0.
  assert.equal((await raw("system_accountNextIndex", [dave.address])).result, 0);
});

test("garbage JSON and a 20 MiB frame get errors; the node keeps serving", async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${node.port}`);
  await new Promise((r) => ws.once("open", r));
  const reply = new Promise<string>((r) => ws.once("message", (m) => r(String(m))));
  ws.send("{not json");
  const parsed = JSON.parse(await reply) as { error: { code: number } };
  assert.equal(parsed.error.code, -32700);
  const big = new Promise<string>((r) => ws.once("message", (m) => r(String(m))));
  const twentyMiB = `0x${"00".repeat(10 * 1024 * 1024)}`;
  ws.send(JSON.stringify({ jsonrpc: "2.0", id: 2, method: "author_submitExtrinsic", params: [twentyMiB] }));
  assert.equal((JSON.parse(await big) as { error: { code: number } }).error.code, -32007);
  ws.terminate();
  assert.equal(((await raw("author_pendingExtrinsics", [])).result as string[]).length, 1);
  assert.ok((await api.rpc.chain.getHeader()).number.toNumber() > 0);
});

test("future nonces wait; filling the gap seals them all (future → ready → inBlock)", async () => {
  const genesis = api.genesisHash.toU8a();
  const statuses: unknown[] = [];
  // Dave's nonce-5 transaction is already pooled; 1..4 are future too, 0 makes them all ready.
  const sub = await new Promise<string>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${node.port}`);
    ws.on("open", () =>
      ws.send(
        JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "author_submitAndWatchExtrinsic",
          params: [
            hex(
              signExtrinsic({
                signer: dave,
                nonce: 1,
                genesisHash: genesis,
                call: transferCall(bob.publicKey, TAO),
              }),
            ),
          ],
        }),
      ),
    );
    ws.on("message", (m) => {
      const msg = JSON.parse(String(m));
      if (msg.id === 1) resolve(msg.result);
      else {
        statuses.push(msg.params.result);
        if (typeof msg.params.result === "object" && "finalized" in msg.params.result) ws.close();
      }
    });
  });
  assert.equal(typeof sub, "string");
  for (const n of [2, 3, 4])
    await raw("author_submitExtrinsic", [
      hex(
        signExtrinsic({
          signer: dave,
          nonce: n,
          genesisHash: genesis,
          call: transferCall(bob.publicKey, TAO),
        }),
      ),
    ]);
  assert.equal((await raw("system_accountNextIndex", [dave.address])).result, 0);
  const dave0 = await free(dave.address);
  await raw("author_submitExtrinsic", [
    hex(
      signExtrinsic({ signer: dave, nonce: 0, genesisHash: genesis, call: transferCall(bob.publicKey, TAO) }),
    ),
  ]);
  for (let i = 0; i < 100 && statuses.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(statuses.slice(0, 2), ["future", "ready"]);
  assert.ok(typeof statuses[2] === "object" && "inBlock" in (statuses[2] as object));
  assert.equal((await api.rpc.system.accountNextIndex(dave.address)).toNumber(), 6);
  assert.ok((await free(dave.address)) < dave0 - 6n * TAO);
  assert.deepEqual((await raw("author_pendingExtrinsics", [])).result, []);
});

test("system_dryRun, dev_setStorage, dev_timeTravel and storage subscriptions", async () => {
  const tx = api.tx.balances.transferKeepAlive(charlie.address, TAO);
  await tx.signAsync(bob, { nonce: 1 });
  const ok = (await raw("system_dryRun", [tx.toHex()])).result;
  assert.equal(ok, "0x0000");
  const stale = api.tx.balances.transferKeepAlive(charlie.address, TAO);
  await stale.signAsync(bob, { nonce: 0 });
  assert.equal((await raw("system_dryRun", [stale.toHex()])).result, "0x010003", "Invalid(Stale)");
  const poor = api.tx.balances.transferKeepAlive(charlie.address, 10_000_000n * TAO);
  await poor.signAsync(bob, { nonce: 1 });
  assert.match(String((await raw("system_dryRun", [poor.toHex()])).result), /^0x0001/, "dispatch error");

  const seen: bigint[] = [];
  const unsub = (await api.query.system.account(charlie.address, (a: unknown) => {
    seen.push((a as AccountCodec).data.free.toBigInt());
  })) as unknown as () => void;
  const key = api.query.system.account.key(charlie.address);
  // AccountInfo: nonce, consumers, providers, sufficients (u32 each), then free (u64 LE) first in the data.
  const raw0 = (await raw("state_getStorage", [key])).result as string;
  const updated = Buffer.from(raw0.slice(2), "hex");
  updated.writeBigUInt64LE(42n * TAO, 16);
  const before = (await api.rpc.chain.getHeader()).number.toNumber();
  const hash = (await raw("dev_setStorage", [[[key, `0x${updated.toString("hex")}`]]])).result;
  assert.equal((await api.rpc.chain.getHeader()).number.toNumber(), before + 1);
  assert.equal((await api.rpc.chain.getHeader()).hash.toHex(), hash);
  assert.equal(await free(charlie.address), 42n * TAO);
  for (let i = 0; i < 50 && !seen.includes(42n * TAO); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(seen.includes(42n * TAO), `storage subscription saw ${seen}`);
  unsub();

  const target = 1_900_000_000_000;
  assert.equal((await raw("dev_timeTravel", [target])).result, target);
  await provider.send("dev_newBlock", [{ count: 1 }]);
  assert.equal((await api.query.timestamp.now()).toString(), String(target));
  assert.equal((await raw("dev_setStorage", [{ System: {} }])).error?.code, -32602);
});
