// `state_call`: the runtime APIs clients call by name, answered from the state at a block.
// Core, Metadata and AccountNonceApi here; the Bittensor APIs are the runtime's (`executeRuntimeApi`).

import {
  executeRuntimeApi,
  RuntimeVersion,
  runtimeMetadata,
  runtimeVersion,
  type StateReader,
  systemStorage,
} from "@opentao/runtime";
import { Bytes, Option, u32, Vector } from "@polkadot-api/substrate-bindings";
import { RpcError } from "../rpc/index.ts";

const OpaqueMetadata = Bytes();
const MaybeMetadata = Option(Bytes());

/** Run `method` with SCALE-encoded `args` against `state`; the SCALE result. */
export function stateCall(state: StateReader, method: string, args: Uint8Array): Uint8Array {
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
