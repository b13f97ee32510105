// Chain-spec choices for newly registered subnets (DESIGN.md decision 9). Unset fields keep subtensor HEAD's
// behaviour; the dev and local specs turn emission on and commit-reveal off so a laptop network runs at once.

export interface SubnetConfig {
  /** `SubnetEmissionEnabled` written for a new subnet. HEAD: false (governance enables it). */
  readonly newSubnetEmissionEnabled?: boolean;
  /** `CommitRevealWeightsEnabled` written for a new subnet. HEAD: not written (storage default, on). */
  readonly newSubnetCommitRevealEnabled?: boolean;
  /** `Tempo` for a new subnet. HEAD: `DefaultTempo` 360. */
  readonly newSubnetTempo?: number;
}

export const DEFAULT_NEW_SUBNET_TEMPO = 360;
