// Test fixture for the staking calls: root plus dynamic subnets with pools, funded coldkeys owning hotkeys, an
// executive to dispatch through, and snapshot/sum helpers for the "failed call changes nothing" and TAO checks.

import { describeError } from "../../../frame/dispatch.ts";
import { MemoryState } from "../../../frame/state.ts";
import { pallets, systemEvents } from "../../../runtime/definition.ts";
import { Executive, type RuntimeCallValue } from "../../../runtime/executive.ts";
import { storage as balances } from "../../balances/pallet.ts";
import { freeBalance, setFreeBalance } from "../../system/account.ts";
import { storage as system } from "../../system/pallet.ts";
import { storage as st } from "../pallet.ts";
import { creditSubnetAccount, isSubnetAccountId, subnetAccountBalance } from "../subnetAccount.ts";

export const TAO = 1_000_000_000n;
export const ck = (i: number) => new Uint8Array(32).fill(0x10 + i);
export const hk = (i: number) => new Uint8Array(32).fill(0x40 + i);
/** The block author's account (fees land there when the block has one). */
export const AUTHOR = new Uint8Array(32).fill(0xaa);

export interface SubnetSpec {
  netuid: number;
  tao: bigint;
  alpha: bigint;
}

export interface StakingFixture {
  s: MemoryState;
  ex: Executive;
  block: number;
}

export const DEFAULT_SUBNETS: SubnetSpec[] = [
  { netuid: 1, tao: 1_000n * TAO, alpha: 1_000n * TAO },
  { netuid: 2, tao: 500n * TAO, alpha: 2_000n * TAO },
  { netuid: 3, tao: 2_000n * TAO, alpha: 800n * TAO },
];

/**
 * Root (netuid 0, stable) plus `subnets` (dynamic, subtoken enabled), each subnet's account holding exactly
 * its `SubnetTAO` (as after genesis); coldkey i owns hotkey i and holds `balance` free TAO;
 * Balances.TotalIssuance is the sum of every balance, the subnet accounts' included.
 */
export function stakingFixture(
  opts: {
    subnets?: SubnetSpec[];
    accounts?: number;
    balance?: bigint;
    block?: number;
    author?: boolean;
  } = {},
): StakingFixture {
  const s = new MemoryState();
  const subnets = opts.subnets ?? DEFAULT_SUBNETS;
  const block = opts.block ?? 1_000;
  st.NetworksAdded.set(s, 0, true);
  st.SubtokenEnabled.set(s, 0, true);
  st.SubnetMechanism.set(s, 0, 0);
  for (const n of subnets) {
    st.NetworksAdded.set(s, n.netuid, true);
    st.SubtokenEnabled.set(s, n.netuid, true);
    st.SubnetMechanism.set(s, n.netuid, 1);
    st.SubnetTAO.set(s, n.netuid, n.tao);
    st.SubnetAlphaIn.set(s, n.netuid, n.alpha);
    creditSubnetAccount(s, n.netuid, n.tao);
    balances.TotalIssuance.mutate(s, (t) => t + n.tao);
  }
  const ex = new Executive();
  ex.initializeBlock(s, {
    number: block,
    parentHash: new Uint8Array(32),
    author: opts.author ? AUTHOR : undefined,
  });
  const ctx = { state: s, origin: { kind: "root" as const }, blockNumber: block, deposit() {} };
  const balance = opts.balance ?? 10_000n * TAO;
  for (let i = 0; i < (opts.accounts ?? 3); i++) {
    st.Owner.set(s, hk(i), ck(i));
    st.OwnedHotkeys.set(s, ck(i), [hk(i)]);
    setFreeBalance(ctx, ck(i), balance);
    balances.TotalIssuance.mutate(s, (t) => t + balance);
  }
  systemEvents.set(s, []);
  return { s, ex, block };
}

export const call = (name: string, value: Record<string, unknown>): RuntimeCallValue => ({
  type: "SubtensorModule",
  value: { type: name, value },
});

/** Dispatch as coldkey `who` (or root); "ok" or the error's name (`SubtensorModule.AmountTooLow`). */
export function run(f: StakingFixture, who: Uint8Array | "root", c: RuntimeCallValue): string {
  const origin = who === "root" ? { kind: "root" as const } : { kind: "signed" as const, who };
  const e = f.ex.dispatch(f.s, origin, c);
  return e ? describeError(e, pallets) : "ok";
}

/** Every storage entry, for byte-for-byte comparisons. */
export function snapshot(s: MemoryState): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of s.entries()) m.set(k, Buffer.from(v).toString("hex"));
  return m;
}

/** The SubtensorModule events deposited since the last reset, as [name, value]. */
export function subtensorEvents(s: MemoryState): Array<[string, unknown]> {
  return systemEvents
    .get(s)
    .filter((r) => r.event.type === "SubtensorModule")
    .map((r) => {
      const e = r.event.value as { type: string; value: unknown };
      return [e.type, e.value];
    });
}

/** The Balances.Transfer events deposited since the last reset, as [from, to, amount]. */
export function balancesTransfers(s: MemoryState): Array<[Uint8Array, Uint8Array, bigint]> {
  return systemEvents
    .get(s)
    .filter((r) => r.event.type === "Balances")
    .map(
      (r) => r.event.value as { type: string; value: { from: Uint8Array; to: Uint8Array; amount: bigint } },
    )
    .filter((e) => e.type === "Transfer")
    .map((e) => [e.value.from, e.value.to, e.value.amount]);
}

export const free = (f: StakingFixture, who: Uint8Array) => freeBalance(f.s, who);

/** Σ free balances over every account in System.Account. */
export function sumFree(s: MemoryState): bigint {
  let sum = 0n;
  for (const [, info] of system.Account.entries(s)) sum += info.data.free;
  return sum;
}

/** Σ free balances over the subnet accounts only. */
export function sumSubnetAccounts(s: MemoryState): bigint {
  let sum = 0n;
  for (const [[who], info] of system.Account.entries(s)) if (isSubnetAccountId(who)) sum += info.data.free;
  return sum;
}

/** What the subnet's account holds beyond its pool's `SubnetTAO` (never negative in a consistent state). */
export const subnetAccountExcess = (s: MemoryState, netuid: number): bigint =>
  subnetAccountBalance(s, netuid) - st.SubnetTAO.get(s, netuid);

/** Σ SubnetTAO over every subnet. */
export function sumSubnetTao(s: MemoryState): bigint {
  let sum = 0n;
  for (const [, tao] of st.SubnetTAO.entries(s)) sum += tao;
  return sum;
}
