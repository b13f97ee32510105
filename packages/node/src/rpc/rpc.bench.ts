// RPC server throughput on loopback for a trivial method: one WebSocket with pipelined requests, and
// HTTP POST with a few concurrent keep-alive clients. Run with `npm run bench -- rpc`; bounded in time.

import { Agent, request } from "node:http";
import { pino } from "pino";
import { WebSocket } from "ws";
import { RpcServer } from "./server.ts";

const SECONDS = 2;
const WS_WINDOW = 128;
const HTTP_CONCURRENCY = 8;

const server = new RpcServer({ port: 0, logger: pino({ level: "silent" }) });
server.register("system_health", () => ({ peers: 0, isSyncing: false, shouldHavePeers: false }));
const { port } = await server.listen();

async function wsPipelined(): Promise<{ requests: number; seconds: number }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let nextId = 0;
  let done = 0;
  const send = () => ws.send(`{"jsonrpc":"2.0","id":${nextId++},"method":"system_health","params":[]}`);
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  await new Promise<void>((resolve) => {
    ws.on("message", (data) => {
      if (JSON.parse(data.toString()).result === undefined) throw new Error("bad reply");
      done++;
      if (performance.now() < deadline) send();
      else if (done === nextId) resolve();
    });
    for (let i = 0; i < WS_WINDOW; i++) send();
  });
  const seconds = (performance.now() - start) / 1000;
  ws.close();
  return { requests: done, seconds };
}

/** One POST on a keep-alive agent (node:http, lighter than fetch, so the figure is mostly the server's). */
function post(agent: Agent, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/",
        agent,
        headers: { "content-type": "application/json" },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve(text));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function httpConcurrent(): Promise<{ requests: number; seconds: number }> {
  const body = '{"jsonrpc":"2.0","id":1,"method":"system_health","params":[]}';
  const agent = new Agent({ keepAlive: true, maxSockets: HTTP_CONCURRENCY });
  let done = 0;
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: HTTP_CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        if (JSON.parse(await post(agent, body)).result === undefined) throw new Error("bad reply");
        done++;
      }
    }),
  );
  agent.destroy();
  return { requests: done, seconds: (performance.now() - start) / 1000 };
}

const rate = (r: { requests: number; seconds: number }) => Math.round(r.requests / r.seconds);
const ws = await wsPipelined();
console.log(
  `rpc ws   system_health, 1 socket, ${WS_WINDOW} in flight: ${rate(ws)} req/s (${ws.requests} in ${ws.seconds.toFixed(2)} s)`,
);
const http = await httpConcurrent();
console.log(
  `rpc http system_health, ${HTTP_CONCURRENCY} keep-alive clients:  ${rate(http)} req/s (${http.requests} in ${http.seconds.toFixed(2)} s)`,
);
await server.close();
