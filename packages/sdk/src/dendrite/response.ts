// How a dendrite folds an axon's answer (or its failure) into the local synapse — bittensor 10.2's
// `process_server_response` and `process_error_message`, status codes and texts included.

import {
  baseFromHeaderInputs,
  type HeaderSource,
  parseHeaderInputs,
  pyFloatRepr,
  type Synapse,
  type SynapseFields,
  type SynapseType,
  synapseFromDict,
  type TerminalInfo,
} from "../synapse/index.ts";

/** A failure with the Python dendrite's status code and message prefix. */
export class DendriteError extends Error {
  override readonly name = "DendriteError";
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

// Non-null fields of `over` replace those of `base` (Python: {**base.model_dump(exclude_none), **over…}).
function overlay(base: TerminalInfo, over: TerminalInfo): TerminalInfo {
  const out = { ...base };
  for (const k of Object.keys(over) as (keyof TerminalInfo)[]) {
    if (over[k] !== null && over[k] !== undefined) (out as Record<string, unknown>)[k] = over[k];
  }
  return out;
}

/**
 * `Dendrite.process_server_response`: on 200 every field of the answer replaces the local one (except the
 * frozen `computed_body_hash`); otherwise the HTTP status and `message` become the axon's status. Then the
 * terminal fields of the response headers are laid over both terminals, and the dendrite's status copies
 * the axon's. Throws where Python would (which the caller maps to 422).
 */
export function processServerResponse<S extends SynapseFields>(
  type: SynapseType<S>,
  status: number,
  json: unknown,
  headers: HeaderSource,
  local: Synapse<S>,
): void {
  if (status === 200) {
    const server = synapseFromDict(type, json);
    const target = local as Record<string, unknown>;
    for (const [k, v] of Object.entries(server)) {
      if (k !== "computedBodyHash") target[k] = v;
    }
  } else {
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      throw new DendriteError(422, `'${json === null ? "NoneType" : "list"}' object has no attribute 'get'`);
    }
    const message = (json as Record<string, unknown>).message;
    if (message !== undefined && message !== null && typeof message !== "string") {
      throw new DendriteError(422, "status_message: Input should be a valid string");
    }
    local.axon = {
      ...local.axon,
      statusCode: status,
      statusMessage: (message as string | undefined) ?? null,
    };
  }
  const server = baseFromHeaderInputs(parseHeaderInputs(headers), "Synapse");
  local.dendrite = overlay(local.dendrite, server.dendrite);
  local.axon = overlay(local.axon, server.axon);
  local.dendrite = {
    ...local.dendrite,
    statusCode: local.axon.statusCode,
    statusMessage: local.axon.statusMessage,
  };
}

/** What went wrong on the dendrite's side, in aiohttp's terms. */
export type FailureKind = "connect" | "timeout" | "disconnected" | "payload" | "client" | "parse";

/** `Dendrite.process_error_message`: sets the dendrite's status code and message; the axon's stay. */
export function applyFailure<S extends SynapseFields>(
  local: Synapse<S>,
  kind: FailureKind,
  detail: string,
  name: string,
): void {
  let code: number;
  let message: string;
  switch (kind) {
    case "connect":
      code = 503;
      message = `Service unavailable at ${local.axon.ip}:${local.axon.port}/${name}`;
      break;
    case "timeout":
      code = 408;
      message = `Request timeout after ${local.timeout === null ? "None" : pyFloatRepr(local.timeout)} seconds`;
      break;
    case "disconnected":
      code = 503;
      message = `Service disconnected: ${detail}`;
      break;
    case "payload":
      code = 400;
      message = `Payload error: ${detail}`;
      break;
    case "client":
      code = 500;
      message = `Client error: ${detail}`;
      break;
    case "parse":
      code = 422;
      message = `Failed to parse response: ${detail}`;
      break;
  }
  local.dendrite = { ...local.dendrite, statusCode: code, statusMessage: message };
}

const JSON_MIME = /^application\/(?:[\w.+-]+?\+)?json/;

/** aiohttp's `response.json()`: the content type must be JSON; an empty body reads as None. */
export function readJsonBody(
  contentType: string | undefined,
  text: string,
  parse: (t: string) => unknown,
): unknown {
  const ct = (contentType ?? "").toLowerCase();
  if (!JSON_MIME.test(ct)) {
    throw new DendriteError(422, `Attempt to decode JSON with unexpected mimetype: ${ct}`);
  }
  const stripped = text.trim();
  if (stripped === "") return null;
  return parse(stripped);
}
