// The assembled runtime: its version, pallets at finney's indices, the outer call/event/error enums, the
// extrinsic format with finney's 13 transaction extensions, and the runtime APIs — the input of the metadata.

import { blake2_64 } from "@opentao/primitives";
import {
  AccountId32,
  DispatchClass,
  H256,
  MultiAddress,
  MultiSignature,
  RuntimeVersion,
  type RuntimeVersionValue,
  Weight,
} from "../frame/common.ts";
import type { Pallet } from "../frame/pallet.ts";
import { T, type Ty } from "../frame/types.ts";
import {
  buildMetadata,
  type EncodedMetadata,
  type ExtensionDecl,
  type RuntimeApiDecl,
} from "../metadata/build.ts";
import { adminUtilsPallet } from "../pallets/adminUtils/pallet.ts";
import { balancesPallet } from "../pallets/balances/pallet.ts";
import { subtensorPallet } from "../pallets/subtensor/pallet.ts";
import { sudoPallet } from "../pallets/sudo/pallet.ts";
import { swapPallet } from "../pallets/swap/pallet.ts";
import { eventsStorage, systemPallet } from "../pallets/system/pallet.ts";
import { timestampPallet } from "../pallets/timestamp/pallet.ts";
import { transactionPaymentPallet } from "../pallets/transactionPayment/pallet.ts";
import { utilityPallet } from "../pallets/utility/pallet.ts";
import { bittensorRuntimeApis } from "../runtimeApi/index.ts";

/** DESIGN.md decision 8: economics and behaviour follow subtensor spec 425. */
export const SPEC_VERSION = 425;
export const TRANSACTION_VERSION = 1;

const RUNTIME = "node_subtensor_runtime";

const TV = ["sp_runtime", "transaction_validity"];
export const TransactionSource = T.enum([...TV, "TransactionSource"], {
  InBlock: { index: 0 },
  Local: { index: 1 },
  External: { index: 2 },
});
const ValidTransaction = T.struct([...TV, "ValidTransaction"], {
  priority: T.u64,
  requires: T.vec(T.bytes(T.u8)),
  provides: T.vec(T.bytes(T.u8)),
  longevity: T.u64,
  propagate: T.bool,
});
const InvalidTransaction = T.enum([...TV, "InvalidTransaction"], {
  Call: { index: 0 },
  Payment: { index: 1 },
  Future: { index: 2 },
  Stale: { index: 3 },
  BadProof: { index: 4 },
  AncientBirthBlock: { index: 5 },
  ExhaustsResources: { index: 6 },
  Custom: { index: 7, fields: [{ type: T.u8 }] },
  BadMandatory: { index: 8 },
  MandatoryValidation: { index: 9 },
  BadSigner: { index: 10 },
  IndeterminateImplicit: { index: 11 },
  UnknownOrigin: { index: 12 },
});
const UnknownTransaction = T.enum([...TV, "UnknownTransaction"], {
  CannotLookup: { index: 0 },
  NoUnsignedValidator: { index: 1 },
  Custom: { index: 2, fields: [{ type: T.u8 }] },
});
const TransactionValidityError = T.enum([...TV, "TransactionValidityError"], {
  Invalid: { index: 0, fields: [{ type: InvalidTransaction }] },
  Unknown: { index: 1, fields: [{ type: UnknownTransaction }] },
});
/** `TransactionValidity`: Result<ValidTransaction, TransactionValidityError>. */
export const TransactionValidity = T.result(ValidTransaction, TransactionValidityError);

// Runtime APIs, declared once: the metadata lists them and RuntimeVersion.apis carries their ids.
const runtimeApis: RuntimeApiDecl[] = [
  {
    name: "Core",
    version: 5,
    methods: [
      { name: "version", inputs: [], output: RuntimeVersion, docs: [" Returns the version of the runtime."] },
    ],
  },
  {
    name: "Metadata",
    version: 2,
    methods: [
      {
        name: "metadata",
        inputs: [],
        output: T.newtype(["sp_core", "OpaqueMetadata"], T.bytes(T.u8), "Vec<u8>"),
      },
      {
        name: "metadata_at_version",
        inputs: [{ name: "version", type: T.u32 }],
        output: T.option(T.newtype(["sp_core", "OpaqueMetadata"], T.bytes(T.u8), "Vec<u8>")),
      },
      { name: "metadata_versions", inputs: [], output: T.vec(T.u32) },
    ],
  },
  {
    name: "AccountNonceApi",
    version: 1,
    methods: [
      {
        name: "account_nonce",
        inputs: [{ name: "account", type: AccountId32 }],
        output: T.u32,
        docs: [" Get current account nonce of given `AccountId`."],
      },
    ],
  },
  {
    // Transaction-pool validity (finney version 3): polkadot-api asks it before broadcasting a transaction.
    name: "TaggedTransactionQueue",
    version: 3,
    methods: [
      {
        name: "validate_transaction",
        inputs: [
          { name: "source", type: TransactionSource },
          { name: "tx", type: T.lazy(() => uncheckedExtrinsic) },
          { name: "block_hash", type: H256 },
        ],
        output: TransactionValidity,
      },
    ],
  },
  {
    // pallet_transaction_payment's API (finney version 4): fee estimates for a signed extrinsic and its length.
    name: "TransactionPaymentApi",
    version: 4,
    methods: [
      {
        name: "query_info",
        inputs: [
          { name: "uxt", type: T.lazy(() => uncheckedExtrinsic) },
          { name: "len", type: T.u32 },
        ],
        output: T.struct(["pallet_transaction_payment", "types", "RuntimeDispatchInfo"], {
          weight: Weight,
          class: DispatchClass,
          partial_fee: T.u64,
        }),
      },
      {
        name: "query_fee_details",
        inputs: [
          { name: "uxt", type: T.lazy(() => uncheckedExtrinsic) },
          { name: "len", type: T.u32 },
        ],
        output: T.struct(["pallet_transaction_payment", "types", "FeeDetails"], {
          inclusion_fee: T.option(
            T.struct(["pallet_transaction_payment", "types", "InclusionFee"], {
              base_fee: T.u64,
              len_fee: T.u64,
              adjusted_weight_fee: T.u64,
            }),
          ),
          tip: T.u64,
        }),
      },
      { name: "query_weight_to_fee", inputs: [{ name: "weight", type: Weight }], output: T.u64 },
      { name: "query_length_to_fee", inputs: [{ name: "length", type: T.u32 }], output: T.u64 },
    ],
  },
  ...bittensorRuntimeApis,
];

/**
 * The value under the well-known key `:code`. Substrate keeps the runtime's wasm there; opentao's runtime is
 * this TypeScript, so it stores a short blob naming the runtime and its version instead. Clients hash it to
 * tell runtimes apart (polkadot-api keys its metadata cache by that hash), so it changes with the version.
 */
export const RUNTIME_CODE_KEY = new TextEncoder().encode(":code");
export function runtimeCode(): Uint8Array {
  return new TextEncoder().encode(
    `opentao:${runtimeVersion.spec_name}:${runtimeVersion.spec_version}:${runtimeVersion.transaction_version}`,
  );
}

/** The 8-byte API id of a runtime API trait: blake2b-64 of its name. */
export function runtimeApiId(name: string): Uint8Array {
  return blake2_64(new TextEncoder().encode(name));
}

export const runtimeVersion: RuntimeVersionValue = {
  spec_name: "node-subtensor",
  impl_name: "node-subtensor",
  authoring_version: 1,
  spec_version: SPEC_VERSION,
  impl_version: 1,
  apis: runtimeApis.map((a) => [runtimeApiId(a.name), a.version]) as RuntimeVersionValue["apis"],
  transaction_version: TRANSACTION_VERSION,
  system_version: 1,
};

// The outer call enum is recursive (utility.batch and sudo.sudo take calls), hence the lazy reference.
const runtimeCallRef: Ty = T.lazy(() => runtimeCall);

// System.Events holds records of the outer event enum, declared below; the reference is lazy for the same reason.
const runtimeEventRef: Ty = T.lazy(() => runtimeEvent);

/** `System.Events`: the block's event records. */
export const systemEvents = eventsStorage(runtimeEventRef);

export const pallets: Pallet[] = [
  systemPallet({ version: runtimeVersion, events: systemEvents }),
  timestampPallet,
  balancesPallet,
  transactionPaymentPallet,
  subtensorPallet,
  utilityPallet(runtimeCallRef),
  sudoPallet(runtimeCallRef),
  adminUtilsPallet,
  swapPallet,
];

function outerEnum(name: string, pick: (p: Pallet) => Ty | undefined): Ty {
  const variants: Record<string, { index: number; fields: Array<{ type: Ty }> }> = {};
  for (const p of pallets) {
    const t = pick(p);
    if (t) variants[p.name] = { index: p.index, fields: [{ type: t }] };
  }
  return T.enum([RUNTIME, name], variants);
}

export const runtimeCall: Ty = outerEnum("RuntimeCall", (p) => p.callType);
export const runtimeEvent: Ty = outerEnum("RuntimeEvent", (p) => p.eventType);
export const runtimeError: Ty = outerEnum("RuntimeError", (p) => p.errorType);

const unitExt = (path: string[]) => T.unitStruct(path, [{ name: "T" }]);
const Era = T.enum(
  ["sp_runtime", "generic", "era", "Era"],
  Object.fromEntries([
    ["Immortal", { index: 0 }],
    ...Array.from({ length: 255 }, (_, i) => [
      `Mortal${i + 1}`,
      { index: i + 1, fields: [{ type: T.u8, typeName: "u8" }] },
    ]),
  ]),
);
export const MetadataHashMode = T.enum(["frame_metadata_hash_extension", "Mode"], {
  Disabled: { index: 0 },
  Enabled: { index: 1 },
});

/** finney's transaction extensions, in order (spec/interop.md §2.10). */
export const extensions: ExtensionDecl[] = [
  {
    identifier: "CheckNonZeroSender",
    type: unitExt(["frame_system", "extensions", "check_non_zero_sender", "CheckNonZeroSender"]),
    implicit: T.unit,
  },
  {
    identifier: "CheckSpecVersion",
    type: unitExt(["frame_system", "extensions", "check_spec_version", "CheckSpecVersion"]),
    implicit: T.u32,
  },
  {
    identifier: "CheckTxVersion",
    type: unitExt(["frame_system", "extensions", "check_tx_version", "CheckTxVersion"]),
    implicit: T.u32,
  },
  {
    identifier: "CheckGenesis",
    type: unitExt(["frame_system", "extensions", "check_genesis", "CheckGenesis"]),
    implicit: H256,
  },
  {
    identifier: "CheckMortality",
    type: T.newtype([RUNTIME, "check_mortality", "CheckMortality"], Era, "Era", [{ name: "T" }]),
    implicit: H256,
  },
  {
    identifier: "CheckNonce",
    type: T.newtype([RUNTIME, "check_nonce", "CheckNonce"], T.compactNumber(T.u32), "T::Nonce", [
      { name: "T" },
    ]),
    implicit: T.unit,
  },
  {
    identifier: "CheckWeight",
    type: unitExt(["frame_system", "extensions", "check_weight", "CheckWeight"]),
    implicit: T.unit,
  },
  {
    identifier: "ChargeTransactionPayment",
    type: T.newtype(
      ["pallet_transaction_payment", "ChargeTransactionPayment"],
      T.compactBig(T.u64),
      "BalanceOf<T>",
      [{ name: "T" }],
    ),
    implicit: T.unit,
  },
  {
    identifier: "SudoTransactionExtension",
    type: unitExt([RUNTIME, "sudo_wrapper", "SudoTransactionExtension"]),
    implicit: T.unit,
  },
  {
    identifier: "CheckShieldedTxValidity",
    type: unitExt(["pallet_shield", "extension", "CheckShieldedTxValidity"]),
    implicit: T.unit,
  },
  {
    identifier: "SubtensorTransactionExtension",
    type: unitExt(["pallet_subtensor", "extensions", "subtensor", "SubtensorTransactionExtension"]),
    implicit: T.unit,
  },
  {
    identifier: "DrandPriority",
    type: unitExt(["pallet_drand", "drand_priority", "DrandPriority"]),
    implicit: T.unit,
  },
  {
    identifier: "CheckMetadataHash",
    type: T.struct(
      ["frame_metadata_hash_extension", "CheckMetadataHash"],
      { mode: MetadataHashMode },
      { params: [{ name: "T" }] },
    ),
    implicit: T.option(T.byteArray(32, T.u8)),
  },
];

const extensionTuple = T.tuple(...extensions.map((e) => e.type));
// Clients (polkadot-js) find the runtime's Call type through these generic parameters.
const extrinsicParams = (extra: string) => [
  { name: "Address", type: MultiAddress },
  { name: "Call", type: runtimeCallRef },
  { name: "Signature", type: MultiSignature },
  { name: extra, type: extensionTuple },
];
const uncheckedExtrinsic = T.newtype(
  ["fp_self_contained", "unchecked_extrinsic", "UncheckedExtrinsic"],
  T.newtype(
    ["sp_runtime", "generic", "unchecked_extrinsic", "UncheckedExtrinsic"],
    T.bytes(T.u8),
    undefined,
    extrinsicParams("Extra"),
  ),
  "generic::UncheckedExtrinsic<Address, Call, Signature, Extension>",
  extrinsicParams("Extension"),
);

let cached: EncodedMetadata | undefined;

/** The runtime's metadata in V14, V15 and V16, built once from the declarations above. */
export function runtimeMetadata(): EncodedMetadata {
  cached ??= buildMetadata({
    pallets,
    apis: runtimeApis,
    runtimeCall,
    runtimeEvent,
    runtimeError,
    runtimeType: T.unitStruct([RUNTIME, "Runtime"]),
    extrinsic: {
      address: MultiAddress,
      signature: MultiSignature,
      uncheckedExtrinsic,
      extensions,
      extensionTuple,
    },
  });
  return cached;
}
