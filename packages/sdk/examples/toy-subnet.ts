// The toy subnet end to end on a dev node: Alice creates a subnet, registers one validator and four miners
// of different quality (miner i answers right (i+1)/4 of the time), stakes to the validator, the miners
// serve the Dummy synapse and announce their axons, the validator scores them and sets weights, a tempo is
// fast-forwarded, and the incentives the chain computed must order the miners by quality (exit code 0).
// Usage: npx tsx packages/sdk/examples/toy-subnet.ts [--url ws://127.0.0.1:9944] [--steps 8]

import {
  Balance,
  cryptoReady,
  Keypair,
  Metagraph,
  Miner,
  type SubmitResult,
  Subtensor,
  Validator,
} from "@opentao/sdk";
import { Command } from "commander";
import { Dummy } from "./protocol.ts";

const opts = new Command("toy-subnet")
  .option("--url <ws>", "node endpoint", "ws://127.0.0.1:9944")
  .option("--steps <n>", "validator steps before the tempo is fast-forwarded", Number, 8)
  .parse()
  .opts<{ url: string; steps: number }>();

const must = (what: string, r: SubmitResult) => {
  if (!r.success) throw new Error(`${what}: ${r.error?.pallet}.${r.error?.name} ${r.error?.docs ?? ""}`);
  return r;
};

await cryptoReady();
const st = await Subtensor.connect(opts.url);
const alice = Keypair.fromUri("//Alice");
const owner = Keypair.fromUri("//ToyOwner");
const vali = Keypair.fromUri("//ToyValidator");
const minerKeys = [0, 1, 2, 3].map((i) => Keypair.fromUri(`//ToyMiner${i}`));
const miners: Miner[] = [];
let validator: Validator<typeof Dummy.fields.shape> | undefined;
try {
  const created = must("register_network", await st.registerNetwork(alice, owner));
  const added = created.events.find((e) => e.pallet === "SubtensorModule" && e.name === "NetworkAdded");
  const netuid = Number(added?.data[0]);
  if (!Number.isInteger(netuid)) throw new Error("no NetworkAdded event");
  console.log(`subnet ${netuid} created`);
  must("start_call", await st.startCall(alice, netuid));
  for (const hk of [vali, ...minerKeys])
    must(`burned_register ${hk.ss58Address}`, await st.burnedRegister(alice, netuid, hk));
  must("add_stake", await st.addStake(alice, vali, netuid, Balance.fromTao(1000).rao));

  for (const [i, key] of minerKeys.entries()) {
    let calls = 0;
    const miner = new Miner({
      chain: st,
      netuid,
      hotkey: key,
      axon: { port: 0, host: "127.0.0.1" },
      resyncMs: 2_000,
    });
    miner.serve(Dummy, (s) => {
      calls++;
      s.dummy_output = calls % 4 < i + 1 ? s.dummy_input * 2 : s.dummy_input * 2 + 1;
      return s;
    });
    await miner.start();
    // serve_axon is signed by the hotkey, which pays its fee: fund it first.
    must("transfer", await st.transfer(alice, key, Balance.fromTao(1)));
    must("serve_axon", await st.serveAxon(key, { netuid, ip: "127.0.0.1", port: miner.axon.port }));
    miners.push(miner);
  }
  must("transfer", await st.transfer(alice, vali, Balance.fromTao(1)));
  // Validator permits are handed out by the epoch: run one before the miners check callers for them.
  const tempo = (await st.hyperparameters(netuid))?.tempo ?? 360;
  await st.devNewBlock({ count: tempo + 2 });
  for (const m of miners) await m.sync();

  validator = new Validator({
    chain: st,
    netuid,
    hotkey: vali,
    type: Dummy,
    query: (step) => Dummy.create({ dummy_input: step + 1 }),
    reward: (q, rs) =>
      rs.map((r) => (r.dendrite.statusCode === 200 && r.dummy_output === q.dummy_input * 2 ? 1 : 0)),
    epochLength: 0,
    timeout: 5,
  });
  for (let i = 0; i < opts.steps; i++) {
    const r = await validator.step();
    const w = r.weights ? ` weights set: ${r.weights.success ? "ok" : `${r.weights.error?.name}`}` : "";
    console.log(`step ${i}: block ${r.block}, rewards ${JSON.stringify(r.rewards)}${w}`);
    await st.devNewBlock({ count: 1 });
  }
  // Past the rate limit, the final scores go on chain; then a tempo for the epoch to weigh them.
  await st.devNewBlock({ count: (await st.weightsRateLimit(netuid)) + 1 });
  const final = await validator.setWeights();
  console.log(`final set_weights: ${final?.success ? "ok" : final?.error?.name}`);
  await st.devNewBlock({ count: tempo + 2 });

  const m = await Metagraph.sync(st, netuid);
  const rows = minerKeys.map((k, i) => ({
    miner: i,
    uid: m.uidOf(k.ss58Address)!,
    I: m.I[m.uidOf(k.ss58Address)!]!,
  }));
  for (const r of rows) console.log(`miner ${r.miner} (uid ${r.uid}): incentive ${r.I.toFixed(4)}`);
  const ordered = rows.every((r, i) => i === 0 || r.I > rows[i - 1]!.I);
  console.log(
    ordered ? "incentives order the miners by quality" : "incentives do NOT order the miners by quality",
  );
  process.exitCode = ordered ? 0 : 1;
} finally {
  await validator?.stop();
  for (const m of miners) await m.stop();
  await st.close();
}
