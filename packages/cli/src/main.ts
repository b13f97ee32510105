// `opentao`: the command line, btcli-style subcommands over the SDK and the node.

import { Command } from "commander";
import { nodeCommand } from "./commands/node.ts";

const program = new Command("opentao").description("opentao — Bittensor in TypeScript").version("0.1.0");
nodeCommand(program);
await program.parseAsync(process.argv);
