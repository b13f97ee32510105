// Pallet and runtime declarations: calls, events, errors, storage and constants, each declared once.
// The pallet's Call/Event/Error enums, the outer RuntimeCall/RuntimeEvent/RuntimeError and the metadata derive from them.

import type { StorageItem } from "./storage.ts";
import { type Field, T, type Ty } from "./types.ts";

export interface CallDecl {
  index: number;
  args: Field[];
  docs?: string[];
}

export interface EventDecl {
  index: number;
  fields: Field[];
  docs?: string[];
}

export interface ErrorDecl {
  index: number;
  docs?: string[];
}

export interface ConstantDecl<V = any> {
  type: Ty<V>;
  value: V;
  docs?: string[];
}

export interface PalletSpec {
  name: string;
  index: number;
  /** Rust module path of the pallet's Call/Event/Error enums, e.g. `["pallet_balances", "pallet"]`. */
  module: string[];
  /** Generic parameter names the enums carry in the metadata (`T`, or `T`, `I` for instantiable pallets). */
  generics?: string[];
  docs?: string[];
  calls?: Record<string, CallDecl>;
  events?: Record<string, EventDecl>;
  errors?: Record<string, ErrorDecl>;
  storage?: Array<StorageItem<any, any>>;
  constants?: Record<string, ConstantDecl>;
}

export interface Pallet extends PalletSpec {
  callType?: Ty;
  eventType?: Ty;
  errorType?: Ty;
}

function enumOf<D extends { index: number; docs?: string[] }>(
  path: string[],
  generics: string[],
  decls: Record<string, D>,
  fieldsOf: (d: D) => Field[],
): Ty {
  const variants = Object.fromEntries(
    Object.entries(decls).map(([name, d]) => [name, { index: d.index, fields: fieldsOf(d), docs: d.docs }]),
  );
  return T.enum(path, variants, { params: generics.map((name) => ({ name })) });
}

/** Declare a pallet; its Call, Event and Error enums are built from the declarations. */
export function definePallet(spec: PalletSpec): Pallet {
  const g = spec.generics ?? ["T"];
  const has = (r?: Record<string, unknown>) => r !== undefined && Object.keys(r).length > 0;
  return {
    ...spec,
    callType: has(spec.calls)
      ? enumOf([...spec.module, "Call"], g, spec.calls ?? {}, (c) => c.args)
      : undefined,
    eventType: has(spec.events)
      ? enumOf([...spec.module, "Event"], g, spec.events ?? {}, (e) => e.fields)
      : undefined,
    errorType: has(spec.errors)
      ? enumOf([...spec.module, "Error"], g, spec.errors ?? {}, () => [])
      : undefined,
  };
}

/** Shorthand for errors declared as an ordered list of names (index = position), as FRAME numbers them. */
export function errorsInOrder(names: string[], docs: Record<string, string> = {}): Record<string, ErrorDecl> {
  return Object.fromEntries(
    names.map((name, index) => [name, docs[name] ? { index, docs: [` ${docs[name]}`] } : { index }]),
  );
}
