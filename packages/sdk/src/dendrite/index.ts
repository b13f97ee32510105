// Dendrite: the client side of the axon/dendrite protocol, speaking to Python axons and ours alike.
export {
  type AxonTarget,
  type CallOptions,
  Dendrite,
  type DendriteOptions,
  responseJsonFromHeaders,
  type StreamItem,
  textStreaming,
} from "./dendrite.ts";
export { applyFailure, DendriteError, type FailureKind, processServerResponse } from "./response.ts";
