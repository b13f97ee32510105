// Every typed call of the client against finney's own call declarations: the name exists and the arguments,
// in the order the client passes them, encode with finney's types and decode back to the same values.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Balance } from "../balance/balance.ts";
import { Keypair } from "../keys/keypair.ts";
import { cryptoReady } from "../keys/sr25519.ts";
import { finneyRegistry } from "./fixtures/finney.ts";
import { Subtensor } from "./subtensor.ts";

await cryptoReady();
const { decorated } = finneyRegistry();
const signer = Keypair.fromUri("//Alice");
const hk = Keypair.fromUri("//Hot").ss58Address;
const ck = Keypair.fromUri("//Cold").ss58Address;

interface Captured {
  pallet: string;
  name: string;
  args: readonly unknown[];
}
// The typed methods only go through `call` and `submit`: capture instead of sending.
const client = Object.create(Subtensor.prototype) as Subtensor;
Object.assign(client, {
  call: (pallet: string, name: string, args: readonly unknown[]) => ({ pallet, name, args }),
  submit: async (tx: Captured) => tx,
});
const capture = (p: Promise<unknown>) => p as unknown as Promise<Captured>;
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const cases: [string, () => Promise<unknown>][] = [
  ["Balances.transfer_keep_alive", () => client.transfer(signer, ck, Balance.fromTao(1))],
  ["Balances.transfer_allow_death", () => client.transfer(signer, ck, 5n, { keepAlive: false })],
  ["SubtensorModule.add_stake", () => client.addStake(signer, hk, 1, 10n)],
  [
    "SubtensorModule.add_stake_limit",
    () => client.addStake(signer, hk, 1, 10n, { limitPrice: 99n, allowPartial: true }),
  ],
  ["SubtensorModule.remove_stake", () => client.removeStake(signer, hk, 1, 10n)],
  ["SubtensorModule.remove_stake_limit", () => client.removeStake(signer, hk, 1, 10n, { limitPrice: 1n })],
  [
    "SubtensorModule.move_stake",
    () =>
      client.moveStake(signer, {
        originHotkey: hk,
        destinationHotkey: ck,
        originNetuid: 1,
        destinationNetuid: 2,
        alphaAmount: 3n,
      }),
  ],
  [
    "SubtensorModule.transfer_stake",
    () =>
      client.transferStake(signer, {
        destinationColdkey: ck,
        hotkey: hk,
        originNetuid: 1,
        destinationNetuid: 2,
        alphaAmount: 3n,
      }),
  ],
  [
    "SubtensorModule.swap_stake",
    () => client.swapStake(signer, { hotkey: hk, originNetuid: 1, destinationNetuid: 2, alphaAmount: 3n }),
  ],
  ["SubtensorModule.unstake_all", () => client.unstakeAll(signer, hk)],
  ["SubtensorModule.burned_register", () => client.burnedRegister(signer, 3, hk)],
  ["SubtensorModule.root_register", () => client.rootRegister(signer, hk)],
  ["SubtensorModule.register_network", () => client.registerNetwork(signer, hk)],
  [
    "SubtensorModule.register_network_with_identity",
    () => client.registerNetwork(signer, hk, { identity: { subnet_name: "toy", github_repo: "x/y" } }),
  ],
  ["SubtensorModule.start_call", () => client.startCall(signer, 3)],
  [
    "SubtensorModule.serve_axon",
    () => client.serveAxon(signer, { netuid: 3, ip: "10.0.0.2", port: 8091, version: 7 }),
  ],
  [
    "SubtensorModule.set_weights",
    () => client.setWeights(signer, 3, [0, 1, 2], [0.2, 0.3, 0.5], { versionKey: 9n }),
  ],
  ["SubtensorModule.commit_weights", () => client.commitWeights(signer, 3, new Uint8Array(32).fill(1))],
  [
    "SubtensorModule.reveal_weights",
    () => client.revealWeights(signer, 3, { uids: [1], values: [65535], salt: [1, 2], versionKey: 1n }),
  ],
  ["SubtensorModule.increase_take", () => client.increaseTake(signer, hk, 11796)],
  ["SubtensorModule.decrease_take", () => client.decreaseTake(signer, hk, 0)],
  ["SubtensorModule.set_children", () => client.setChildren(signer, hk, 3, [[(1n << 64n) - 1n, ck]])],
  ["SubtensorModule.set_childkey_take", () => client.setChildkeyTake(signer, hk, 3, 100)],
];

for (const [expected, run] of cases) {
  test(`${expected}: finney's declaration takes the client's arguments`, async () => {
    const c = await capture(run() as Promise<unknown>);
    assert.equal(`${c.pallet}.${c.name}`, expected);
    const section = c.pallet.charAt(0).toLowerCase() + c.pallet.slice(1);
    // biome-ignore lint/suspicious/noExplicitAny: decorated metadata is untyped here.
    const fn = (decorated.tx as any)[section][camel(c.name)];
    assert.ok(fn, `finney has ${expected}`);
    assert.equal(fn.meta.args.length, c.args.length, "argument count");
    const call = fn(...c.args);
    // Re-decoding the encoded call gives back every argument.
    const again = fn.meta.registry.createType("Call", call.toU8a());
    assert.equal(again.toHex(), call.toHex());
    assert.equal(again.args.length, c.args.length);
  });
}

test("set_weights goes out max-upscaled to u16, register_limit (spec 425) carries the limit price", async () => {
  const c = await capture(client.setWeights(signer, 3, [0, 1, 2], [0.2, 0.3, 0.5]) as Promise<unknown>);
  assert.deepEqual(c.args, [3, [0, 1, 2], [26214, 39321, 65535], 0n]);
  const raw = await capture(client.setWeights(signer, 3, [4], [7], { normalized: true }) as Promise<unknown>);
  assert.deepEqual(raw.args, [3, [4], [7], 0n]);
  // Not in finney's (spec 393) metadata: args as subtensor 425 declares them (netuid, hotkey, limit_price).
  const r = await capture(client.burnedRegister(signer, 3, hk, { limitPrice: 5n }) as Promise<unknown>);
  assert.deepEqual(r, { pallet: "SubtensorModule", name: "register_limit", args: [3, hk, 5n] });
  const axon = await capture(
    client.serveAxon(signer, { netuid: 3, ip: "10.0.0.2", port: 8091 }) as Promise<unknown>,
  );
  assert.deepEqual(axon.args, [3, 0, 167772162n, 8091, 4, 4, 0, 0]);
});
