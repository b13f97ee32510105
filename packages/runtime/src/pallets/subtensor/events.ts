// SubtensorModule events: every event of finney's pallet, at its index with its fields.
// Generated once by scripts/finney-declare.ts; metadata.test.ts checks each against finney.

import { AccountId32, Bytes, DispatchError, H256 } from "../../frame/common.ts";
import { T } from "../../frame/types.ts";
import { H160, RootClaimTypeEnum } from "./storage.ts";

export const subtensorEvents = {
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
  BulkNeuronsRegistered: {
    index: 7,
    fields: [
      { type: T.u16, typeName: "u16" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  BulkBalancesSet: {
    index: 8,
    fields: [
      { type: T.u16, typeName: "u16" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  MaxAllowedUidsSet: {
    index: 9,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  MaxWeightLimitSet: {
    index: 10,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  DifficultySet: {
    index: 11,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  AdjustmentIntervalSet: {
    index: 12,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  RegistrationPerIntervalSet: {
    index: 13,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  MaxRegistrationsPerBlockSet: {
    index: 14,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  ActivityCutoffSet: {
    index: 15,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  RhoSet: {
    index: 16,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  AlphaSigmoidSteepnessSet: {
    index: 17,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.i16, typeName: "i16" },
    ],
  },
  KappaSet: {
    index: 18,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  MinAllowedWeightSet: {
    index: 19,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  ValidatorPruneLenSet: {
    index: 20,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  ScalingLawPowerSet: {
    index: 21,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  WeightsSetRateLimitSet: {
    index: 22,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  ImmunityPeriodSet: {
    index: 23,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  BondsMovingAverageSet: {
    index: 24,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  BondsPenaltySet: {
    index: 25,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  BondsResetOnSet: {
    index: 26,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.bool, typeName: "bool" },
    ],
  },
  MaxAllowedValidatorsSet: {
    index: 27,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
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
  DelegateAdded: {
    index: 30,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  DefaultTakeSet: { index: 31, fields: [{ type: T.u16, typeName: "u16" }] },
  WeightsVersionKeySet: {
    index: 32,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  MinDifficultySet: {
    index: 33,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  MaxDifficultySet: {
    index: 34,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  ServingRateLimitSet: {
    index: 35,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  BurnSet: {
    index: 36,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "TaoBalance" },
    ],
  },
  MaxBurnSet: {
    index: 37,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "TaoBalance" },
    ],
  },
  MinBurnSet: {
    index: 38,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "TaoBalance" },
    ],
  },
  TxRateLimitSet: { index: 39, fields: [{ type: T.u64, typeName: "u64" }] },
  TxDelegateTakeRateLimitSet: { index: 40, fields: [{ type: T.u64, typeName: "u64" }] },
  TxChildKeyTakeRateLimitSet: { index: 41, fields: [{ type: T.u64, typeName: "u64" }] },
  AdminFreezeWindowSet: { index: 42, fields: [{ type: T.u16, typeName: "u16" }] },
  OwnerHyperparamRateLimitSet: { index: 43, fields: [{ type: T.u16, typeName: "u16" }] },
  MinChildKeyTakeSet: { index: 44, fields: [{ type: T.u16, typeName: "u16" }] },
  MaxChildKeyTakeSet: { index: 45, fields: [{ type: T.u16, typeName: "u16" }] },
  ChildKeyTakeSet: {
    index: 46,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  Sudid: { index: 47, fields: [{ type: T.result(T.unit, DispatchError), typeName: "DispatchResult" }] },
  RegistrationAllowed: {
    index: 48,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.bool, typeName: "bool" },
    ],
  },
  PowRegistrationAllowed: {
    index: 49,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.bool, typeName: "bool" },
    ],
  },
  TempoSet: {
    index: 50,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  RAORecycledForRegistrationSet: {
    index: 51,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "TaoBalance" },
    ],
  },
  StakeThresholdSet: { index: 52, fields: [{ type: T.u64, typeName: "u64" }] },
  AdjustmentAlphaSet: {
    index: 53,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  Faucet: {
    index: 54,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  SubnetOwnerCutSet: { index: 55, fields: [{ type: T.u16, typeName: "u16" }] },
  NetworkRateLimitSet: { index: 56, fields: [{ type: T.u64, typeName: "u64" }] },
  NetworkImmunityPeriodSet: { index: 57, fields: [{ type: T.u64, typeName: "u64" }] },
  StartCallDelaySet: { index: 58, fields: [{ type: T.u64, typeName: "u64" }] },
  NetworkMinLockCostSet: { index: 59, fields: [{ type: T.u64, typeName: "TaoBalance" }] },
  SubnetLimitSet: { index: 60, fields: [{ type: T.u16, typeName: "u16" }] },
  NetworkLockCostReductionIntervalSet: { index: 61, fields: [{ type: T.u64, typeName: "u64" }] },
  TakeDecreased: {
    index: 62,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  TakeIncreased: {
    index: 63,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  HotkeySwapped: {
    index: 64,
    fields: [
      { name: "coldkey", type: AccountId32, typeName: "T::AccountId" },
      { name: "old_hotkey", type: AccountId32, typeName: "T::AccountId" },
      { name: "new_hotkey", type: AccountId32, typeName: "T::AccountId" },
    ],
  },
  MaxDelegateTakeSet: { index: 65, fields: [{ type: T.u16, typeName: "u16" }] },
  MinDelegateTakeSet: { index: 66, fields: [{ type: T.u16, typeName: "u16" }] },
  ColdkeySwapAnnounced: {
    index: 67,
    fields: [
      { name: "who", type: AccountId32, typeName: "T::AccountId" },
      { name: "new_coldkey_hash", type: H256, typeName: "T::Hash" },
    ],
  },
  ColdkeySwapReset: { index: 68, fields: [{ name: "who", type: AccountId32, typeName: "T::AccountId" }] },
  ColdkeySwapped: {
    index: 69,
    fields: [
      { name: "old_coldkey", type: AccountId32, typeName: "T::AccountId" },
      { name: "new_coldkey", type: AccountId32, typeName: "T::AccountId" },
    ],
  },
  ColdkeySwapDisputed: {
    index: 70,
    fields: [{ name: "coldkey", type: AccountId32, typeName: "T::AccountId" }],
  },
  AllBalanceUnstakedAndTransferredToNewColdkey: {
    index: 71,
    fields: [
      { name: "current_coldkey", type: AccountId32, typeName: "T::AccountId" },
      { name: "new_coldkey", type: AccountId32, typeName: "T::AccountId" },
      {
        name: "total_balance",
        type: T.u64,
        typeName:
          "<<T as Config>::Currency as fungible::Inspect<<T as frame_system::\nConfig>::AccountId,>>::Balance",
      },
    ],
  },
  ArbitrationPeriodExtended: {
    index: 72,
    fields: [{ name: "coldkey", type: AccountId32, typeName: "T::AccountId" }],
  },
  SetChildrenScheduled: {
    index: 73,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "u64" },
      { type: T.vec(T.tuple(T.u64, AccountId32)), typeName: "Vec<(u64, T::AccountId)>" },
    ],
  },
  SetChildren: {
    index: 74,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u16, typeName: "NetUid" },
      { type: T.vec(T.tuple(T.u64, AccountId32)), typeName: "Vec<(u64, T::AccountId)>" },
    ],
  },
  ChainIdentitySet: { index: 75, fields: [{ type: AccountId32, typeName: "T::AccountId" }] },
  SubnetIdentitySet: { index: 76, fields: [{ type: T.u16, typeName: "NetUid" }] },
  SubnetIdentityRemoved: { index: 77, fields: [{ type: T.u16, typeName: "NetUid" }] },
  DissolveNetworkScheduled: {
    index: 78,
    fields: [
      { name: "account", type: AccountId32, typeName: "T::AccountId" },
      { name: "netuid", type: T.u16, typeName: "NetUid" },
      { name: "execution_block", type: T.u32, typeName: "BlockNumberFor<T>" },
    ],
  },
  ColdkeySwapAnnouncementDelaySet: { index: 79, fields: [{ type: T.u32, typeName: "BlockNumberFor<T>" }] },
  ColdkeySwapReannouncementDelaySet: { index: 80, fields: [{ type: T.u32, typeName: "BlockNumberFor<T>" }] },
  DissolveNetworkScheduleDurationSet: { index: 81, fields: [{ type: T.u32, typeName: "BlockNumberFor<T>" }] },
  CRV3WeightsCommitted: {
    index: 82,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u16, typeName: "NetUidStorageIndex" },
      { type: H256, typeName: "H256" },
    ],
  },
  WeightsCommitted: {
    index: 83,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u16, typeName: "NetUidStorageIndex" },
      { type: H256, typeName: "H256" },
    ],
  },
  WeightsRevealed: {
    index: 84,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u16, typeName: "NetUidStorageIndex" },
      { type: H256, typeName: "H256" },
    ],
  },
  WeightsBatchRevealed: {
    index: 85,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u16, typeName: "NetUid" },
      { type: T.vec(H256), typeName: "Vec<H256>" },
    ],
  },
  BatchWeightsCompleted: {
    index: 86,
    fields: [
      { type: T.vec(T.compactNumber(T.u16)), typeName: "Vec<Compact<NetUid>>" },
      { type: AccountId32, typeName: "T::AccountId" },
    ],
  },
  BatchCompletedWithErrors: { index: 87, fields: [] },
  BatchWeightItemFailed: {
    index: 88,
    fields: [{ type: DispatchError, typeName: "sp_runtime::DispatchError" }],
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
  TransferToggle: {
    index: 91,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.bool, typeName: "bool" },
    ],
  },
  SubnetOwnerHotkeySet: {
    index: 92,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: AccountId32, typeName: "T::AccountId" },
    ],
  },
  FirstEmissionBlockNumberSet: {
    index: 93,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  AlphaRecycled: {
    index: 94,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u64, typeName: "AlphaBalance" },
      { type: T.u16, typeName: "NetUid" },
    ],
  },
  AlphaBurned: {
    index: 95,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u64, typeName: "AlphaBalance" },
      { type: T.u16, typeName: "NetUid" },
    ],
  },
  EvmKeyAssociated: {
    index: 96,
    fields: [
      { name: "netuid", type: T.u16, typeName: "NetUid" },
      { name: "hotkey", type: AccountId32, typeName: "T::AccountId" },
      { name: "evm_key", type: H160, typeName: "H160" },
      { name: "block_associated", type: T.u64, typeName: "u64" },
    ],
  },
  CRV3WeightsRevealed: {
    index: 97,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: AccountId32, typeName: "T::AccountId" },
    ],
  },
  CommitRevealPeriodsSet: {
    index: 98,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  CommitRevealEnabled: {
    index: 99,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.bool, typeName: "bool" },
    ],
  },
  HotkeySwappedOnSubnet: {
    index: 100,
    fields: [
      { name: "coldkey", type: AccountId32, typeName: "T::AccountId" },
      { name: "old_hotkey", type: AccountId32, typeName: "T::AccountId" },
      { name: "new_hotkey", type: AccountId32, typeName: "T::AccountId" },
      { name: "netuid", type: T.u16, typeName: "NetUid" },
    ],
  },
  SubnetLeaseCreated: {
    index: 101,
    fields: [
      { name: "beneficiary", type: AccountId32, typeName: "T::AccountId" },
      { name: "lease_id", type: T.u32, typeName: "LeaseId" },
      { name: "netuid", type: T.u16, typeName: "NetUid" },
      { name: "end_block", type: T.option(T.u32), typeName: "Option<BlockNumberFor<T>>" },
    ],
  },
  SubnetLeaseTerminated: {
    index: 102,
    fields: [
      { name: "beneficiary", type: AccountId32, typeName: "T::AccountId" },
      { name: "netuid", type: T.u16, typeName: "NetUid" },
    ],
  },
  SymbolUpdated: {
    index: 103,
    fields: [
      { name: "netuid", type: T.u16, typeName: "NetUid" },
      { name: "symbol", type: Bytes, typeName: "Vec<u8>" },
    ],
  },
  CommitRevealVersionSet: { index: 104, fields: [{ type: T.u16, typeName: "u16" }] },
  TimelockedWeightsCommitted: {
    index: 105,
    fields: [
      { type: AccountId32, typeName: "T::AccountId" },
      { type: T.u16, typeName: "NetUidStorageIndex" },
      { type: H256, typeName: "H256" },
      { type: T.u64, typeName: "u64" },
    ],
  },
  TimelockedWeightsRevealed: {
    index: 106,
    fields: [
      { type: T.u16, typeName: "NetUidStorageIndex" },
      { type: AccountId32, typeName: "T::AccountId" },
    ],
  },
  AutoStakeAdded: {
    index: 107,
    fields: [
      { name: "netuid", type: T.u16, typeName: "NetUid" },
      { name: "destination", type: AccountId32, typeName: "T::AccountId" },
      { name: "hotkey", type: AccountId32, typeName: "T::AccountId" },
      { name: "owner", type: AccountId32, typeName: "T::AccountId" },
      { name: "incentive", type: T.u64, typeName: "AlphaBalance" },
    ],
  },
  IncentiveAlphaEmittedToMiners: {
    index: 108,
    fields: [
      { name: "netuid", type: T.u16, typeName: "NetUidStorageIndex" },
      { name: "emissions", type: T.vec(T.u64), typeName: "Vec<AlphaBalance>" },
    ],
  },
  MinAllowedUidsSet: {
    index: 109,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  AutoStakeDestinationSet: {
    index: 110,
    fields: [
      { name: "coldkey", type: AccountId32, typeName: "T::AccountId" },
      { name: "netuid", type: T.u16, typeName: "NetUid" },
      { name: "hotkey", type: AccountId32, typeName: "T::AccountId" },
    ],
  },
  MinNonImmuneUidsSet: {
    index: 111,
    fields: [
      { type: T.u16, typeName: "NetUid" },
      { type: T.u16, typeName: "u16" },
    ],
  },
  RootClaimed: { index: 112, fields: [{ name: "coldkey", type: AccountId32, typeName: "T::AccountId" }] },
  RootClaimTypeSet: {
    index: 113,
    fields: [
      { name: "coldkey", type: AccountId32, typeName: "T::AccountId" },
      { name: "root_claim_type", type: RootClaimTypeEnum, typeName: "RootClaimTypeEnum" },
    ],
  },
  VotingPowerTrackingEnabled: { index: 114, fields: [{ name: "netuid", type: T.u16, typeName: "NetUid" }] },
  VotingPowerTrackingDisableScheduled: {
    index: 115,
    fields: [
      { name: "netuid", type: T.u16, typeName: "NetUid" },
      { name: "disable_at_block", type: T.u64, typeName: "u64" },
    ],
  },
  VotingPowerTrackingDisabled: { index: 116, fields: [{ name: "netuid", type: T.u16, typeName: "NetUid" }] },
  VotingPowerEmaAlphaSet: {
    index: 117,
    fields: [
      { name: "netuid", type: T.u16, typeName: "NetUid" },
      { name: "alpha", type: T.u64, typeName: "u64" },
    ],
  },
  SubnetLeaseDividendsDistributed: {
    index: 118,
    fields: [
      { name: "lease_id", type: T.u32, typeName: "LeaseId" },
      { name: "contributor", type: AccountId32, typeName: "T::AccountId" },
      { name: "alpha", type: T.u64, typeName: "AlphaBalance" },
    ],
  },
  AddStakeBurn: {
    index: 119,
    fields: [
      { name: "netuid", type: T.u16, typeName: "NetUid" },
      { name: "hotkey", type: AccountId32, typeName: "T::AccountId" },
      { name: "amount", type: T.u64, typeName: "TaoBalance" },
      { name: "alpha", type: T.u64, typeName: "AlphaBalance" },
    ],
  },
  ColdkeySwapCleared: { index: 120, fields: [{ name: "who", type: AccountId32, typeName: "T::AccountId" }] },
  // spec 425's epoch scheduler (not in finney's spec-393 metadata), at 425's indices.
  EpochDeferred: {
    index: 130,
    fields: [
      { name: "netuid", type: T.u16, typeName: "NetUid" },
      { name: "from_block", type: T.u64, typeName: "u64" },
      { name: "to_block", type: T.u64, typeName: "u64" },
    ],
  },
  EpochSkipped: {
    index: 131,
    fields: [
      { name: "netuid", type: T.u16, typeName: "NetUid" },
      { name: "block", type: T.u64, typeName: "u64" },
    ],
  },
};
