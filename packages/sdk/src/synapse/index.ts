// Synapses: the typed messages of the axon/dendrite protocol, written and read exactly as the Python SDK
// (bittensor 10.2) does — JSON bodies, `bt_header_*` headers, body hash.
export {
  baseFromHeaderInputs,
  type HeaderInputs,
  type HeaderSource,
  type HeaderSynapse,
  parseHeaderInputs,
  synapseFromHeaders,
  synapseToHeaders,
  type ToHeadersOptions,
} from "./headers.ts";
export {
  PY_REQUEST_JSON,
  PY_RESPONSE_JSON,
  type PyJsonStyle,
  type PyValue,
  pyFloatRepr,
  pyJsonDumps,
  pyJsonString,
  pyRepr,
  pyStr,
  pyStrRepr,
} from "./pyFormat.ts";
export { type JsonValue, PyJsonError, parsePyJson } from "./pyJson.ts";
export {
  BaseSynapse,
  bodyHash,
  copySynapse,
  DEFAULT_TIMEOUT,
  defineSynapse,
  EMPTY_BODY_HASH,
  pythonInt,
  type StreamingHooks,
  type Synapse,
  type SynapseBase,
  type SynapseFields,
  type SynapseType,
  type SynapseTypeOptions,
  sha3Hex,
  synapseFromDict,
  synapseFromJson,
  synapseToJson,
  synapseToPy,
} from "./synapse.ts";
export {
  emptyTerminalInfo,
  pyFloatCast,
  pyIntCast,
  SynapseParseError,
  TERMINAL_FIELDS,
  type TerminalInfo,
  terminalInfoFrom,
} from "./terminalInfo.ts";
