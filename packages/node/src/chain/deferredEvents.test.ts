// The block builder's deferred events (Executive.deferEvents) against the plain path: the same calls, with
// fees, failures, batches that stop early and sudo'd calls, must leave the very same System.Events and state.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  balancesStorage,
  Executive,
  MemoryState,
  type RuntimeCallValue,
  sudoStorage,
  systemEvents,
  systemStorage,
} from "@opentao/runtime";

const acct = (n: number) => new Uint8Array(32).fill(n);
const TAO = 1_000_000_000n;
const transfer = (dest: Uint8Array, value: bigint): RuntimeCallValue => ({
  type: "Balances",
  value: { type: "transfer_keep_alive", value: { dest: { type: "Id", value: dest }, value } },
});

function run(defer: boolean) {
  const s = new MemoryState();
  for (const who of [1, 2]) {
    const a = systemStorage.Account.get(s, acct(who));
    systemStorage.Account.set(s, acct(who), { ...a, providers: 1, data: { ...a.data, free: 100n * TAO } });
    balancesStorage.TotalIssuance.mutate(s, (t) => t + 100n * TAO);
  }
  sudoStorage.Key.set(s, acct(1));
  const ex = new Executive();
  ex.deferEvents = defer;
  ex.initializeBlock(s, { number: 1, parentHash: new Uint8Array(32).fill(9), author: acct(7) });
  const calls: RuntimeCallValue[] = [
    transfer(acct(3), 5n * TAO),
    transfer(acct(3), 1_000n * TAO), // fails: its Transfer event must vanish, the fee events stay
    {
      type: "Utility",
      value: {
        type: "batch",
        value: { calls: [transfer(acct(4), TAO), transfer(acct(4), 1_000n * TAO), transfer(acct(4), TAO)] },
      },
    },
    {
      type: "Utility",
      value: {
        type: "batch_all",
        value: { calls: [transfer(acct(5), TAO), transfer(acct(5), 1_000n * TAO)] },
      },
    },
    { type: "Sudo", value: { type: "sudo", value: { call: transfer(acct(6), TAO) } } },
  ];
  calls.forEach((call, i) => {
    ex.applyCall(s, i + 1, { kind: "signed", who: acct(1 + (i % 2)) }, call, {
      fee: 1000n + BigInt(i),
      tip: 7n,
    });
  });
  // Mid-block, the deferred path has written nothing yet.
  const midBlock = systemEvents.get(s).length;
  ex.finalizeBlock(s, calls.length + 1);
  return { s, midBlock };
}

test("deferred events equal the plain path's, failed layers' events dropped, written once at finalize", () => {
  const plain = run(false);
  const deferred = run(true);
  assert.equal(deferred.midBlock, 0);
  assert.ok(plain.midBlock > 10);
  const names = (s: MemoryState) =>
    systemEvents
      .get(s)
      .map(
        (r: { event: { type: string; value: { type: string } } }) => `${r.event.type}.${r.event.value.type}`,
      );
  assert.deepEqual(names(deferred.s), names(plain.s));
  assert.deepEqual(systemEvents.get(deferred.s), systemEvents.get(plain.s));
  assert.equal(systemStorage.EventCount.get(deferred.s), systemEvents.get(plain.s).length);
  assert.deepEqual([...deferred.s.entries()], [...plain.s.entries()]);
  // The failing transfer left only its fee events and ExtrinsicFailed; the sudo'd call paid no fee.
  assert.ok(names(plain.s).includes("System.ExtrinsicFailed"));
  assert.ok(names(plain.s).includes("Utility.BatchInterrupted"));
  assert.ok(names(plain.s).includes("Sudo.Sudid"));
});
