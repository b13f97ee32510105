// Alpha token symbols (subtensor's symbols.rs): a new subnet's default symbol, and update_symbol [112], which
// lets the owner (or root) pick any unused symbol of the table except root's Τ.

import { bytesEqual } from "@opentao/primitives";
import { BadOrigin, type CallContext, type DispatchResult, moduleErrors } from "../../../frame/dispatch.ts";
import type { StateReader } from "../../../frame/state.ts";
import { storage as st, subtensorPallet } from "../pallet.ts";
import { SYMBOLS } from "./symbolTable.ts";

const E = moduleErrors(subtensorPallet);
const utf8 = new TextEncoder();
const SYMBOL_BYTES: readonly Uint8Array[] = SYMBOLS.map((x) => utf8.encode(x));

function usedSymbols(s: StateReader): Uint8Array[] {
  return [...st.TokenSymbol.entries(s)].map(([, v]) => v);
}

const contains = (list: readonly Uint8Array[], x: Uint8Array) => list.some((y) => bytesEqual(x, y));

/** `get_symbol_for_subnet`: the table entry at the netuid, Τ past its end. */
export function symbolForSubnet(netuid: number): Uint8Array {
  return SYMBOL_BYTES[netuid] ?? SYMBOL_BYTES[0];
}

/** `get_next_available_symbol`: the netuid's own symbol if free, else the first free after Τ, else Τ. */
export function nextAvailableSymbol(s: StateReader, netuid: number): Uint8Array {
  const used = usedSymbols(s);
  const own = symbolForSubnet(netuid);
  if (!contains(used, own)) return own;
  return SYMBOL_BYTES.slice(1).find((x) => !contains(used, x)) ?? SYMBOL_BYTES[0];
}

/** update_symbol(netuid, symbol): owner or root; the symbol must be in the table (not Τ) and unused. */
export function updateSymbol(ctx: CallContext, args: { netuid: number; symbol: Uint8Array }): DispatchResult {
  const s = ctx.state;
  if (ctx.origin.kind === "none") return BadOrigin;
  if (ctx.origin.kind === "signed" && !bytesEqual(st.SubnetOwner.get(s, args.netuid), ctx.origin.who))
    return BadOrigin;
  if (!contains(SYMBOL_BYTES.slice(1), args.symbol)) return E.SymbolDoesNotExist;
  if (contains(usedSymbols(s), args.symbol)) return E.SymbolAlreadyInUse;
  st.TokenSymbol.set(s, args.netuid, args.symbol);
  ctx.deposit("SubtensorModule", "SymbolUpdated", { netuid: args.netuid, symbol: args.symbol });
  return undefined;
}
