// Dispatching calls: who is calling (origin), what a call body may touch (its context), and how failures
// are reported — as the chain's DispatchError values, with pallet errors by name (`Module { index, error }`).

import type { DispatchError } from "./common.ts";
import type { Pallet } from "./pallet.ts";
import type { State } from "./state.ts";
import type { TyValue } from "./types.ts";

export type Origin = { kind: "signed"; who: Uint8Array } | { kind: "root" } | { kind: "none" };

export type DispatchErrorValue = TyValue<typeof DispatchError>;

/** A call's result: `undefined` for success, or the error (the call's state changes are then discarded). */
export type DispatchResult = DispatchErrorValue | undefined;

/** What a call body gets: the state (a layer that is discarded on failure), its origin, the block, events. */
export interface CallContext {
  readonly state: State;
  readonly origin: Origin;
  readonly blockNumber: number;
  /**
   * The account that receives swap fees and transaction tips: the block author's (DESIGN.md decision 9;
   * //Alice on dev). Undefined when the block has no author (tests, simulation): those fees are burned.
   */
  readonly blockAuthor?: Uint8Array;
  /** Deposit an event of `pallet` (by the event's name and its field values). */
  deposit(pallet: string, event: string, value?: unknown): void;
}

export const BadOrigin: DispatchErrorValue = { type: "BadOrigin", value: undefined };

export function tokenError(
  name: "FundsUnavailable" | "OnlyProvider" | "BelowMinimum" | "CannotCreate" | "NotExpendable" | "Frozen",
): DispatchErrorValue {
  return { type: "Token", value: { type: name, value: undefined } };
}

export function arithmeticError(name: "Underflow" | "Overflow" | "DivisionByZero"): DispatchErrorValue {
  return { type: "Arithmetic", value: { type: name, value: undefined } };
}

/**
 * A pallet's errors as DispatchError values, by name: `errors.NotEnoughStakeToWithdraw`. Unknown names are a
 * programming error and throw at once rather than producing a wrong index.
 */
export function moduleErrors<P extends Pallet>(pallet: P): Record<string, DispatchErrorValue> {
  const decls = pallet.errors ?? {};
  return new Proxy({} as Record<string, DispatchErrorValue>, {
    get(_, name) {
      const d = typeof name === "string" ? decls[name] : undefined;
      if (!d) throw new Error(`${pallet.name} has no error ${String(name)}`);
      return { type: "Module", value: { index: pallet.index, error: new Uint8Array([d.index, 0, 0, 0]) } };
    },
  });
}

/** The signer of a signed origin, or undefined (the caller then returns BadOrigin). */
export function ensureSigned(origin: Origin): Uint8Array | undefined {
  return origin.kind === "signed" ? origin.who : undefined;
}

/** Names an error for logs and RPC: `SubtensorModule.NotEnoughStakeToWithdraw`, `Token.FundsUnavailable`. */
export function describeError(e: DispatchErrorValue, pallets: readonly Pallet[]): string {
  if (e.type === "Module") {
    const { index, error } = e.value as { index: number; error: Uint8Array };
    const p = pallets.find((x) => x.index === index);
    const name = p && Object.entries(p.errors ?? {}).find(([, d]) => d.index === error[0])?.[0];
    return `${p?.name ?? `pallet ${index}`}.${name ?? `error ${error[0]}`}`;
  }
  const inner = e.value as { type?: string } | undefined;
  return inner?.type ? `${e.type}.${inner.type}` : e.type;
}
