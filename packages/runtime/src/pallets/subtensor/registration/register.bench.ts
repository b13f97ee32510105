// Registration benchmark: burned_register through the executive on a filling subnet, on a full 256-uid
// subnet (every call replaces a uid), register_network, and one registration block step over many subnets.
// Run with `npm run bench -- register`.

import { storage as st } from "../storage.ts";
import { ck, signed, TestChain } from "../subnets/testChain.ts";
import { registrationBlockStep } from "./blockStep.ts";

const key = (tag: number, i: number) => {
  const k = new Uint8Array(32);
  k[0] = tag;
  k[1] = i & 0xff;
  k[2] = i >> 8;
  return k;
};

let block = 1000;
/** Each op in its own block, as on a chain (a block's event list is rewritten on every deposit). */
function time(label: string, n: number, f: (i: number) => void): void {
  let ms = 0;
  for (let i = 0; i < n; i++) {
    c.goto(++block);
    const t = performance.now();
    f(i);
    ms += performance.now() - t;
  }
  console.log(`${label.padEnd(60)} ${(ms / n).toFixed(3).padStart(9)} ms/op  (${n} ops)`);
}

console.log(`registration (node ${process.version})`);
const c = new TestChain({}, 10n ** 15n);
st.NetworkRateLimit.set(c.s, 0n);
if (c.call(signed(ck(0)), "register_network", { hotkey: key(1, 0) }) !== "ok") throw new Error("setup");
st.MinNonImmuneUids.set(c.s, 1, 0);
st.ImmunityPeriod.set(c.s, 1, 0);
time("burned_register, appending (uids 1..255)", 255, (i) => {
  st.Burn.set(c.s, 1, 1_000_000_000n);
  if (c.call(signed(ck(1)), "burned_register", { netuid: 1, hotkey: key(2, i) }) !== "ok")
    throw new Error("append");
});
time("burned_register on a full 256-uid subnet (replaces a uid)", 50, (i) => {
  st.Burn.set(c.s, 1, 1_000_000_000n);
  if (c.call(signed(ck(2)), "burned_register", { netuid: 1, hotkey: key(3, i) }) !== "ok")
    throw new Error("replace");
});
time("register_network (subnets 2..33)", 32, (i) => {
  // Keep the lock at its minimum: the doubling would soon exceed any balance.
  st.NetworkLastLockCost.set(c.s, 1_000_000_000_000n);
  if (c.call(signed(ck(3)), "register_network", { hotkey: key(4, i) }) !== "ok") throw new Error("network");
});
time("registrationBlockStep over 33 subnets", 200, () => registrationBlockStep(c.s, block));
