// The SDK's Keypair as a @polkadot/api signer: signs the extrinsic payload (blake2-256 of it when longer than
// 256 bytes, as Substrate verifies) and answers with a MultiSignature (type byte + signature).

import type { Signer as PjsSigner, SignerResult } from "@polkadot/api/types";
import type { Registry, SignerPayloadJSON } from "@polkadot/types/types";
import { u8aToHex } from "@polkadot/util";
import { blake2AsU8a } from "@polkadot/util-crypto";
import type { Keypair } from "../keys/keypair.ts";

/** Anything that signs as an account: the SDK's Keypair is one. */
export interface AccountSigner {
  readonly ss58Address: string;
  readonly type: "sr25519" | "ed25519";
  sign(message: Uint8Array): Uint8Array;
}

let nextId = 0;

export function pjsSigner(registry: Registry, key: AccountSigner | Keypair): PjsSigner {
  return {
    signPayload: async (payload: SignerPayloadJSON): Promise<SignerResult> => {
      const encoded = registry
        .createType("ExtrinsicPayload", payload, { version: payload.version })
        .toU8a({ method: true });
      const message = encoded.length > 256 ? blake2AsU8a(encoded, 256) : encoded;
      const signature = key.sign(message);
      const typed = new Uint8Array(signature.length + 1);
      typed[0] = key.type === "sr25519" ? 1 : 0;
      typed.set(signature, 1);
      return { id: ++nextId, signature: u8aToHex(typed) };
    },
  };
}
