import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { fetchTestToken, startTestEmulator } from "../helpers/emulator.js";
import { rawRequest } from "./raw.js";
import { caller, definitionBody } from "./support.js";

const BUDGET = 1024 * 1024;
// A request timeout well above the test's run, so the held body stays held until the test finishes it.
const emu = await startTestEmulator({ bodyBudgetBytes: BUDGET, requestTimeoutMs: 30_000 });
const call = caller(emu);
const token = await fetchTestToken(emu);

/** A valid definition body padded with JSON whitespace to exactly `bytes` bytes. */
function paddedBody(bytes: number, name: string): Buffer {
  const json = JSON.stringify(definitionBody({ Name: name }));
  return Buffer.from(json.slice(0, -1) + " ".repeat(bytes - json.length) + "}", "utf8");
}

/** Starts a POST whose body is declared but only half sent, and resolves with the socket once the emulator holds it. */
async function holdBody(body: Buffer): Promise<Socket> {
  const { hostname, port } = new URL(emu.url);
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(
    `POST /V1.0/AlertDefinitions HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
  );
  socket.write(body.subarray(0, body.length / 2));
  // The route is counted just before the body is read and its declared length reserved, in the same tick.
  for (let i = 0; i < 500; i++) {
    const stats = (await call("GET", "/_emulator/stats", { anonymous: true })).json;
    if (stats.requests["POST AlertDefinitions"] === 1) return socket;
    await sleep(10);
  }
  throw new Error("the emulator never started reading the held body");
}

describe("in-flight body budget", { timeout: 30_000 }, () => {
  it("answers parallel large bodies with 503 and Retry-After while others hold the budget, changing nothing", async () => {
    const before = (await call("GET", "/V1.0/AlertDefinitions/$count")).text;
    const held = paddedBody(900 * 1024, "held");
    const socket = await holdBody(held);
    let reply = "";
    socket.on("data", (chunk: Buffer) => (reply += chunk.toString("utf8")));
    const closed = new Promise((resolve) => socket.once("close", resolve));

    const declared = Array.from({ length: 20 }, (_, i) =>
      rawRequest(emu.url, {
        method: "POST",
        path: "/V1.0/AlertDefinitions",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: paddedBody(300 * 1024, `parallel ${i}`),
      }),
    );
    // Without Content-Length (chunked), the budget is taken as bytes arrive: refused mid-stream, still a reply.
    const chunked = Array.from({ length: 4 }, (_, i) =>
      rawRequest(emu.url, {
        method: "POST",
        path: "/V1.0/AlertDefinitions",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "transfer-encoding": "chunked",
        },
        body: paddedBody(300 * 1024, `chunked ${i}`),
      }),
    );
    const refused = await Promise.all([...declared, ...chunked]);
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(r.headers["retry-after"]).toBe("1");
      expect(JSON.parse(r.text).error.code).toBe("ServiceUnavailable");
    }
    const stats = (await call("GET", "/_emulator/stats", { anonymous: true })).json;
    expect(stats.bodies.peakBytes).toBeLessThanOrEqual(BUDGET);
    expect(stats.bodies.heldBytes).toBe(held.length);
    expect((await call("GET", "/V1.0/AlertDefinitions/$count")).text).toBe(before);

    socket.end(held.subarray(held.length / 2));
    await closed;
    expect(reply).toMatch(/^HTTP\/1\.1 201/);
    expect(Number((await call("GET", "/V1.0/AlertDefinitions/$count")).text)).toBe(Number(before) + 1);
    const after = (await call("GET", "/_emulator/stats", { anonymous: true })).json;
    expect(after.bodies.heldBytes).toBe(0);
    // Once the budget is free again, a body of the same size is taken.
    const again = await call("POST", "/V1.0/AlertDefinitions", {
      body: paddedBody(300 * 1024, "later").toString(),
    });
    expect(again.status).toBe(201);
  });
});
