// Balances: bigint RAO amounts with a unit symbol, exact parsing and btcli/SDK-identical formatting;
// the public surface of this folder.
export {
  Balance,
  BalanceError,
  type BalanceErrorCode,
  type FormatOptions,
  RAO_PER_TAO,
  RAO_SYMBOL,
  TAO_DECIMALS,
  TAO_SYMBOL,
} from "./balance.ts";
