// Metadata V14/V15/V16 built from the runtime's declarations, and the manifest used to compare it with finney's.
export {
  buildMetadata,
  type EncodedMetadata,
  type ExtensionDecl,
  type RuntimeApiDecl,
  TypeRegistry,
} from "./build.ts";
export { type Manifest, manifestOf, type PalletManifest } from "./manifest.ts";
export { type LookupEntry, ShapeTable } from "./shape.ts";
