// Test support: a dev node on an ephemeral loopback port with a throwaway store, silent logs and a block
// clock that advances 12 s per block (so tests are independent of the wall clock), and @polkadot/api on it.

import { builtInChainSpec } from "@opentao/runtime";
import { ApiPromise, WsProvider } from "@polkadot/api";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { pino } from "pino";
import { Node, type NodeOptions } from "./node.ts";

export async function startDevNode(sealing: NodeOptions["sealing"] = "manual"): Promise<Node> {
  await cryptoWaitReady();
  let clock = 1_700_000_000_000n;
  return Node.start({
    spec: builtInChainSpec("dev"),
    tmp: true,
    port: 0,
    sealing,
    logger: pino({ level: "silent" }),
    now: () => (clock += 12_000n),
  });
}

export interface PjsClient {
  api: ApiPromise;
  provider: WsProvider;
  /** Disconnect; also closes the provider if `ApiPromise.create` failed (it would reconnect forever). */
  close(): Promise<void>;
}

export async function connectPjs(node: Node): Promise<PjsClient> {
  const provider = new WsProvider(`ws://127.0.0.1:${node.port}`);
  try {
    const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
    return {
      api,
      provider,
      close: async () => {
        await api.disconnect();
        await provider.disconnect();
      },
    };
  } catch (e) {
    await provider.disconnect();
    throw e;
  }
}
