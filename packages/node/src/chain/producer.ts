// Block production on the authority: open a block on the best block's stored state, apply the timestamp
// inherent and the signed extrinsics that are valid (signature, mortality, nonce), close it, and commit
// header, body and state changes to the store in one transaction.
// Not yet: fees (TransactionFeePaid), the transaction pool and its 1010–1014 errors, sealing modes.

import { blake2_256 } from "@opentao/primitives";
import {
  type ChainSpec,
  type DecodedExtrinsic,
  decodeExtrinsic,
  describeError,
  Executive,
  type ExtrinsicError,
  encodeExtrinsic,
  eraBirth,
  genesisState,
  MINIMUM_PERIOD_MS,
  pallets,
  SPEC_VERSION,
  systemStorage as system,
  TRANSACTION_VERSION,
  timestampStorage,
  verifyExtrinsic,
} from "@opentao/runtime";
import { Bytes, blockHeader, Vector } from "@polkadot-api/substrate-bindings";
import { stateRootOf } from "../store/commitment.ts";
import type { BlockStore, HexHash } from "../store/index.ts";
import { PendingState } from "../store/pending.ts";

const toHex = (b: Uint8Array): HexHash => `0x${Buffer.from(b).toString("hex")}` as HexHash;
const fromHex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h.slice(2), "hex"));

/** Why an extrinsic was left out of a block (the pool's validity reasons, by Substrate's names). */
export type Exclusion =
  | "BadProof"
  | "Stale"
  | "Future"
  | "AncientBirthBlock"
  | "Malformed"
  | "CannotLookup"
  | "Payment";

export interface IncludedResult {
  index: number;
  /** The dispatch error's description, or null on success. */
  error: string | null;
}

export interface ProducedBlock {
  hash: HexHash;
  number: number;
  included: IncludedResult[];
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

export class BlockProducer {
  readonly #executive: Executive;

  private constructor(
    readonly store: BlockStore,
    readonly spec: ChainSpec,
  ) {
    this.#executive = new Executive(spec.runtime);
  }

  /** Open a producer on `store`, writing the spec's genesis block if the store is empty. */
  static init(store: BlockStore, spec: ChainSpec): BlockProducer {
    if (!store.initialised) {
      const state = genesisState(spec);
      const entries = [...state.entries()].map(([k, v]) => [fromHex(`0x${k}`), v] as const);
      const header = encodeHeader(new Uint8Array(32), 0, stateRootOf(entries), extrinsicsRoot([]));
      store.initGenesis(header, entries);
    }
    return new BlockProducer(store, spec);
  }

  get genesisHash(): Uint8Array {
    return fromHex(this.store.genesisHash);
  }

  /** Build, execute and commit the next block. `now` is the block's timestamp in ms (the inherent). */
  produceBlock(now: bigint, extrinsics: readonly Uint8Array[] = []): ProducedBlock {
    const parent = this.store.best();
    const number = parent.number + 1;
    const pending = new PendingState(this.store.stateAt(parent.hash));
    const ex = this.#executive;
    ex.initializeBlock(pending, { number, parentHash: fromHex(parent.hash) });

    const body: Uint8Array[] = [];
    const included: IncludedResult[] = [];
    const excluded: ProducedBlock["excluded"] = [];
    // Block time never goes back and advances at least MinimumPeriod: a dev chain sealing faster than 6 s
    // (or fast-forwarding) runs its clock ahead of the wall clock rather than failing the inherent.
    const prev = timestampStorage.Now.get(pending);
    if (prev !== 0n && now < prev + MINIMUM_PERIOD_MS) now = prev + MINIMUM_PERIOD_MS;
    const inherent = encodeExtrinsic({
      signed: false,
      version: 4,
      call: { type: "Timestamp", value: { type: "set", value: { now } } },
    });
    const inherentError = ex.applyCall(
      pending,
      0,
      { kind: "none" },
      { type: "Timestamp", value: { type: "set", value: { now } } },
    );
    if (inherentError) throw new Error(`timestamp inherent failed at block ${number}: ${inherentError.type}`);
    body.push(inherent);

    extrinsics.forEach((bytes, position) => {
      let xt: DecodedExtrinsic;
      try {
        xt = decodeExtrinsic(bytes);
      } catch (e) {
        excluded.push({ position, reason: "Malformed", detail: (e as ExtrinsicError).message });
        return;
      }
      if (!xt.signed) {
        excluded.push({
          position,
          reason: "Malformed",
          detail: "only signed extrinsics are accepted from users",
        });
        return;
      }
      const birth = eraBirth(xt.era, number);
      const checkpoint =
        xt.era.type === "Immortal"
          ? this.genesisHash
          : birth === 0
            ? this.genesisHash
            : system.BlockHash.get(pending, birth);
      if (xt.era.type === "Mortal" && birth > 0 && checkpoint.every((b) => b === 0)) {
        excluded.push({ position, reason: "AncientBirthBlock", detail: `no hash for birth block ${birth}` });
        return;
      }
      const verdict = verifyExtrinsic(xt, {
        specVersion: SPEC_VERSION,
        transactionVersion: TRANSACTION_VERSION,
        genesisHash: this.genesisHash,
        checkpointHash: checkpoint,
      });
      if (!verdict.ok) {
        excluded.push({
          position,
          reason: verdict.error === "BadProof" ? "BadProof" : "CannotLookup",
          detail: verdict.detail,
        });
        return;
      }
      if (!system.Account.has(pending, xt.signer)) {
        excluded.push({ position, reason: "Payment", detail: "the signer's account does not exist" });
        return;
      }
      const nonce = system.Account.get(pending, xt.signer).nonce;
      if (xt.nonce !== nonce) {
        excluded.push({
          position,
          reason: xt.nonce < nonce ? "Stale" : "Future",
          detail: `nonce ${xt.nonce}, account at ${nonce}`,
        });
        return;
      }
      const index = body.length;
      // CheckNonce: the nonce advances even if the call then fails.
      system.Account.mutate(pending, xt.signer, (a) => ({ ...a, nonce: a.nonce + 1 }));
      const error = ex.applyCall(pending, index, { kind: "signed", who: xt.signer }, xt.call);
      body.push(bytes);
      included.push({ index, error: error ? describeError(error, pallets) : null });
    });
    ex.finalizeBlock(pending, body.length);

    const staged = this.store.stage(parent.hash, pending.changes());
    const header = encodeHeader(
      fromHex(parent.hash),
      number,
      fromHex(staged.stateRoot),
      extrinsicsRoot(body),
    );
    const ref = this.store.commitBlock(staged, header, body);
    return { hash: ref.hash, number: ref.number, included, excluded };
  }
}
