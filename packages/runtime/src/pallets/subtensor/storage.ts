// SubtensorModule storage: every item of finney's pallet (spec 393) plus the items spec 425 added, under the
// chain's names, hashers, codecs and defaults. Generated once by scripts/finney-declare.ts, maintained by hand;
// metadata.test.ts checks each against finney.

import { AccountId32, Bytes, H256 } from "../../frame/common.ts";
import { storageMap, storageValue } from "../../frame/storage.ts";
import { T } from "../../frame/types.ts";
import { DEFAULT_BURN_INCREASE_MULT } from "../../registration/burn.ts";

const P = "SubtensorModule";

export const FixedI128 = T.struct(["substrate_fixed", "FixedI128"], { bits: T.i128 });
export const FixedU128 = T.struct(["substrate_fixed", "FixedU128"], { bits: T.u128 });
export const AxonInfo = T.struct(["pallet_subtensor", "pallet", "AxonInfo"], {
  block: T.u64,
  version: T.u32,
  ip: T.u128,
  port: T.u16,
  ip_type: T.u8,
  protocol: T.u8,
  placeholder1: T.u8,
  placeholder2: T.u8,
});
export const PrometheusInfo = T.struct(["pallet_subtensor", "pallet", "PrometheusInfo"], {
  block: T.u64,
  version: T.u32,
  ip: T.u128,
  port: T.u16,
  ip_type: T.u8,
});

export const BoundedVec = T.newtype(["bounded_collections", "bounded_vec", "BoundedVec"], Bytes);
export const NeuronCertificate = T.struct(["pallet_subtensor", "pallet", "NeuronCertificate"], {
  public_key: BoundedVec,
  algorithm: T.u8,
});

/** Storage items opentao reads and writes, by their chain names. */
export const Hyperparameter = T.enum(["pallet_subtensor", "utils", "rate_limiting", "Hyperparameter"], {
  Unknown: { index: 0 },
  ServingRateLimit: { index: 1 },
  MaxDifficulty: { index: 2 },
  AdjustmentAlpha: { index: 3 },
  MaxWeightLimit: { index: 4 },
  ImmunityPeriod: { index: 5 },
  MinAllowedWeights: { index: 6 },
  Kappa: { index: 7 },
  Rho: { index: 8 },
  ActivityCutoff: { index: 9 },
  PowRegistrationAllowed: { index: 10 },
  MinBurn: { index: 11 },
  MaxBurn: { index: 12 },
  BondsMovingAverage: { index: 13 },
  BondsPenalty: { index: 14 },
  CommitRevealEnabled: { index: 15 },
  LiquidAlphaEnabled: { index: 16 },
  AlphaValues: { index: 17 },
  WeightCommitInterval: { index: 18 },
  TransferEnabled: { index: 19 },
  AlphaSigmoidSteepness: { index: 20 },
  Yuma3Enabled: { index: 21 },
  BondsResetEnabled: { index: 22 },
  ImmuneNeuronLimit: { index: 23 },
  RecycleOrBurn: { index: 24 },
  MaxAllowedUids: { index: 25 },
});
export const RateLimitKey = T.enum(["pallet_subtensor", "RateLimitKey"], {
  SetSNOwnerHotkey: { index: 0, fields: [{ type: T.u16 }] },
  OwnerHyperparamUpdate: { index: 1, fields: [{ type: T.u16 }, { type: Hyperparameter }] },
  NetworkLastRegistered: { index: 2 },
  LastTxBlock: { index: 3, fields: [{ type: AccountId32 }] },
  LastTxBlockChildKeyTake: { index: 4, fields: [{ type: AccountId32 }] },
  LastTxBlockDelegateTake: { index: 5, fields: [{ type: AccountId32 }] },
  AddStakeBurn: { index: 6, fields: [{ type: T.u16 }] },
});
export const RecycleOrBurnEnum = T.enum(["pallet_subtensor", "pallet", "RecycleOrBurnEnum"], {
  Burn: { index: 0 },
  Recycle: { index: 1 },
});
export const ChainIdentityV2 = T.struct(["pallet_subtensor", "pallet", "ChainIdentityV2"], {
  name: Bytes,
  url: Bytes,
  github_repo: Bytes,
  image: Bytes,
  discord: Bytes,
  description: Bytes,
  additional: Bytes,
});
export const SubnetIdentityV3 = T.struct(["pallet_subtensor", "pallet", "SubnetIdentityV3"], {
  subnet_name: Bytes,
  github_repo: Bytes,
  subnet_contact: Bytes,
  subnet_url: Bytes,
  discord: Bytes,
  description: Bytes,
  logo_url: Bytes,
  additional: Bytes,
});
// BTreeMap/BTreeSet carry their type parameters: @polkadot/types decodes them by path and needs them.
export const ClaimableRates = T.newtype(["BTreeMap"], T.vec(T.tuple(T.u16, FixedI128)), undefined, [
  { name: "K", type: T.u16 },
  { name: "V", type: FixedI128 },
]);
export const NetuidSet = T.newtype(["BTreeSet"], T.vec(T.u16), undefined, [{ name: "T", type: T.u16 }]);
export const RootClaimTypeEnum = T.enum(["pallet_subtensor", "pallet", "RootClaimTypeEnum"], {
  Swap: { index: 0 },
  Keep: { index: 1 },
  KeepSubnets: { index: 2, fields: [{ name: "subnets", type: NetuidSet }] },
});
export const H160 = T.newtype(["primitive_types", "H160"], T.byteArray(20, T.u8));
export const Percent = T.newtype(["sp_arithmetic", "per_things", "Percent"], T.u8);
export const SubnetLease = T.struct(["pallet_subtensor", "subnets", "leasing", "SubnetLease"], {
  beneficiary: AccountId32,
  coldkey: AccountId32,
  hotkey: AccountId32,
  emissions_share: Percent,
  end_block: T.option(T.u32),
  netuid: T.u16,
  cost: T.u64,
});

/** `share_pool::SafeFloat`: mantissa · 10^exponent (primitives' SafeFloat). */
export const SafeFloatTy = T.struct(["share_pool", "SafeFloat"], { mantissa: T.u128, exponent: T.i64 });

export const storage = {
  // spec 425's share pools (SafeFloat shares; finney's `Alpha` / `TotalHotkeyShares` were U64F64).
  TotalHotkeySharesV2: storageMap(
    P,
    "TotalHotkeySharesV2",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    SafeFloatTy,
    { fallback: { mantissa: 0n, exponent: 0n } },
  ),
  AlphaV2: storageMap(
    P,
    "AlphaV2",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    SafeFloatTy,
    { fallback: { mantissa: 0n, exponent: 0n } },
  ),
  // spec 425 items used by subnet and neuron registration (not in finney's 393 metadata).
  SubnetEmissionEnabled: storageMap(
    P,
    "SubnetEmissionEnabled",
    [{ hasher: "Identity", type: T.u16 }],
    T.bool,
    {
      fallback: true,
    },
  ),
  BurnHalfLife: storageMap(P, "BurnHalfLife", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 360,
  }),
  BurnIncreaseMult: storageMap(P, "BurnIncreaseMult", [{ hasher: "Identity", type: T.u16 }], FixedU128, {
    fallback: { bits: DEFAULT_BURN_INCREASE_MULT },
  }),
  RegisteredSubnetCounter: storageMap(
    P,
    "RegisteredSubnetCounter",
    [{ hasher: "Identity", type: T.u16 }],
    T.u64,
    {
      fallback: 0n,
    },
  ),
  SubnetProtocolAlpha: storageMap(P, "SubnetProtocolAlpha", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  TaoInRefundDeploymentBlock: storageValue(P, "TaoInRefundDeploymentBlock", T.u64, { fallback: 0n }),
  AutoParentDelegationEnabled: storageMap(
    P,
    "AutoParentDelegationEnabled",
    [{ hasher: "Blake2128Concat", type: AccountId32 }],
    T.bool,
    { fallback: true },
  ),
  // Added after finney's spec 393 (subtensor spec 425): not in the reference metadata.
  // The stateful epoch scheduler: the block the last epoch slot was consumed, and an owner-triggered fire.
  LastEpochBlock: storageMap(P, "LastEpochBlock", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  PendingEpochAt: storageMap(P, "PendingEpochAt", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  SubnetEpochIndex: storageMap(P, "SubnetEpochIndex", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  // spec 425's epoch scheduler and coinbase bookkeeping (economics.md §4.7, §5.1).
  MaxEpochsPerBlock: storageValue(P, "MaxEpochsPerBlock", T.u8, { fallback: 2 }),
  OwnerCutEnabled: storageMap(P, "OwnerCutEnabled", [{ hasher: "Identity", type: T.u16 }], T.bool, {
    fallback: true,
  }),
  MinerBurned: storageMap(P, "MinerBurned", [{ hasher: "Identity", type: T.u16 }], FixedU128, {
    fallback: { bits: 0n },
  }),
  SubnetExcessTao: storageMap(P, "SubnetExcessTao", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  SubnetRootSellTao: storageMap(P, "SubnetRootSellTao", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  SubnetProtocolFlow: storageMap(P, "SubnetProtocolFlow", [{ hasher: "Identity", type: T.u16 }], T.i64, {
    fallback: 0n,
  }),
  NeuronCertificates: storageMap(
    P,
    "NeuronCertificates",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Blake2128Concat", type: AccountId32 },
    ],
    NeuronCertificate,
    { modifier: "Optional" },
  ),
  ActivityCutoffFactorMilli: storageMap(
    P,
    "ActivityCutoffFactorMilli",
    [{ hasher: "Identity", type: T.u16 }],
    T.u32,
    {
      fallback: 13_889,
    },
  ),
  TaoWeight: storageValue(P, "TaoWeight", T.u64, { fallback: 971718665099567868n }),
  MaxDelegateTake: storageValue(P, "MaxDelegateTake", T.u16, { fallback: 11796 }),
  MinDelegateTake: storageValue(P, "MinDelegateTake", T.u16, { fallback: 0 }),
  MaxChildkeyTake: storageValue(P, "MaxChildkeyTake", T.u16, { fallback: 11796 }),
  MinChildkeyTake: storageValue(P, "MinChildkeyTake", T.u16, { fallback: 0 }),
  Owner: storageMap(P, "Owner", [{ hasher: "Blake2128Concat", type: AccountId32 }], AccountId32, {
    fallback: new Uint8Array(32),
  }),
  Delegates: storageMap(P, "Delegates", [{ hasher: "Blake2128Concat", type: AccountId32 }], T.u16, {
    fallback: 11796,
  }),
  ChildkeyTake: storageMap(
    P,
    "ChildkeyTake",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.u16,
    { fallback: 0 },
  ),
  ChildKeys: storageMap(
    P,
    "ChildKeys",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.vec(T.tuple(T.u64, AccountId32)),
    { fallback: [] },
  ),
  ParentKeys: storageMap(
    P,
    "ParentKeys",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.vec(T.tuple(T.u64, AccountId32)),
    { fallback: [] },
  ),
  BlockEmission: storageValue(P, "BlockEmission", T.u64, { fallback: 1000000000n }),
  SubnetLimit: storageValue(P, "SubnetLimit", T.u16, { fallback: 128 }),
  TotalIssuance: storageValue(P, "TotalIssuance", T.u64, { fallback: 0n }),
  TotalStake: storageValue(P, "TotalStake", T.u64, { fallback: 0n }),
  SubnetMovingPrice: storageMap(P, "SubnetMovingPrice", [{ hasher: "Identity", type: T.u16 }], FixedI128, {
    fallback: { bits: 0n },
  }),
  SubnetVolume: storageMap(P, "SubnetVolume", [{ hasher: "Identity", type: T.u16 }], T.u128, {
    fallback: 0n,
  }),
  SubnetTAO: storageMap(P, "SubnetTAO", [{ hasher: "Identity", type: T.u16 }], T.u64, { fallback: 0n }),
  SubnetTaoProvided: storageMap(P, "SubnetTaoProvided", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  SubnetAlphaInEmission: storageMap(
    P,
    "SubnetAlphaInEmission",
    [{ hasher: "Identity", type: T.u16 }],
    T.u64,
    { fallback: 0n },
  ),
  SubnetAlphaOutEmission: storageMap(
    P,
    "SubnetAlphaOutEmission",
    [{ hasher: "Identity", type: T.u16 }],
    T.u64,
    { fallback: 0n },
  ),
  SubnetTaoInEmission: storageMap(P, "SubnetTaoInEmission", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  SubnetAlphaIn: storageMap(P, "SubnetAlphaIn", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  SubnetAlphaInProvided: storageMap(
    P,
    "SubnetAlphaInProvided",
    [{ hasher: "Identity", type: T.u16 }],
    T.u64,
    { fallback: 0n },
  ),
  SubnetAlphaOut: storageMap(P, "SubnetAlphaOut", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  StakingHotkeys: storageMap(
    P,
    "StakingHotkeys",
    [{ hasher: "Blake2128Concat", type: AccountId32 }],
    T.vec(AccountId32),
    { fallback: [] },
  ),
  OwnedHotkeys: storageMap(
    P,
    "OwnedHotkeys",
    [{ hasher: "Blake2128Concat", type: AccountId32 }],
    T.vec(AccountId32),
    { fallback: [] },
  ),
  TotalHotkeyAlpha: storageMap(
    P,
    "TotalHotkeyAlpha",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.u64,
    { fallback: 0n },
  ),
  TotalHotkeyShares: storageMap(
    P,
    "TotalHotkeyShares",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    FixedU128,
    { fallback: { bits: 0n } },
  ),
  Alpha: storageMap(
    P,
    "Alpha",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    FixedU128,
    { fallback: { bits: 0n } },
  ),
  TokenSymbol: storageMap(P, "TokenSymbol", [{ hasher: "Identity", type: T.u16 }], Bytes, {
    fallback: Uint8Array.from([240, 157, 156, 143]),
  }),
  MaxRegistrationsPerBlock: storageMap(
    P,
    "MaxRegistrationsPerBlock",
    [{ hasher: "Identity", type: T.u16 }],
    T.u16,
    { fallback: 1 },
  ),
  TotalNetworks: storageValue(P, "TotalNetworks", T.u16, { fallback: 0 }),
  NetworkImmunityPeriod: storageValue(P, "NetworkImmunityPeriod", T.u64, { fallback: 1296000n }),
  StartCallDelay: storageValue(P, "StartCallDelay", T.u64, { fallback: 0n }),
  NetworkMinLockCost: storageValue(P, "NetworkMinLockCost", T.u64, { fallback: 1000000000000n }),
  NetworkLastLockCost: storageValue(P, "NetworkLastLockCost", T.u64, { fallback: 1000000000000n }),
  NetworkLockReductionInterval: storageValue(P, "NetworkLockReductionInterval", T.u64, { fallback: 100800n }),
  SubnetOwnerCut: storageValue(P, "SubnetOwnerCut", T.u16, { fallback: 11796 }),
  NetworkRateLimit: storageValue(P, "NetworkRateLimit", T.u64, { fallback: 7200n }),
  NominatorMinRequiredStake: storageValue(P, "NominatorMinRequiredStake", T.u64, { fallback: 0n }),
  SubnetLocked: storageMap(P, "SubnetLocked", [{ hasher: "Identity", type: T.u16 }], T.u64, { fallback: 0n }),
  Tempo: storageMap(P, "Tempo", [{ hasher: "Identity", type: T.u16 }], T.u16, { fallback: 360 }),
  FirstEmissionBlockNumber: storageMap(
    P,
    "FirstEmissionBlockNumber",
    [{ hasher: "Identity", type: T.u16 }],
    T.u64,
    { modifier: "Optional" },
  ),
  SubnetMechanism: storageMap(P, "SubnetMechanism", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 0,
  }),
  SubnetworkN: storageMap(P, "SubnetworkN", [{ hasher: "Identity", type: T.u16 }], T.u16, { fallback: 0 }),
  NetworksAdded: storageMap(P, "NetworksAdded", [{ hasher: "Identity", type: T.u16 }], T.bool, {
    fallback: false,
  }),
  NetworkRegistrationAllowed: storageMap(
    P,
    "NetworkRegistrationAllowed",
    [{ hasher: "Identity", type: T.u16 }],
    T.bool,
    { fallback: true },
  ),
  NetworkRegisteredAt: storageMap(P, "NetworkRegisteredAt", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  PendingServerEmission: storageMap(
    P,
    "PendingServerEmission",
    [{ hasher: "Identity", type: T.u16 }],
    T.u64,
    { fallback: 0n },
  ),
  PendingValidatorEmission: storageMap(
    P,
    "PendingValidatorEmission",
    [{ hasher: "Identity", type: T.u16 }],
    T.u64,
    { fallback: 0n },
  ),
  PendingRootAlphaDivs: storageMap(P, "PendingRootAlphaDivs", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  PendingOwnerCut: storageMap(P, "PendingOwnerCut", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  BlocksSinceLastStep: storageMap(P, "BlocksSinceLastStep", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  LastMechansimStepBlock: storageMap(
    P,
    "LastMechansimStepBlock",
    [{ hasher: "Identity", type: T.u16 }],
    T.u64,
    { fallback: 0n },
  ),
  SubnetOwner: storageMap(P, "SubnetOwner", [{ hasher: "Identity", type: T.u16 }], AccountId32, {
    fallback: new Uint8Array(32),
  }),
  SubnetOwnerHotkey: storageMap(P, "SubnetOwnerHotkey", [{ hasher: "Identity", type: T.u16 }], AccountId32, {
    fallback: new Uint8Array(32),
  }),
  ServingRateLimit: storageMap(P, "ServingRateLimit", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 50n,
  }),
  AlphaSigmoidSteepness: storageMap(
    P,
    "AlphaSigmoidSteepness",
    [{ hasher: "Identity", type: T.u16 }],
    T.i16,
    { fallback: 1000 },
  ),
  Kappa: storageMap(P, "Kappa", [{ hasher: "Identity", type: T.u16 }], T.u16, { fallback: 32767 }),
  RegistrationsThisInterval: storageMap(
    P,
    "RegistrationsThisInterval",
    [{ hasher: "Identity", type: T.u16 }],
    T.u16,
    { fallback: 0 },
  ),
  BurnRegistrationsThisInterval: storageMap(
    P,
    "BurnRegistrationsThisInterval",
    [{ hasher: "Identity", type: T.u16 }],
    T.u16,
    { fallback: 0 },
  ),
  MaxAllowedUids: storageMap(P, "MaxAllowedUids", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 256,
  }),
  ImmunityPeriod: storageMap(P, "ImmunityPeriod", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 4096,
  }),
  ActivityCutoff: storageMap(P, "ActivityCutoff", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 5000,
  }),
  MaxWeightsLimit: storageMap(P, "MaxWeightsLimit", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 65535,
  }),
  WeightsVersionKey: storageMap(P, "WeightsVersionKey", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  MinAllowedWeights: storageMap(P, "MinAllowedWeights", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 1024,
  }),
  MaxAllowedValidators: storageMap(P, "MaxAllowedValidators", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 128,
  }),
  AdjustmentInterval: storageMap(P, "AdjustmentInterval", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 100,
  }),
  BondsMovingAverage: storageMap(P, "BondsMovingAverage", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 900000n,
  }),
  BondsPenalty: storageMap(P, "BondsPenalty", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 65535,
  }),
  BondsResetOn: storageMap(P, "BondsResetOn", [{ hasher: "Identity", type: T.u16 }], T.bool, {
    fallback: false,
  }),
  WeightsSetRateLimit: storageMap(P, "WeightsSetRateLimit", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 100n,
  }),
  TargetRegistrationsPerInterval: storageMap(
    P,
    "TargetRegistrationsPerInterval",
    [{ hasher: "Identity", type: T.u16 }],
    T.u16,
    { fallback: 2 },
  ),
  AdjustmentAlpha: storageMap(P, "AdjustmentAlpha", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  CommitRevealWeightsEnabled: storageMap(
    P,
    "CommitRevealWeightsEnabled",
    [{ hasher: "Identity", type: T.u16 }],
    T.bool,
    { fallback: true },
  ),
  Burn: storageMap(P, "Burn", [{ hasher: "Identity", type: T.u16 }], T.u64, { fallback: 100000000n }),
  MinBurn: storageMap(P, "MinBurn", [{ hasher: "Identity", type: T.u16 }], T.u64, { fallback: 500000n }),
  MaxBurn: storageMap(P, "MaxBurn", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 100000000000n,
  }),
  LastAdjustmentBlock: storageMap(P, "LastAdjustmentBlock", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  RegistrationsThisBlock: storageMap(
    P,
    "RegistrationsThisBlock",
    [{ hasher: "Identity", type: T.u16 }],
    T.u16,
    { fallback: 0 },
  ),
  RAORecycledForRegistration: storageMap(
    P,
    "RAORecycledForRegistration",
    [{ hasher: "Identity", type: T.u16 }],
    T.u64,
    { fallback: 0n },
  ),
  TxRateLimit: storageValue(P, "TxRateLimit", T.u64, { fallback: 1000n }),
  LiquidAlphaOn: storageMap(P, "LiquidAlphaOn", [{ hasher: "Blake2128Concat", type: T.u16 }], T.bool, {
    fallback: false,
  }),
  Yuma3On: storageMap(P, "Yuma3On", [{ hasher: "Blake2128Concat", type: T.u16 }], T.bool, {
    fallback: false,
  }),
  AlphaValues: storageMap(P, "AlphaValues", [{ hasher: "Identity", type: T.u16 }], T.tuple(T.u16, T.u16), {
    fallback: [45875, 58982],
  }),
  SubtokenEnabled: storageMap(P, "SubtokenEnabled", [{ hasher: "Identity", type: T.u16 }], T.bool, {
    fallback: false,
  }),
  StakeWeight: storageMap(P, "StakeWeight", [{ hasher: "Identity", type: T.u16 }], T.vec(T.u16), {
    fallback: [],
  }),
  Uids: storageMap(
    P,
    "Uids",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Blake2128Concat", type: AccountId32 },
    ],
    T.u16,
    { modifier: "Optional" },
  ),
  Keys: storageMap(
    P,
    "Keys",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Identity", type: T.u16 },
    ],
    AccountId32,
    { fallback: new Uint8Array(32) },
  ),
  Active: storageMap(P, "Active", [{ hasher: "Identity", type: T.u16 }], T.vec(T.bool), { fallback: [] }),
  Consensus: storageMap(P, "Consensus", [{ hasher: "Identity", type: T.u16 }], T.vec(T.u16), {
    fallback: [],
  }),
  Incentive: storageMap(P, "Incentive", [{ hasher: "Identity", type: T.u16 }], T.vec(T.u16), {
    fallback: [],
  }),
  Dividends: storageMap(P, "Dividends", [{ hasher: "Identity", type: T.u16 }], T.vec(T.u16), {
    fallback: [],
  }),
  Emission: storageMap(P, "Emission", [{ hasher: "Identity", type: T.u16 }], T.vec(T.u64), { fallback: [] }),
  LastUpdate: storageMap(P, "LastUpdate", [{ hasher: "Identity", type: T.u16 }], T.vec(T.u64), {
    fallback: [],
  }),
  ValidatorTrust: storageMap(P, "ValidatorTrust", [{ hasher: "Identity", type: T.u16 }], T.vec(T.u16), {
    fallback: [],
  }),
  ValidatorPermit: storageMap(P, "ValidatorPermit", [{ hasher: "Identity", type: T.u16 }], T.vec(T.bool), {
    fallback: [],
  }),
  Weights: storageMap(
    P,
    "Weights",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.vec(T.tuple(T.u16, T.u16)),
    { fallback: [] },
  ),
  Bonds: storageMap(
    P,
    "Bonds",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.vec(T.tuple(T.u16, T.u16)),
    { fallback: [] },
  ),
  BlockAtRegistration: storageMap(
    P,
    "BlockAtRegistration",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.u64,
    { fallback: 0n },
  ),
  Axons: storageMap(
    P,
    "Axons",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Blake2128Concat", type: AccountId32 },
    ],
    AxonInfo,
    { modifier: "Optional" },
  ),
  Prometheus: storageMap(
    P,
    "Prometheus",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Blake2128Concat", type: AccountId32 },
    ],
    PrometheusInfo,
    { modifier: "Optional" },
  ),
  StakeThreshold: storageValue(P, "StakeThreshold", T.u64, { fallback: 0n }),
  WeightCommits: storageMap(
    P,
    "WeightCommits",
    [
      { hasher: "Twox64Concat", type: T.u16 },
      { hasher: "Twox64Concat", type: AccountId32 },
    ],
    T.vec(T.tuple(H256, T.u64, T.u64, T.u64)),
    { modifier: "Optional" },
  ),
  RevealPeriodEpochs: storageMap(P, "RevealPeriodEpochs", [{ hasher: "Twox64Concat", type: T.u16 }], T.u64, {
    fallback: 1n,
  }),
  MechanismCountCurrent: storageMap(
    P,
    "MechanismCountCurrent",
    [{ hasher: "Twox64Concat", type: T.u16 }],
    T.u8,
    { fallback: 1 },
  ),
  MaxMechanismCount: storageValue(P, "MaxMechanismCount", T.u8, { fallback: 2 }),
  MechanismEmissionSplit: storageMap(
    P,
    "MechanismEmissionSplit",
    [{ hasher: "Twox64Concat", type: T.u16 }],
    T.vec(T.u16),
    { modifier: "Optional" },
  ),
  // The rest of finney's items.
  MinActivityCutoff: storageValue(P, "MinActivityCutoff", T.u16, { fallback: 360 }),
  AdminFreezeWindow: storageValue(P, "AdminFreezeWindow", T.u16, { fallback: 10 }),
  OwnerHyperparamRateLimit: storageValue(P, "OwnerHyperparamRateLimit", T.u16, { fallback: 2 }),
  DissolveNetworkScheduleDuration: storageValue(P, "DissolveNetworkScheduleDuration", T.u32, {
    fallback: 36000,
  }),
  LastHotkeySwapOnNetuid: storageMap(
    P,
    "LastHotkeySwapOnNetuid",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Blake2128Concat", type: AccountId32 },
    ],
    T.u64,
    { fallback: 0n },
  ),
  NextStakeJobId: storageValue(P, "NextStakeJobId", T.u64, { fallback: 0n }),
  CKBurn: storageValue(P, "CKBurn", T.u64, { fallback: 0n }),
  PendingChildKeys: storageMap(
    P,
    "PendingChildKeys",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Blake2128Concat", type: AccountId32 },
    ],
    T.tuple(T.vec(T.tuple(T.u64, AccountId32)), T.u64),
    { fallback: [[], 0n] },
  ),
  AlphaDividendsPerSubnet: storageMap(
    P,
    "AlphaDividendsPerSubnet",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Blake2128Concat", type: AccountId32 },
    ],
    T.u64,
    { fallback: 0n },
  ),
  RootAlphaDividendsPerSubnet: storageMap(
    P,
    "RootAlphaDividendsPerSubnet",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Blake2128Concat", type: AccountId32 },
    ],
    T.u64,
    { fallback: 0n },
  ),
  LastHotkeyEmissionOnNetuid: storageMap(
    P,
    "LastHotkeyEmissionOnNetuid",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.u64,
    { fallback: 0n },
  ),
  SubnetMovingAlpha: storageValue(P, "SubnetMovingAlpha", FixedI128, { fallback: { bits: 12885n } }),
  RootProp: storageMap(P, "RootProp", [{ hasher: "Identity", type: T.u16 }], FixedU128, {
    fallback: { bits: 0n },
  }),
  AutoStakeDestination: storageMap(
    P,
    "AutoStakeDestination",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    AccountId32,
    { modifier: "Optional" },
  ),
  AutoStakeDestinationColdkeys: storageMap(
    P,
    "AutoStakeDestinationColdkeys",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.vec(AccountId32),
    { fallback: [] },
  ),
  ColdkeySwapAnnouncementDelay: storageValue(P, "ColdkeySwapAnnouncementDelay", T.u32, { fallback: 36000 }),
  ColdkeySwapReannouncementDelay: storageValue(P, "ColdkeySwapReannouncementDelay", T.u32, {
    fallback: 7200,
  }),
  ColdkeySwapAnnouncements: storageMap(
    P,
    "ColdkeySwapAnnouncements",
    [{ hasher: "Twox64Concat", type: AccountId32 }],
    T.tuple(T.u32, H256),
    { modifier: "Optional" },
  ),
  ColdkeySwapDisputes: storageMap(
    P,
    "ColdkeySwapDisputes",
    [{ hasher: "Twox64Concat", type: AccountId32 }],
    T.u32,
    { modifier: "Optional" },
  ),
  TotalHotkeyAlphaLastEpoch: storageMap(
    P,
    "TotalHotkeyAlphaLastEpoch",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.u64,
    { fallback: 0n },
  ),
  AlphaMapLastKey: storageValue(P, "AlphaMapLastKey", T.option(Bytes), {
    modifier: "Default",
    fallback: undefined,
  }),
  SubnetTaoFlow: storageMap(P, "SubnetTaoFlow", [{ hasher: "Identity", type: T.u16 }], T.i64, {
    fallback: 0n,
  }),
  SubnetEmaTaoFlow: storageMap(
    P,
    "SubnetEmaTaoFlow",
    [{ hasher: "Identity", type: T.u16 }],
    T.tuple(T.u64, FixedI128),
    { modifier: "Optional" },
  ),
  TaoFlowCutoff: storageValue(P, "TaoFlowCutoff", FixedI128, { fallback: { bits: 0n } }),
  FlowNormExponent: storageValue(P, "FlowNormExponent", FixedU128, {
    fallback: { bits: 18446744073709551616n },
  }),
  FlowEmaSmoothingFactor: storageValue(P, "FlowEmaSmoothingFactor", T.u64, { fallback: 29597889189277n }),
  UsedWork: storageMap(P, "UsedWork", [{ hasher: "Identity", type: Bytes }], T.u64, { fallback: 0n }),
  WeightsVersionKeyRateLimit: storageValue(P, "WeightsVersionKeyRateLimit", T.u64, { fallback: 5n }),
  LastRateLimitedBlock: storageMap(
    P,
    "LastRateLimitedBlock",
    [{ hasher: "Identity", type: RateLimitKey }],
    T.u64,
    { fallback: 0n },
  ),
  TransferToggle: storageMap(P, "TransferToggle", [{ hasher: "Identity", type: T.u16 }], T.bool, {
    fallback: true,
  }),
  LargestLocked: storageMap(P, "LargestLocked", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 0n,
  }),
  IsNetworkMember: storageMap(
    P,
    "IsNetworkMember",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.bool,
    { fallback: false },
  ),
  NetworkPowRegistrationAllowed: storageMap(
    P,
    "NetworkPowRegistrationAllowed",
    [{ hasher: "Identity", type: T.u16 }],
    T.bool,
    { fallback: true },
  ),
  RecycleOrBurn: storageMap(P, "RecycleOrBurn", [{ hasher: "Identity", type: T.u16 }], RecycleOrBurnEnum, {
    fallback: { type: "Burn" },
  }),
  Rho: storageMap(P, "Rho", [{ hasher: "Identity", type: T.u16 }], T.u16, { fallback: 10 }),
  POWRegistrationsThisInterval: storageMap(
    P,
    "POWRegistrationsThisInterval",
    [{ hasher: "Identity", type: T.u16 }],
    T.u16,
    { fallback: 0 },
  ),
  MinAllowedUids: storageMap(P, "MinAllowedUids", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 64,
  }),
  ValidatorPruneLen: storageMap(P, "ValidatorPruneLen", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 1n,
  }),
  ScalingLawPower: storageMap(P, "ScalingLawPower", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 50,
  }),
  Difficulty: storageMap(P, "Difficulty", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 10000000n,
  }),
  MinDifficulty: storageMap(P, "MinDifficulty", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 10000000n,
  }),
  MaxDifficulty: storageMap(P, "MaxDifficulty", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 4611686018427387903n,
  }),
  EMAPriceHalvingBlocks: storageMap(
    P,
    "EMAPriceHalvingBlocks",
    [{ hasher: "Identity", type: T.u16 }],
    T.u64,
    { fallback: 201600n },
  ),
  TxDelegateTakeRateLimit: storageValue(P, "TxDelegateTakeRateLimit", T.u64, { fallback: 216000n }),
  TxChildkeyTakeRateLimit: storageValue(P, "TxChildkeyTakeRateLimit", T.u64, { fallback: 216000n }),
  VotingPower: storageMap(
    P,
    "VotingPower",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Blake2128Concat", type: AccountId32 },
    ],
    T.u64,
    { fallback: 0n },
  ),
  VotingPowerTrackingEnabled: storageMap(
    P,
    "VotingPowerTrackingEnabled",
    [{ hasher: "Identity", type: T.u16 }],
    T.bool,
    { fallback: false },
  ),
  VotingPowerDisableAtBlock: storageMap(
    P,
    "VotingPowerDisableAtBlock",
    [{ hasher: "Identity", type: T.u16 }],
    T.u64,
    { fallback: 0n },
  ),
  VotingPowerEmaAlpha: storageMap(P, "VotingPowerEmaAlpha", [{ hasher: "Identity", type: T.u16 }], T.u64, {
    fallback: 3570000000000000n,
  }),
  ImmuneOwnerUidsLimit: storageMap(P, "ImmuneOwnerUidsLimit", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 1,
  }),
  LoadedEmission: storageMap(
    P,
    "LoadedEmission",
    [{ hasher: "Identity", type: T.u16 }],
    T.vec(T.tuple(AccountId32, T.u64, T.u64)),
    { modifier: "Optional" },
  ),
  Rank: storageMap(P, "Rank", [{ hasher: "Identity", type: T.u16 }], T.vec(T.u16), { fallback: [] }),
  Trust: storageMap(P, "Trust", [{ hasher: "Identity", type: T.u16 }], T.vec(T.u16), { fallback: [] }),
  PruningScores: storageMap(P, "PruningScores", [{ hasher: "Identity", type: T.u16 }], T.vec(T.u16), {
    fallback: [],
  }),
  IdentitiesV2: storageMap(
    P,
    "IdentitiesV2",
    [{ hasher: "Blake2128Concat", type: AccountId32 }],
    ChainIdentityV2,
    { modifier: "Optional" },
  ),
  SubnetIdentitiesV3: storageMap(
    P,
    "SubnetIdentitiesV3",
    [{ hasher: "Blake2128Concat", type: T.u16 }],
    SubnetIdentityV3,
    { modifier: "Optional" },
  ),
  TransactionKeyLastBlock: storageMap(
    P,
    "TransactionKeyLastBlock",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.u64,
    { fallback: 0n },
  ),
  LastTxBlock: storageMap(P, "LastTxBlock", [{ hasher: "Identity", type: AccountId32 }], T.u64, {
    fallback: 0n,
  }),
  LastTxBlockChildKeyTake: storageMap(
    P,
    "LastTxBlockChildKeyTake",
    [{ hasher: "Identity", type: AccountId32 }],
    T.u64,
    { fallback: 0n },
  ),
  LastTxBlockDelegateTake: storageMap(
    P,
    "LastTxBlockDelegateTake",
    [{ hasher: "Identity", type: AccountId32 }],
    T.u64,
    { fallback: 0n },
  ),
  TimelockedWeightCommits: storageMap(
    P,
    "TimelockedWeightCommits",
    [
      { hasher: "Twox64Concat", type: T.u16 },
      { hasher: "Twox64Concat", type: T.u64 },
    ],
    T.vec(T.tuple(AccountId32, T.u64, BoundedVec, T.u64)),
    { fallback: [] },
  ),
  CRV3WeightCommits: storageMap(
    P,
    "CRV3WeightCommits",
    [
      { hasher: "Twox64Concat", type: T.u16 },
      { hasher: "Twox64Concat", type: T.u64 },
    ],
    T.vec(T.tuple(AccountId32, BoundedVec, T.u64)),
    { fallback: [] },
  ),
  CRV3WeightCommitsV2: storageMap(
    P,
    "CRV3WeightCommitsV2",
    [
      { hasher: "Twox64Concat", type: T.u16 },
      { hasher: "Twox64Concat", type: T.u64 },
    ],
    T.vec(T.tuple(AccountId32, T.u64, BoundedVec, T.u64)),
    { fallback: [] },
  ),
  LastColdkeyHotkeyStakeBlock: storageMap(
    P,
    "LastColdkeyHotkeyStakeBlock",
    [
      { hasher: "Twox64Concat", type: AccountId32 },
      { hasher: "Twox64Concat", type: AccountId32 },
    ],
    T.u64,
    { modifier: "Optional" },
  ),
  StakingOperationRateLimiter: storageMap(
    P,
    "StakingOperationRateLimiter",
    [
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Identity", type: T.u16 },
    ],
    T.bool,
    { fallback: false },
  ),
  RootClaimableThreshold: storageMap(
    P,
    "RootClaimableThreshold",
    [{ hasher: "Blake2128Concat", type: T.u16 }],
    FixedI128,
    { fallback: { bits: 2147483648000000n } },
  ),
  RootClaimable: storageMap(
    P,
    "RootClaimable",
    [{ hasher: "Blake2128Concat", type: AccountId32 }],
    ClaimableRates,
    { fallback: [] },
  ),
  RootClaimed: storageMap(
    P,
    "RootClaimed",
    [
      { hasher: "Identity", type: T.u16 },
      { hasher: "Blake2128Concat", type: AccountId32 },
      { hasher: "Blake2128Concat", type: AccountId32 },
    ],
    T.u128,
    { fallback: 0n },
  ),
  RootClaimType: storageMap(
    P,
    "RootClaimType",
    [{ hasher: "Blake2128Concat", type: AccountId32 }],
    RootClaimTypeEnum,
    { fallback: { type: "Swap" } },
  ),
  StakingColdkeysByIndex: storageMap(
    P,
    "StakingColdkeysByIndex",
    [{ hasher: "Identity", type: T.u64 }],
    AccountId32,
    { modifier: "Optional" },
  ),
  StakingColdkeys: storageMap(P, "StakingColdkeys", [{ hasher: "Identity", type: AccountId32 }], T.u64, {
    modifier: "Optional",
  }),
  NumStakingColdkeys: storageValue(P, "NumStakingColdkeys", T.u64, { fallback: 0n }),
  NumRootClaim: storageValue(P, "NumRootClaim", T.u64, { fallback: 5n }),
  AssociatedEvmAddress: storageMap(
    P,
    "AssociatedEvmAddress",
    [
      { hasher: "Twox64Concat", type: T.u16 },
      { hasher: "Twox64Concat", type: T.u16 },
    ],
    T.tuple(H160, T.u64),
    { modifier: "Optional" },
  ),
  SubnetLeases: storageMap(P, "SubnetLeases", [{ hasher: "Twox64Concat", type: T.u32 }], SubnetLease, {
    modifier: "Optional",
  }),
  SubnetLeaseShares: storageMap(
    P,
    "SubnetLeaseShares",
    [
      { hasher: "Twox64Concat", type: T.u32 },
      { hasher: "Identity", type: AccountId32 },
    ],
    FixedU128,
    { fallback: { bits: 0n } },
  ),
  SubnetUidToLeaseId: storageMap(P, "SubnetUidToLeaseId", [{ hasher: "Twox64Concat", type: T.u16 }], T.u32, {
    modifier: "Optional",
  }),
  NextSubnetLeaseId: storageValue(P, "NextSubnetLeaseId", T.u32, { fallback: 0 }),
  AccumulatedLeaseDividends: storageMap(
    P,
    "AccumulatedLeaseDividends",
    [{ hasher: "Twox64Concat", type: T.u32 }],
    T.u64,
    { fallback: 0n },
  ),
  CommitRevealWeightsVersion: storageValue(P, "CommitRevealWeightsVersion", T.u16, { fallback: 4 }),
  NetworkRegistrationStartBlock: storageValue(P, "NetworkRegistrationStartBlock", T.u64, { fallback: 0n }),
  MinNonImmuneUids: storageMap(P, "MinNonImmuneUids", [{ hasher: "Identity", type: T.u16 }], T.u16, {
    fallback: 10,
  }),
  HasMigrationRun: storageMap(P, "HasMigrationRun", [{ hasher: "Identity", type: Bytes }], T.bool, {
    fallback: false,
  }),
  PendingChildKeyCooldown: storageValue(P, "PendingChildKeyCooldown", T.u64, { fallback: 7200n }),
};
