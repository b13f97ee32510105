// The chain client: a @polkadot/api connection to any subtensor endpoint (opentao's node or finney), typed
// calls with a structured outcome (success, error by name, fee, events), and the reads neurons need.
// Runtime-API answers are decoded by the SDK itself (runtimeTypes.ts) from finney's struct layouts.

import { ApiPromise, WsProvider } from "@polkadot/api";
import type { SubmittableExtrinsic } from "@polkadot/api/types";
import { u8aToHex } from "@polkadot/util";
import { blake2AsU8a, decodeAddress } from "@polkadot/util-crypto";
import { Balance } from "../balance/balance.ts";
import type { Keypair } from "../keys/keypair.ts";
import { type ChainError, type ChainEvent, type EventRecordLike, extrinsicOutcome } from "./outcome.ts";
import {
  type DynamicInfo,
  decodeDynamicInfo,
  decodeMetagraphInfo,
  decodeNeuronInfo,
  decodeNeuronInfoLite,
  decodeSelectiveMetagraph,
  decodeStakeInfo,
  decodeSubnetHyperparamsV2,
  type MetagraphInfo,
  type NeuronInfo,
  type NeuronInfoLite,
  SELECTIVE_METAGRAPH_FIELDS,
  type StakeInfo,
  type SubnetHyperparamsV2,
} from "./runtimeTypes.ts";
import { ScaleReader, scaleEncode } from "./scale.ts";
import { type AccountSigner, pjsSigner } from "./signer.ts";
import { convertWeightsAndUidsForEmit } from "./weights.ts";

export type WaitFor = "none" | "inBlock" | "finalized";

export interface SubmitOptions {
  /** What to wait for before answering; default "inBlock". */
  readonly waitFor?: WaitFor;
  /** Mortality period in blocks (rounded up to a power of two by the client); default 64. */
  readonly period?: number;
  readonly tip?: bigint;
  /** Explicit nonce; default the node's next index for the account. */
  readonly nonce?: number;
  /** Give up waiting after this many ms (the answer then says "Timeout"); default 120 s. */
  readonly timeoutMs?: number;
}

export interface SubmitResult {
  readonly success: boolean;
  /** blake2-256 of the submitted extrinsic (0x hex). */
  readonly txHash: string;
  readonly blockHash?: string;
  readonly blockNumber?: number;
  readonly error?: ChainError;
  readonly fee?: Balance;
  readonly events: ChainEvent[];
}

export interface ConnectOptions {
  /** Reconnection delay in ms after a dropped connection (0 disables reconnection); default 1000. */
  readonly reconnectMs?: number;
  /** Per-request timeout in ms; default 60 s. */
  readonly requestTimeoutMs?: number;
}

/** Something a keypair or SS58 address stands for on the chain. */
export type AccountLike = string | { readonly ss58Address: string };
const addressOf = (a: AccountLike) => (typeof a === "string" ? a : a.ss58Address);

export class ChainClientError extends Error {
  override readonly name = "ChainClientError";
}

const hex = (u8a: Uint8Array) => u8aToHex(u8a);

export class Subtensor {
  readonly #api: ApiPromise;
  readonly #provider: WsProvider;
  readonly url: string;
  #closed = false;
  /** Bumped on every reconnection, so pending waits can tell that their subscription may be gone. */
  #connections = 0;
  readonly #stopListening: () => void;

  private constructor(url: string, api: ApiPromise, provider: WsProvider) {
    this.url = url;
    this.#api = api;
    this.#provider = provider;
    this.#stopListening = provider.on("connected", () => {
      this.#connections++;
    });
  }

  /** Connects and loads the metadata; rejects (and frees the socket) if the endpoint cannot be reached. */
  static async connect(url = "ws://127.0.0.1:9944", opts: ConnectOptions = {}): Promise<Subtensor> {
    const reconnectMs = opts.reconnectMs ?? 1000;
    const provider = new WsProvider(url, reconnectMs, {}, opts.requestTimeoutMs ?? 60_000);
    try {
      // Without reconnection the provider does not open the socket by itself.
      if (reconnectMs === 0) await provider.connect();
      const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
      return new Subtensor(url, api, provider);
    } catch (e) {
      await provider.disconnect().catch(() => undefined);
      throw new ChainClientError(`cannot connect to ${url}: ${(e as Error).message ?? e}`);
    }
  }

  /** The underlying @polkadot/api instance, for anything the SDK does not wrap. */
  get api(): ApiPromise {
    return this.#api;
  }

  get isConnected(): boolean {
    return this.#provider.isConnected;
  }

  /** Closes the socket and stops reconnecting; the client is unusable afterwards. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopListening();
    await this.#api.disconnect();
  }

  // ---------------------------------------------------------------- reads

  async blockNumber(): Promise<number> {
    return (await this.#api.rpc.chain.getHeader()).number.toNumber();
  }

  async blockHash(number?: number): Promise<string> {
    return (await this.#api.rpc.chain.getBlockHash(number)).toHex();
  }

  /** Free balance of an account (τ). */
  async balance(account: AccountLike): Promise<Balance> {
    const info = (await this.#api.query.system.account(addressOf(account))) as unknown as {
      data: { free: { toString(): string } };
    };
    return Balance.fromRao(BigInt(info.data.free.toString()));
  }

  /** Raw runtime-API call (`state_call`): method `Api_method`, SCALE-encoded args, SCALE answer. */
  async runtimeCall(method: string, args: Uint8Array = new Uint8Array(), at?: string): Promise<Uint8Array> {
    const out =
      at === undefined
        ? await this.#api.rpc.state.call(method, hex(args))
        : await this.#api.rpc.state.call(method, hex(args), at);
    return out.toU8a(true);
  }

  async #decodeCall<T>(method: string, args: Uint8Array, decode: (r: ScaleReader) => T): Promise<T> {
    const r = new ScaleReader(await this.runtimeCall(method, args));
    return decode(r);
  }

  neuronsLite(netuid: number): Promise<NeuronInfoLite[]> {
    return this.#decodeCall("NeuronInfoRuntimeApi_get_neurons_lite", scaleEncode.u16(netuid), (r) =>
      r.vec(decodeNeuronInfoLite),
    );
  }

  neurons(netuid: number): Promise<NeuronInfo[]> {
    return this.#decodeCall("NeuronInfoRuntimeApi_get_neurons", scaleEncode.u16(netuid), (r) =>
      r.vec(decodeNeuronInfo),
    );
  }

  neuronLite(netuid: number, uid: number): Promise<NeuronInfoLite | undefined> {
    return this.#decodeCall(
      "NeuronInfoRuntimeApi_get_neuron_lite",
      scaleEncode.concat(scaleEncode.u16(netuid), scaleEncode.u16(uid)),
      (r) => r.option(decodeNeuronInfoLite),
    );
  }

  /** `SubnetInfoRuntimeApi.get_metagraph`. */
  metagraphInfo(netuid: number): Promise<MetagraphInfo | undefined> {
    return this.#decodeCall("SubnetInfoRuntimeApi_get_metagraph", scaleEncode.u16(netuid), (r) =>
      r.option(decodeMetagraphInfo),
    );
  }

  /** `get_selective_mechagraph(netuid, mecid, indexes)`; all 74 fields unless told otherwise. */
  selectiveMechagraph(
    netuid: number,
    mecid = 0,
    indexes: readonly number[] = SELECTIVE_METAGRAPH_FIELDS.map((_, i) => i),
  ): Promise<MetagraphInfo | undefined> {
    return this.#decodeCall(
      "SubnetInfoRuntimeApi_get_selective_mechagraph",
      scaleEncode.concat(scaleEncode.u16(netuid), scaleEncode.u8(mecid), scaleEncode.vecU16(indexes)),
      (r) => r.option(decodeSelectiveMetagraph),
    );
  }

  allDynamicInfo(): Promise<DynamicInfo[]> {
    return this.#decodeCall("SubnetInfoRuntimeApi_get_all_dynamic_info", new Uint8Array(), (r) =>
      r.vec((x) => x.option(decodeDynamicInfo)).filter((d): d is DynamicInfo => d !== undefined),
    );
  }

  dynamicInfo(netuid: number): Promise<DynamicInfo | undefined> {
    return this.#decodeCall("SubnetInfoRuntimeApi_get_dynamic_info", scaleEncode.u16(netuid), (r) =>
      r.option(decodeDynamicInfo),
    );
  }

  hyperparameters(netuid: number): Promise<SubnetHyperparamsV2 | undefined> {
    return this.#decodeCall("SubnetInfoRuntimeApi_get_subnet_hyperparams_v2", scaleEncode.u16(netuid), (r) =>
      r.option(decodeSubnetHyperparamsV2),
    );
  }

  stakeInfoForColdkey(coldkey: AccountLike): Promise<StakeInfo[]> {
    return this.#decodeCall(
      "StakeInfoRuntimeApi_get_stake_info_for_coldkey",
      decodeAddress(addressOf(coldkey)),
      (r) => r.vec(decodeStakeInfo),
    );
  }

  /** Cost of registering a new subnet (`get_network_registration_cost`). */
  async lockCost(): Promise<Balance> {
    const rao = await this.#decodeCall(
      "SubnetRegistrationRuntimeApi_get_network_registration_cost",
      new Uint8Array(),
      (r) => r.u64(),
    );
    return Balance.fromRao(rao);
  }

  /** Netuids of every existing subnet, root included (storage `NetworksAdded`). */
  async subnets(): Promise<number[]> {
    const entries = await this.#api.query.subtensorModule.networksAdded.entries();
    return entries
      .filter(([, added]) => added.toPrimitive() === true)
      .map(([key]) => Number(key.args[0]!.toPrimitive()))
      .sort((a, b) => a - b);
  }

  /** The uid a hotkey holds on a subnet, or undefined. */
  async uidOf(netuid: number, hotkey: AccountLike): Promise<number | undefined> {
    const v = (await this.#api.query.subtensorModule.uids(netuid, addressOf(hotkey))).toPrimitive();
    return v === null || v === undefined ? undefined : Number(v);
  }

  /** `WeightsSetRateLimit` of a subnet, in blocks. */
  async weightsRateLimit(netuid: number): Promise<number> {
    return Number((await this.#api.query.subtensorModule.weightsSetRateLimit(netuid)).toPrimitive());
  }

  /** `LastUpdate` of a subnet: the block each uid last set weights. */
  async lastUpdate(netuid: number): Promise<number[]> {
    const v = (await this.#api.query.subtensorModule.lastUpdate(netuid)).toPrimitive() as unknown[];
    return v.map(Number);
  }

  /** Stake of a hotkey by a coldkey on a subnet (alpha, RAO) through StakeInfoRuntimeApi. */
  async stake(hotkey: AccountLike, coldkey: AccountLike, netuid: number): Promise<bigint> {
    const info = await this.#decodeCall(
      "StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid",
      scaleEncode.concat(
        decodeAddress(addressOf(hotkey)),
        decodeAddress(addressOf(coldkey)),
        scaleEncode.u16(netuid),
      ),
      (r) => r.option(decodeStakeInfo),
    );
    return info?.stake ?? 0n;
  }

  /**
   * Dev chains only (chopsticks' `dev_newBlock`): seals `count` blocks now, or up to block `to`, to
   * fast-forward tempos. Returns the new best hash.
   */
  async devNewBlock(opts: { count?: number; to?: number } = {}): Promise<string> {
    return (await this.#provider.send("dev_newBlock", [opts])) as string;
  }

  // ---------------------------------------------------------------- submission

  /** A call of any pallet by its metadata names (`"SubtensorModule", "add_stake"`), args in declaration order. */
  call(pallet: string, name: string, args: readonly unknown[]): SubmittableExtrinsic<"promise"> {
    const section = pallet.charAt(0).toLowerCase() + pallet.slice(1);
    const method = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    const fn = this.#api.tx[section]?.[method];
    if (!fn) throw new ChainClientError(`the chain has no call ${pallet}.${name}`);
    return fn(...args);
  }

  async #nonce(address: string): Promise<number> {
    const rpc = this.#api.rpc.system as unknown as {
      accountNextIndex?: (a: string) => Promise<{ toNumber(): number }>;
    };
    if (rpc.accountNextIndex) return (await rpc.accountNextIndex(address)).toNumber();
    // Nodes without the pool-aware RPC: the runtime's nonce, as the Python SDK reads it.
    const out = await this.runtimeCall("AccountNonceApi_account_nonce", decodeAddress(address));
    return new ScaleReader(out).u32();
  }

  /** Signs `tx` as `signer`, submits it and waits as told. Pool rejections come back as a failed result. */
  async submit(
    tx: SubmittableExtrinsic<"promise">,
    signer: AccountSigner | Keypair,
    opts: SubmitOptions = {},
  ): Promise<SubmitResult> {
    const waitFor = opts.waitFor ?? "inBlock";
    const nonce = opts.nonce ?? (await this.#nonce(signer.ss58Address));
    await tx.signAsync(signer.ss58Address, {
      signer: pjsSigner(this.#api.registry, signer),
      nonce,
      era: opts.period ?? 64,
      tip: opts.tip ?? 0n,
    });
    const txHash = tx.hash.toHex();
    const poolError = (e: unknown): SubmitResult => ({
      success: false,
      txHash,
      error: { pallet: "TransactionPool", name: "Rejected", docs: (e as Error).message ?? String(e) },
      events: [],
    });
    if (waitFor === "none") {
      try {
        await this.#api.rpc.author.submitExtrinsic(tx);
        return { success: true, txHash, events: [] };
      } catch (e) {
        return poolError(e);
      }
    }
    const startBlock = await this.blockNumber();
    let found: { blockHash: string; index: number } | undefined;
    try {
      found = await this.#watch(tx, txHash, startBlock, waitFor, opts.timeoutMs ?? 120_000);
    } catch (e) {
      return poolError(e);
    }
    if ("failure" in found) return found.failure as SubmitResult;
    return this.#outcome(txHash, found.blockHash, found.index);
  }

  /**
   * Waits through the author_submitAndWatchExtrinsic stream; if the connection drops meanwhile, keeps looking
   * for the transaction in new blocks once reconnected (the provider's resubscription resubmits it, which
   * the pool either accepts again or refuses as already known/outdated).
   */
  #watch(
    tx: SubmittableExtrinsic<"promise">,
    txHash: string,
    startBlock: number,
    waitFor: "inBlock" | "finalized",
    timeoutMs: number,
  ): Promise<{ blockHash: string; index: number } & { failure?: SubmitResult }> {
    const connectionsAtStart = this.#connections;
    return new Promise((resolve, reject) => {
      let done = false;
      let unsub: (() => void) | undefined;
      const finish = (v: { blockHash: string; index: number; failure?: SubmitResult } | Error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(scanner);
        try {
          unsub?.();
        } catch {
          // Already gone with the old connection.
        }
        if (v instanceof Error) reject(v);
        else resolve(v);
      };
      const failure = (name: string): { blockHash: string; index: number; failure: SubmitResult } => ({
        blockHash: "",
        index: -1,
        failure: {
          success: false,
          txHash,
          error: { pallet: "TransactionPool", name, docs: `transaction ${name.toLowerCase()}` },
          events: [],
        },
      });
      const timer = setTimeout(() => finish(failure("Timeout")), timeoutMs);
      let scanned = startBlock - 1;
      let scanning = false;
      let resubmitted = false;
      // Runs only after a reconnection: looks for the transaction in blocks since submission.
      const scanner = setInterval(async () => {
        if (done || scanning || this.#connections === connectionsAtStart || !this.#provider.isConnected)
          return;
        scanning = true;
        try {
          if (!resubmitted) {
            // The submission may not have reached the node before the drop: send the same bytes again
            // (a node that has it already, or has included it, refuses the copy — harmless).
            resubmitted = true;
            await this.#api.rpc.author.submitExtrinsic(tx).catch(() => undefined);
          }
          const head =
            waitFor === "finalized"
              ? (
                  await this.#api.rpc.chain.getHeader(await this.#api.rpc.chain.getFinalizedHead())
                ).number.toNumber()
              : await this.blockNumber();
          for (let n = scanned + 1; n <= head && !done; n++) {
            const hash = await this.#api.rpc.chain.getBlockHash(n);
            const block = await this.#api.rpc.chain.getBlock(hash);
            const index = block.block.extrinsics.findIndex((x) => x.hash.toHex() === txHash);
            scanned = n;
            if (index >= 0) finish({ blockHash: hash.toHex(), index });
          }
        } catch {
          // Connection flapped again; the next tick retries.
        } finally {
          scanning = false;
        }
      }, 250);
      const api = this.#api;
      const author = api.rpc.author as Partial<typeof api.rpc.author>;
      if (!author.submitAndWatchExtrinsic) {
        finish(new ChainClientError("the node does not offer author_submitAndWatchExtrinsic"));
        return;
      }
      author
        .submitAndWatchExtrinsic(tx, async (status) => {
          if (done) return;
          const target = waitFor === "inBlock" ? status.isInBlock || status.isFinalized : status.isFinalized;
          if (target) {
            const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
            try {
              const block = await this.#api.rpc.chain.getBlock(blockHash);
              const index = block.block.extrinsics.findIndex((x) => x.hash.toHex() === txHash);
              finish({ blockHash, index });
            } catch (e) {
              finish(e as Error);
            }
          } else if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
            finish(failure(status.type));
          }
        })
        .then((u) => {
          unsub = u;
          if (done) u();
        })
        .catch((e) => {
          // A refusal is final; a connection lost before the answer is not — the scanner takes over.
          if (this.#provider.isConnected && this.#connections === connectionsAtStart) finish(e as Error);
        });
    });
  }

  async #outcome(txHash: string, blockHash: string, index: number): Promise<SubmitResult> {
    const header = await this.#api.rpc.chain.getHeader(blockHash);
    const records = (await this.#api.query.system.events.at(blockHash)) as unknown as EventRecordLike[];
    const o = extrinsicOutcome(this.#api.registry, records, index);
    return {
      success: o.success,
      txHash,
      blockHash,
      blockNumber: header.number.toNumber(),
      ...(o.error ? { error: o.error } : {}),
      ...(o.fee !== undefined ? { fee: Balance.fromRao(o.fee) } : {}),
      events: o.events,
    };
  }

  // ---------------------------------------------------------------- typed calls

  transfer(
    signer: Keypair | AccountSigner,
    dest: AccountLike,
    amount: Balance | bigint,
    opts: SubmitOptions & { keepAlive?: boolean } = {},
  ): Promise<SubmitResult> {
    const rao = amount instanceof Balance ? amount.rao : amount;
    const name = opts.keepAlive === false ? "transfer_allow_death" : "transfer_keep_alive";
    return this.submit(this.call("Balances", name, [addressOf(dest), rao]), signer, opts);
  }

  addStake(
    signer: Keypair | AccountSigner,
    hotkey: AccountLike,
    netuid: number,
    amount: bigint,
    opts: SubmitOptions & LimitOptions = {},
  ) {
    return this.submit(this.stakeCall("add_stake", hotkey, netuid, amount, opts), signer, opts);
  }

  removeStake(
    signer: Keypair | AccountSigner,
    hotkey: AccountLike,
    netuid: number,
    amount: bigint,
    opts: SubmitOptions & LimitOptions = {},
  ) {
    return this.submit(this.stakeCall("remove_stake", hotkey, netuid, amount, opts), signer, opts);
  }

  /** `add_stake` / `remove_stake`, or their `_limit` variant when a limit price is given. */
  private stakeCall(
    name: "add_stake" | "remove_stake",
    hotkey: AccountLike,
    netuid: number,
    amount: bigint,
    opts: LimitOptions,
  ) {
    const args = [addressOf(hotkey), netuid, amount];
    return opts.limitPrice === undefined
      ? this.call("SubtensorModule", name, args)
      : this.call("SubtensorModule", `${name}_limit`, [...args, opts.limitPrice, opts.allowPartial ?? false]);
  }

  moveStake(
    signer: Keypair | AccountSigner,
    a: {
      originHotkey: AccountLike;
      destinationHotkey: AccountLike;
      originNetuid: number;
      destinationNetuid: number;
      alphaAmount: bigint;
    },
    opts: SubmitOptions = {},
  ) {
    const args = [
      addressOf(a.originHotkey),
      addressOf(a.destinationHotkey),
      a.originNetuid,
      a.destinationNetuid,
      a.alphaAmount,
    ];
    return this.submit(this.call("SubtensorModule", "move_stake", args), signer, opts);
  }

  transferStake(
    signer: Keypair | AccountSigner,
    a: {
      destinationColdkey: AccountLike;
      hotkey: AccountLike;
      originNetuid: number;
      destinationNetuid: number;
      alphaAmount: bigint;
    },
    opts: SubmitOptions = {},
  ) {
    const args = [
      addressOf(a.destinationColdkey),
      addressOf(a.hotkey),
      a.originNetuid,
      a.destinationNetuid,
      a.alphaAmount,
    ];
    return this.submit(this.call("SubtensorModule", "transfer_stake", args), signer, opts);
  }

  swapStake(
    signer: Keypair | AccountSigner,
    a: { hotkey: AccountLike; originNetuid: number; destinationNetuid: number; alphaAmount: bigint },
    opts: SubmitOptions = {},
  ) {
    const args = [addressOf(a.hotkey), a.originNetuid, a.destinationNetuid, a.alphaAmount];
    return this.submit(this.call("SubtensorModule", "swap_stake", args), signer, opts);
  }

  unstakeAll(signer: Keypair | AccountSigner, hotkey: AccountLike, opts: SubmitOptions = {}) {
    return this.submit(this.call("SubtensorModule", "unstake_all", [addressOf(hotkey)]), signer, opts);
  }

  /** burned_register, or register_limit when a limit price is given. */
  burnedRegister(
    signer: Keypair | AccountSigner,
    netuid: number,
    hotkey: AccountLike,
    opts: SubmitOptions & { limitPrice?: bigint } = {},
  ) {
    const tx =
      opts.limitPrice === undefined
        ? this.call("SubtensorModule", "burned_register", [netuid, addressOf(hotkey)])
        : this.call("SubtensorModule", "register_limit", [netuid, addressOf(hotkey), opts.limitPrice]);
    return this.submit(tx, signer, opts);
  }

  rootRegister(signer: Keypair | AccountSigner, hotkey: AccountLike, opts: SubmitOptions = {}) {
    return this.submit(this.call("SubtensorModule", "root_register", [addressOf(hotkey)]), signer, opts);
  }

  /** register_network, or register_network_with_identity when an identity is given. */
  registerNetwork(
    signer: Keypair | AccountSigner,
    hotkey: AccountLike,
    opts: SubmitOptions & { identity?: Partial<Record<SubnetIdentityField, string>> } = {},
  ) {
    const tx = opts.identity
      ? this.call("SubtensorModule", "register_network_with_identity", [
          addressOf(hotkey),
          Object.fromEntries(SUBNET_IDENTITY_FIELDS.map((f) => [f, opts.identity?.[f] ?? ""])),
        ])
      : this.call("SubtensorModule", "register_network", [addressOf(hotkey)]);
    return this.submit(tx, signer, opts);
  }

  startCall(signer: Keypair | AccountSigner, netuid: number, opts: SubmitOptions = {}) {
    return this.submit(this.call("SubtensorModule", "start_call", [netuid]), signer, opts);
  }

  /** serve_axon with an IPv4/IPv6 text address. */
  serveAxon(
    signer: Keypair | AccountSigner,
    a: { netuid: number; ip: string; port: number; version?: number; protocol?: number },
    opts: SubmitOptions = {},
  ) {
    const { ip, ipType } = ipToInt(a.ip);
    const args = [a.netuid, a.version ?? 0, ip, a.port, ipType, a.protocol ?? 4, 0, 0];
    return this.submit(this.call("SubtensorModule", "serve_axon", args), signer, opts);
  }

  /**
   * set_weights with float weights, normalised as the Python SDK does (max-upscale to u16,
   * `convert_weights_and_uids_for_emit`). Pass `normalized: true` to send u16 values as given.
   */
  setWeights(
    signer: Keypair | AccountSigner,
    netuid: number,
    uids: readonly number[],
    weights: readonly number[],
    opts: SubmitOptions & { versionKey?: bigint; normalized?: boolean } = {},
  ) {
    const row = opts.normalized
      ? { uids: [...uids], weights: [...weights] }
      : convertWeightsAndUidsForEmit(uids, weights);
    const args = [netuid, row.uids, row.weights, opts.versionKey ?? 0n];
    return this.submit(this.call("SubtensorModule", "set_weights", args), signer, opts);
  }

  commitWeights(
    signer: Keypair | AccountSigner,
    netuid: number,
    commitHash: Uint8Array | string,
    opts: SubmitOptions = {},
  ) {
    return this.submit(this.call("SubtensorModule", "commit_weights", [netuid, commitHash]), signer, opts);
  }

  revealWeights(
    signer: Keypair | AccountSigner,
    netuid: number,
    a: { uids: readonly number[]; values: readonly number[]; salt: readonly number[]; versionKey?: bigint },
    opts: SubmitOptions = {},
  ) {
    const args = [netuid, a.uids, a.values, a.salt, a.versionKey ?? 0n];
    return this.submit(this.call("SubtensorModule", "reveal_weights", args), signer, opts);
  }

  increaseTake(signer: Keypair | AccountSigner, hotkey: AccountLike, take: number, opts: SubmitOptions = {}) {
    return this.submit(
      this.call("SubtensorModule", "increase_take", [addressOf(hotkey), take]),
      signer,
      opts,
    );
  }

  decreaseTake(signer: Keypair | AccountSigner, hotkey: AccountLike, take: number, opts: SubmitOptions = {}) {
    return this.submit(
      this.call("SubtensorModule", "decrease_take", [addressOf(hotkey), take]),
      signer,
      opts,
    );
  }

  /** children: [proportion (u64, of u64::MAX), child hotkey]. */
  setChildren(
    signer: Keypair | AccountSigner,
    hotkey: AccountLike,
    netuid: number,
    children: readonly (readonly [bigint, AccountLike])[],
    opts: SubmitOptions = {},
  ) {
    const list = children.map(([p, c]) => [p, addressOf(c)]);
    return this.submit(
      this.call("SubtensorModule", "set_children", [addressOf(hotkey), netuid, list]),
      signer,
      opts,
    );
  }

  setChildkeyTake(
    signer: Keypair | AccountSigner,
    hotkey: AccountLike,
    netuid: number,
    take: number,
    opts: SubmitOptions = {},
  ) {
    return this.submit(
      this.call("SubtensorModule", "set_childkey_take", [addressOf(hotkey), netuid, take]),
      signer,
      opts,
    );
  }
}

export interface LimitOptions {
  /** Limit price in RAO per alpha (the chain's `limit_price`); selects the `_limit` call. */
  readonly limitPrice?: bigint;
  readonly allowPartial?: boolean;
}

export const SUBNET_IDENTITY_FIELDS = [
  "subnet_name",
  "github_repo",
  "subnet_contact",
  "subnet_url",
  "discord",
  "description",
  "logo_url",
  "additional",
] as const;
export type SubnetIdentityField = (typeof SUBNET_IDENTITY_FIELDS)[number];

/** An IP text address as the chain's u128 + ip_type (4 or 6), as the Python SDK's `ip_to_int`. */
export function ipToInt(ip: string): { ip: bigint; ipType: 4 | 6 } {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) throw new ChainClientError(`invalid IPv4 address ${ip}`);
    return { ip: parts.reduce((a, p) => (a << 8n) | BigInt(p), 0n), ipType: 4 };
  }
  if (!ip.includes(":") || ip.split("::").length > 2) throw new ChainClientError(`invalid IP address ${ip}`);
  const [head, tail] = ip.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g)))
    throw new ChainClientError(`invalid IPv6 address ${ip}`);
  return { ip: groups.reduce((a, g) => (a << 16n) | BigInt(`0x${g}`), 0n), ipType: 6 };
}

/** The chain's u128 address back to text. */
export function intToIp(ip: bigint, ipType: number): string {
  if (ipType === 4) return [24n, 16n, 8n, 0n].map((s) => ((ip >> s) & 0xffn).toString()).join(".");
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((ip >> s) & 0xffffn).toString(16));
  return groups.join(":");
}

/**
 * The commit hash of commit_weights: blake2-256 of SCALE (AccountId, u16 netuid, Vec<u16> uids,
 * Vec<u16> values, Vec<u16> salt, u64 version_key), as the chain recomputes it on reveal.
 */
export function weightsCommitHash(
  account: AccountLike,
  netuid: number,
  uids: readonly number[],
  values: readonly number[],
  salt: readonly number[],
  versionKey: bigint,
): Uint8Array {
  const v = new Uint8Array(8);
  new DataView(v.buffer).setBigUint64(0, versionKey, true);
  return blake2AsU8a(
    scaleEncode.concat(
      decodeAddress(addressOf(account)),
      scaleEncode.u16(netuid),
      scaleEncode.vecU16(uids),
      scaleEncode.vecU16(values),
      scaleEncode.vecU16(salt),
      v,
    ),
    256,
  );
}
