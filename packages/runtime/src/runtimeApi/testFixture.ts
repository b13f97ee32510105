// A small chain state for the runtime-API tests (unit and node e2e): root and subnet 1 (dynamic pool) with
// three neurons, an axon, stake from the owner and a nominator, root stake, identities and emissions.

import { I96F32, safeFloatFromU64 } from "@opentao/primitives";
import { MemoryState, type StateReader } from "../frame/state.ts";
import { storage as st } from "../pallets/subtensor/storage.ts";
import { storage as system } from "../pallets/system/pallet.ts";
import { bittensorRuntimeApis, executeRuntimeApi } from "./index.ts";

export const NET = 1;
export const BLOCK = 1000;
export const TAO = 1_000_000_000n;
/** Hotkeys of uids 0..2 and their owners; coldkey 3 is a nominator of hotkey 0. */
export const hk = (i: number) => new Uint8Array(32).fill(0x10 + i);
export const ck = (i: number) => new Uint8Array(32).fill(0x20 + i);
const utf8 = (x: string) => new TextEncoder().encode(x);

export const SUBNET_IDENTITY = {
  subnet_name: utf8("testnet"),
  github_repo: utf8("https://github.com/x/y"),
  subnet_contact: utf8("a@b.c"),
  subnet_url: utf8(""),
  discord: utf8(""),
  description: utf8("a test subnet"),
  logo_url: utf8(""),
  additional: utf8(""),
};
export const OWNER_IDENTITY = {
  name: utf8("owner"),
  url: utf8("https://owner"),
  github_repo: utf8(""),
  image: utf8(""),
  discord: utf8(""),
  description: utf8(""),
  additional: utf8(""),
};
export const AXON = {
  block: 950n,
  version: 7,
  ip: 0x7f000001n,
  port: 8091,
  ip_type: 4,
  protocol: 4,
  placeholder1: 0,
  placeholder2: 0,
};

/** Writes the fixture into `s` (a fresh MemoryState by default). */
export function buildFixture(s = new MemoryState()): MemoryState {
  system.Number.set(s, BLOCK);
  st.TotalIssuance.set(s, 0n);
  for (const n of [0, NET]) st.NetworksAdded.set(s, n, true);
  st.SubnetMechanism.set(s, NET, 1);
  st.Tempo.set(s, NET, 100);
  st.NetworkRegisteredAt.set(s, NET, 10n);
  st.LastMechansimStepBlock.set(s, NET, 900n);
  st.SubnetOwner.set(s, NET, ck(0));
  st.SubnetOwnerHotkey.set(s, NET, hk(0));
  st.SubnetIdentitiesV3.set(s, NET, SUBNET_IDENTITY);
  st.TokenSymbol.set(s, NET, utf8("α"));
  st.IdentitiesV2.set(s, ck(0), OWNER_IDENTITY);
  // Pool: 10 000 TAO against 20 000 alpha, price 0.5 with the default equal weights.
  st.SubnetTAO.set(s, NET, 10_000n * TAO);
  st.SubnetAlphaIn.set(s, NET, 20_000n * TAO);
  st.SubnetAlphaOut.set(s, NET, 5_000n * TAO);
  st.SubnetMovingPrice.set(s, NET, { bits: I96F32.fromRatio(2n, 5n) });
  st.SubnetVolume.set(s, NET, 123_456n);
  st.PendingValidatorEmission.set(s, NET, 40n);
  st.PendingServerEmission.set(s, NET, 2n);
  st.SubnetTaoInEmission.set(s, NET, 9n);

  st.SubnetworkN.set(s, NET, 3);
  for (let uid = 0; uid < 3; uid++) {
    st.Keys.set(s, NET, uid, hk(uid));
    st.Uids.set(s, NET, hk(uid), uid);
    st.IsNetworkMember.set(s, hk(uid), NET, true);
    st.Owner.set(s, hk(uid), ck(uid));
    st.BlockAtRegistration.set(s, NET, uid, BigInt(100 + uid));
  }
  st.Axons.set(s, NET, hk(0), AXON);
  st.Prometheus.set(s, NET, hk(1), { block: 960n, version: 1, ip: 0x0a000001n, port: 9090, ip_type: 4 });
  st.Active.set(s, NET, [true, true, false]);
  st.Emission.set(s, NET, [100n, 200n, 0n]);
  st.Incentive.set(s, NET, [0, 30_000, 0]);
  st.Consensus.set(s, NET, [1, 2, 3]);
  st.ValidatorTrust.set(s, NET, [60_000, 0, 0]);
  st.Dividends.set(s, NET, [65_535, 0, 0]);
  // Shorter than n: readers fall back to 0 for uid 2.
  st.LastUpdate.set(s, NET, [990n, 995n]);
  st.ValidatorPermit.set(s, NET, [true, false, true]);
  st.Weights.set(s, NET, 0, [
    [1, 65_535],
    [2, 0],
  ]);
  st.Bonds.set(s, NET, 0, [[1, 100]]);

  // hotkey 0 on subnet 1: 1 000 000 alpha, 60 % owned by coldkey 0, 40 % by the nominator coldkey 3.
  st.TotalHotkeyAlpha.set(s, hk(0), NET, 1_000_000n);
  st.TotalHotkeySharesV2.set(s, hk(0), NET, safeFloatFromU64(1_000_000n));
  st.AlphaV2.set(s, hk(0), ck(0), NET, safeFloatFromU64(600_000n));
  st.AlphaV2.set(s, hk(0), ck(3), NET, safeFloatFromU64(400_000n));
  st.StakingHotkeys.set(s, ck(0), [hk(0)]);
  st.StakingHotkeys.set(s, ck(3), [hk(0)]);
  // hotkey 2 holds a little alpha of its own, so it is a (small) validator.
  st.TotalHotkeyAlpha.set(s, hk(2), NET, 10n);
  // hotkey 0 on root: 2000 TAO.
  st.TotalHotkeyAlpha.set(s, hk(0), 0, 2_000n * TAO);
  st.Delegates.set(s, hk(0), 11_796);
  st.AlphaDividendsPerSubnet.set(s, NET, hk(0), 77n);
  st.LastHotkeyEmissionOnNetuid.set(s, hk(0), NET, 55n);
  return s;
}

/** Call `api_method` the way `state_call` does: inputs SCALE-encoded with the declared codecs, output decoded. */
// biome-ignore lint/suspicious/noExplicitAny: tests read the decoded value's fields
export function callApi(s: StateReader, api: string, name: string, ...args: unknown[]): any {
  const decl = bittensorRuntimeApis.find((a) => a.name === api)?.methods.find((m) => m.name === name);
  if (!decl) throw new Error(`no ${api}_${name}`);
  const parts = decl.inputs.map((input, i) => input.type.codec.enc(args[i]));
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    bytes.set(p, o);
    o += p.length;
  }
  const out = executeRuntimeApi(s, `${api}_${name}`, bytes);
  if (!out) throw new Error(`${api}_${name} not answered`);
  return decl.output.codec.dec(out);
}
