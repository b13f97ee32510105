// A validator: each step queries a random sample of serving miners through the dendrite, scores the answers
// with the subnet's reward function, folds them into EMA scores (the subnet template's update: unqueried
// uids decay too), and sets L1-normalised weights (capped at max_weights_limit) once the chain's rate limit and the epoch length allow.

import type { AccountSigner } from "../chain/signer.ts";
import { normalizeMaxWeight, U16_MAX } from "../chain/weights.ts";
import { Dendrite } from "../dendrite/dendrite.ts";
import { Metagraph } from "../metagraph/metagraph.ts";
import { copySynapse, type Synapse, type SynapseFields, type SynapseType } from "../synapse/synapse.ts";
import type { SubnetChain, WeightsResult } from "./chain.ts";

export interface ValidatorOptions<S extends SynapseFields, R> {
  readonly chain: SubnetChain;
  readonly netuid: number;
  readonly hotkey: AccountSigner;
  readonly type: SynapseType<S, R>;
  /** The synapse to send this step (a copy goes to every miner). */
  readonly query: (step: number) => Synapse<S>;
  /** One reward (≥ 0) per queried uid, in the order of `uids`. Failed calls come with a non-200 status. */
  readonly reward: (
    query: Synapse<S>,
    responses: Synapse<S>[],
    uids: number[],
  ) => number[] | Promise<number[]>;
  readonly dendrite?: Dendrite;
  /** Miners per step (template default 50). */
  readonly sampleSize?: number;
  /** EMA factor (template default 0.1). */
  readonly alpha?: number;
  /** Dendrite timeout, seconds. */
  readonly timeout?: number;
  /** Blocks between weight settings at least (template default 100); the chain's rate limit also applies. */
  readonly epochLength?: number;
  readonly versionKey?: bigint;
  /** Validators (permit and S above this, in TAO) are not queried, as the template's get_random_uids. */
  readonly vpermitTaoLimit?: number;
  /** Random source for sampling (tests pass a seeded one). */
  readonly random?: () => number;
}

export interface StepResult {
  readonly block: number;
  readonly uids: number[];
  readonly rewards: number[];
  /** Present when this step set weights. */
  readonly weights?: WeightsResult & { readonly uids: number[]; readonly weights: number[] };
}

export class Validator<S extends SynapseFields, R = unknown> {
  readonly #opts: ValidatorOptions<S, R>;
  readonly #dendrite: Dendrite;
  readonly #ownsDendrite: boolean;
  #metagraph: Metagraph | undefined;
  #scores = new Float64Array(0);
  #step = 0;
  #lastWeightsBlock: number | undefined;
  #running = false;
  #stopped: Promise<void> | undefined;

  constructor(opts: ValidatorOptions<S, R>) {
    this.#opts = opts;
    this.#ownsDendrite = opts.dendrite === undefined;
    this.#dendrite = opts.dendrite ?? new Dendrite({ signer: opts.hotkey });
  }

  get scores(): Float64Array {
    return this.#scores;
  }

  get metagraph(): Metagraph {
    if (!this.#metagraph) throw new Error("validator not synced yet");
    return this.#metagraph;
  }

  /** The validator's own uid, if registered. */
  get uid(): number | undefined {
    return this.#metagraph?.uidOf(this.#opts.hotkey.ss58Address);
  }

  /** Re-reads the metagraph; scores of uids whose hotkey changed restart at 0, new uids are added. */
  async sync(): Promise<Metagraph> {
    const old = this.#metagraph;
    const m = await Metagraph.sync(this.#opts.chain, this.#opts.netuid);
    const scores = new Float64Array(m.n);
    for (let uid = 0; uid < m.n; uid++)
      if (old && uid < old.n && old.hotkeys[uid] === m.hotkeys[uid]) scores[uid] = this.#scores[uid] ?? 0;
    this.#scores = scores;
    this.#metagraph = m;
    return m;
  }

  /** Serving miners other than ourselves (validators with large stake excluded), shuffled, at most `k`. */
  sampleUids(k = this.#opts.sampleSize ?? 50): number[] {
    const m = this.metagraph;
    const self = this.uid;
    const limit = this.#opts.vpermitTaoLimit ?? 4096;
    const candidates = [...m.uids].filter(
      (u) => u !== self && m.axons[u]?.is_serving && !(m.validator_permit[u] && (m.S[u] ?? 0) > limit),
    );
    const random = this.#opts.random ?? Math.random;
    for (let i = candidates.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
    }
    return candidates.slice(0, k);
  }

  /** `scores = α·rewards + (1−α)·scores`, rewards scattered over all uids (0 where not queried). */
  updateScores(uids: readonly number[], rewards: readonly number[]): void {
    if (uids.length !== rewards.length) throw new Error("uids and rewards differ in length");
    const alpha = this.#opts.alpha ?? 0.1;
    const scattered = new Float64Array(this.#scores.length);
    for (const [i, uid] of uids.entries()) {
      const r = rewards[i]!;
      if (uid < scattered.length) scattered[uid] = Number.isFinite(r) && r > 0 ? r : 0;
    }
    for (let u = 0; u < this.#scores.length; u++)
      this.#scores[u] = alpha * scattered[u]! + (1 - alpha) * this.#scores[u]!;
  }

  /** True once `max(epochLength, rate limit)` blocks have passed since this hotkey last set weights. */
  async shouldSetWeights(block: number): Promise<boolean> {
    const uid = this.uid;
    if (uid === undefined) return false;
    const limit = Math.max(
      this.#opts.epochLength ?? 100,
      await this.#opts.chain.weightsRateLimit(this.#opts.netuid),
    );
    const last = Math.max(this.metagraph.last_update[uid] ?? 0, this.#lastWeightsBlock ?? 0);
    return block - last > limit;
  }

  /** Sets L1-normalised scores as weights (the chain client max-upscales them to u16). */
  async setWeights(): Promise<(WeightsResult & { uids: number[]; weights: number[] }) | undefined> {
    const sum = this.#scores.reduce((a, b) => a + b, 0);
    if (!(sum > 0)) return undefined;
    const uids = [...this.#scores.keys()];
    let weights = [...this.#scores].map((s) => s / sum);
    // process_weights_for_netuid: no weight above max_weights_limit (a share of u16::MAX).
    const hp = await this.#opts.chain.hyperparameters?.(this.#opts.netuid).catch(() => undefined);
    if (hp && hp.max_weights_limit > 0 && hp.max_weights_limit < U16_MAX)
      weights = normalizeMaxWeight(weights, hp.max_weights_limit / U16_MAX);
    const r = await this.#opts.chain.setWeights(this.#opts.hotkey, this.#opts.netuid, uids, weights, {
      ...(this.#opts.versionKey !== undefined ? { versionKey: this.#opts.versionKey } : {}),
    });
    if (r.success) this.#lastWeightsBlock = await this.#opts.chain.blockNumber();
    return { ...r, uids, weights };
  }

  /** One round: sync, query a sample, reward, update scores, set weights when due. */
  async step(): Promise<StepResult> {
    await this.sync();
    const m = this.metagraph;
    const uids = this.sampleUids();
    const query = this.#opts.query(this.#step++);
    const responses = await Promise.all(
      uids.map((uid) =>
        this.#dendrite.call(
          this.#opts.type,
          { ip: m.axons[uid]!.ip, port: m.axons[uid]!.port, hotkey: m.hotkeys[uid]! },
          copySynapse(query),
          { timeout: this.#opts.timeout ?? 10 },
        ),
      ),
    );
    const rewards = uids.length > 0 ? await this.#opts.reward(query, responses, uids) : [];
    this.updateScores(uids, rewards);
    const block = await this.#opts.chain.blockNumber();
    const weights = (await this.shouldSetWeights(block)) ? await this.setWeights() : undefined;
    return { block, uids, rewards, ...(weights ? { weights } : {}) };
  }

  /** Steps every `intervalMs` until `stop()`; errors of a step go to `onError` and the loop goes on. */
  start(
    intervalMs = 12_000,
    onStep?: (r: StepResult) => void,
    onError: (e: unknown) => void = console.error,
  ): void {
    if (this.#running) return;
    this.#running = true;
    this.#stopped = (async () => {
      while (this.#running) {
        const started = Date.now();
        try {
          const r = await this.step();
          onStep?.(r);
        } catch (e) {
          onError(e);
        }
        const wait = intervalMs - (Date.now() - started);
        if (wait > 0 && this.#running) await new Promise((r) => setTimeout(r, wait));
      }
    })();
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#stopped;
    if (this.#ownsDendrite) await this.#dendrite.close();
  }
}
