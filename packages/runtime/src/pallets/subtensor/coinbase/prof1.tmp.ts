import { hashingReady } from "@opentao/primitives";
await hashingReady();

import { buildNetwork, priceBits, produceBlock, TAO } from "./fixture.ts";

const { s, ex } = buildNetwork({
  subnets: Array.from({ length: 32 }, (_, i) => ({
    netuid: i + 1,
    n: 256,
    validators: 64,
    tempo: 30,
    taoReserve: BigInt(100 + i * 37) * 1_000_000_000n,
    alphaReserve: BigInt(150 + i * 11) * 1_000_000_000n,
    movingPrice: priceBits(BigInt(1 + (i % 7)), 10n),
    emitting: true,
    rootStake: (v: number) => (v % 4 === 0 ? BigInt(1000 + v) * 1_000_000_000n : 0n),
  })),
});
const mode = process.argv[2];
const t = performance.now();
if (mode === "plain") for (let b = 1; b < 20; b++) produceBlock(s, ex, b);
else {
  for (let b = 1; b < 30; b++) produceBlock(s, ex, b);
  const t1 = performance.now();
  produceBlock(s, ex, 30);
  console.log("epoch", performance.now() - t1);
}
console.log(mode, performance.now() - t);
