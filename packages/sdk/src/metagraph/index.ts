// Metagraph: a subnet's neurons as typed arrays with the Python SDK's names, synced, saved and loaded.
export { type AxonEndpoint, Metagraph, type MetagraphData, type MetagraphSource } from "./metagraph.ts";
