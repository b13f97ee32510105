// The pool's queues without a chain: future→ready promotion when a nonce gap closes, block order by priority
// and nonce, replacement and its 1014, duplicates (1013), bans (1012), limits (1016), and re-validation after a block.

import assert from "node:assert/strict";
import { test } from "node:test";
import { dispatchInfoOf, MemoryState, systemStorage } from "@opentao/runtime";
import fc from "fast-check";
import { RpcError } from "../rpc/index.ts";
import { TransactionPool, type TxStatus } from "./pool.ts";
import type { Validity, ValidTransaction } from "./validate.ts";

const info = dispatchInfoOf({
  type: "System",
  value: { type: "remark", value: { remark: new Uint8Array() } },
});
let counter = 0;

function account(n: number): Uint8Array {
  return new Uint8Array(32).fill(n);
}

/** A valid transaction as validation would describe it; `bytes` are unique per call. */
function tx(
  who: number,
  nonce: number,
  accountNonce: number,
  opts: { priority?: bigint; fee?: bigint; death?: number } = {},
): Validity {
  const bytes = Uint8Array.of(counter & 0xff, (counter >> 8) & 0xff, who, nonce);
  counter++;
  const signer = account(who);
  const t: ValidTransaction = {
    xt: { signer } as ValidTransaction["xt"],
    bytes,
    hash: `0x${Buffer.from(bytes).toString("hex")}`,
    sender: `0x${Buffer.from(signer).toString("hex")}`,
    nonce,
    accountNonce,
    info,
    fee: opts.fee ?? 1000n,
    tip: 0n,
    priority: opts.priority ?? 10n,
    death: opts.death ?? Number.POSITIVE_INFINITY,
  };
  return { ok: true, tx: t };
}

function stateWith(accounts: Array<[number, number, bigint]>): MemoryState {
  const s = new MemoryState();
  for (const [who, nonce, free] of accounts) {
    const a = systemStorage.Account.get(s, account(who));
    systemStorage.Account.set(s, account(who), { ...a, nonce, providers: 1, data: { ...a.data, free } });
  }
  return s;
}

const rpcCode = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof RpcError);
    return e.code;
  }
  assert.fail("expected an RpcError");
};

test("a nonce gap keeps later transactions future; filling it promotes them, with a 'ready' status", () => {
  const pool = new TransactionPool();
  const t2 = tx(1, 2, 0);
  const t1 = tx(1, 1, 0);
  assert.equal(pool.submit(t2).status, "future");
  assert.equal(pool.submit(t1).status, "future");
  const seen: TxStatus[] = [];
  pool.watch((t2 as { tx: ValidTransaction }).tx.hash, (s) => seen.push(s));
  assert.equal(pool.readyCount, 0);
  assert.equal(pool.nextNonce((t1 as { tx: ValidTransaction }).tx.sender, 0), 0);
  assert.equal(pool.submit(tx(1, 0, 0)).status, "ready");
  assert.equal(pool.readyCount, 3);
  assert.equal(pool.futureCount, 0);
  assert.deepEqual(seen, ["ready"]);
  assert.deepEqual(
    pool.ready().map((t) => t.nonce),
    [0, 1, 2],
  );
  assert.equal(pool.nextNonce((t1 as { tx: ValidTransaction }).tx.sender, 0), 3);
});

test("property: in any submission order, exactly the nonces chained from the account's are ready, each announced once", () => {
  fc.assert(
    fc.property(
      fc.nat(3),
      fc.uniqueArray(fc.nat(12), { minLength: 1, maxLength: 12 }),
      (accountNonce, offsets) => {
        const pool = new TransactionPool();
        const readyAnnounced = new Map<number, number>();
        const submitted = new Set<number>();
        const arrivedReady = new Set<number>();
        let chain = accountNonce;
        for (const off of offsets) {
          const nonce = accountNonce + off;
          const v = tx(1, nonce, accountNonce) as { ok: true; tx: ValidTransaction };
          pool.watch(v.tx.hash, (st) => {
            if (st === "ready") readyAnnounced.set(nonce, (readyAnnounced.get(nonce) ?? 0) + 1);
          });
          const { status } = pool.submit(v);
          submitted.add(nonce);
          if (status === "ready") arrivedReady.add(nonce);
          chain = accountNonce;
          while (submitted.has(chain)) chain++;
          assert.equal(status, nonce < chain ? "ready" : "future");
          assert.equal(pool.readyCount, chain - accountNonce);
          assert.equal(pool.futureCount, submitted.size - (chain - accountNonce));
          assert.deepEqual(
            pool.ready().map((t) => t.nonce),
            Array.from({ length: chain - accountNonce }, (_, i) => accountNonce + i),
          );
        }
        // A transaction promoted later is announced 'ready' once; one ready on arrival is not announced.
        for (let n = accountNonce; n < chain; n++)
          assert.equal(readyAnnounced.get(n) ?? 0, arrivedReady.has(n) ? 0 : 1, `nonce ${n}`);
        for (const n of readyAnnounced.keys()) assert.ok(n < chain);
      },
    ),
    { numRuns: 200 },
  );
});

test("block order: higher priority first, each sender in nonce order even when a later nonce has more priority", () => {
  const pool = new TransactionPool();
  pool.submit(tx(1, 0, 0, { priority: 5n }));
  pool.submit(tx(1, 1, 0, { priority: 100n }));
  pool.submit(tx(2, 0, 0, { priority: 50n }));
  const order = pool.ready().map((t) => `${t.xt.signer[0]}:${t.nonce}`);
  assert.deepEqual(order, ["2:0", "1:0", "1:1"]);
  assert.deepEqual(
    pool.ready(2).map((t) => `${t.xt.signer[0]}:${t.nonce}`),
    ["2:0", "1:0"],
  );
});

test("replacement needs a higher priority (1014 otherwise); the replaced one is usurped and banned", () => {
  const pool = new TransactionPool();
  const old = tx(1, 0, 0, { priority: 10n });
  pool.submit(old);
  const seen: TxStatus[] = [];
  const oldHash = (old as { tx: ValidTransaction }).tx.hash;
  pool.watch(oldHash, (s) => seen.push(s));
  assert.equal(
    rpcCode(() => pool.submit(tx(1, 0, 0, { priority: 10n }))),
    1014,
  );
  const better = tx(1, 0, 0, { priority: 11n });
  pool.submit(better);
  assert.deepEqual(seen, [{ usurped: (better as { tx: ValidTransaction }).tx.hash }]);
  assert.equal(pool.size, 1);
  assert.equal(pool.has(oldHash), false);
  // Re-submitting the usurped transaction is refused for a while.
  assert.equal(
    rpcCode(() => pool.submit(old)),
    1012,
  );
  // The same transaction twice: already imported.
  assert.equal(
    rpcCode(() => pool.submit(better)),
    1013,
  );
});

test("bans expire", () => {
  let now = 0;
  const pool = new TransactionPool({ banMs: 1000, clock: () => now });
  const old = tx(1, 0, 0, { priority: 1n });
  pool.submit(old);
  pool.submit(tx(1, 0, 0, { priority: 2n }));
  assert.equal(
    rpcCode(() => pool.submit(old)),
    1012,
  );
  now = 1001;
  // No longer banned: now it is just too low a priority against the one holding nonce 0.
  assert.equal(
    rpcCode(() => pool.submit(old)),
    1014,
  );
});

test("limits: total count and the future queue answer 1016", () => {
  const pool = new TransactionPool({ maxCount: 3, maxFuture: 1 });
  pool.submit(tx(1, 5, 0));
  assert.equal(
    rpcCode(() => pool.submit(tx(2, 5, 0))),
    1016,
  );
  pool.submit(tx(3, 0, 0));
  pool.submit(tx(4, 0, 0));
  assert.equal(
    rpcCode(() => pool.submit(tx(5, 0, 0))),
    1016,
  );
  assert.equal(pool.size, 3);
});

test("an invalid validity is the submitter's error, nothing pooled", () => {
  const pool = new TransactionPool();
  assert.equal(
    rpcCode(() => pool.submit({ ok: false, kind: "Invalid", reason: "BadProof", detail: "x" })),
    1010,
  );
  assert.equal(
    rpcCode(() => pool.submit({ ok: false, kind: "Malformed", reason: "Malformed", detail: "x" })),
    1001,
  );
  assert.equal(
    rpcCode(() => pool.submit({ ok: false, kind: "Unknown", reason: "CannotLookup", detail: "x" })),
    1011,
  );
  assert.equal(pool.size, 0);
});

test("after a block: included ones get inBlock then finalized; stale, expired and unpayable ones are invalid", () => {
  const pool = new TransactionPool();
  const a0 = tx(1, 0, 0);
  const a1 = tx(1, 1, 0);
  const b0 = tx(2, 0, 0); // will be made stale by another transaction with nonce 0
  const c0 = tx(3, 0, 0, { death: 5 }); // expires at block 5
  const d0 = tx(4, 0, 0, { fee: 10_000n }); // its payer will be drained
  const d1 = tx(4, 1, 0);
  for (const t of [a0, a1, b0, c0, d0, d1]) pool.submit(t);
  const hash = (v: Validity) => (v as { tx: ValidTransaction }).tx.hash;
  const statuses = new Map<string, TxStatus[]>();
  for (const t of [a0, a1, b0, c0, d0, d1]) {
    const list: TxStatus[] = [];
    statuses.set(hash(t), list);
    pool.watch(hash(t), (s) => list.push(s));
  }
  const state = stateWith([
    [1, 1, 1_000_000n],
    [2, 1, 1_000_000n],
    [3, 0, 1_000_000n],
    [4, 0, 100n],
  ]);
  pool.onBlock("0xb1", [hash(a0)], state, 5);
  assert.deepEqual(statuses.get(hash(a0)), [{ inBlock: "0xb1" }, { finalized: "0xb1" }]);
  assert.deepEqual(statuses.get(hash(a1)), [], "a1 stays ready, no status change");
  assert.deepEqual(statuses.get(hash(b0)), ["invalid"]);
  assert.deepEqual(statuses.get(hash(c0)), ["invalid"]);
  assert.deepEqual(statuses.get(hash(d0)), ["invalid"]);
  assert.deepEqual(statuses.get(hash(d1)), ["future"], "its predecessor left: back to future");
  assert.deepEqual(
    pool.ready().map((t) => `${t.xt.signer[0]}:${t.nonce}`),
    ["1:1"],
  );
  assert.equal(pool.size, 2);
});
