// The dendrite against a stand-in Python axon (answers recorded from bittensor 10.2's own classes), against
// our axon (timeouts, streaming), and against servers that misbehave: each failure gets Python's code.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { z } from "zod";
import { Axon, streamingReply } from "../axon/axon.ts";
import { cryptoReady, type Signer, signerFromUri } from "../axon/signer.ts";
import { defineSynapse, parsePyJson } from "../synapse/index.ts";
import { type AxonTarget, Dendrite, responseJsonFromHeaders } from "./dendrite.ts";

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}
const py = (
  parsePyJson(
    readFileSync(new URL("../synapse/fixtures/python-synapse-vectors.json", import.meta.url), "utf8"),
  ) as unknown as { python_axon: Record<string, Answer> }
).python_axon;

const Dummy = defineSynapse(
  "Dummy",
  { dummy_input: z.int(), dummy_output: z.int().nullable().default(null) },
  { deserialize: (s) => s.dummy_output },
);
const Slow = defineSynapse("Slow", { ms: z.int() });
const StreamPrompting = defineSynapse(
  "StreamPrompting",
  { roles: z.array(z.string()), messages: z.array(z.string()), completion: z.string().default("") },
  {
    requiredHashFields: ["messages"],
    streaming: {
      async *processStreamingResponse(syn, chunks) {
        const decoder = new TextDecoder();
        for await (const chunk of chunks) {
          for (const token of decoder.decode(chunk, { stream: true }).split("\n")) {
            if (!token) continue;
            syn.completion += token;
            yield token;
          }
        }
      },
      extractResponseJson: responseJsonFromHeaders,
    },
  },
);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let alice: Signer;
let bob: Signer;
let dendrite: Dendrite;
let axon: Axon;
let target: AxonTarget;

/** A plain HTTP server answering every request with `answer` (the stand-in for a Python axon). */
async function fake(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port };
}
const close = (s: Server) =>
  new Promise<void>((r) => {
    s.close(() => r());
    s.closeAllConnections(); // undici keeps connections alive; do not wait for them
  });

function replay(answer: Answer): Parameters<typeof createServer>[1] {
  return (req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(answer.status, { ...answer.headers, "content-type": "application/json" });
      res.end(answer.body);
    });
  };
}

before(async () => {
  await cryptoReady();
  alice = signerFromUri("//Alice");
  bob = signerFromUri("//Bob");
  dendrite = new Dendrite({ signer: alice });
  axon = new Axon({ signer: bob, port: 0, host: "127.0.0.1" });
  axon.attach(Dummy, (s) => {
    s.dummy_output = s.dummy_input * 2;
    return s;
  });
  axon.attach(Slow, async (s) => {
    await sleep(s.ms);
    return s;
  });
  axon.attach(StreamPrompting, (s) => {
    async function* tokens() {
      for (const m of s.messages) {
        yield `${m}\n`;
        await sleep(60);
      }
    }
    return streamingReply(s, tokens());
  });
  await axon.start();
  target = { ip: "127.0.0.1", port: axon.port, hotkey: bob.ss58Address };
});

after(async () => {
  await dendrite.close();
  await axon.stop();
});

describe("against a Python axon's recorded answers", () => {
  test("200: fields from the body, terminals overlaid from the headers, dendrite status = axon status", async () => {
    const { server, port } = await fake(replay(py.success));
    const syn = await dendrite.call(
      Dummy,
      { ip: "127.0.0.1", port, hotkey: bob.ss58Address },
      Dummy.create({ dummy_input: 5 }),
    );
    await close(server);
    assert.equal(syn.dummy_output, 10);
    assert.equal(syn.axon.statusCode, 200);
    assert.equal(syn.axon.statusMessage, "Success");
    assert.equal(syn.axon.processTime, 0.00123);
    assert.equal(syn.dendrite.statusCode, 200);
    assert.equal(syn.dendrite.statusMessage, "Success");
    // The Python axon echoes its body's dendrite block; those values (and the header overlay) win.
    assert.equal(syn.dendrite.nonce, 1750000000123456789n);
    assert.equal(syn.dendrite.uuid, "0f7c1a2e-5b3d-11f0-9c1e-0242ac120002");
    assert.ok((syn.dendrite.processTime ?? 0) > 0);
    // computed_body_hash is frozen in Python: the answer never overwrites it.
    assert.equal(syn.computedBodyHash, "");
    // The server's total_size from the body (Python copies every field but the hash).
    assert.equal(syn.totalSize, (parsePyJson(py.success.body) as Record<string, unknown>).total_size);
  });

  test("401: status from HTTP, message from the body, axon terminal from the headers", async () => {
    const { server, port } = await fake(replay(py.unauthorized));
    const syn = await dendrite.call(
      Dummy,
      { ip: "127.0.0.1", port, hotkey: bob.ss58Address },
      Dummy.create({ dummy_input: 5 }),
    );
    await close(server);
    assert.equal(syn.dendrite.statusCode, 401);
    assert.equal(
      syn.dendrite.statusMessage,
      "Not Verified with error: Nonce is too old, a newer one was last processed",
    );
    assert.equal(syn.axon.uuid, "5d0f2b8e-5b3d-11f0-8000-0242ac120003");
    assert.equal(syn.axon.version, 10002000);
    assert.equal(syn.dendrite.port, 51234);
    assert.equal(syn.dummy_output, null);
  });

  test("404 from an axon that lacks the synapse", async () => {
    const { server, port } = await fake(replay(py.not_found));
    const syn = await dendrite.call(
      Dummy,
      { ip: "127.0.0.1", port, hotkey: bob.ss58Address },
      Dummy.create({ dummy_input: 5 }),
    );
    await close(server);
    assert.equal(syn.dendrite.statusCode, 404);
    assert.equal(
      syn.dendrite.statusMessage,
      "Synapse name 'Nope' not found. Available synapses ['Synapse', 'Dummy']",
    );
  });

  test("what reaches the axon: Python's header names and a Python-shaped body", async () => {
    let seen: { headers: Record<string, string | string[] | undefined>; body: string } | undefined;
    const { server, port } = await fake((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen = { headers: req.headers, body };
        res.writeHead(py.success.status, { ...py.success.headers, "content-type": "application/json" });
        res.end(py.success.body);
      });
    });
    // A documentation address (never contacted): it only fills `bt_header_dendrite_ip`, as Python's does.
    const d = new Dendrite({ signer: alice, externalIp: "192.0.2.1" });
    await d.call(Dummy, { ip: "127.0.0.1", port, hotkey: bob.ss58Address }, Dummy.create({ dummy_input: 5 }));
    await d.close();
    await close(server);
    assert.equal(seen!.headers.bt_header_dendrite_ip, "192.0.2.1");
    const names = Object.keys(py.request.headers);
    for (const n of names) assert.ok(seen!.headers[n] !== undefined, `header ${n}`);
    assert.equal(seen!.headers.bt_header_input_obj_dummy_input, "MA==");
    assert.equal(seen!.headers.timeout, "12.0");
    const ours = parsePyJson(seen!.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(ours), Object.keys(parsePyJson(py.request.body) as object));
    assert.ok(seen!.body.startsWith('{"name": "Dummy", "timeout": 12.0, "total_size": '));
  });
});

describe("failures on the dendrite's side", () => {
  test("timeout → 408 Request timeout after <t> seconds; the axon keeps serving", async () => {
    const t0 = performance.now();
    const syn = await dendrite.call(Slow, target, Slow.create({ ms: 1500 }), { timeout: 0.3 });
    const took = performance.now() - t0;
    assert.equal(syn.dendrite.statusCode, 408);
    assert.equal(syn.dendrite.statusMessage, "Request timeout after 0.3 seconds");
    assert.ok(took < 1000, `gave up after ${took} ms`);
    const ok = await dendrite.call(Dummy, target, Dummy.create({ dummy_input: 2 }));
    assert.equal(ok.dendrite.statusCode, 200);
  });

  test("default timeout is 12.0 and is what the header says", async () => {
    const syn = await dendrite.call(Dummy, target, Dummy.create({ dummy_input: 2 }));
    assert.equal(syn.timeout, 12);
  });

  test("connection refused → 503 Service unavailable at <ip>:<port>/<Name>", async () => {
    const { server, port } = await fake(() => {});
    await close(server);
    const syn = await dendrite.call(
      Dummy,
      { ip: "127.0.0.1", port, hotkey: bob.ss58Address },
      Dummy.create({ dummy_input: 1 }),
    );
    assert.equal(syn.dendrite.statusCode, 503);
    assert.equal(syn.dendrite.statusMessage, `Service unavailable at 127.0.0.1:${port}/Dummy`);
  });

  test("non-JSON answer → 422 Failed to parse response", async () => {
    const { server, port } = await fake((req, res) => {
      req.resume();
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html>bad gateway</html>");
    });
    const syn = await dendrite.call(
      Dummy,
      { ip: "127.0.0.1", port, hotkey: bob.ss58Address },
      Dummy.create({ dummy_input: 1 }),
    );
    await close(server);
    assert.equal(syn.dendrite.statusCode, 422);
    assert.match(syn.dendrite.statusMessage ?? "", /^Failed to parse response: /);
  });

  test("a 200 whose body is not the synapse → 422", async () => {
    const { server, port } = await fake((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"dummy_input": "five"}');
    });
    const syn = await dendrite.call(
      Dummy,
      { ip: "127.0.0.1", port, hotkey: bob.ss58Address },
      Dummy.create({ dummy_input: 1 }),
    );
    await close(server);
    assert.equal(syn.dendrite.statusCode, 422);
  });

  test("dropped before answering → 503 Service disconnected; cut mid-body → 400 Payload error", async () => {
    const drop = await fake((req) => req.socket.destroy());
    const a = await dendrite.call(
      Dummy,
      { ip: "127.0.0.1", port: drop.port, hotkey: bob.ss58Address },
      Dummy.create({ dummy_input: 1 }),
    );
    await close(drop.server);
    assert.equal(a.dendrite.statusCode, 503);
    assert.equal(a.dendrite.statusMessage, "Service disconnected: Server disconnected");
    const cut = await fake((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"name": "Dummy"');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const b = await dendrite.call(
      Dummy,
      { ip: "127.0.0.1", port: cut.port, hotkey: bob.ss58Address },
      Dummy.create({ dummy_input: 1 }),
    );
    await close(cut.server);
    assert.equal(b.dendrite.statusCode, 400);
    assert.match(b.dendrite.statusMessage ?? "", /^Payload error: /);
  });
});

describe("forward and query", () => {
  test("one copy per axon, answers in order, failures in place", async () => {
    const dead = { ...target, port: 1 };
    const syn = Dummy.create({ dummy_input: 7 });
    const out = await dendrite.forward(Dummy, [target, dead, target], syn, { timeout: 2 });
    assert.deepEqual(
      out.map((s) => s.dendrite.statusCode),
      [200, 503, 200],
    );
    assert.notEqual(out[0], out[2]);
    assert.equal(syn.dendrite.nonce, null, "the caller's synapse is not touched");
    assert.deepEqual(await dendrite.query(Dummy, [target, dead], syn, { timeout: 2 }), [14, null]);
  });

  test("maxConcurrency bounds calls in flight", async () => {
    const d = new Dendrite({ signer: alice, maxConcurrency: 2 });
    const t0 = performance.now();
    const out = await d.forward(Slow, [target, target, target, target], Slow.create({ ms: 200 }));
    const took = performance.now() - t0;
    assert.deepEqual(
      out.map((s) => s.dendrite.statusCode),
      [200, 200, 200, 200],
    );
    assert.ok(took >= 390, `4 calls of 200 ms two at a time took ${took} ms`);
    await d.close();
  });
});

describe("concurrent calls to one axon", () => {
  test("each call in flight signs under its own uuid, so late-verified earlier nonces still pass", async () => {
    // The first request to arrive is held 150 ms in blacklist (before verification), so the second-signed
    // request is verified first. Under one uuid the first would then be a "replay".
    let arrivals = 0;
    const slowFirst = new Axon({ signer: bob, port: 0, host: "127.0.0.1" });
    slowFirst.attach(Dummy, (s) => s, {
      blacklist: async () => {
        if (arrivals++ === 0) await sleep(150);
        return [false, ""];
      },
    });
    await slowFirst.start();
    const t = { ip: "127.0.0.1", port: slowFirst.port, hotkey: bob.ss58Address };

    const { request } = await import("undici");
    const { synapseToHeaders, synapseToJson, PY_REQUEST_JSON } = await import("../synapse/index.ts");
    const send = (syn: ReturnType<typeof Dummy.create>) =>
      request(`http://127.0.0.1:${t.port}/Dummy`, {
        method: "POST",
        headers: { ...synapseToHeaders(Dummy, syn), "content-type": "application/json" },
        body: synapseToJson(Dummy, syn, PY_REQUEST_JSON),
      }).then((r) => r.statusCode);
    // Control: both signed under the same uuid, the earlier nonce sent first → it is the one refused.
    const d = new Dendrite({ signer: alice });
    const a = Dummy.create({ dummy_input: 1 });
    const b = Dummy.create({ dummy_input: 2 });
    d.prepare(Dummy, t, a, 12);
    d.prepare(Dummy, t, b, 12);
    const first = send(a);
    await sleep(30);
    assert.deepEqual(await Promise.all([first, send(b)]), [401, 200]);

    arrivals = 0;
    const out = await Promise.all([
      d.call(Dummy, t, Dummy.create({ dummy_input: 3 })),
      sleep(30).then(() => d.call(Dummy, t, Dummy.create({ dummy_input: 4 }))),
    ]);
    assert.deepEqual(
      out.map((s) => s.dendrite.statusCode),
      [200, 200],
    );
    assert.notEqual(out[0].dendrite.uuid, out[1].dendrite.uuid);
    // Once calls stop overlapping, the dendrite's own uuid is used again.
    const later = await d.call(Dummy, t, Dummy.create({ dummy_input: 5 }));
    assert.equal(later.dendrite.uuid, d.uuid);
    await d.close();
    await slowFirst.stop();
  });
});

describe("streaming", () => {
  test("chunks arrive as the axon writes them, then the synapse with status 200", async () => {
    const messages = ["alpha", "beta", "gamma", "delta"];
    const syn = StreamPrompting.create({ roles: ["user"], messages });
    const seen: { value: string; at: number }[] = [];
    let last: unknown;
    const t0 = performance.now();
    for await (const item of dendrite.stream(StreamPrompting, target, syn)) {
      if (item.kind === "chunk") seen.push({ value: item.value, at: performance.now() - t0 });
      else last = item.synapse;
    }
    assert.deepEqual(
      seen.map((s) => s.value),
      messages,
    );
    assert.ok(seen[3].at - seen[0].at > 120, `chunks spread over time: ${seen.map((s) => s.at.toFixed(0))}`);
    const done = last as typeof syn;
    assert.equal(done.completion, "alphabetagammadelta");
    assert.equal(done.dendrite.statusCode, 200);
    assert.equal(done.axon.statusCode, 200);
    assert.equal(done.axon.statusMessage, "Success");
    assert.deepEqual(done.messages, messages);
  });

  test("the axon streams text/event-stream, chunked, with the synapse headers first", async () => {
    const syn = StreamPrompting.create({ roles: ["user"], messages: ["x", "y"] });
    const { request } = await import("undici");
    const { synapseToHeaders, synapseToJson, PY_REQUEST_JSON } = await import("../synapse/index.ts");
    dendrite.prepare(StreamPrompting, target, syn, 12);
    const res = await request(`http://127.0.0.1:${axon.port}/StreamPrompting`, {
      method: "POST",
      headers: { ...synapseToHeaders(StreamPrompting, syn), "content-type": "application/json" },
      body: synapseToJson(StreamPrompting, syn, PY_REQUEST_JSON),
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["content-type"], "text/event-stream");
    assert.equal(res.headers["transfer-encoding"], "chunked");
    assert.equal(res.headers.bt_header_axon_status_code, "200");
    assert.equal(await res.body.text(), "x\ny\n");
  });

  test("a stream that outlives the timeout ends with 408", async () => {
    const syn = StreamPrompting.create({ roles: [], messages: ["a", "b", "c", "d", "e", "f", "g", "h"] });
    const items = [];
    for await (const item of dendrite.stream(StreamPrompting, target, syn, { timeout: 0.2 }))
      items.push(item);
    const last = items.at(-1)!;
    assert.equal(last.kind, "synapse");
    assert.ok(items.length < 9);
    if (last.kind === "synapse") {
      assert.equal(last.synapse.dendrite.statusCode, 408);
      assert.equal(last.synapse.dendrite.statusMessage, "Request timeout after 0.2 seconds");
    }
  });

  test("a rejected stream yields no chunks, only the synapse with the axon's error", async () => {
    const eve = new Dendrite({ signer: signerFromUri("//Eve") });
    const syn = StreamPrompting.create({ roles: [], messages: ["a"] });
    const items = [];
    for await (const item of eve.stream(StreamPrompting, { ...target, hotkey: alice.ss58Address }, syn)) {
      items.push(item);
    }
    await eve.close();
    assert.equal(items.length, 1);
    const only = items[0];
    assert.ok(only.kind === "synapse" && only.synapse.dendrite.statusCode === 401);
  });
});
