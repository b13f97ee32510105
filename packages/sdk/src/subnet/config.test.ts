import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, neuronConfig } from "./config.ts";

test("defaults, then BT_* environment, then flags", () => {
  const d = neuronConfig([], {}).config;
  assert.equal(d.wallet.name, "default");
  assert.equal(d.wallet.hotkey, "default");
  assert.equal(d.subtensor.chain_endpoint, "ws://127.0.0.1:9944");
  assert.equal(d.axon.port, 8091);
  assert.equal(d.neuron.moving_average_alpha, 0.1);
  assert.equal(d.neuron.force_validator_permit, true);

  const env = {
    BT_WALLET_NAME: "cold",
    BT_WALLET_HOTKEY: "hot1",
    BT_WALLET_PATH: "/w",
    BT_SUBTENSOR_CHAIN_ENDPOINT: "ws://10.0.0.1:9944",
    BT_AXON_PORT: "9000",
  };
  const e = neuronConfig([], env).config;
  assert.deepEqual(e.wallet, { name: "cold", hotkey: "hot1", path: "/w" });
  assert.equal(e.subtensor.chain_endpoint, "ws://10.0.0.1:9944");
  assert.equal(e.axon.port, 9000);

  const { config: f, rest } = neuronConfig(
    [
      "--wallet.name",
      "flagged",
      "--axon.port=9100",
      "--netuid",
      "3",
      "--no-neuron.force_validator_permit",
      "--neuron.moving-average-alpha",
      "0.25",
      "--my.option",
      "x",
      "positional",
      "--logging.debug",
    ],
    env,
  );
  assert.equal(f.wallet.name, "flagged");
  assert.equal(f.wallet.hotkey, "hot1");
  assert.equal(f.axon.port, 9100);
  assert.equal(f.netuid, 3);
  assert.equal(f.neuron.force_validator_permit, false);
  assert.equal(f.neuron.moving_average_alpha, 0.25);
  assert.equal(f.logging.debug, true);
  assert.deepEqual(rest, ["--my.option", "x", "positional"]);
});

test("named networks map to endpoints; bad values are clear errors", () => {
  assert.equal(
    neuronConfig(["--subtensor.network", "finney"], {}).config.subtensor.chain_endpoint,
    "wss://entrypoint-finney.opentensor.ai:443",
  );
  assert.throws(() => neuronConfig(["--subtensor.network", "nowhere"], {}), ConfigError);
  assert.throws(() => neuronConfig(["--axon.port", "eighty"], {}), /--axon.port: expected an integer/);
  assert.throws(() => neuronConfig([], { BT_AXON_PORT: "1.5" }), ConfigError);
  assert.throws(() => neuronConfig(["--netuid"], {}), /needs a value/);
  assert.throws(() => neuronConfig(["--neuron.moving_average_alpha", "2"], {}), ConfigError);
});
