// frame_system (pallet 0) as finney declares it: accounts and nonces, block number and hashes, events.
// Only the items opentao implements are declared; each matches finney's name, index and type shape.

import {
  AccountId32,
  Bytes,
  DispatchError,
  DispatchEventInfo,
  H256,
  RuntimeVersion,
  type RuntimeVersionValue,
} from "../../frame/common.ts";
import { definePallet, errorsInOrder } from "../../frame/pallet.ts";
import { type StorageItem, storageMap, storageValue } from "../../frame/storage.ts";
import { T, type Ty } from "../../frame/types.ts";

const P = "System";

export const AccountData = T.struct(
  ["pallet_balances", "types", "AccountData"],
  {
    free: T.u64,
    reserved: T.u64,
    frozen: T.u64,
    flags: T.newtype(["pallet_balances", "types", "ExtraFlags"], T.u128, "u128"),
  },
  { params: [{ name: "Balance", type: T.u64 }] },
);

export const AccountInfo = T.struct(
  ["frame_system", "AccountInfo"],
  { nonce: T.u32, consumers: T.u32, providers: T.u32, sufficients: T.u32, data: AccountData },
  {
    typeNames: {
      nonce: "Nonce",
      consumers: "RefCount",
      providers: "RefCount",
      sufficients: "RefCount",
      data: "AccountData",
    },
    params: [
      { name: "Nonce", type: T.u32 },
      { name: "AccountData", type: AccountData },
    ],
  },
);

/** New accounts carry the `NEW_LOGIC` flag (bit 127), as pallet_balances sets it. */
export const EXTRA_FLAGS_NEW_LOGIC = 1n << 127n;

export const Phase = T.enum(["frame_system", "Phase"], {
  ApplyExtrinsic: { index: 0, fields: [{ type: T.u32, typeName: "u32" }] },
  Finalization: { index: 1 },
  Initialization: { index: 2 },
});

/** EventRecord over the runtime's outer event enum, which is declared once the runtime is assembled. */
export function eventRecord(runtimeEvent: Ty) {
  return T.struct(
    ["frame_system", "EventRecord"],
    { phase: Phase, event: runtimeEvent, topics: T.vec(H256) },
    {
      typeNames: { phase: "Phase", event: "E", topics: "Vec<T>" },
      params: [
        { name: "E", type: runtimeEvent },
        { name: "T", type: H256 },
      ],
    },
  );
}

export const storage = {
  Account: storageMap(P, "Account", [{ hasher: "Blake2128Concat", type: AccountId32 }], AccountInfo, {
    fallback: {
      nonce: 0,
      consumers: 0,
      providers: 0,
      sufficients: 0,
      data: { free: 0n, reserved: 0n, frozen: 0n, flags: EXTRA_FLAGS_NEW_LOGIC },
    },
    docs: [" The full account information for a particular account ID."],
  }),
  BlockHash: storageMap(P, "BlockHash", [{ hasher: "Twox64Concat", type: T.u32 }], H256, {
    fallback: new Uint8Array(32),
    docs: [" Map of block numbers to block hashes."],
  }),
  Number: storageValue(P, "Number", T.u32, {
    fallback: 0,
    docs: [" The current block number being processed."],
  }),
  ParentHash: storageValue(P, "ParentHash", H256, {
    fallback: new Uint8Array(32),
    docs: [" Hash of the previous block."],
  }),
  EventCount: storageValue(P, "EventCount", T.u32, {
    fallback: 0,
    docs: [" The number of events in the `Events<T>` list."],
  }),
  ExtrinsicCount: storageValue(P, "ExtrinsicCount", T.u32, {
    modifier: "Optional",
    docs: [" Total extrinsics count for the current block."],
  }),
};

export interface SystemConfig {
  version: RuntimeVersionValue;
  /** `System.Events`, declared by the runtime because it is typed by the outer event enum. */
  // biome-ignore lint/suspicious/noExplicitAny: the outer event's value type
  events: StorageItem<[], any[]>;
}

/** `System.Events`: typed by the runtime's outer event enum, so it is declared with the runtime. */
export function eventsStorage(runtimeEvent: Ty) {
  return storageValue(P, "Events", T.vec(eventRecord(runtimeEvent)), {
    fallback: [],
    docs: [" Events deposited for the current block."],
  });
}

export function systemPallet(c: SystemConfig) {
  return definePallet({
    name: P,
    index: 0,
    module: ["frame_system", "pallet"],
    calls: {
      remark: { index: 0, args: [{ name: "remark", type: Bytes, typeName: "Vec<u8>" }] },
      remark_with_event: { index: 7, args: [{ name: "remark", type: Bytes, typeName: "Vec<u8>" }] },
    },
    events: {
      ExtrinsicSuccess: {
        index: 0,
        fields: [{ name: "dispatch_info", type: DispatchEventInfo, typeName: "DispatchEventInfo" }],
      },
      ExtrinsicFailed: {
        index: 1,
        fields: [
          { name: "dispatch_error", type: DispatchError, typeName: "DispatchError" },
          { name: "dispatch_info", type: DispatchEventInfo, typeName: "DispatchEventInfo" },
        ],
      },
      NewAccount: { index: 3, fields: [{ name: "account", type: AccountId32, typeName: "T::AccountId" }] },
      KilledAccount: { index: 4, fields: [{ name: "account", type: AccountId32, typeName: "T::AccountId" }] },
      Remarked: {
        index: 5,
        fields: [
          { name: "sender", type: AccountId32, typeName: "T::AccountId" },
          { name: "hash", type: H256, typeName: "T::Hash" },
        ],
      },
    },
    errors: errorsInOrder([
      "InvalidSpecName",
      "SpecVersionNeedsToIncrease",
      "FailedToExtractRuntimeVersion",
      "NonDefaultComposite",
      "NonZeroRefCount",
      "CallFiltered",
      "MultiBlockMigrationsOngoing",
      "NothingAuthorized",
      "Unauthorized",
    ]),
    storage: [...Object.values(storage), c.events],
    constants: {
      BlockHashCount: {
        type: T.u32,
        value: 2400,
        docs: [" Maximum number of block number to block hash mappings to keep (oldest pruned first)."],
      },
      Version: { type: RuntimeVersion, value: c.version, docs: [" Get the chain's in-code version."] },
      SS58Prefix: { type: T.u16, value: 42, docs: [" The designated SS58 prefix of this chain."] },
    },
  });
}
