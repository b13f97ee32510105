// Substrate's shared types as finney's metadata declares them (paths and shapes), used across pallets.
// Checked against the committed finney manifest by the metadata tests.

import { T, type Ty } from "./types.ts";

export const u8 = T.u8;
export const AccountId32 = T.newtype(["sp_core", "crypto", "AccountId32"], T.byteArray(32, T.u8), "[u8; 32]");
export const H256 = T.newtype(["primitive_types", "H256"], T.byteArray(32, T.u8), "[u8; 32]");
export const Bytes = T.bytes(T.u8);
export const CompactU64 = T.compactBig(T.u64);
export const CompactU32 = T.compactNumber(T.u32);

/** `Compact<()>`: described as a compact in the metadata, encoded as nothing. */
const CompactUnit = {
  ...T.compactNumber(T.unit as unknown as Ty<number>),
  codec: T.unit.codec,
} as unknown as Ty<undefined>;

export const MultiAddress = T.enum(
  ["sp_runtime", "multiaddress", "MultiAddress"],
  {
    Id: { index: 0, fields: [{ type: AccountId32, typeName: "AccountId" }] },
    // `AccountIndex = ()` on finney: `Compact<()>` encodes as zero bytes.
    Index: { index: 1, fields: [{ type: CompactUnit, typeName: "AccountIndex" }] },
    Raw: { index: 2, fields: [{ type: Bytes, typeName: "Vec<u8>" }] },
    Address32: { index: 3, fields: [{ type: T.byteArray(32, T.u8), typeName: "[u8; 32]" }] },
    Address20: { index: 4, fields: [{ type: T.byteArray(20, T.u8), typeName: "[u8; 20]" }] },
  },
  {
    params: [
      { name: "AccountId", type: AccountId32 },
      { name: "AccountIndex", type: T.unit },
    ],
  },
);

export const MultiSignature = T.enum(["sp_runtime", "MultiSignature"], {
  Ed25519: { index: 0, fields: [{ type: T.byteArray(64, T.u8), typeName: "ed25519::Signature" }] },
  Sr25519: { index: 1, fields: [{ type: T.byteArray(64, T.u8), typeName: "sr25519::Signature" }] },
  Ecdsa: { index: 2, fields: [{ type: T.byteArray(65, T.u8), typeName: "ecdsa::Signature" }] },
});

export const Weight = T.struct(["sp_weights", "weight_v2", "Weight"], {
  ref_time: T.compactBig(T.u64),
  proof_size: T.compactBig(T.u64),
});

export const DispatchClass = T.enum(["frame_support", "dispatch", "DispatchClass"], {
  Normal: { index: 0 },
  Operational: { index: 1 },
  Mandatory: { index: 2 },
});

export const Pays = T.enum(["frame_support", "dispatch", "Pays"], { Yes: { index: 0 }, No: { index: 1 } });

export const DispatchEventInfo = T.struct(["frame_system", "DispatchEventInfo"], {
  weight: Weight,
  class: DispatchClass,
  pays_fee: Pays,
});

export const ModuleError = T.struct(["sp_runtime", "ModuleError"], {
  index: T.u8,
  error: T.byteArray(4, T.u8),
});

const unitVariants = (names: string[]) => Object.fromEntries(names.map((n, index) => [n, { index }]));

export const TokenError = T.enum(
  ["sp_runtime", "TokenError"],
  unitVariants([
    "FundsUnavailable",
    "OnlyProvider",
    "BelowMinimum",
    "CannotCreate",
    "UnknownAsset",
    "Frozen",
    "Unsupported",
    "CannotCreateHold",
    "NotExpendable",
    "Blocked",
  ]),
);
export const ArithmeticError = T.enum(
  ["sp_arithmetic", "ArithmeticError"],
  unitVariants(["Underflow", "Overflow", "DivisionByZero"]),
);
export const TransactionalError = T.enum(
  ["sp_runtime", "TransactionalError"],
  unitVariants(["LimitReached", "NoLayer"]),
);
export const TrieError = T.enum(
  ["sp_runtime", "proving_trie", "TrieError"],
  unitVariants([
    "InvalidStateRoot",
    "IncompleteDatabase",
    "ValueAtIncompleteKey",
    "DecoderError",
    "InvalidHash",
    "DuplicateKey",
    "ExtraneousNode",
    "ExtraneousValue",
    "ExtraneousHashReference",
    "InvalidChildReference",
    "ValueMismatch",
    "IncompleteProof",
    "RootMismatch",
    "DecodeError",
  ]),
);

export const DispatchError = T.enum(["sp_runtime", "DispatchError"], {
  Other: { index: 0 },
  CannotLookup: { index: 1 },
  BadOrigin: { index: 2 },
  Module: { index: 3, fields: [{ type: ModuleError, typeName: "ModuleError" }] },
  ConsumerRemaining: { index: 4 },
  NoProviders: { index: 5 },
  TooManyConsumers: { index: 6 },
  Token: { index: 7, fields: [{ type: TokenError, typeName: "TokenError" }] },
  Arithmetic: { index: 8, fields: [{ type: ArithmeticError, typeName: "ArithmeticError" }] },
  Transactional: { index: 9, fields: [{ type: TransactionalError, typeName: "TransactionalError" }] },
  Exhausted: { index: 10 },
  Corruption: { index: 11 },
  Unavailable: { index: 12 },
  RootNotAllowed: { index: 13 },
  Trie: { index: 14, fields: [{ type: TrieError, typeName: "TrieError" }] },
});

export const Cow = <V>(inner: Ty<V>) => T.newtype(["Cow"], inner, undefined, [{ name: "T", type: inner }]);

export const RuntimeVersion = T.struct(["sp_version", "RuntimeVersion"], {
  spec_name: Cow(T.str),
  impl_name: Cow(T.str),
  authoring_version: T.u32,
  spec_version: T.u32,
  impl_version: T.u32,
  apis: Cow(T.vec(T.tuple(T.byteArray(8, T.u8), T.u32))),
  transaction_version: T.u32,
  system_version: T.u8,
});
export type RuntimeVersionValue = typeof RuntimeVersion extends Ty<infer V> ? V : never;
