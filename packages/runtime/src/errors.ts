// Chain errors as values: an operation returns its result or the pallet error's name, never throws.
// Names are subtensor's and the swap pallet's own, so they map one-to-one onto `DispatchError::Module`.

/** Errors of `pallet_subtensor_swap` (pallet `Swap`) that the economics functions can return. */
export type SwapErrorName =
  | "InsufficientLiquidity"
  | "PriceLimitExceeded"
  | "ReservesOutOfBalance"
  | "ReservesTooLow"
  | "SwapInputTooLarge";

/** Errors of `pallet_subtensor` (pallet `SubtensorModule`) that the economics functions can return. */
export type SubtensorErrorName =
  | "AmountTooLow"
  | "InsufficientLiquidity"
  | "NotEnoughStakeToWithdraw"
  | "SlippageTooHigh";

export type ChainErrorName = SwapErrorName | SubtensorErrorName;

/** A failed dispatch: the chain error's name. */
export interface OpError<E extends string = ChainErrorName> {
  readonly ok: false;
  readonly error: E;
}

export interface OpOk<T> {
  readonly ok: true;
  readonly value: T;
}

/** What a fallible operation returns: `{ ok: true, value }` or `{ ok: false, error: "Name" }`. */
export type OpResult<T, E extends string = ChainErrorName> = OpOk<T> | OpError<E>;

export function ok<T>(value: T): OpOk<T> {
  return { ok: true, value };
}

export function fail<E extends string>(error: E): OpError<E> {
  return { ok: false, error };
}
