// Transaction validity as the runtime's extensions decide it (CheckNonZeroSender, spec/tx version, genesis,
// mortality, nonce, weight, fee payment), shared by the pool at submission and the block builder at inclusion.
// Outcomes carry Substrate's names; `poolError` turns them into the JSON-RPC 1001/1010/1011 errors.

import { blake2_256 } from "@opentao/primitives";
import {
  canWithdrawFee,
  computeFee,
  type DecodedExtrinsic,
  type DispatchInfo,
  decodeExtrinsic,
  dispatchInfoOf,
  type ExtrinsicError,
  eraBirth,
  eraDeath,
  MAX_BLOCK_REF_TIME,
  MAX_NORMAL_LENGTH,
  SPEC_VERSION,
  type StateReader,
  systemStorage as system,
  TRANSACTION_VERSION,
  verifyExtrinsic,
} from "@opentao/runtime";
import { RpcError } from "../rpc/index.ts";

/** `InvalidTransaction` variants (1010) and `UnknownTransaction` (1011), by Substrate's names. */
export type InvalidReason =
  | "BadProof"
  | "Stale"
  | "Future"
  | "AncientBirthBlock"
  | "Payment"
  | "Call"
  | "BadSigner"
  | "ExhaustsResources";
export type UnknownReason = "CannotLookup" | "NoUnsignedValidator";

export type Validity =
  | { ok: true; tx: ValidTransaction }
  | { ok: false; kind: "Invalid"; reason: InvalidReason; detail: string }
  | { ok: false; kind: "Unknown"; reason: UnknownReason; detail: string }
  | { ok: false; kind: "Malformed"; reason: "Malformed"; detail: string };

export interface ValidTransaction {
  xt: DecodedExtrinsic & { signed: true };
  bytes: Uint8Array;
  /** blake2-256 of the extrinsic, length prefix included (what author_submitExtrinsic returns). */
  hash: string;
  /** The signer as hex: the pool's per-sender key. */
  sender: string;
  nonce: number;
  /** Nonce the account is at now: `nonce > accountNonce` means the transaction is for the future. */
  accountNonce: number;
  info: DispatchInfo;
  /** Inclusion fee + tip withdrawn before dispatch. */
  fee: bigint;
  tip: bigint;
  priority: bigint;
  /** First block number at which the transaction is no longer valid (Infinity if immortal). */
  death: number;
}

/** The chain facts validity depends on, at the block the transaction would go into. */
export interface ValidationEnv {
  genesisHash: Uint8Array;
  /** Number of the block being built (best + 1 for the pool). */
  blockNumber: number;
  /**
   * The parent's hash, for a state read before the new block is initialized (the pool validates on the best
   * block's state, where `System.BlockHash` does not hold the best block yet; Substrate initializes a block
   * first). A transaction born at the best block checks against it.
   */
  parentHash?: Uint8Array;
  /** Skip the signature check for a transaction already verified by the pool (same bytes). */
  skipSignature?: boolean;
}

/**
 * Extrinsics (their exact bytes, length prefix included) whose signature this node has verified against its
 * own chain: the pool adds what it admits, the block builder and a follower's import skip the signature of what
 * is here — so each signature is verified once per node. Bounded, oldest forgotten first (a forgotten one is
 * simply verified again). Kept as latin1 strings: a Map key by content, cheaper than hashing.
 */
export class VerifiedExtrinsics {
  readonly #set = new Set<string>();
  constructor(readonly max = 16_384) {}

  static key(bytes: Uint8Array): string {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  }

  add(bytes: Uint8Array): void {
    const k = VerifiedExtrinsics.key(bytes);
    if (this.#set.has(k)) return;
    if (this.#set.size >= this.max) this.#set.delete(this.#set.values().next().value as string);
    this.#set.add(k);
  }

  has(bytes: Uint8Array): boolean {
    return this.#set.has(VerifiedExtrinsics.key(bytes));
  }

  delete(bytes: Uint8Array): void {
    this.#set.delete(VerifiedExtrinsics.key(bytes));
  }

  get size(): number {
    return this.#set.size;
  }
}

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;
const U64_MAX = (1n << 64n) - 1n;

/** The 1010 `data` text Substrate's RPC gives for each InvalidTransaction variant. */
export const INVALID_TEXT: Record<InvalidReason, string> = {
  BadProof: "Transaction has a bad signature",
  Stale: "Transaction is outdated",
  Future: "Transaction will be valid in the future",
  AncientBirthBlock: "Transaction has an ancient birth block",
  Payment: "Inability to pay some fees (e.g. account balance too low)",
  Call: "Transaction call is not expected",
  BadSigner: "Invalid signing address",
  ExhaustsResources: "Transaction would exhaust the block limits",
};

const UNKNOWN_TEXT: Record<UnknownReason, string> = {
  CannotLookup: "Could not lookup information required to validate the transaction",
  NoUnsignedValidator: "Could not find an unsigned validator for the unsigned transaction",
};

/** The JSON-RPC error for a failed validity, as Substrate's author_* methods answer. */
export function poolError(v: Exclude<Validity, { ok: true }>): RpcError {
  if (v.kind === "Malformed") return new RpcError(1001, `Extrinsic has invalid format: ${v.detail}`);
  if (v.kind === "Unknown") return new RpcError(1011, "Unknown Transaction Validity", UNKNOWN_TEXT[v.reason]);
  return new RpcError(1010, "Invalid Transaction", INVALID_TEXT[v.reason]);
}

/**
 * ChargeTransactionPayment's priority: the tip (plus a virtual tip of 5× the fee for operational calls)
 * scaled by how many such transactions would fit in a block, so cheap transactions with a tip go first.
 */
function priorityOf(info: DispatchInfo, len: number, fee: bigint, tip: bigint): bigint {
  const byWeight = MAX_BLOCK_REF_TIME / (info.weight.ref_time > 0n ? info.weight.ref_time : 1n);
  const byLength = BigInt(MAX_NORMAL_LENGTH) / BigInt(Math.max(len, 1));
  const perBlock = byWeight < byLength ? byWeight : byLength;
  const scaled = info.class === "Operational" ? (tip + fee * 5n) * perBlock : tip * perBlock;
  const p = scaled + (perBlock > 0n ? perBlock : 1n);
  return p > U64_MAX ? U64_MAX : p;
}

/**
 * The block builder's check of a transaction the pool validated on this chain (decoded, signature verified,
 * weight and fee computed): only what the blocks since can have changed — the signer's account and nonce, the
 * era's end, the fee's funds. Same outcomes as `validateTransaction` on the same bytes.
 */
export function revalidateTransaction(
  state: StateReader,
  tx: ValidTransaction,
  blockNumber: number,
): Validity {
  const signer = tx.xt.signer;
  if (tx.death <= blockNumber)
    return {
      ok: false,
      kind: "Invalid",
      reason: "AncientBirthBlock",
      detail: `mortal era ended at block ${tx.death}`,
    };
  const account = system.Account.tryGet(state, signer);
  if (!account)
    return { ok: false, kind: "Invalid", reason: "Payment", detail: "the signer's account does not exist" };
  if (tx.nonce < account.nonce)
    return {
      ok: false,
      kind: "Invalid",
      reason: "Stale",
      detail: `nonce ${tx.nonce}, account at ${account.nonce}`,
    };
  if (tx.nonce === account.nonce && !canWithdrawFee(state, signer, tx.fee))
    return {
      ok: false,
      kind: "Invalid",
      reason: "Payment",
      detail: `fee ${tx.fee} RAO, balance ${account.data.free} RAO`,
    };
  return { ok: true, tx: tx.accountNonce === account.nonce ? tx : { ...tx, accountNonce: account.nonce } };
}

/** Validate `bytes` (an extrinsic with its length prefix) against `state`, the parent of the block being built. */
export function validateTransaction(state: StateReader, bytes: Uint8Array, env: ValidationEnv): Validity {
  let xt: DecodedExtrinsic;
  try {
    xt = decodeExtrinsic(bytes);
  } catch (e) {
    return { ok: false, kind: "Malformed", reason: "Malformed", detail: (e as ExtrinsicError).message };
  }
  if (!xt.signed)
    return {
      ok: false,
      kind: "Unknown",
      reason: "NoUnsignedValidator",
      detail: `unsigned ${xt.call.type}.${xt.call.value.type} from a user`,
    };
  if (xt.signer.every((b) => b === 0))
    return { ok: false, kind: "Invalid", reason: "BadSigner", detail: "the all-zero account cannot sign" };
  // CheckMortality: the birth block's hash is the checkpoint in the signed payload.
  const birth = eraBirth(xt.era, env.blockNumber);
  let checkpoint = env.genesisHash;
  if (xt.era.type === "Mortal" && birth > 0) {
    if (birth >= env.blockNumber)
      return { ok: false, kind: "Invalid", reason: "AncientBirthBlock", detail: `birth block ${birth}` };
    checkpoint =
      env.parentHash && birth === env.blockNumber - 1 ? env.parentHash : system.BlockHash.get(state, birth);
    if (checkpoint.every((b) => b === 0))
      return {
        ok: false,
        kind: "Invalid",
        reason: "AncientBirthBlock",
        detail: `no hash for birth block ${birth}`,
      };
  }
  if (!env.skipSignature) {
    const verdict = verifyExtrinsic(xt, {
      specVersion: SPEC_VERSION,
      transactionVersion: TRANSACTION_VERSION,
      genesisHash: env.genesisHash,
      checkpointHash: checkpoint,
    });
    if (!verdict.ok)
      return verdict.error === "BadProof"
        ? { ok: false, kind: "Invalid", reason: "BadProof", detail: verdict.detail }
        : { ok: false, kind: "Unknown", reason: "CannotLookup", detail: verdict.detail };
  }
  // CheckNonce: an account that does not exist cannot pay (Substrate answers Payment).
  const sender = hex(xt.signer);
  const account = system.Account.tryGet(state, xt.signer);
  if (!account)
    return { ok: false, kind: "Invalid", reason: "Payment", detail: "the signer's account does not exist" };
  const accountNonce = account.nonce;
  if (xt.nonce < accountNonce)
    return {
      ok: false,
      kind: "Invalid",
      reason: "Stale",
      detail: `nonce ${xt.nonce}, account at ${accountNonce}`,
    };
  // CheckWeight.
  const info = dispatchInfoOf(xt.call);
  if (info.weight.ref_time > (MAX_BLOCK_REF_TIME * 3n) / 4n || bytes.length > MAX_NORMAL_LENGTH)
    return { ok: false, kind: "Invalid", reason: "ExhaustsResources", detail: "larger than a block allows" };
  // ChargeTransactionPayment. A future transaction's fee is checked again when it becomes ready.
  const fee = computeFee(bytes.length, info, xt.tip);
  if (xt.nonce === accountNonce && !canWithdrawFee(state, xt.signer, fee))
    return {
      ok: false,
      kind: "Invalid",
      reason: "Payment",
      detail: `fee ${fee} RAO, balance ${account.data.free} RAO`,
    };
  return {
    ok: true,
    tx: {
      xt,
      bytes,
      hash: hex(blake2_256(bytes)),
      sender,
      nonce: xt.nonce,
      accountNonce,
      info,
      fee,
      tip: xt.tip,
      priority: priorityOf(info, bytes.length, fee, xt.tip),
      death: eraDeath(xt.era, env.blockNumber),
    },
  };
}
