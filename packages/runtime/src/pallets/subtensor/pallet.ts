// pallet_subtensor (pallet 7): Bittensor's core — subnets, neurons, staking through dTAO pools, weights,
// emissions. Storage, events and errors as finney declares them; calls are added with their operations.
// Started from `scripts/finney-declare.ts` output, maintained by hand; metadata.test.ts checks every item.

import { AccountId32, Bytes, H256 } from "../../frame/common.ts";
import { definePallet, errorsInOrder } from "../../frame/pallet.ts";
import { storageMap, storageValue } from "../../frame/storage.ts";
import { T } from "../../frame/types.ts";

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
export const storage = {
  // Added after finney's spec 393 (subtensor spec 425): not in the reference metadata.
  SubnetEpochIndex: storageMap(P, "SubnetEpochIndex", [{ hasher: "Identity", type: T.u16 }], T.u64, {
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
};

const servingArgs = [
  { name: "netuid", type: T.u16, typeName: "NetUid" },
  { name: "version", type: T.u32, typeName: "u32" },
  { name: "ip", type: T.u128, typeName: "u128" },
  { name: "port", type: T.u16, typeName: "u16" },
  { name: "ip_type", type: T.u8, typeName: "u8" },
];
const axonArgs = [
  ...servingArgs,
  { name: "protocol", type: T.u8, typeName: "u8" },
  { name: "placeholder1", type: T.u8, typeName: "u8" },
  { name: "placeholder2", type: T.u8, typeName: "u8" },
];

export const subtensorPallet = definePallet({
  name: P,
  index: 7,
  module: ["pallet_subtensor", "pallet"],
  calls: {
    serve_axon: { index: 4, args: axonArgs },
    serve_prometheus: { index: 5, args: servingArgs },
    serve_axon_tls: {
      index: 40,
      args: [...axonArgs, { name: "certificate", type: Bytes, typeName: "Vec<u8>" }],
    },
    set_weights: {
      index: 0,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "dests", type: T.vec(T.u16), typeName: "Vec<u16>" },
        { name: "weights", type: T.vec(T.u16), typeName: "Vec<u16>" },
        { name: "version_key", type: T.u64, typeName: "u64" },
      ],
    },
    set_mechanism_weights: {
      index: 119,
      args: [
        { name: "netuid", type: T.u16, typeName: "NetUid" },
        { name: "mecid", type: T.u8, typeName: "MechId" },
        { name: "dests", type: T.vec(T.u16), typeName: "Vec<u16>" },
        { name: "weights", type: T.vec(T.u16), typeName: "Vec<u16>" },
        { name: "version_key", type: T.u64, typeName: "u64" },
      ],
    },
  },
  events: {
    NetworkAdded: {
      index: 0,
      fields: [
        { type: T.u16, typeName: "NetUid" },
        { type: T.u16, typeName: "u16" },
      ],
    },
    NetworkRemoved: { index: 1, fields: [{ type: T.u16, typeName: "NetUid" }] },
    StakeAdded: {
      index: 2,
      fields: [
        { type: AccountId32, typeName: "T::AccountId" },
        { type: AccountId32, typeName: "T::AccountId" },
        { type: T.u64, typeName: "TaoBalance" },
        { type: T.u64, typeName: "AlphaBalance" },
        { type: T.u16, typeName: "NetUid" },
        { type: T.u64, typeName: "u64" },
      ],
    },
    StakeRemoved: {
      index: 3,
      fields: [
        { type: AccountId32, typeName: "T::AccountId" },
        { type: AccountId32, typeName: "T::AccountId" },
        { type: T.u64, typeName: "TaoBalance" },
        { type: T.u64, typeName: "AlphaBalance" },
        { type: T.u16, typeName: "NetUid" },
        { type: T.u64, typeName: "u64" },
      ],
    },
    StakeMoved: {
      index: 4,
      fields: [
        { type: AccountId32, typeName: "T::AccountId" },
        { type: AccountId32, typeName: "T::AccountId" },
        { type: T.u16, typeName: "NetUid" },
        { type: AccountId32, typeName: "T::AccountId" },
        { type: T.u16, typeName: "NetUid" },
        { type: T.u64, typeName: "TaoBalance" },
      ],
    },
    WeightsSet: {
      index: 5,
      fields: [
        { type: T.u16, typeName: "NetUidStorageIndex" },
        { type: T.u16, typeName: "u16" },
      ],
    },
    NeuronRegistered: {
      index: 6,
      fields: [
        { type: T.u16, typeName: "NetUid" },
        { type: T.u16, typeName: "u16" },
        { type: AccountId32, typeName: "T::AccountId" },
      ],
    },
    AxonServed: {
      index: 28,
      fields: [
        { type: T.u16, typeName: "NetUid" },
        { type: AccountId32, typeName: "T::AccountId" },
      ],
    },
    PrometheusServed: {
      index: 29,
      fields: [
        { type: T.u16, typeName: "NetUid" },
        { type: AccountId32, typeName: "T::AccountId" },
      ],
    },
    StakeTransferred: {
      index: 89,
      fields: [
        { type: AccountId32, typeName: "T::AccountId" },
        { type: AccountId32, typeName: "T::AccountId" },
        { type: AccountId32, typeName: "T::AccountId" },
        { type: T.u16, typeName: "NetUid" },
        { type: T.u16, typeName: "NetUid" },
        { type: T.u64, typeName: "TaoBalance" },
      ],
    },
    StakeSwapped: {
      index: 90,
      fields: [
        { type: AccountId32, typeName: "T::AccountId" },
        { type: AccountId32, typeName: "T::AccountId" },
        { type: T.u16, typeName: "NetUid" },
        { type: T.u16, typeName: "NetUid" },
        { type: T.u64, typeName: "TaoBalance" },
      ],
    },
    IncentiveAlphaEmittedToMiners: {
      index: 108,
      fields: [
        { name: "netuid", type: T.u16, typeName: "NetUidStorageIndex" },
        { name: "emissions", type: T.vec(T.u64), typeName: "Vec<AlphaBalance>" },
      ],
    },
  },
  errors: errorsInOrder([
    "RootNetworkDoesNotExist",
    "InvalidIpType",
    "InvalidIpAddress",
    "InvalidPort",
    "HotKeyNotRegisteredInSubNet",
    "HotKeyAccountNotExists",
    "HotKeyNotRegisteredInNetwork",
    "NonAssociatedColdKey",
    "NotEnoughStake",
    "NotEnoughStakeToWithdraw",
    "NotEnoughStakeToSetWeights",
    "NotEnoughStakeToSetChildkeys",
    "NotEnoughBalanceToStake",
    "BalanceWithdrawalError",
    "ZeroBalanceAfterWithdrawn",
    "NeuronNoValidatorPermit",
    "WeightVecNotEqualSize",
    "DuplicateUids",
    "UidVecContainInvalidOne",
    "WeightVecLengthIsLow",
    "TooManyRegistrationsThisBlock",
    "HotKeyAlreadyRegisteredInSubNet",
    "NewHotKeyIsSameWithOld",
    "InvalidWorkBlock",
    "InvalidDifficulty",
    "InvalidSeal",
    "MaxWeightExceeded",
    "HotKeyAlreadyDelegate",
    "SettingWeightsTooFast",
    "IncorrectWeightVersionKey",
    "ServingRateLimitExceeded",
    "UidsLengthExceedUidsInSubNet",
    "NetworkTxRateLimitExceeded",
    "DelegateTxRateLimitExceeded",
    "HotKeySetTxRateLimitExceeded",
    "StakingRateLimitExceeded",
    "SubNetRegistrationDisabled",
    "TooManyRegistrationsThisInterval",
    "TransactorAccountShouldBeHotKey",
    "FaucetDisabled",
    "NotSubnetOwner",
    "RegistrationNotPermittedOnRootSubnet",
    "StakeTooLowForRoot",
    "AllNetworksInImmunity",
    "NotEnoughBalanceToPaySwapHotKey",
    "NotRootSubnet",
    "CanNotSetRootNetworkWeights",
    "NoNeuronIdAvailable",
    "DelegateTakeTooLow",
    "DelegateTakeTooHigh",
    "NoWeightsCommitFound",
    "InvalidRevealCommitHashNotMatch",
    "CommitRevealEnabled",
    "CommitRevealDisabled",
    "LiquidAlphaDisabled",
    "AlphaHighTooLow",
    "AlphaLowOutOfRange",
    "ColdKeyAlreadyAssociated",
    "NotEnoughBalanceToPaySwapColdKey",
    "InvalidChild",
    "DuplicateChild",
    "ProportionOverflow",
    "TooManyChildren",
    "TxRateLimitExceeded",
    "ColdkeySwapAnnouncementNotFound",
    "ColdkeySwapTooEarly",
    "ColdkeySwapReannouncedTooEarly",
    "AnnouncedColdkeyHashDoesNotMatch",
    "ColdkeySwapAlreadyDisputed",
    "NewColdKeyIsHotkey",
    "InvalidChildkeyTake",
    "TxChildkeyTakeRateLimitExceeded",
    "InvalidIdentity",
    "MechanismDoesNotExist",
    "CannotUnstakeLock",
    "SubnetNotExists",
    "TooManyUnrevealedCommits",
    "ExpiredWeightCommit",
    "RevealTooEarly",
    "InputLengthsUnequal",
    "CommittingWeightsTooFast",
    "AmountTooLow",
    "InsufficientLiquidity",
    "SlippageTooHigh",
    "TransferDisallowed",
    "ActivityCutoffTooLow",
    "CallDisabled",
    "FirstEmissionBlockNumberAlreadySet",
    "NeedWaitingMoreBlocksToStarCall",
    "NotEnoughAlphaOutToRecycle",
    "CannotBurnOrRecycleOnRootSubnet",
    "UnableToRecoverPublicKey",
    "InvalidRecoveredPublicKey",
    "SubtokenDisabled",
    "HotKeySwapOnSubnetIntervalNotPassed",
    "ZeroMaxStakeAmount",
    "SameNetuid",
    "InsufficientBalance",
    "StakingOperationRateLimitExceeded",
    "InvalidLeaseBeneficiary",
    "LeaseCannotEndInThePast",
    "LeaseNetuidNotFound",
    "LeaseDoesNotExist",
    "LeaseHasNoEndBlock",
    "LeaseHasNotEnded",
    "Overflow",
    "BeneficiaryDoesNotOwnHotkey",
    "ExpectedBeneficiaryOrigin",
    "AdminActionProhibitedDuringWeightsWindow",
    "SymbolDoesNotExist",
    "SymbolAlreadyInUse",
    "IncorrectCommitRevealVersion",
    "RevealPeriodTooLarge",
    "RevealPeriodTooSmall",
    "InvalidValue",
    "SubnetLimitReached",
    "CannotAffordLockCost",
    "EvmKeyAssociateRateLimitExceeded",
    "SameAutoStakeHotkeyAlreadySet",
    "UidMapCouldNotBeCleared",
    "TrimmingWouldExceedMaxImmunePercentage",
    "ChildParentInconsistency",
    "InvalidNumRootClaim",
    "InvalidRootClaimThreshold",
    "InvalidSubnetNumber",
    "TooManyUIDsPerMechanism",
    "VotingPowerTrackingNotEnabled",
    "InvalidVotingPowerEmaAlpha",
    "PrecisionLoss",
    "Deprecated",
    "AddStakeBurnRateLimitExceeded",
    "ColdkeySwapAnnounced",
    "ColdkeySwapDisputed",
    "ColdkeySwapClearTooEarly",
    "DisabledTemporarily",
  ]),
  storage: Object.values(storage),
});
