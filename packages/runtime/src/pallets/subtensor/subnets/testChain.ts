// A small chain for the subnet and registration tests: funded coldkeys, an executive with chosen chain-spec
// choices, dispatch by call name, state snapshots and the exact set of storage writes a call made.

import { describeError, type Origin } from "../../../frame/dispatch.ts";
import { MemoryState } from "../../../frame/state.ts";
import type { StorageItem } from "../../../frame/storage.ts";
import { pallets, systemEvents } from "../../../runtime/definition.ts";
import { Executive, type RuntimeConfig } from "../../../runtime/executive.ts";
import { storage as balances } from "../../balances/pallet.ts";
import { EXTRA_FLAGS_NEW_LOGIC, storage as system } from "../../system/pallet.ts";
import { storage as st } from "../storage.ts";
import { creditSubnetAccount, debitSubnetAccount, subnetAccountBalance } from "../subnetAccount.ts";

export const TAO = 1_000_000_000n;
export const hk = (i: number): Uint8Array => new Uint8Array(32).fill(i + 1);
export const ck = (i: number): Uint8Array => new Uint8Array(32).fill(100 + i);
export const signed = (who: Uint8Array): Origin => ({ kind: "signed", who });
export const ROOT: Origin = { kind: "root" };

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

export class TestChain {
  readonly s = new MemoryState();
  readonly ex: Executive;
  block = 0;

  constructor(config: Partial<RuntimeConfig> = {}, funded = 10_000n * TAO, coldkeys = 6) {
    this.ex = new Executive({ allowLoopback: false, ...config });
    for (let i = 0; i < coldkeys; i++) {
      system.Account.set(this.s, ck(i), {
        nonce: 0,
        consumers: 0,
        providers: 1,
        sufficients: 0,
        data: { free: funded, reserved: 0n, frozen: 0n, flags: EXTRA_FLAGS_NEW_LOGIC },
      });
    }
    balances.TotalIssuance.set(this.s, funded * BigInt(coldkeys));
    st.TotalIssuance.set(this.s, funded * BigInt(coldkeys));
    this.goto(1000);
  }

  /** Open block `n` (events cleared); the registration step is the caller's to run. */
  goto(n: number, author?: Uint8Array): void {
    this.block = n;
    this.ex.initializeBlock(this.s, { number: n, parentHash: new Uint8Array(32), author });
  }

  /** Dispatch `SubtensorModule.<call>`: "ok" or the error's name. A failed call leaves no writes. */
  call(origin: Origin, call: string, args: unknown, pallet = "SubtensorModule"): string {
    const e = this.ex.dispatch(this.s, origin, { type: pallet, value: { type: call, value: args } });
    return e ? describeError(e, pallets) : "ok";
  }

  /** `Pallet.Event` names deposited in this block, in order. */
  events(): string[] {
    return systemEvents.get(this.s).map((r) => `${r.event.type}.${r.event.value.type}`);
  }

  eventValues(name: string): unknown[] {
    return systemEvents
      .get(this.s)
      .filter((r) => `${r.event.type}.${r.event.value.type}` === name)
      .map((r) => r.event.value.value);
  }

  free(who: Uint8Array): bigint {
    return system.Account.get(this.s, who).data.free;
  }

  /** The free balance of subnet `netuid`'s account, which holds its pool's TAO. */
  subnetFree(netuid: number): bigint {
    return subnetAccountBalance(this.s, netuid);
  }

  /**
   * Seed a pool's TAO as the chain would hold it: `SubnetTAO` set and the subnet account moved by the same
   * difference, minted or burned in both issuance counters, so balances issuance stays Σ free balances.
   */
  setPoolTao(netuid: number, tao: bigint): void {
    const delta = tao - st.SubnetTAO.get(this.s, netuid);
    st.SubnetTAO.set(this.s, netuid, tao);
    if (delta > 0n) creditSubnetAccount(this.s, netuid, delta);
    else if (delta < 0n && debitSubnetAccount(this.s, netuid, -delta) !== -delta)
      throw new Error("setPoolTao: the subnet account holds less than the pool");
    balances.TotalIssuance.mutate(this.s, (t) => t + delta);
    st.TotalIssuance.mutate(this.s, (t) => t + delta);
  }

  /** Every key/value outside System (events and accounts), as hex. */
  snapshot(): Map<string, string> {
    const sys = hex(system.Account.prefix).slice(0, 32);
    return new Map([...this.s.entries()].filter(([k]) => !k.startsWith(sys)).map(([k, v]) => [k, hex(v)]));
  }

  /** Full state (System included), as hex: a failed call must leave it byte-identical. */
  fullSnapshot(): Map<string, string> {
    return new Map([...this.s.entries()].map(([k, v]) => [k, hex(v)]));
  }
}

/** The writes between two snapshots: key → new value hex, or null for a deletion. */
export function diff(before: Map<string, string>, after: Map<string, string>): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const [k, v] of after) if (before.get(k) !== v) out.set(k, v);
  for (const k of before.keys()) if (!after.has(k)) out.set(k, null);
  return out;
}

/** Build the expected writes from declarations: `[item, ...keys, value]` (value null = removed). */
export function expected(
  // biome-ignore lint/suspicious/noExplicitAny: rows of heterogeneous storage items
  rows: Array<[StorageItem<any, any>, ...unknown[]]>,
): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const scratch = new MemoryState();
  for (const [item, ...rest] of rows) {
    const value = rest.pop();
    const key = item.key(...rest);
    if (value === null) out.set(hex(key), null);
    else {
      item.set(scratch, ...rest, value);
      out.set(hex(key), hex(scratch.get(key) as Uint8Array));
    }
  }
  return out;
}

/** Name the keys of a diff by their storage item, for readable assertion failures. */
export function nameKeys(m: Map<string, string | null>): Map<string, string | null> {
  const prefixes = pallets.flatMap((p) =>
    (p.storage ?? []).map((it) => [hex(it.prefix), `${p.name}.${it.name}`] as const),
  );
  return new Map(
    [...m].map(([k, v]) => {
      const hit = prefixes.find(([p]) => k.startsWith(p));
      return [hit ? `${hit[1]}:${k.slice(64)}` : k, v];
    }),
  );
}
