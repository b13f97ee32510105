// Staking-call benchmark: add_stake, remove_stake, a cross-subnet swap_stake and unstake_all dispatched through
// the executive on the test fixture (pools, share pools, balances, events). Run with `npm run bench -- staking`.

import { systemEvents } from "../../../runtime/definition.ts";
import { stakeOf } from "./stakeUtils.ts";
import { call, ck, hk, run, stakingFixture, TAO } from "./testState.ts";

function bench(label: string, runs: number, f: () => void): void {
  const t = performance.now();
  for (let i = 0; i < runs; i++) f();
  const per = (performance.now() - t) / runs;
  console.log(`${label.padEnd(50)} ${per.toFixed(3).padStart(8)} ms per call  (${runs} calls)`);
}

const f = stakingFixture({ balance: 1_000_000n * TAO });
const ok = (r: string) => {
  if (r !== "ok") throw new Error(r);
};
console.log(`staking calls (node ${process.version})`);
bench("add_stake 1 TAO on a dynamic subnet", 2_000, () => {
  systemEvents.set(f.s, []);
  ok(run(f, ck(0), call("add_stake", { hotkey: hk(0), netuid: 1, amount_staked: TAO })));
});
bench("remove_stake 0.1 alpha", 2_000, () => {
  systemEvents.set(f.s, []);
  ok(run(f, ck(0), call("remove_stake", { hotkey: hk(0), netuid: 1, amount_unstaked: TAO / 10n })));
});
bench("swap_stake 0.1 alpha subnet 1 → 2", 1_000, () => {
  systemEvents.set(f.s, []);
  ok(
    run(
      f,
      ck(0),
      call("swap_stake", { hotkey: hk(0), origin_netuid: 1, destination_netuid: 2, alpha_amount: TAO / 10n }),
    ),
  );
});
bench("add_stake on root + unstake_all (4 subnets)", 500, () => {
  systemEvents.set(f.s, []);
  ok(run(f, ck(1), call("add_stake", { hotkey: hk(1), netuid: 3, amount_staked: TAO })));
  ok(run(f, ck(1), call("unstake_all", { hotkey: hk(1) })));
});
console.log(`final position ${stakeOf(f.s, hk(0), ck(0), 1)} alpha on subnet 1`);
