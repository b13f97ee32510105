// `state_call`: the runtime APIs clients call by name, answered from the state at a block.
// Core, Metadata, AccountNonceApi and TransactionPaymentApi here; the Bittensor APIs are the runtime's
// (`executeRuntimeApi`).

import {
  type DecodedExtrinsic,
  decodeExtrinsic,
  dispatchInfoOf,
  type ExtrinsicError,
  executeRuntimeApi,
  feeDetails,
  lengthToFee,
  partialFee,
  RuntimeVersion,
  runtimeMetadata,
  runtimeVersion,
  type StateReader,
  systemStorage,
  TransactionValidity,
  weightToFee,
} from "@opentao/runtime";
import {
  _void,
  Bytes,
  compact,
  Option,
  Struct,
  u32,
  u64,
  Variant,
  Vector,
} from "@polkadot-api/substrate-bindings";
import { validateTransaction } from "../pool/validate.ts";
import { RpcError } from "../rpc/index.ts";

const OpaqueMetadata = Bytes();
const MaybeMetadata = Option(Bytes());
const Weight = Struct({ ref_time: compact, proof_size: compact });
const RuntimeDispatchInfo = Struct({
  weight: Weight,
  class: Variant({ Normal: _void, Operational: _void, Mandatory: _void }),
  partial_fee: u64,
});
const FeeDetails = Struct({
  inclusion_fee: Option(Struct({ base_fee: u64, len_fee: u64, adjusted_weight_fee: u64 })),
  tip: u64,
});

/** The (UncheckedExtrinsic, u32 len) input of TransactionPaymentApi's queries. */
function feeQueryInput(method: string, args: Uint8Array): { xt: DecodedExtrinsic; len: number } {
  if (args.length < 5)
    throw new RpcError(-32602, "Invalid params", `${method} takes (extrinsic, u32 length)`);
  // A copy: the bindings' decoders read from the start of the underlying buffer, not the view's offset.
  const len = u32.dec(args.slice(args.length - 4));
  try {
    return { xt: decodeExtrinsic(args.subarray(0, args.length - 4)), len };
  } catch (e) {
    throw new RpcError(
      -32000,
      "Client error: Execution failed",
      `${method}: ${(e as ExtrinsicError).message}`,
    );
  }
}

/** Run `method` with SCALE-encoded `args` against `state`; the SCALE result. */
/** The chain facts transaction validity needs: the block the call is made at is the parent of `blockNumber`. */
export interface CallChain {
  genesisHash: Uint8Array;
  blockNumber: number;
  parentHash: Uint8Array;
}

/**
 * `TaggedTransactionQueue_validate_transaction(source, tx, block_hash)`: the pool's checks, answered as
 * Substrate's `TransactionValidity` (requires/provides tags are signer ++ nonce, as frame_system's CheckNonce).
 */
function validateTransactionCall(state: StateReader, args: Uint8Array, chain: CallChain): Uint8Array {
  if (args.length < 1 + 32 + 2)
    throw new RpcError(
      -32602,
      "Invalid params",
      "validate_transaction takes (source, extrinsic, block hash)",
    );
  const v = validateTransaction(state, new Uint8Array(args.subarray(1, args.length - 32)), chain);
  if (!v.ok) {
    if (v.kind === "Malformed")
      throw new RpcError(-32000, "Client error: Execution failed", `validate_transaction: ${v.detail}`);
    return TransactionValidity.codec.enc({
      success: false,
      value: { type: v.kind, value: { type: v.reason, value: undefined } },
    });
  }
  const { tx } = v;
  const tag = (nonce: number) => {
    const out = new Uint8Array(36);
    out.set(tx.xt.signer);
    new DataView(out.buffer).setUint32(32, nonce, true);
    return out;
  };
  return TransactionValidity.codec.enc({
    success: true,
    value: {
      priority: tx.priority,
      requires: tx.nonce > tx.accountNonce ? [tag(tx.nonce - 1)] : [],
      provides: [tag(tx.nonce)],
      longevity: Number.isFinite(tx.death) ? BigInt(tx.death - chain.blockNumber) : (1n << 64n) - 1n,
      propagate: true,
    },
  });
}

export function stateCall(
  state: StateReader,
  method: string,
  args: Uint8Array,
  chain?: CallChain,
): Uint8Array {
  const md = runtimeMetadata();
  switch (method) {
    case "Core_version":
      return RuntimeVersion.codec.enc(runtimeVersion);
    case "Metadata_metadata":
      return OpaqueMetadata.enc(md.v14);
    case "Metadata_metadata_versions":
      return Vector(u32).enc([14, 15, 16]);
    case "Metadata_metadata_at_version": {
      if (args.length !== 4)
        throw new RpcError(-32602, "Invalid params", "Metadata_metadata_at_version takes a u32");
      const v = u32.dec(args);
      const bytes = v === 14 ? md.v14 : v === 15 ? md.v15 : v === 16 ? md.v16 : undefined;
      return MaybeMetadata.enc(bytes);
    }
    case "AccountNonceApi_account_nonce": {
      if (args.length !== 32)
        throw new RpcError(-32602, "Invalid params", "AccountNonceApi_account_nonce takes an AccountId32");
      return u32.enc(systemStorage.Account.get(state, args).nonce);
    }
    case "TaggedTransactionQueue_validate_transaction":
      if (!chain)
        throw new RpcError(-32000, "Client error: Execution failed", `${method} needs the chain context`);
      return validateTransactionCall(state, args, chain);
    case "TransactionPaymentApi_query_info": {
      // Clients sign with a dummy signature: only the call, its length and the tip matter.
      const { xt, len } = feeQueryInput(method, args);
      const info = dispatchInfoOf(xt.call);
      return RuntimeDispatchInfo.enc({
        weight: info.weight,
        class: { type: info.class, value: undefined },
        partial_fee: xt.signed ? partialFee(len, info) : 0n,
      });
    }
    case "TransactionPaymentApi_query_fee_details": {
      const { xt, len } = feeQueryInput(method, args);
      const d = xt.signed
        ? feeDetails(len, dispatchInfoOf(xt.call), xt.tip)
        : { inclusion_fee: undefined, tip: 0n };
      return FeeDetails.enc(d);
    }
    case "TransactionPaymentApi_query_weight_to_fee":
      return u64.enc(weightToFee(BigInt(Weight.dec(args).ref_time)));
    case "TransactionPaymentApi_query_length_to_fee":
      if (args.length !== 4) throw new RpcError(-32602, "Invalid params", `${method} takes a u32`);
      return u64.enc(lengthToFee(u32.dec(args)));
    default: {
      let out: Uint8Array | undefined;
      try {
        out = executeRuntimeApi(state, method, args);
      } catch (e) {
        // Malformed inputs: the chain's executor fails the call with the decode error.
        throw new RpcError(-32000, "Client error: Execution failed", (e as Error).message);
      }
      if (out) return out;
      throw new RpcError(-32000, "Client error: Execution failed", `Exported method ${method} is not found`);
    }
  }
}
