// Block production on the authority: open a block on the best block's stored state (with its author, who gets
// the fees), apply the timestamp inherent and the signed extrinsics that are valid (the pool's checks: signature,
// mortality, nonce, fee, block limits), charge their fees, close it, and commit header, body and state at once.
import { blake2_256 } from "@opentao/primitives";
import {
  type ChainSpec,
  decodeExtrinsic,
  describeError,
  Executive,
  encodeExtrinsic,
  genesisState,
  MAX_NORMAL_LENGTH,
  MAX_NORMAL_REF_TIME,
  MINIMUM_PERIOD_MS,
  pallets,
  systemStorage as system,
  timestampStorage,
} from "@opentao/runtime";
import { Bytes, blockHeader, Vector } from "@polkadot-api/substrate-bindings";
import {
  type InvalidReason,
  revalidateTransaction,
  type UnknownReason,
  type ValidTransaction,
  type VerifiedExtrinsics,
  validateTransaction,
} from "../pool/validate.ts";
import { stateRootOf } from "../store/commitment.ts";
import type { BlockStore, HexHash } from "../store/index.ts";
import { PendingState } from "../store/pending.ts";

const toHex = (b: Uint8Array): HexHash => `0x${Buffer.from(b).toString("hex")}` as HexHash;
const fromHex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h.slice(2), "hex"));

/** Why an extrinsic was left out of a block (the pool's validity reasons, by Substrate's names). */
export type Exclusion = InvalidReason | UnknownReason | "Malformed";

export interface IncludedResult {
  index: number;
  /** The dispatch error's description, or null on success. */
  error: string | null;
}

export interface ProducedBlock {
  hash: HexHash;
  number: number;
  included: IncludedResult[];
  /** Hashes of the included transactions (for the pool), in block order. */
  includedHashes: string[];
  excluded: Array<{ position: number; reason: Exclusion; detail: string }>;
}

/** extrinsicsRoot: blake2-256 of the SCALE `Vec<Vec<u8>>` of the block's extrinsics (not a trie root). */
export function extrinsicsRoot(extrinsics: readonly Uint8Array[]): Uint8Array {
  return blake2_256(Vector(Bytes()).enc(extrinsics.map((e) => e)));
}

function encodeHeader(
  parentHash: Uint8Array,
  number: number,
  stateRoot: Uint8Array,
  exRoot: Uint8Array,
): Uint8Array {
  return blockHeader.enc({
    parentHash: toHex(parentHash),
    number,
    stateRoot: toHex(stateRoot),
    extrinsicRoot: toHex(exRoot),
    digests: [],
  });
}

/** A block from the authority that this node cannot reproduce exactly: refused, nothing written. */
export class ImportError extends Error {
  override name = "ImportError";
}

export class BlockProducer {
  readonly #executive: Executive;
  /**
   * Extrinsics whose signature this node has already verified (its pool's): their signature is not checked
   * again, whether the block is built here or imported from the authority. Included ones leave the set.
   */
  verified: VerifiedExtrinsics | undefined;

  private constructor(
    readonly store: BlockStore,
    readonly spec: ChainSpec,
    /** The block author's account: fees and tips (and swap fees) go there; none burns them. */
    readonly author: Uint8Array | undefined,
  ) {
    this.#executive = new Executive(spec.runtime);
    this.#executive.deferEvents = true;
  }

  /** Open a producer on `store`, writing the spec's genesis block if the store is empty. */
  static init(store: BlockStore, spec: ChainSpec, author?: Uint8Array): BlockProducer {
    if (!store.initialised) {
      const state = genesisState(spec);
      const entries = [...state.entries()].map(([k, v]) => [fromHex(`0x${k}`), v] as const);
      const header = encodeHeader(new Uint8Array(32), 0, stateRootOf(entries), extrinsicsRoot([]));
      store.initGenesis(header, entries);
    }
    return new BlockProducer(store, spec, author);
  }

  get genesisHash(): Uint8Array {
    return fromHex(this.store.genesisHash);
  }

  /**
   * Build, execute and commit the next block. `now` is the block's timestamp in ms (the inherent).
   * `extrinsics`: raw bytes (fully validated here), or the pool's validated transactions, of which only what
   * the chain since can change is checked again (nonce, era, fee funds; block limits).
   */
  produceBlock(
    now: bigint,
    extrinsics: ReadonlyArray<Uint8Array | ValidTransaction> = [],
    /** Raw storage writes (null deletes) applied before the block opens: dev_setStorage. */
    storage?: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>,
  ): ProducedBlock {
    const built = this.#build(now, extrinsics, storage);
    const ref = this.store.commitBlock(built.staged, built.header, built.body);
    this.#forgetIncluded(built.body);
    return { hash: ref.hash, number: ref.number, ...built.result };
  }

  #forgetIncluded(body: readonly Uint8Array[]): void {
    const verified = this.verified;
    if (verified && verified.size > 0) for (let i = 1; i < body.length; i++) verified.delete(body[i]);
  }

  /**
   * A follower's import: re-execute a block the authority built (`header` SCALE, `body` as served, the timestamp
   * inherent first) on our best block and commit it only if it comes out byte-identical — same parent, number,
   * state commitment and extrinsics root. Anything else is refused with an ImportError and nothing is written.
   */
  importBlock(header: Uint8Array, body: readonly Uint8Array[]): ProducedBlock {
    const h = blockHeader.dec(header);
    const parent = this.store.best();
    if (h.parentHash !== parent.hash)
      throw new ImportError(
        `block ${h.number} builds on ${h.parentHash}, not on our best block ${parent.hash}`,
      );
    let now: bigint;
    try {
      const inherent = decodeExtrinsic(body[0] ?? new Uint8Array());
      const call = inherent.call as { type: string; value: { type: string; value: { now: bigint } } };
      if (inherent.signed || call.type !== "Timestamp" || call.value.type !== "set")
        throw new Error("not Timestamp.set");
      now = call.value.value.now;
    } catch (e) {
      throw new ImportError(
        `block ${h.number}: the first extrinsic is not the timestamp inherent (${(e as Error).message})`,
      );
    }
    const built = this.#build(now, body.slice(1));
    if (built.result.excluded.length > 0) {
      const x = built.result.excluded[0];
      throw new ImportError(
        `block ${h.number}: extrinsic ${x.position + 1} is invalid here (${x.reason}: ${x.detail})`,
      );
    }
    if (toHex(blake2_256(built.header)) !== toHex(blake2_256(header))) {
      const ours = blockHeader.dec(built.header);
      const what =
        ours.stateRoot !== h.stateRoot
          ? "state commitment"
          : ours.extrinsicRoot !== h.extrinsicRoot
            ? "extrinsics root"
            : "header";
      throw new ImportError(
        `block ${h.number}: our ${what} differs from the authority's (${ours.stateRoot} ≠ ${h.stateRoot})`,
      );
    }
    const ref = this.store.commitBlock(built.staged, built.header, built.body);
    this.#forgetIncluded(built.body);
    return { hash: ref.hash, number: ref.number, ...built.result };
  }

  #build(
    now: bigint,
    extrinsics: ReadonlyArray<Uint8Array | ValidTransaction>,
    storage?: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>,
  ) {
    const parent = this.store.best();
    const number = parent.number + 1;
    const pending = new PendingState(this.store.stateAt(parent.hash));
    for (const [k, v] of storage ?? []) {
      if (v === null) pending.delete(k);
      else pending.set(k, v);
    }
    const ex = this.#executive;
    ex.initializeBlock(pending, { number, parentHash: fromHex(parent.hash), author: this.author });

    const body: Uint8Array[] = [];
    const included: IncludedResult[] = [];
    const includedHashes: string[] = [];
    const excluded: ProducedBlock["excluded"] = [];
    // Block time never goes back and advances at least MinimumPeriod: a dev chain sealing faster than 6 s
    // (or fast-forwarding) runs its clock ahead of the wall clock rather than failing the inherent.
    const prev = timestampStorage.Now.get(pending);
    if (prev !== 0n && now < prev + MINIMUM_PERIOD_MS) now = prev + MINIMUM_PERIOD_MS;
    const timestampCall = { type: "Timestamp", value: { type: "set", value: { now } } };
    const inherent = encodeExtrinsic({ signed: false, version: 4, call: timestampCall });
    const inherentError = ex.applyCall(pending, 0, { kind: "none" }, timestampCall);
    if (inherentError) throw new Error(`timestamp inherent failed at block ${number}: ${inherentError.type}`);
    body.push(inherent);

    // CheckWeight: the normal class's share of the block's weight and length.
    let weight = 0n;
    let length = 0;
    const genesisHash = this.genesisHash;
    const verified = this.verified;
    extrinsics.forEach((x, position) => {
      const v =
        x instanceof Uint8Array
          ? validateTransaction(pending, x, {
              genesisHash,
              blockNumber: number,
              skipSignature: verified?.has(x) ?? false,
            })
          : revalidateTransaction(pending, x, number);
      if (!v.ok) {
        excluded.push({ position, reason: v.reason, detail: v.detail });
        return;
      }
      const { tx } = v;
      const { bytes } = tx;
      if (tx.nonce !== tx.accountNonce) {
        excluded.push({
          position,
          reason: "Future",
          detail: `nonce ${tx.nonce}, account at ${tx.accountNonce}`,
        });
        return;
      }
      if (
        weight + tx.info.weight.ref_time > MAX_NORMAL_REF_TIME ||
        length + bytes.length > MAX_NORMAL_LENGTH
      ) {
        excluded.push({ position, reason: "ExhaustsResources", detail: "the block is full" });
        return;
      }
      weight += tx.info.weight.ref_time;
      length += bytes.length;
      const index = body.length;
      // CheckNonce: the nonce advances, and the fee is paid, even if the call then fails.
      system.Account.mutate(pending, tx.xt.signer, (a) => ({ ...a, nonce: a.nonce + 1 }));
      const error = ex.applyCall(pending, index, { kind: "signed", who: tx.xt.signer }, tx.xt.call, {
        fee: tx.fee,
        tip: tx.tip,
        info: tx.info,
      });
      body.push(bytes);
      included.push({ index, error: error ? describeError(error, pallets) : null });
      includedHashes.push(tx.hash);
    });
    ex.finalizeBlock(pending, body.length);

    const staged = this.store.stage(parent.hash, pending.changes());
    const header = encodeHeader(
      fromHex(parent.hash),
      number,
      fromHex(staged.stateRoot),
      extrinsicsRoot(body),
    );
    return { staged, header, body, result: { included, includedHashes, excluded } };
  }
}
