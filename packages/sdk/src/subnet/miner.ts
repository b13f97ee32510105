// A miner: an axon serving the protocol's synapses, with the subnet template's defaults — callers that are
// not registered on the subnet, lack a validator permit or stake are blacklisted, and callers with more
// stake go first — over a metagraph kept in sync in the background.

import { Axon, type AxonOptions, type ForwardFn, type ForwardResult } from "../axon/axon.ts";
import type { AccountSigner } from "../chain/signer.ts";
import { Metagraph } from "../metagraph/metagraph.ts";
import type { HeaderSynapse } from "../synapse/headers.ts";
import type { SynapseFields, SynapseType } from "../synapse/synapse.ts";
import type { SubnetChain } from "./chain.ts";

export interface MinerOptions {
  readonly chain: SubnetChain;
  readonly netuid: number;
  /** The miner's hotkey. */
  readonly hotkey: AccountSigner;
  readonly axon?: Omit<AxonOptions, "signer">;
  /** Blacklist callers without a validator permit (default true). */
  readonly forceValidatorPermit?: boolean;
  /** Let callers not registered on the subnet through (default false). */
  readonly allowNonRegistered?: boolean;
  /** Minimum stake S (TAO-weighted) a caller needs (default 0). */
  readonly minStake?: number;
  /** Re-sync the metagraph this often, ms (default 12 s; 0 = only at start). */
  readonly resyncMs?: number;
  /** Announce the axon with serve_axon at start (default false: loopback nets often skip it). */
  readonly serveOnChain?: boolean;
}

export interface ServeHooks<S extends SynapseFields> {
  /** Extra blacklist check after the default one. */
  readonly blacklist?: (synapse: HeaderSynapse<S>, miner: Miner) => readonly [boolean, string];
  readonly priority?: (synapse: HeaderSynapse<S>, miner: Miner) => number;
}

export class Miner {
  readonly axon: Axon;
  readonly #opts: MinerOptions;
  #metagraph: Metagraph | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(opts: MinerOptions) {
    this.#opts = opts;
    this.axon = new Axon({ ...opts.axon, signer: opts.hotkey });
  }

  get metagraph(): Metagraph {
    if (!this.#metagraph) throw new Error("miner not started: no metagraph yet");
    return this.#metagraph;
  }

  /** The template's blacklist: registered, validator permit, stake. `[true, reason]` blocks the call. */
  defaultBlacklist(hotkey: string | null | undefined): readonly [boolean, string] {
    if (!hotkey) return [true, "Missing dendrite or hotkey"];
    const uid = this.#metagraph?.uidOf(hotkey);
    if (uid === undefined) {
      if (this.#opts.allowNonRegistered) return [false, "Allowing un-registered hotkey"];
      return [true, "Unrecognized hotkey"];
    }
    const m = this.metagraph;
    if ((this.#opts.forceValidatorPermit ?? true) && !m.validator_permit[uid])
      return [true, "Non-validator hotkey"];
    const minStake = this.#opts.minStake ?? 0;
    if (minStake > 0 && (m.S[uid] ?? 0) < minStake) return [true, "Insufficient stake"];
    return [false, "Hotkey recognized!"];
  }

  /** The template's priority: the caller's stake. */
  defaultPriority(hotkey: string | null | undefined): number {
    const uid = hotkey ? this.#metagraph?.uidOf(hotkey) : undefined;
    return uid === undefined ? 0 : (this.metagraph.S[uid] ?? 0);
  }

  /** Serves a synapse type with the default blacklist/priority plus the given hooks. */
  serve<S extends SynapseFields>(
    type: SynapseType<S>,
    forward: ForwardFn<S>,
    hooks: ServeHooks<S> = {},
  ): this {
    this.axon.attach(
      type,
      forward as (...a: Parameters<ForwardFn<S>>) => ForwardResult<S> | Promise<ForwardResult<S>>,
      {
        blacklist: (synapse) => {
          const base = this.defaultBlacklist(synapse.dendrite.hotkey);
          if (base[0] || !hooks.blacklist) return base;
          return hooks.blacklist(synapse, this);
        },
        priority: (synapse) =>
          hooks.priority ? hooks.priority(synapse, this) : this.defaultPriority(synapse.dendrite.hotkey),
      },
    );
    return this;
  }

  async sync(): Promise<Metagraph> {
    this.#metagraph = await Metagraph.sync(this.#opts.chain, this.#opts.netuid);
    return this.#metagraph;
  }

  async start(): Promise<this> {
    await this.sync();
    await this.axon.start();
    if (this.#opts.serveOnChain && this.#opts.chain.serveAxon) {
      const info = this.axon.info();
      const r = await this.#opts.chain.serveAxon(this.#opts.hotkey, {
        netuid: this.#opts.netuid,
        ip: info.ip,
        port: info.port,
      });
      if (!r.success) throw new Error(`serve_axon failed: ${r.error?.pallet}.${r.error?.name}`);
    }
    const every = this.#opts.resyncMs ?? 12_000;
    if (every > 0) {
      this.#timer = setInterval(() => {
        this.sync().catch(() => undefined);
      }, every);
      this.#timer.unref();
    }
    return this;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.axon.stop();
  }
}
