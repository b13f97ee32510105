import assert from "node:assert/strict";
import { test } from "node:test";
import { u8aConcat } from "@polkadot/util";
import { encodeAs, finneyRegistry } from "./fixtures/finney.ts";
import { type EventRecordLike, extrinsicOutcome } from "./outcome.ts";

const { registry, metadata, decorated } = finneyRegistry();
const pallets = metadata.asLatest.pallets;
const palletIndex = (name: string) => pallets.find((p) => p.name.toString() === name)!.index.toNumber();

// biome-ignore lint/suspicious/noExplicitAny: decorated metadata is untyped here.
const events = decorated.events as any;
/** One event's bytes: pallet index, variant index, then each field encoded with finney's type for it. */
function eventBytes(pallet: string, name: string, values: unknown[]): Uint8Array {
  const meta = events[pallet.charAt(0).toLowerCase() + pallet.slice(1)][name].meta;
  const fields = meta.fields.map((f: { type: { toNumber(): number } }, i: number) =>
    encodeAs(registry, `Lookup${f.type.toNumber()}`, values[i]),
  );
  return u8aConcat(Uint8Array.of(palletIndex(pallet), meta.index.toNumber()), ...fields);
}
/** A Vec<EventRecord> as finney stores it in System.Events, decoded by @polkadot/types. */
function records(list: { extrinsic: number | null; bytes: Uint8Array }[]): EventRecordLike[] {
  const phase = (x: number | null) =>
    x === null ? Uint8Array.of(1) : u8aConcat(Uint8Array.of(0), encodeAs(registry, "u32", x));
  const body = list.map((e) => u8aConcat(phase(e.extrinsic), e.bytes, Uint8Array.of(0)));
  const storageType = decorated.query.system.events.meta.type.asPlain.toNumber();
  const vec = u8aConcat(encodeAs(registry, "Compact<u32>", list.length), ...body);
  return registry.createType(`Lookup${storageType}`, vec) as unknown as EventRecordLike[];
}

const ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const BOB = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
const info = { weight: { refTime: 1000, proofSize: 0 }, class: "Normal", paysFee: "Yes" };

test("success: only this extrinsic's events, fee and tip from TransactionFeePaid", () => {
  const recs = records([
    { extrinsic: 0, bytes: eventBytes("System", "ExtrinsicSuccess", [info]) },
    { extrinsic: 1, bytes: eventBytes("Balances", "Transfer", [ALICE, BOB, 5_000_000_000n]) },
    { extrinsic: 1, bytes: eventBytes("TransactionPayment", "TransactionFeePaid", [ALICE, 125_000n, 7n]) },
    { extrinsic: 1, bytes: eventBytes("System", "ExtrinsicSuccess", [info]) },
    { extrinsic: null, bytes: eventBytes("System", "ExtrinsicSuccess", [info]) },
  ]);
  const o = extrinsicOutcome(registry, recs, 1);
  assert.equal(o.success, true);
  assert.equal(o.error, undefined);
  assert.equal(o.fee, 125_000n);
  assert.equal(o.tip, 7n);
  assert.deepEqual(
    o.events.map((e) => `${e.pallet}.${e.name}`),
    ["Balances.Transfer", "TransactionPayment.TransactionFeePaid", "System.ExtrinsicSuccess"],
  );
  assert.deepEqual(o.events[0]!.data, [ALICE, BOB, 5_000_000_000]);
});

test("module error: pallet, name and docs resolved from the metadata", () => {
  // Balances.InsufficientBalance is variant 2 of the Balances error enum in finney's metadata.
  const bal = palletIndex("Balances");
  const err = { Module: { index: bal, error: "0x02000000" } };
  const recs = records([
    { extrinsic: 2, bytes: eventBytes("TransactionPayment", "TransactionFeePaid", [ALICE, 99n, 0n]) },
    { extrinsic: 2, bytes: eventBytes("System", "ExtrinsicFailed", [err, info]) },
  ]);
  const o = extrinsicOutcome(registry, recs, 2);
  assert.equal(o.success, false);
  assert.equal(o.error?.pallet, "Balances");
  assert.equal(o.error?.name, "InsufficientBalance");
  assert.match(o.error!.docs, /[Bb]alance/);
  assert.equal(o.fee, 99n);
  // Another index sees nothing of it.
  assert.deepEqual(extrinsicOutcome(registry, recs, 0), { success: false, events: [] });
});

test("SubtensorModule errors by name; non-module errors by kind and variant", () => {
  const st = palletIndex("SubtensorModule");
  const stErrors = Object.keys(decorated.errors.subtensorModule);
  const i = stErrors.indexOf("HotKeyNotRegisteredInNetwork");
  assert.ok(i >= 0);
  const mod = records([
    {
      extrinsic: 0,
      bytes: eventBytes("System", "ExtrinsicFailed", [{ Module: { index: st, error: [i, 0, 0, 0] } }, info]),
    },
  ]);
  assert.equal(extrinsicOutcome(registry, mod, 0).error?.name, "HotKeyNotRegisteredInNetwork");
  assert.equal(extrinsicOutcome(registry, mod, 0).error?.pallet, "SubtensorModule");
  const token = records([
    { extrinsic: 0, bytes: eventBytes("System", "ExtrinsicFailed", [{ Token: "FundsUnavailable" }, info]) },
  ]);
  assert.deepEqual(extrinsicOutcome(registry, token, 0).error, {
    pallet: "Token",
    name: "FundsUnavailable",
    docs: "",
  });
  const origin = records([
    { extrinsic: 0, bytes: eventBytes("System", "ExtrinsicFailed", ["BadOrigin", info]) },
  ]);
  assert.deepEqual(extrinsicOutcome(registry, origin, 0).error, {
    pallet: "BadOrigin",
    name: "BadOrigin",
    docs: "",
  });
});
