// `opentao node`: run a chain node with Substrate's flag names (--dev, --chain, --base-path, --tmp,
// --rpc-port, --rpc-external) plus opentao's sealing choice; prints the endpoint clients connect to.

import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Node, type Sealing } from "@opentao/node";
import { builtInChainSpec, type ChainSpec, ChainSpecError, parseChainSpec } from "@opentao/runtime";
import type { Command } from "commander";
import { pino } from "pino";

export interface NodeFlags {
  dev?: boolean;
  chain?: string;
  basePath?: string;
  tmp?: boolean;
  rpcPort: string;
  rpcExternal?: boolean;
  sealing: string;
  blockTime: string;
  syncFrom?: string;
}

/** `dev`, `local` or a JSON file the user wrote (the runtime itself does no I/O). */
export function loadChainSpec(nameOrPath: string): ChainSpec {
  if (nameOrPath === "dev" || nameOrPath === "local") return builtInChainSpec(nameOrPath);
  let text: string;
  try {
    text = readFileSync(nameOrPath, "utf8");
  } catch (e) {
    throw new ChainSpecError("$", `cannot read ${nameOrPath}: ${(e as Error).message}`);
  }
  try {
    return parseChainSpec(JSON.parse(text));
  } catch (e) {
    if (e instanceof SyntaxError)
      throw new ChainSpecError("$", `${nameOrPath} is not valid JSON: ${e.message}`);
    throw e;
  }
}

export async function runNode(flags: NodeFlags): Promise<Node> {
  const spec = loadChainSpec(flags.chain ?? (flags.dev ? "dev" : "local"));
  const sealing = flags.sealing as Sealing;
  if (!["instant", "interval", "manual"].includes(sealing))
    throw new Error(`--sealing must be instant, interval or manual, not ${flags.sealing}`);
  const port = Number(flags.rpcPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--rpc-port must be a port number, not ${flags.rpcPort}`);
  const blockTimeMs = Number(flags.blockTime);
  if (!Number.isInteger(blockTimeMs) || blockTimeMs < 100)
    throw new Error(`--block-time must be at least 100 ms, not ${flags.blockTime}`);
  if (flags.syncFrom !== undefined && !/^wss?:\/\/.+/.test(flags.syncFrom))
    throw new Error(`--sync-from must be a ws:// or wss:// URL, not ${flags.syncFrom}`);
  // Substrate's --dev runs on a temporary base path unless one is given.
  const tmp = flags.tmp || (flags.dev && !flags.basePath);
  const basePath = flags.basePath ?? join(homedir(), ".opentao", "chains", spec.id);
  const logger = pino({
    transport: { target: "pino-pretty", options: { colorize: process.stdout.isTTY, ignore: "pid,hostname" } },
  });
  const node = await Node.start({
    spec,
    tmp,
    basePath: tmp ? undefined : basePath,
    host: flags.rpcExternal ? "0.0.0.0" : "127.0.0.1",
    port,
    sealing,
    blockTimeMs,
    logger,
    syncFrom: flags.syncFrom,
  });
  const host = flags.rpcExternal ? "0.0.0.0" : "127.0.0.1";
  logger.info(
    `${spec.name} chain (${spec.id}), genesis ${node.store.genesisHash}, ${tmp ? "temporary storage" : `base path ${basePath}`}`,
  );
  logger.info(
    `RPC listening on ws://${host}:${node.port} (HTTP on http://${host}:${node.port}), ${
      flags.syncFrom
        ? `following ${flags.syncFrom} (blocks re-executed and checked)`
        : `sealing ${sealing}${sealing === "interval" ? ` every ${blockTimeMs} ms` : ""}`
    }`,
  );
  const stop = async () => {
    logger.info("stopping");
    await node.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return node;
}

export function nodeCommand(program: Command): void {
  program
    .command("node")
    .description("run an opentao chain node (JSON-RPC on 127.0.0.1:9944)")
    .option("--dev", "development chain: //Alice … //Ferdie funded, //Alice sudo, temporary storage")
    .option("--chain <spec>", "chain spec: dev, local or a path to a JSON spec")
    .option("--base-path <dir>", "data directory (default ~/.opentao/chains/<chain id>)")
    .option("--tmp", "use a temporary data directory, removed on exit")
    .option("--rpc-port <port>", "JSON-RPC port (HTTP and WebSocket)", "9944")
    .option("--rpc-external", "listen on all interfaces instead of 127.0.0.1")
    .option("--sealing <mode>", "instant (a block per transaction), interval or manual", "interval")
    .option("--block-time <ms>", "interval sealing period", "12000")
    .option(
      "--sync-from <url>",
      "follower: import and re-execute the blocks of the authority at this ws:// URL",
    )
    .action(async (flags: NodeFlags) => {
      try {
        await runNode(flags);
      } catch (e) {
        process.stderr.write(`opentao node: ${(e as Error).message}\n`);
        process.exit(2);
      }
    });
}
