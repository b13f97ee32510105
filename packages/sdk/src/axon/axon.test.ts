// The axon on a real loopback server: each rejection a Python axon makes (status, message, headers), the
// requests a Python dendrite sends (bytes from bittensor 10.2), a burst of bad requests, queueing, inject.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { signatureVerify } from "@polkadot/util-crypto";
import { request } from "undici";
import { z } from "zod";
import { Dendrite } from "../dendrite/index.ts";
import {
  bodyHash,
  defineSynapse,
  EMPTY_BODY_HASH,
  PY_REQUEST_JSON,
  parsePyJson,
  type Synapse,
  type SynapseFields,
  type SynapseType,
  synapseToHeaders,
  synapseToJson,
} from "../synapse/index.ts";
import { Axon } from "./axon.ts";
import { cryptoReady, type Signer, signerFromUri } from "./signer.ts";
import { BT_VERSION, signatureMessage } from "./verify.ts";

const Dummy = defineSynapse("Dummy", {
  dummy_input: z.int(),
  dummy_output: z.int().nullable().default(null),
});
const Slow = defineSynapse("Slow", { ms: z.int(), order: z.array(z.int()).default([]) });
const Boom = defineSynapse("Boom", {});
const Hashed = defineSynapse(
  "Hashed",
  { text: z.string(), n: z.int() },
  { requiredHashFields: ["text", "n"] },
);

interface PyVectors {
  python_axon: Record<string, { status: number; headers: Record<string, string>; body: string }> & {
    request: { headers: Record<string, string>; body: string };
  };
}
const py = parsePyJson(
  readFileSync(new URL("../synapse/fixtures/python-synapse-vectors.json", import.meta.url), "utf8"),
) as unknown as PyVectors;

let alice: Signer;
let bob: Signer;
let eve: Signer;
let axon: Axon;
let base: string;
let dendrite: Dendrite;

const UUID4 = /^Internal Server Error #[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A request exactly as a dendrite builds it, before any tampering. */
function signed<S extends SynapseFields>(
  type: SynapseType<S, unknown, unknown>,
  syn: Synapse<S>,
  d: Dendrite = dendrite,
  timeout = 12,
) {
  d.prepare(type, { ip: "127.0.0.1", port: axon.port, hotkey: axon.hotkey }, syn, timeout);
  const body = synapseToJson(type, syn, PY_REQUEST_JSON);
  const headers: Record<string, string> = {
    ...synapseToHeaders(type, syn),
    "content-type": "application/json",
  };
  return { headers, body, syn };
}

async function send(path: string, headers: Record<string, string>, body?: string, method = "POST") {
  const res = await request(base + path, { method: method as "POST", headers, body });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers as Record<string, string>, text };
}

const messageOf = (text: string) => (JSON.parse(text) as { message: string }).message;

before(async () => {
  await cryptoReady();
  alice = signerFromUri("//Alice");
  bob = signerFromUri("//Bob");
  eve = signerFromUri("//Eve");
  axon = new Axon({ signer: bob, port: 0, host: "127.0.0.1", maxBodyBytes: 64 * 1024, onError: () => {} });
  axon.attach(
    Dummy,
    (s) => {
      s.dummy_output = s.dummy_input * 2;
      return s;
    },
    { blacklist: (s) => [s.dendrite.hotkey === eve.ss58Address, "eve is not welcome"] },
  );
  axon.attach(Slow, async (s) => {
    await sleep(s.ms);
    return s;
  });
  axon.attach(Boom, () => {
    throw new Error("handler exploded");
  });
  axon.attach(Hashed, (s) => s);
  await axon.start();
  base = `http://127.0.0.1:${axon.port}`;
  dendrite = new Dendrite({ signer: alice });
});

after(async () => {
  await dendrite.close();
  await axon.stop();
});

describe("a valid request", () => {
  test("passes, and the answer carries Python's success headers and body", async () => {
    const { headers, body } = signed(Dummy, Dummy.create({ dummy_input: 21 }));
    const r = await send("/Dummy", headers, body);
    assert.equal(r.status, 200);
    assert.equal(r.headers["content-type"], "application/json");
    assert.equal(r.headers.bt_header_axon_status_code, "200");
    assert.equal(r.headers.bt_header_axon_status_message, "Success");
    assert.match(r.headers.bt_header_axon_process_time, /^\d+\.\d+(e-\d\d)?$/);
    assert.equal(r.headers.bt_header_dendrite_hotkey, alice.ss58Address);
    assert.equal(r.headers.bt_header_dendrite_nonce, headers.bt_header_dendrite_nonce);
    assert.equal(r.headers.bt_header_input_obj_dummy_input, "MA==");
    assert.equal(r.headers.computed_body_hash, EMPTY_BODY_HASH);
    const json = parsePyJson(r.text) as Record<string, unknown>;
    assert.equal(json.dummy_output, 42);
    assert.deepEqual(Object.keys(json), [
      "name",
      "timeout",
      "total_size",
      "header_size",
      "dendrite",
      "axon",
      "computed_body_hash",
      "dummy_input",
      "dummy_output",
    ]);
    assert.equal((json.axon as Record<string, unknown>).status_code, 200);
    assert.ok(!r.text.includes(", "), "Starlette's compact separators");
  });

  test("the bytes a Python 10.2 dendrite sends are accepted", async () => {
    // Python's own request (fixture), with a live nonce and a real signature over the spec's message.
    const h = { ...py.python_axon.request.headers };
    const nonce = BigInt(Date.now()) * 1_000_000n;
    h.bt_header_dendrite_nonce = String(nonce);
    h.bt_header_axon_hotkey = bob.ss58Address;
    const text = `${nonce}.${alice.ss58Address}.${bob.ss58Address}.${h.bt_header_dendrite_uuid}.${h.computed_body_hash}`;
    h.bt_header_dendrite_signature = `0x${Buffer.from(alice.sign(new TextEncoder().encode(text))).toString("hex")}`;
    const r = await send(
      "/Dummy",
      { ...h, "content-type": "application/json", accept: "*/*", "user-agent": "Python/3.11 aiohttp/3.11" },
      py.python_axon.request.body,
    );
    assert.equal(r.status, 200, r.text);
    assert.equal((parsePyJson(r.text) as Record<string, unknown>).dummy_output, 10);
    // The Python dendrite reads these with a case-sensitive substring test: they must be lowercase.
    for (const k of [
      "bt_header_axon_status_code",
      "bt_header_axon_status_message",
      "bt_header_axon_process_time",
    ]) {
      assert.ok(Object.hasOwn(r.headers, k), k);
    }
  });

  test("the base Synapse route answers as a ping (signed like any other)", async () => {
    const ping = signed(axonPing, axonPing.create({}));
    const r = await send("/Synapse", ping.headers, ping.body);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.name, "Synapse");
    const unsigned = await send("/Synapse", {}, "{}");
    assert.equal(unsigned.status, 401);
  });

  test("a signature over <Bytes>…</Bytes> is accepted, as bittensor-wallet does", async () => {
    const syn = Dummy.create({ dummy_input: 4 });
    const { headers, body } = signed(Dummy, syn);
    const text = signatureMessage({
      nonce: syn.dendrite.nonce,
      dendriteHotkey: alice.ss58Address,
      axonHotkey: bob.ss58Address,
      uuid: dendrite.uuid,
      bodyHash: EMPTY_BODY_HASH,
    });
    const wrapped = new TextEncoder().encode(`<Bytes>${text}</Bytes>`);
    headers.bt_header_dendrite_signature = `0x${Buffer.from(alice.sign(wrapped)).toString("hex")}`;
    assert.equal((await send("/Dummy", headers, body)).status, 200);
  });

  test("a pre-7.2 dendrite is held only to increasing nonces", async () => {
    const d = new Dendrite({ signer: alice });
    const syn = Dummy.create({ dummy_input: 4 });
    d.prepare(Dummy, { ip: "127.0.0.1", port: axon.port, hotkey: bob.ss58Address }, syn, 12);
    syn.dendrite.version = 7_001_000;
    syn.dendrite.nonce = 1n; // 1970: far outside any window
    const text = signatureMessage({
      nonce: 1n,
      dendriteHotkey: alice.ss58Address,
      axonHotkey: bob.ss58Address,
      uuid: d.uuid,
      bodyHash: EMPTY_BODY_HASH,
    });
    syn.dendrite.signature = `0x${Buffer.from(alice.sign(new TextEncoder().encode(text))).toString("hex")}`;
    const r = await send(
      "/Dummy",
      { ...synapseToHeaders(Dummy, syn), "content-type": "application/json" },
      synapseToJson(Dummy, syn, PY_REQUEST_JSON),
    );
    assert.equal(r.status, 200, r.text);
    await d.close();
  });
});

const axonPing = defineSynapse("Synapse", {});

describe("rejections with the Python axon's codes and messages", () => {
  test("forged signature → 401 Signature mismatch with <message> and <signature>", async () => {
    const syn = Dummy.create({ dummy_input: 3 });
    const { headers, body } = signed(Dummy, syn);
    const forged = `0x${Buffer.from(eve.sign(new TextEncoder().encode("something else"))).toString("hex")}`;
    headers.bt_header_dendrite_signature = forged;
    const r = await send("/Dummy", headers, body);
    assert.equal(r.status, 401);
    const expected = `${syn.dendrite.nonce}.${alice.ss58Address}.${bob.ss58Address}.${dendrite.uuid}.${EMPTY_BODY_HASH}`;
    assert.equal(
      messageOf(r.text),
      `Not Verified with error: Signature mismatch with ${expected} and ${forged}`,
    );
    assert.equal(r.headers.bt_header_axon_status_code, "401");
    assert.equal(r.headers.bt_header_axon_status_message, messageOf(r.text));
  });

  test("the signature is checked against the axon's own hotkey, not the header's", async () => {
    // Signed for Eve as the axon, and the header says Eve: the axon still rebuilds the message with Bob.
    const syn = Dummy.create({ dummy_input: 3 });
    dendrite.prepare(Dummy, { ip: "127.0.0.1", port: axon.port, hotkey: eve.ss58Address }, syn, 12);
    const h2: Record<string, string> = {
      ...synapseToHeaders(Dummy, syn),
      "content-type": "application/json",
    };
    assert.equal(h2.bt_header_axon_hotkey, eve.ss58Address);
    const r = await send("/Dummy", h2, synapseToJson(Dummy, syn, PY_REQUEST_JSON));
    assert.equal(r.status, 401);
    assert.match(
      messageOf(r.text),
      new RegExp(
        `^Not Verified with error: Signature mismatch with \\d+\\.${alice.ss58Address}\\.${bob.ss58Address}\\.`,
      ),
    );
  });

  test("replayed nonce → 401 Nonce is too old, a newer one was last processed", async () => {
    const { headers, body } = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    assert.equal((await send("/Dummy", headers, body)).status, 200);
    const again = await send("/Dummy", headers, body);
    assert.equal(again.status, 401);
    assert.equal(
      messageOf(again.text),
      "Not Verified with error: Nonce is too old, a newer one was last processed",
    );
  });

  test("stale nonce on a fresh key → 401 with the window and the age, two decimals", async () => {
    const d = new Dendrite({ signer: alice });
    const syn = Dummy.create({ dummy_input: 3 });
    d.prepare(Dummy, { ip: "127.0.0.1", port: axon.port, hotkey: bob.ss58Address }, syn, 12);
    const nonce = syn.dendrite.nonce! - 20_000_000_000n; // 20 s ago; window = 4 s + 12 s
    syn.dendrite.nonce = nonce;
    const text = signatureMessage({
      nonce,
      dendriteHotkey: alice.ss58Address,
      axonHotkey: bob.ss58Address,
      uuid: d.uuid,
      bodyHash: EMPTY_BODY_HASH,
    });
    syn.dendrite.signature = `0x${Buffer.from(alice.sign(new TextEncoder().encode(text))).toString("hex")}`;
    const r = await send(
      "/Dummy",
      { ...synapseToHeaders(Dummy, syn), "content-type": "application/json" },
      synapseToJson(Dummy, syn, PY_REQUEST_JSON),
    );
    assert.equal(r.status, 401);
    assert.match(
      messageOf(r.text),
      /^Not Verified with error: Nonce is too old: acceptable delta is 16\.00 seconds but request was 20\.\d\d seconds old$/,
    );
    await d.close();
  });

  test("missing nonce → 401 Missing Nonce; unsigned → 401 Missing Signature", async () => {
    const a = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    delete a.headers.bt_header_dendrite_nonce;
    const r1 = await send("/Dummy", a.headers, a.body);
    assert.equal(r1.status, 401);
    assert.equal(messageOf(r1.text), "Not Verified with error: Missing Nonce");
    const b = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    delete b.headers.bt_header_dendrite_signature;
    const r2 = await send("/Dummy", b.headers, b.body);
    assert.equal(r2.status, 401);
    assert.equal(messageOf(r2.text), "Not Verified with error: Missing Signature");
    const c = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    c.headers.bt_header_dendrite_signature = "abcd";
    const r3 = await send("/Dummy", c.headers, c.body);
    assert.equal(
      messageOf(r3.text),
      "Not Verified with error: Invalid signature format. Expected hex string.",
    );
    const e = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    delete e.headers.bt_header_dendrite_hotkey;
    const r4 = await send("/Dummy", e.headers, e.body);
    assert.equal(
      messageOf(r4.text),
      "Not Verified with error: No SS58 formatted address or public key provided.",
    );
  });

  test("wrong body hash → 500 Internal Server Error #<uuid4>", async () => {
    const { headers, body } = signed(Hashed, Hashed.create({ text: "hello", n: 1 }));
    const tampered = body.replace('"hello"', '"HELLO"');
    assert.notEqual(tampered, body);
    const r = await send("/Hashed", headers, tampered);
    assert.equal(r.status, 500);
    assert.match(messageOf(r.text), UUID4);
    assert.equal(r.headers.bt_header_axon_status_code, "500");
  });

  test("a hashed synapse whose body matches passes", async () => {
    const syn = Hashed.create({ text: 'it\'s "quoted" ünïcode', n: -7 });
    const { headers, body } = signed(Hashed, syn);
    assert.notEqual(headers.computed_body_hash, EMPTY_BODY_HASH);
    assert.equal(headers.computed_body_hash, bodyHash(Hashed, syn));
    const r = await send("/Hashed", headers, body);
    assert.equal(r.status, 200, r.text);
  });

  test("unknown route → 404 with the available synapses, as Python lists them", async () => {
    const { headers, body } = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    const r = await send("/Nope", headers, body);
    assert.equal(r.status, 404);
    assert.equal(
      messageOf(r.text),
      "Synapse name 'Nope' not found. Available synapses ['Synapse', 'Dummy', 'Slow', 'Boom', 'Hashed']",
    );
    assert.equal(r.headers.name, "Synapse");
    const root = await send("/", {}, undefined, "GET");
    assert.equal(root.status, 404);
    assert.match(messageOf(root.text), /^Synapse name '' not found\./);
    const undecodable = await send("/%E0%A4%A", {}, "{}");
    assert.equal(undecodable.status, 404);
    assert.match(messageOf(undecodable.text), /^Synapse name '%E0%A4%A' not found\./);
    const encoded = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    assert.equal(
      (await send("/Dum%6Dy", encoded.headers, encoded.body)).status,
      200,
      "percent-decoded like Starlette",
    );
  });

  test("the 404 carries the same headers, in the same order, as Python's", async () => {
    const r = await request(`${base}/Nope`, { method: "POST", body: "{}" });
    await r.body.text();
    const ours = Object.keys(r.headers).filter(
      (k) => !["content-type", "content-length", "date", "connection", "keep-alive"].includes(k),
    );
    assert.deepEqual(ours, Object.keys(py.python_axon.not_found.headers));
  });

  test("a rejected request's headers match Python's 401 header set, axon signature included", async () => {
    const first = signed(Dummy, Dummy.create({ dummy_input: 5 }));
    assert.equal((await send("/Dummy", first.headers, first.body)).status, 200);
    const { headers, body } = signed(Dummy, Dummy.create({ dummy_input: 5 }));
    headers.bt_header_dendrite_nonce = "1"; // this key has history: "a newer one was last processed"
    const r = await request(`${base}/Dummy`, { method: "POST", headers, body });
    await r.body.text();
    const h = r.headers as Record<string, string>;
    const ours = Object.keys(h).filter(
      (k) => !["content-type", "content-length", "date", "connection", "keep-alive"].includes(k),
    );
    assert.deepEqual(ours, Object.keys(py.python_axon.unauthorized.headers));
    assert.equal(h.bt_header_dendrite_port !== undefined && Number(h.bt_header_dendrite_port) > 0, true);
    assert.equal(h.bt_header_axon_version, String(BT_VERSION));
    assert.equal(h.bt_header_axon_uuid, axon.uuid);
    // Python signs `<axon nonce>.<dendrite hotkey>.<axon hotkey>.<axon uuid>` with the axon's hotkey.
    const text = `${h.bt_header_axon_nonce}.${alice.ss58Address}.${bob.ss58Address}.${axon.uuid}`;
    assert.ok(signatureVerify(text, h.bt_header_axon_signature, bob.ss58Address).isValid);
  });

  test("oversized body → 413, by content-length and by chunked stream", async () => {
    const { headers } = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    const big = JSON.stringify({ dummy_input: 3, pad: "x".repeat(100 * 1024) });
    const r = await send("/Dummy", headers, big);
    assert.equal(r.status, 413);
    assert.match(messageOf(r.text), /^Request body too large: the limit is 65536 bytes$/);
    assert.equal(r.headers.bt_header_axon_status_code, "413");
    const s2 = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    async function* chunks() {
      for (let i = 0; i < 100; i++) yield Buffer.alloc(1024, 0x20);
    }
    const res = await request(`${base}/Dummy`, {
      method: "POST",
      headers: s2.headers,
      body: Readable.from(chunks()),
    });
    assert.equal(res.statusCode, 413);
    await res.body.text();
  });

  test("blacklisted caller → 403 Forbidden. Key is blacklisted: <reason>.", async () => {
    const d = new Dendrite({ signer: eve });
    const syn = Dummy.create({ dummy_input: 3 });
    const r = await d.call(Dummy, { ip: "127.0.0.1", port: axon.port, hotkey: bob.ss58Address }, syn);
    assert.equal(r.dendrite.statusCode, 403);
    assert.equal(r.axon.statusCode, 403);
    assert.equal(r.dendrite.statusMessage, "Forbidden. Key is blacklisted: eve is not welcome.");
    await d.close();
  });

  test("blacklist runs before verification, as in Python", async () => {
    const d = new Dendrite({ signer: eve });
    const syn = Dummy.create({ dummy_input: 3 });
    d.prepare(Dummy, { ip: "127.0.0.1", port: axon.port, hotkey: bob.ss58Address }, syn, 12);
    const h: Record<string, string> = { ...synapseToHeaders(Dummy, syn), "content-type": "application/json" };
    h.bt_header_dendrite_signature = `0x${"00".repeat(64)}`;
    const r = await send("/Dummy", h, synapseToJson(Dummy, syn, PY_REQUEST_JSON));
    assert.equal(r.status, 403);
    await d.close();
  });

  test("headers that cannot build the synapse → 500, answered as the base Synapse", async () => {
    const { headers, body } = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    headers.bt_header_dendrite_nonce = "12.5";
    const r = await send("/Dummy", headers, body);
    assert.equal(r.status, 500);
    assert.match(messageOf(r.text), UUID4);
    assert.equal(r.headers.name, "Synapse");
  });

  test("handler exception → 500 Internal Server Error #<uuid4>", async () => {
    const { headers, body } = signed(Boom, Boom.create({}));
    const r = await send("/Boom", headers, body);
    assert.equal(r.status, 500);
    assert.match(messageOf(r.text), UUID4);
  });

  test("body that is not the synapse → 500", async () => {
    const a = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    const r = await send("/Dummy", a.headers, '{"dummy_input": "three"}');
    assert.equal(r.status, 500);
    const b = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    const r2 = await send("/Dummy", b.headers, "not json");
    assert.equal(r2.status, 500);
  });

  test("sub-paths and other methods pass the checks, then meet the router (404 / 405)", async () => {
    const a = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    const r = await send("/Dummy/extra", a.headers, a.body);
    assert.equal(r.status, 404);
    assert.deepEqual(JSON.parse(r.text), { detail: "Not Found" });
    const b = signed(Dummy, Dummy.create({ dummy_input: 3 }));
    const r2 = await send("/Dummy", b.headers, b.body, "PUT");
    assert.equal(r2.status, 405);
  });
});

describe("under load", () => {
  test("a burst of 500 bad requests, then a good one still succeeds", async () => {
    const before = axon.nonces.size;
    const kinds = [
      () => send("/Nope", {}, "{}"),
      () => {
        const a = signed(Dummy, Dummy.create({ dummy_input: 1 }));
        a.headers.bt_header_dendrite_signature = `0x${"11".repeat(64)}`;
        return send("/Dummy", a.headers, a.body);
      },
      () => send("/Dummy", { bt_header_dendrite_nonce: "x" }, "{}"),
      () => send("/Dummy", { "content-type": "application/json" }, "{".repeat(1000)),
      () => {
        const a = signed(Hashed, Hashed.create({ text: "a", n: 1 }));
        return send("/Hashed", a.headers, a.body.replace('"a"', '"b"'));
      },
    ];
    const statuses = new Map<number, number>();
    for (let batch = 0; batch < 10; batch++) {
      const rs = await Promise.all(
        Array.from({ length: 50 }, (_, i) => kinds[(batch * 50 + i) % kinds.length]()),
      );
      for (const r of rs) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
    assert.equal(
      [...statuses.values()].reduce((a, b) => a + b, 0),
      500,
    );
    assert.ok(!statuses.has(200), `no bad request may pass: ${[...statuses]}`);
    assert.deepEqual([...statuses.keys()].sort(), [401, 404, 500]);
    // Only verified requests store a nonce, all under this dendrite's one key.
    assert.ok(axon.nonces.size <= before + 1);
    const good = await dendrite.call(
      Dummy,
      { ip: "127.0.0.1", port: axon.port, hotkey: bob.ss58Address },
      Dummy.create({ dummy_input: 50 }),
    );
    assert.equal(good.dendrite.statusCode, 200);
    assert.equal(good.dummy_output, 100);
  });

  test("concurrent calls from one dendrite all pass (nonces strictly increase)", async () => {
    const target = { ip: "127.0.0.1", port: axon.port, hotkey: bob.ss58Address };
    const rs = await Promise.all(
      Array.from({ length: 40 }, (_, i) => dendrite.call(Dummy, target, Dummy.create({ dummy_input: i }))),
    );
    assert.deepEqual(
      rs.map((r) => r.dummy_output),
      rs.map((_, i) => i * 2),
    );
    const nonces = rs.map((r) => r.dendrite.nonce!);
    assert.equal(new Set(nonces).size, 40);
  });
});

describe("concurrency limit and priority", () => {
  test("one slot: waiting requests run by priority; a wait past the timeout → 408", async () => {
    const order: number[] = [];
    const small = new Axon({ signer: bob, port: 0, host: "127.0.0.1", maxConcurrentForwards: 1 });
    small.attach(
      Slow,
      async (s) => {
        order.push(s.ms);
        await sleep(s.ms);
        return s;
      },
      { priority: (s) => (s.dendrite.hotkey === alice.ss58Address ? 10 : 1) },
    );
    await small.start();
    const target = { ip: "127.0.0.1", port: small.port, hotkey: bob.ss58Address };
    const de = new Dendrite({ signer: eve });
    const first = dendrite.call(Slow, target, Slow.create({ ms: 300 }));
    await sleep(50);
    const low = de.call(Slow, target, Slow.create({ ms: 11 }));
    await sleep(20);
    const high = dendrite.call(Slow, target, Slow.create({ ms: 12 }));
    const rs = await Promise.all([first, low, high]);
    assert.deepEqual(
      rs.map((r) => r.dendrite.statusCode),
      [200, 200, 200],
    );
    assert.deepEqual(order, [300, 12, 11]);

    const hold = dendrite.call(Slow, target, Slow.create({ ms: 800 }));
    await sleep(50);
    const waited = await de.call(Slow, target, Slow.create({ ms: 1 }), { timeout: 0.3 });
    // Both the axon (queue) and the dendrite (client) give up at 0.3 s; whichever answers, it is a timeout.
    assert.equal(waited.dendrite.statusCode, 408);
    await hold;
    await de.close();
    await small.stop();
  });

  test("the axon's own queue timeout answers 408 Response timeout after: <t>s", async () => {
    const small = new Axon({ signer: bob, port: 0, host: "127.0.0.1", maxConcurrentForwards: 1 });
    small.attach(Slow, async (s) => {
      await sleep(s.ms);
      return s;
    });
    await small.start();
    const target = { ip: "127.0.0.1", port: small.port, hotkey: bob.ss58Address };
    const hold = dendrite.call(Slow, target, Slow.create({ ms: 600 }));
    await sleep(50);
    const syn = Slow.create({ ms: 1 });
    dendrite.prepare(Slow, target, syn, 0.25);
    const res = await request(`http://127.0.0.1:${small.port}/Slow`, {
      method: "POST",
      headers: { ...synapseToHeaders(Slow, syn), "content-type": "application/json" },
      body: synapseToJson(Slow, syn, PY_REQUEST_JSON),
    });
    assert.equal(res.statusCode, 408);
    assert.equal(messageOf(await res.body.text()), "Response timeout after: 0.25s");
    await hold;
    await small.stop();
  });
});

test("fastify.inject works on Node 20 (light-my-request with cookie@2)", async () => {
  const { headers, body } = signed(Dummy, Dummy.create({ dummy_input: 8 }));
  const r = await axon.app.inject({
    method: "POST",
    url: "/Dummy",
    headers,
    payload: body,
    cookies: { a: "b" },
  });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal((parsePyJson(r.body) as Record<string, unknown>).dummy_output, 16);
});

test("the dendrite signs exactly the spec's message (independent sr25519 check)", () => {
  const syn = Dummy.create({ dummy_input: 2 });
  const { headers } = signed(Dummy, syn);
  const text = [
    headers.bt_header_dendrite_nonce,
    alice.ss58Address,
    bob.ss58Address,
    headers.bt_header_dendrite_uuid,
    headers.computed_body_hash,
  ].join(".");
  assert.equal(headers.computed_body_hash, EMPTY_BODY_HASH);
  assert.equal(headers.bt_header_dendrite_version, "10002000");
  assert.match(headers.bt_header_dendrite_signature, /^0x[0-9a-f]{128}$/);
  assert.ok(signatureVerify(text, headers.bt_header_dendrite_signature, alice.ss58Address).isValid);
});
