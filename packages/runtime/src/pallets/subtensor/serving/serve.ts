// SubtensorModule.serve_axon / serve_axon_tls / serve_prometheus: where a neuron can be reached.
// Checks in the chain's order; loopback addresses are refused as on finney unless the chain spec allows them
// (the dev and local specs do, DESIGN.md decision 9), so a laptop network of axons on 127.0.0.1 works.

import {
  BadOrigin,
  type CallContext,
  type DispatchResult,
  ensureSigned,
  moduleErrors,
} from "../../../frame/dispatch.ts";
import { storage as st, subtensorPallet } from "../pallet.ts";

const E = moduleErrors(subtensorPallet);
const U32_MAX = 0xffff_ffffn;
const U128_MAX = (1n << 128n) - 1n;

export interface ServingConfig {
  /** Accept 127.0.0.1 / ::1 (dev and local chains only). */
  allowLoopback: boolean;
}

/** `is_valid_ip_address`: no zero (unless allowed), in range for the type, and not loopback unless allowed. */
export function isValidIpAddress(
  ipType: number,
  addr: bigint,
  allowZero: boolean,
  cfg: ServingConfig,
): boolean {
  if (!allowZero && addr === 0n) return false;
  if (ipType === 4) {
    if (addr >= U32_MAX) return false;
    if (addr === 0x7f000001n && !cfg.allowLoopback) return false;
  }
  if (ipType === 6) {
    if (addr === U128_MAX) return false;
    if (addr === 1n && !cfg.allowLoopback) return false;
  }
  return true;
}

const passesRateLimit = (netuid: number, lastServe: bigint, block: bigint, s: CallContext["state"]) => {
  const limit = st.ServingRateLimit.get(s, netuid);
  return limit === 0n || lastServe === 0n || block - lastServe >= limit;
};

export interface ServeAxonArgs {
  netuid: number;
  version: number;
  ip: bigint;
  port: number;
  ip_type: number;
  protocol: number;
  placeholder1: number;
  placeholder2: number;
  certificate?: Uint8Array;
}

export function serveAxon(ctx: CallContext, a: ServeAxonArgs, cfg: ServingConfig): DispatchResult {
  const hotkey = ensureSigned(ctx.origin);
  if (!hotkey) return BadOrigin;
  const s = ctx.state;
  if (!st.Uids.has(s, a.netuid, hotkey)) return E.HotKeyNotRegisteredInNetwork;
  if (a.ip_type !== 4 && a.ip_type !== 6) return E.InvalidIpType;
  if (!isValidIpAddress(a.ip_type, a.ip, true, cfg)) return E.InvalidIpAddress;
  const block = BigInt(ctx.blockNumber);
  const prev = st.Axons.tryGet(s, a.netuid, hotkey);
  if (!passesRateLimit(a.netuid, prev?.block ?? 0n, block, s)) return E.ServingRateLimitExceeded;
  if (a.port === 0) return E.InvalidPort;
  // A certificate of up to 65 bytes: its first byte names the algorithm, the rest is the public key.
  if (a.certificate && a.certificate.length >= 1 && a.certificate.length <= 65)
    st.NeuronCertificates.set(s, a.netuid, hotkey, {
      algorithm: a.certificate[0],
      public_key: a.certificate.slice(1),
    });
  st.Axons.set(s, a.netuid, hotkey, {
    block,
    version: a.version,
    ip: a.ip,
    port: a.port,
    ip_type: a.ip_type,
    protocol: a.protocol,
    placeholder1: a.placeholder1,
    placeholder2: a.placeholder2,
  });
  ctx.deposit("SubtensorModule", "AxonServed", [a.netuid, hotkey]);
  return undefined;
}

export function servePrometheus(
  ctx: CallContext,
  a: { netuid: number; version: number; ip: bigint; port: number; ip_type: number },
  cfg: ServingConfig,
): DispatchResult {
  const hotkey = ensureSigned(ctx.origin);
  if (!hotkey) return BadOrigin;
  const s = ctx.state;
  if (a.ip_type !== 4 && a.ip_type !== 6) return E.InvalidIpType;
  if (!isValidIpAddress(a.ip_type, a.ip, false, cfg)) return E.InvalidIpAddress;
  if (!st.Uids.has(s, a.netuid, hotkey)) return E.HotKeyNotRegisteredInNetwork;
  const block = BigInt(ctx.blockNumber);
  const prev = st.Prometheus.tryGet(s, a.netuid, hotkey);
  if (!passesRateLimit(a.netuid, prev?.block ?? 0n, block, s)) return E.ServingRateLimitExceeded;
  if (a.port === 0) return E.InvalidPort;
  st.Prometheus.set(s, a.netuid, hotkey, {
    block,
    version: a.version,
    ip: a.ip,
    port: a.port,
    ip_type: a.ip_type,
  });
  ctx.deposit("SubtensorModule", "PrometheusServed", [a.netuid, hotkey]);
  return undefined;
}
