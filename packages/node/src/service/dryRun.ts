// system_dryRun: apply one extrinsic on top of a block's state as the next block would, without keeping
// anything, and answer the SCALE `ApplyExtrinsicResult` (validity error, dispatch error or success).

import {
  DispatchError,
  Executive,
  type RuntimeConfig,
  type StateReader,
  systemStorage,
} from "@opentao/runtime";
import { poolError, validateTransaction } from "../pool/validate.ts";
import { PendingState } from "../store/pending.ts";

/** Variant indices of sp_runtime's InvalidTransaction and UnknownTransaction. */
const INVALID_INDEX: Record<string, number> = {
  Call: 0,
  Payment: 1,
  Future: 2,
  Stale: 3,
  BadProof: 4,
  AncientBirthBlock: 5,
  ExhaustsResources: 6,
  BadSigner: 10,
};
const UNKNOWN_INDEX: Record<string, number> = { CannotLookup: 0, NoUnsignedValidator: 1 };

export interface DryRunEnv {
  genesisHash: Uint8Array;
  blockNumber: number;
  parentHash: Uint8Array;
  runtime: RuntimeConfig;
  author: Uint8Array | undefined;
}

/**
 * `Result<Result<(), DispatchError>, TransactionValidityError>` for `bytes` applied at `state`. An
 * undecodable extrinsic is an RPC error (1001), as on Substrate.
 */
export function dryRun(state: StateReader, bytes: Uint8Array, env: DryRunEnv): Uint8Array {
  const pending = new PendingState(state);
  const ex = new Executive(env.runtime);
  ex.initializeBlock(pending, { number: env.blockNumber, parentHash: env.parentHash, author: env.author });
  const v = validateTransaction(pending, bytes, {
    genesisHash: env.genesisHash,
    blockNumber: env.blockNumber,
  });
  if (!v.ok) {
    if (v.kind === "Malformed") throw poolError(v);
    return v.kind === "Invalid"
      ? Uint8Array.of(1, 0, INVALID_INDEX[v.reason])
      : Uint8Array.of(1, 1, UNKNOWN_INDEX[v.reason]);
  }
  const { tx } = v;
  if (tx.nonce !== tx.accountNonce) return Uint8Array.of(1, 0, INVALID_INDEX.Future);
  systemStorage.Account.mutate(pending, tx.xt.signer, (a) => ({ ...a, nonce: a.nonce + 1 }));
  const error = ex.applyCall(pending, 1, { kind: "signed", who: tx.xt.signer }, tx.xt.call, {
    fee: tx.fee,
    tip: tx.tip,
  });
  if (!error) return Uint8Array.of(0, 0);
  const encoded = DispatchError.codec.enc(error);
  const out = new Uint8Array(2 + encoded.length);
  out.set([0, 1]);
  out.set(encoded, 2);
  return out;
}
