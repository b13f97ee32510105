// The little of the chain a miner or validator needs. The SDK's Subtensor client implements it; tests and
// simulations pass a fake, so the framework runs without a node.

import type { AccountSigner } from "../chain/signer.ts";
import type { MetagraphSource } from "../metagraph/metagraph.ts";

export interface WeightsResult {
  readonly success: boolean;
  readonly error?: { readonly pallet: string; readonly name: string; readonly docs: string };
}

export interface SubnetChain extends MetagraphSource {
  /** `WeightsSetRateLimit` of the subnet, in blocks. */
  weightsRateLimit(netuid: number): Promise<number>;
  /** Float weights; the implementation normalises them as the chain expects (max-upscale to u16). */
  setWeights(
    signer: AccountSigner,
    netuid: number,
    uids: readonly number[],
    weights: readonly number[],
    opts?: { versionKey?: bigint },
  ): Promise<WeightsResult>;
  /** Subnet hyperparameters; the validator caps weights at `max_weights_limit` when it can read them. */
  hyperparameters?(netuid: number): Promise<{ max_weights_limit: number } | undefined>;
  /** Announces an axon on the chain (serve_axon). */
  serveAxon?(
    signer: AccountSigner,
    axon: { netuid: number; ip: string; port: number; version?: number },
  ): Promise<WeightsResult>;
}

/** A protocol: the synapse types a subnet's miners serve and validators send, by route name. */
export function defineProtocol<P extends Record<string, { readonly name: string }>>(synapses: P): P {
  for (const [key, type] of Object.entries(synapses))
    if (key !== type.name)
      throw new Error(`protocol entry ${key} holds synapse ${type.name}: names must match`);
  return synapses;
}
