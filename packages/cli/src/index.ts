// @opentao/cli: the `opentao` command's subcommands, also usable from scripts and tests.
export { loadChainSpec, type NodeFlags, runNode } from "./commands/node.ts";
