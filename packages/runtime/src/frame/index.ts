// FRAME-style building blocks: declared types with codecs, storage items over a layered key-value state,
// pallet declarations. Everything the metadata and the pallets derive from.
export * from "./common.ts";
export {
  type CallDecl,
  type ConstantDecl,
  definePallet,
  type ErrorDecl,
  type EventDecl,
  errorsInOrder,
  type Pallet,
  type PalletSpec,
} from "./pallet.ts";
export {
  MemoryState,
  Overlay,
  type State,
  type StateChange,
  type StateReader,
  transactional,
} from "./state.ts";
export {
  type Hasher,
  StorageItem,
  type StorageKey,
  storageMap,
  storagePrefix,
  storageValue,
} from "./storage.ts";
export {
  decodeBytes,
  type Field,
  fieldsCodec,
  resolveTy,
  T,
  type Ty,
  type TyDef,
  type TyValue,
} from "./types.ts";
