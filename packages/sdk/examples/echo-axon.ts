// A miner in a dozen lines: serves the template's Dummy synapse (`dummy_output = dummy_input * 2`) until
// SIGINT/SIGTERM. Usage: npm run -s example:echo-axon -- --port 8091 [--hotkey //Bob] [--host 0.0.0.0]

import { Axon, cryptoReady, signerFromUri } from "@opentao/sdk";
import { Command, InvalidArgumentError } from "commander";
import { Dummy } from "./protocol.ts";

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("not a port number");
  return n;
};

const opts = new Command("echo-axon")
  .description("Serve the subnet template's Dummy synapse: dummy_output = dummy_input * 2")
  .option("--port <port>", "port to listen on", port, 8091)
  .option("--host <address>", "address to bind", "127.0.0.1")
  .option("--hotkey <uri>", "hotkey secret URI (dev key, mnemonic or seed)", "//Bob")
  .parse()
  .opts<{ port: number; host: string; hotkey: string }>();

await cryptoReady();
const axon = new Axon({ signer: signerFromUri(opts.hotkey), port: opts.port, host: opts.host });
axon.attach(Dummy, (synapse) => {
  synapse.dummy_output = synapse.dummy_input * 2;
  return synapse;
});
await axon.start();
console.log(`echo-axon: serving /Dummy on http://${opts.host}:${axon.port} as ${axon.hotkey}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    // Running requests finish; a stuck one cannot hold the process for more than 5 s.
    setTimeout(() => process.exit(1), 5_000).unref();
    void axon.stop().then(() => {
      console.log(`echo-axon: ${signal}, stopped`);
      process.exit(0);
    });
  });
}
