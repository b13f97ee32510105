// Transaction mortality (sp_runtime's `Era`): immortal, or valid for `period` blocks from a birth block
// congruent to `phase`. Encoding, construction and birth/death exactly as Substrate computes them.

import { ExtrinsicError } from "./errors.ts";
import { Reader } from "./scale.ts";

export type Era = { type: "Immortal" } | { type: "Mortal"; period: number; phase: number };

export const IMMORTAL: Era = Object.freeze({ type: "Immortal" });

const MAX_PERIOD = 1 << 16;

// Periods above 4096 cannot encode every phase in 12 bits, so phases are multiples of period / 4096.
const quantizeFactor = (period: number) => Math.max(period >> 12, 1);

/**
 * The era a client builds for `period` blocks starting at `currentBlock` (Substrate's `Era::mortal`): the
 * period is rounded up to a power of two and clamped to 4…65536, the phase is `currentBlock mod period`,
 * rounded down to the quantization step.
 */
export function mortalEra(period: number, currentBlock: number): Era {
  if (!Number.isSafeInteger(period) || period < 0 || !Number.isSafeInteger(currentBlock) || currentBlock < 0)
    throw new RangeError(`mortalEra(${period}, ${currentBlock}): non-negative integers expected`);
  let p = 1;
  while (p < period && p < MAX_PERIOD) p *= 2;
  p = Math.min(Math.max(p, 4), MAX_PERIOD);
  const q = quantizeFactor(p);
  const phase = Math.floor((currentBlock % p) / q) * q;
  return { type: "Mortal", period: p, phase };
}

function checkMortal(period: number, phase: number): void {
  const isPow2 =
    Number.isInteger(period) && period >= 4 && period <= MAX_PERIOD && (period & (period - 1)) === 0;
  if (!isPow2) throw new ExtrinsicError("InvalidEra", `period ${period} is not a power of two in 4…65536`);
  if (!Number.isInteger(phase) || phase < 0 || phase >= period)
    throw new ExtrinsicError("InvalidEra", `phase ${phase} is not below period ${period}`);
  if (phase % quantizeFactor(period) !== 0)
    throw new ExtrinsicError(
      "InvalidEra",
      `phase ${phase} is not a multiple of ${quantizeFactor(period)} (period ${period})`,
    );
}

/** `0x00` for immortal; two bytes for mortal: log2(period) − 1 in the low nibble, phase / step above it. */
export function encodeEra(era: Era): Uint8Array {
  if (era.type === "Immortal") return Uint8Array.of(0);
  checkMortal(era.period, era.phase);
  const log2 = 31 - Math.clz32(era.period);
  const v = Math.min(Math.max(log2 - 1, 1), 15) | ((era.phase / quantizeFactor(era.period)) << 4);
  return Uint8Array.of(v & 0xff, v >> 8);
}

export function readEra(r: Reader): Era {
  const first = r.byte("era");
  if (first === 0) return IMMORTAL;
  const v = first | (r.byte("era (second byte)") << 8);
  const period = 2 << (v & 15);
  const phase = (v >> 4) * quantizeFactor(period);
  if (period < 4 || phase >= period)
    throw new ExtrinsicError(
      "InvalidEra",
      `0x${v.toString(16).padStart(4, "0")}: period ${period}, phase ${phase}`,
    );
  return { type: "Mortal", period, phase };
}

/** Decode an era that occupies all of `bytes`. */
export function decodeEra(bytes: Uint8Array): Era {
  const r = new Reader(bytes);
  const era = readEra(r);
  if (r.remaining) throw new ExtrinsicError("TrailingBytes", `${r.remaining} bytes after the era`);
  return era;
}

/**
 * The birth block a transaction with this era has when checked at `currentBlock`: the latest block at or
 * before it congruent to the phase (0 for immortal). Its hash is the checkpoint in the signed payload.
 */
export function eraBirth(era: Era, currentBlock: number): number {
  if (era.type === "Immortal") return 0;
  const { period, phase } = era;
  return Math.floor((Math.max(currentBlock, phase) - phase) / period) * period + phase;
}

/** The first block at which the transaction is no longer valid (`Infinity` for immortal). */
export function eraDeath(era: Era, currentBlock: number): number {
  return era.type === "Immortal" ? Number.POSITIVE_INFINITY : eraBirth(era, currentBlock) + era.period;
}

/**
 * Whether a transaction built with `era` at `checkpointBlock` (the block whose hash it signed) has expired
 * by `currentBlock`. The era alone cannot tell: its window slides with the block it is checked at, and it
 * is the checkpoint hash in the signature that pins it to one window.
 */
export function isEraExpired(era: Era, checkpointBlock: number, currentBlock: number): boolean {
  return currentBlock >= eraDeath(era, checkpointBlock);
}
