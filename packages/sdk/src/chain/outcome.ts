// What happened to an included extrinsic, read from the block's events the way the Python SDK does
// (interop.md §1.3): only events of phase ApplyExtrinsic(index), success/failure from System, the error's
// pallet/name/docs from the served metadata, the fee from TransactionPayment.TransactionFeePaid.

import type { Registry } from "@polkadot/types/types";

export interface ChainError {
  /** Pallet for module errors ("Balances"); otherwise the DispatchError kind ("Token", "Arithmetic", …). */
  readonly pallet: string;
  /** Error variant ("InsufficientBalance", "FundsUnavailable", "BadOrigin", …). */
  readonly name: string;
  readonly docs: string;
}

export interface ChainEvent {
  readonly pallet: string;
  readonly name: string;
  /** Field values as @polkadot/types' `toPrimitive()` gives them, in declaration order. */
  readonly data: unknown[];
}

export interface ExtrinsicOutcome {
  readonly success: boolean;
  readonly error?: ChainError;
  /** Actual fee paid, tip included, in RAO; absent when the chain emitted no TransactionFeePaid. */
  readonly fee?: bigint;
  readonly tip?: bigint;
  readonly events: ChainEvent[];
}

// Structural views of @polkadot/types codecs, so this module stays testable with any registry.
interface CodecLike {
  toPrimitive(): unknown;
  toString(): string;
}
interface EnumLike {
  readonly type: string;
  readonly value: unknown;
  readonly isModule?: boolean;
  readonly asModule?: unknown;
}
export interface EventRecordLike {
  readonly phase: { readonly isApplyExtrinsic: boolean; readonly asApplyExtrinsic: { toNumber(): number } };
  readonly event: { readonly section: string; readonly method: string; readonly data: readonly CodecLike[] };
}

const pascal = (section: string) => section.charAt(0).toUpperCase() + section.slice(1);

/** A DispatchError codec → pallet/name/docs, resolving module errors through the registry's metadata. */
export function dispatchErrorInfo(registry: Registry, dispatchError: unknown): ChainError {
  const e = dispatchError as EnumLike;
  if (e.isModule) {
    // biome-ignore lint/suspicious/noExplicitAny: findMetaError takes the codec itself.
    const meta = registry.findMetaError(e.asModule as any);
    return { pallet: pascal(meta.section), name: meta.method, docs: meta.docs.join(" ").trim() };
  }
  const inner = e.value as Partial<EnumLike> | undefined;
  const name = inner && typeof inner.type === "string" ? inner.type : e.type;
  return { pallet: e.type, name, docs: "" };
}

export function extrinsicOutcome(
  registry: Registry,
  records: readonly EventRecordLike[],
  index: number,
): ExtrinsicOutcome {
  const events: ChainEvent[] = [];
  let success = false;
  let error: ChainError | undefined;
  let fee: bigint | undefined;
  let tip: bigint | undefined;
  for (const record of records) {
    if (!record.phase.isApplyExtrinsic || record.phase.asApplyExtrinsic.toNumber() !== index) continue;
    const { section, method, data } = record.event;
    const pallet = pascal(section);
    events.push({ pallet, name: method, data: data.map((d) => d.toPrimitive()) });
    if (pallet === "System" && method === "ExtrinsicSuccess") success = true;
    else if (pallet === "System" && method === "ExtrinsicFailed") {
      success = false;
      error = dispatchErrorInfo(registry, data[0]);
    } else if (pallet === "TransactionPayment" && method === "TransactionFeePaid") {
      fee = BigInt(data[1]!.toString());
      tip = BigInt(data[2]!.toString());
    }
  }
  return { success, ...(error ? { error } : {}), ...(fee !== undefined ? { fee, tip } : {}), events };
}
