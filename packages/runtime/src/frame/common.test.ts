// Encodings of Substrate's shared types that clients depend on byte for byte.

import assert from "node:assert/strict";
import { test } from "node:test";
import { MultiAddress } from "./common.ts";

test("MultiAddress: Id is 0x00 ++ 32 bytes; Index(Compact<()>) is the bare variant byte", () => {
  const id = new Uint8Array(32).fill(5);
  assert.deepEqual(MultiAddress.codec.enc({ type: "Id", value: id }), Uint8Array.from([0, ...id]));
  assert.deepEqual(MultiAddress.codec.enc({ type: "Index", value: undefined }), Uint8Array.from([1]));
  assert.deepEqual(MultiAddress.codec.dec(Uint8Array.from([1])), { type: "Index", value: undefined });
});
