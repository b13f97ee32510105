// The metagraph of one subnet as the Python SDK presents it: typed arrays indexed by uid with the same field
// names (n, uids, S, I, E, C, T, Tv, D, R, B, W, hotkeys, coldkeys, axons, …), synced from the runtime APIs,
// saved and loaded as bigint-safe JSON.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { ChainAxonInfo, MetagraphInfo, NeuronInfo, NeuronInfoLite } from "../chain/runtimeTypes.ts";
import { intToIp } from "../chain/subtensor.ts";

const U16 = 65535;
const RAO = 1e9;

/** What a sync needs from the chain; the SDK's Subtensor client implements it. */
export interface MetagraphSource {
  neuronsLite(netuid: number): Promise<NeuronInfoLite[]>;
  neurons(netuid: number): Promise<NeuronInfo[]>;
  selectiveMechagraph(netuid: number, mecid?: number): Promise<MetagraphInfo | undefined>;
  blockNumber(): Promise<number>;
}

/** An axon as the Python SDK's `AxonInfo`: text address, port and keys. */
export interface AxonEndpoint {
  readonly version: number;
  readonly ip: string;
  readonly port: number;
  readonly ip_type: number;
  readonly protocol: number;
  readonly hotkey: string;
  readonly coldkey: string;
  /** False while the neuron never served (ip 0). */
  readonly is_serving: boolean;
}

export interface MetagraphData {
  netuid: number;
  network: string;
  block: number;
  lite: boolean;
  uids: Uint16Array;
  hotkeys: string[];
  coldkeys: string[];
  active: Uint8Array;
  validator_permit: boolean[];
  last_update: Float64Array;
  /** Stake (TAO-weighted total when the chain serves it, else alpha stake), in TAO/alpha units. */
  S: Float64Array;
  alpha_stake: Float64Array;
  tao_stake: Float64Array;
  R: Float64Array;
  I: Float64Array;
  E: Float64Array;
  C: Float64Array;
  T: Float64Array;
  Tv: Float64Array;
  D: Float64Array;
  pruning_score: Float64Array;
  axons: AxonEndpoint[];
  /** Row-normalised weights, n × n (full sync only). */
  W: Float64Array[];
  /** Raw u16 bonds, n × n (full sync only). */
  B: Float64Array[];
  /** Subnet-level fields from the metagraph runtime API when the chain serves it (name, symbol, tempo, …). */
  info: Record<string, unknown>;
}

const f64 = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

function axonOf(a: ChainAxonInfo, hotkey: string, coldkey: string): AxonEndpoint {
  return {
    version: a.version,
    ip: a.ip === 0n ? "0.0.0.0" : intToIp(a.ip, a.ip_type),
    port: a.port,
    ip_type: a.ip_type,
    protocol: a.protocol,
    hotkey,
    coldkey,
    is_serving: a.ip !== 0n,
  };
}

const rao = (v: unknown) => Number(v as bigint) / RAO;

export class Metagraph implements MetagraphData {
  netuid!: number;
  network!: string;
  block!: number;
  lite!: boolean;
  uids!: Uint16Array;
  hotkeys!: string[];
  coldkeys!: string[];
  active!: Uint8Array;
  validator_permit!: boolean[];
  last_update!: Float64Array;
  S!: Float64Array;
  alpha_stake!: Float64Array;
  tao_stake!: Float64Array;
  R!: Float64Array;
  I!: Float64Array;
  E!: Float64Array;
  C!: Float64Array;
  T!: Float64Array;
  Tv!: Float64Array;
  D!: Float64Array;
  pruning_score!: Float64Array;
  axons!: AxonEndpoint[];
  W!: Float64Array[];
  B!: Float64Array[];
  info!: Record<string, unknown>;

  constructor(data: MetagraphData) {
    Object.assign(this, data);
  }

  get n(): number {
    return this.uids.length;
  }
  // The Python SDK's long names for the same arrays.
  get stake(): Float64Array {
    return this.S;
  }
  get total_stake(): Float64Array {
    return this.S;
  }
  get ranks(): Float64Array {
    return this.R;
  }
  get incentive(): Float64Array {
    return this.I;
  }
  get emission(): Float64Array {
    return this.E;
  }
  get consensus(): Float64Array {
    return this.C;
  }
  get trust(): Float64Array {
    return this.T;
  }
  get validator_trust(): Float64Array {
    return this.Tv;
  }
  get dividends(): Float64Array {
    return this.D;
  }
  get weights(): Float64Array[] {
    return this.W;
  }
  get bonds(): Float64Array[] {
    return this.B;
  }

  /** The uid of a hotkey, or undefined. */
  uidOf(hotkey: string): number | undefined {
    const i = this.hotkeys.indexOf(hotkey);
    return i < 0 ? undefined : this.uids[i];
  }

  /**
   * Builds the arrays from neuron structs (ordered by uid) and, when given, the metagraph runtime API's
   * answer, whose alpha/tao/total stakes the Python SDK prefers for S.
   */
  static fromNeurons(
    netuid: number,
    neurons: readonly (NeuronInfoLite | NeuronInfo)[],
    opts: { block: number; network?: string; info?: MetagraphInfo; lite?: boolean },
  ): Metagraph {
    const list = [...neurons].sort((a, b) => a.uid - b.uid);
    const n = list.length;
    const info = opts.info;
    const lite = opts.lite ?? !list.some((x) => "weights" in x);
    const sameLength = (v: unknown): v is unknown[] => Array.isArray(v) && v.length === n;
    const neuronStake = (x: NeuronInfoLite) => x.stake.reduce((a, [, s]) => a + s, 0n);
    const alpha = sameLength(info?.alpha_stake) ? info.alpha_stake : undefined;
    const tao = sameLength(info?.tao_stake) ? info.tao_stake : undefined;
    const total = sameLength(info?.total_stake) ? info.total_stake : undefined;
    const W: Float64Array[] = [];
    const B: Float64Array[] = [];
    if (!lite) {
      for (const x of list as NeuronInfo[]) {
        const w = new Float64Array(n);
        let sum = 0;
        for (const [uid, v] of x.weights)
          if (uid < n) {
            w[uid] = v;
            sum += v;
          }
        if (sum > 0) for (let j = 0; j < n; j++) w[j]! /= sum;
        W.push(w);
        const b = new Float64Array(n);
        for (const [uid, v] of x.bonds) if (uid < n) b[uid] = v;
        B.push(b);
      }
    }
    const { hotkeys: _h, coldkeys: _c, axons: _a, identities: _i, ...subnet } = info ?? {};
    const perUid = new Set([
      "active",
      "validator_permit",
      "pruning_score",
      "last_update",
      "emission",
      "dividends",
      "incentives",
      "consensus",
      "trust",
      "rank",
      "block_at_registration",
      "alpha_stake",
      "tao_stake",
      "total_stake",
    ]);
    return new Metagraph({
      netuid,
      network: opts.network ?? "local",
      block: opts.block,
      lite,
      uids: Uint16Array.from(list, (x) => x.uid),
      hotkeys: list.map((x) => x.hotkey),
      coldkeys: list.map((x) => x.coldkey),
      active: Uint8Array.from(list, (x) => (x.active ? 1 : 0)),
      validator_permit: list.map((x) => x.validator_permit),
      last_update: f64(n, (i) => Number(list[i]!.last_update)),
      S: f64(n, (i) => (total ? rao(total[i]) : Number(neuronStake(list[i]!)) / RAO)),
      alpha_stake: f64(n, (i) => (alpha ? rao(alpha[i]) : Number(neuronStake(list[i]!)) / RAO)),
      tao_stake: f64(n, (i) => (tao ? rao(tao[i]) : 0)),
      R: f64(n, (i) => list[i]!.rank / U16),
      I: f64(n, (i) => list[i]!.incentive / U16),
      E: f64(n, (i) => Number(list[i]!.emission) / RAO),
      C: f64(n, (i) => list[i]!.consensus / U16),
      T: f64(n, (i) => list[i]!.trust / U16),
      Tv: f64(n, (i) => list[i]!.validator_trust / U16),
      D: f64(n, (i) => list[i]!.dividends / U16),
      pruning_score: f64(n, (i) => list[i]!.pruning_score / U16),
      axons: list.map((x) => axonOf(x.axon_info, x.hotkey, x.coldkey)),
      W,
      B,
      info: Object.fromEntries(Object.entries(subnet).filter(([k]) => !perUid.has(k))),
    });
  }

  /**
   * Syncs from the chain: neurons (lite or full) and the selective mechagraph in parallel. A chain without
   * the metagraph API still syncs, with S from the neurons' alpha stake.
   */
  static async sync(
    source: MetagraphSource,
    netuid: number,
    opts: { lite?: boolean; network?: string; mecid?: number } = {},
  ): Promise<Metagraph> {
    const lite = opts.lite ?? true;
    const [neurons, info, block] = await Promise.all([
      lite ? source.neuronsLite(netuid) : source.neurons(netuid),
      source.selectiveMechagraph(netuid, opts.mecid ?? 0).catch(() => undefined),
      source.blockNumber(),
    ]);
    return Metagraph.fromNeurons(netuid, neurons, {
      block: typeof info?.block === "bigint" ? Number(info.block) : block,
      lite,
      ...(opts.network ? { network: opts.network } : {}),
      ...(info ? { info } : {}),
    });
  }

  /** Where the Python SDK keeps saved metagraphs, with .json for ours. */
  static defaultPath(
    network: string,
    netuid: number,
    block: number,
    root = join(homedir(), ".bittensor"),
  ): string {
    return join(root, "metagraphs", `network-${network}`, `netuid-${netuid}`, `block-${block}.json`);
  }

  toJSON(): unknown {
    return {
      format: "opentao-metagraph/1",
      ...Object.fromEntries(
        Object.entries(this as unknown as MetagraphData).map(([k, v]) => [k, jsonValue(v)]),
      ),
    };
  }

  /** Writes the metagraph as JSON (bigints as `{"$bigint": "…"}`); returns the path. */
  save(path = Metagraph.defaultPath(this.network, this.netuid, this.block)): string {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(this.toJSON()));
    return path;
  }

  static load(path: string): Metagraph {
    const raw = JSON.parse(readFileSync(path, "utf8"), (_k, v) =>
      v !== null && typeof v === "object" && typeof v.$bigint === "string" ? BigInt(v.$bigint) : v,
    ) as Record<string, unknown>;
    if (raw.format !== "opentao-metagraph/1") throw new Error(`${path}: not a saved metagraph`);
    const f = (k: string) => Float64Array.from(raw[k] as number[]);
    return new Metagraph({
      netuid: raw.netuid as number,
      network: raw.network as string,
      block: raw.block as number,
      lite: raw.lite as boolean,
      uids: Uint16Array.from(raw.uids as number[]),
      hotkeys: raw.hotkeys as string[],
      coldkeys: raw.coldkeys as string[],
      active: Uint8Array.from(raw.active as number[]),
      validator_permit: raw.validator_permit as boolean[],
      last_update: f("last_update"),
      S: f("S"),
      alpha_stake: f("alpha_stake"),
      tao_stake: f("tao_stake"),
      R: f("R"),
      I: f("I"),
      E: f("E"),
      C: f("C"),
      T: f("T"),
      Tv: f("Tv"),
      D: f("D"),
      pruning_score: f("pruning_score"),
      axons: raw.axons as AxonEndpoint[],
      W: (raw.W as number[][]).map((r) => Float64Array.from(r)),
      B: (raw.B as number[][]).map((r) => Float64Array.from(r)),
      info: raw.info as Record<string, unknown>,
    });
  }
}

function jsonValue(v: unknown): unknown {
  if (typeof v === "bigint") return { $bigint: v.toString() };
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValue(x)]));
  return v;
}
