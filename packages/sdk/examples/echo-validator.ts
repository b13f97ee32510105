// A validator's query in a few lines: signs a Dummy synapse, sends it to an axon, prints the answer.
// Usage: npx tsx packages/sdk/examples/echo-validator.ts --port 8091 [--input 21] [--axon-hotkey //Bob]

import { cryptoReady, Dendrite, signerFromUri } from "@opentao/sdk";
import { Command, InvalidArgumentError } from "commander";
import { Dummy } from "./protocol.ts";

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError("not an integer");
  return n;
};

const opts = new Command("echo-validator")
  .description("Query an axon serving the Dummy synapse and print its answer")
  .option("--ip <address>", "axon address", "127.0.0.1")
  .option("--port <port>", "axon port", int, 8091)
  .option("--axon-hotkey <uri-or-ss58>", "the axon's hotkey: an SS58 address or a dev URI", "//Bob")
  .option("--hotkey <uri>", "this validator's hotkey secret URI", "//Alice")
  .option("--input <n>", "dummy_input to send", int, 21)
  .option("--timeout <seconds>", "seconds to wait", Number, 12)
  .parse()
  .opts<{ ip: string; port: number; axonHotkey: string; hotkey: string; input: number; timeout: number }>();

await cryptoReady();
const axonHotkey = opts.axonHotkey.startsWith("/")
  ? signerFromUri(opts.axonHotkey).ss58Address
  : opts.axonHotkey;
const dendrite = new Dendrite({ signer: signerFromUri(opts.hotkey) });
const answer = await dendrite.call(
  Dummy,
  { ip: opts.ip, port: opts.port, hotkey: axonHotkey },
  Dummy.create({ dummy_input: opts.input }),
  { timeout: opts.timeout },
);
await dendrite.close();
const ms = ((answer.dendrite.processTime ?? 0) * 1000).toFixed(1);
if (answer.dendrite.statusCode === 200) {
  console.log(
    `Dummy(dummy_input=${opts.input}) -> dummy_output=${answer.dummy_output} (200 Success, ${ms} ms)`,
  );
} else {
  console.log(
    `Dummy(dummy_input=${opts.input}) failed: ${answer.dendrite.statusCode} ${answer.dendrite.statusMessage}`,
  );
  process.exitCode = 1;
}
