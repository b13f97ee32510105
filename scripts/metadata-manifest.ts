// Regenerates packages/runtime/fixtures/metadata/finney-manifest.json from the reference metadata:
//   npx tsx scripts/metadata-manifest.ts [../shared/reference/finney-metadata.scale]
// The manifest (names, indices, type shapes) is committed so tests run on a fresh clone; the blob is not.

import { readFileSync, writeFileSync } from "node:fs";
import { manifestOf } from "../packages/runtime/src/metadata/manifest.ts";

const src = process.argv[2] ?? "../shared/reference/finney-metadata.scale";
const out = "packages/runtime/fixtures/metadata/finney-manifest.json";
const manifest = manifestOf(readFileSync(src));
writeFileSync(
  out,
  `${JSON.stringify({ source: "finney spec 393 metadata V16 (shared/reference/finney-metadata.scale)", ...manifest }, null, 1)}\n`,
);
const counts = Object.values(manifest.pallets).reduce(
  (a, p) => a + Object.keys(p.calls).length + Object.keys(p.storage).length + Object.keys(p.events).length,
  0,
);
console.log(
  `wrote ${out}: ${Object.keys(manifest.pallets).length} pallets, ${counts} calls+storage+events, ${Object.keys(manifest.apis).length} runtime APIs`,
);
