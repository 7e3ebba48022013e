import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "undici";
import { startTestEmulator } from "../helpers/emulator.js";
import { ManualClock } from "../helpers/clock.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { NetworkError, TimeoutError, HttpError } from "../../src/errors/index.js";
import type { RequestLogEntry, RetryLogEntry } from "../../src/http/index.js";
import { admin, connectTo } from "./support.js";

let emu: RunningEmulator;
let hanging: Server;
let hangingUrl: string;
const sockets = new Set<import("node:net").Socket>();

beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true });
  // A service that accepts connections and never answers.
  hanging = createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
  const address = hanging.address() as { port: number };
  hangingUrl = `http://127.0.0.1:${address.port}/V1.0`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => hanging.close(resolve));
});

/** Moves the clock on whenever something waits on it, until `promise` settles. */
async function drive<T>(clock: ManualClock, promise: Promise<T>, stepMs: number): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => (settled = true));
  watched.catch(() => undefined);
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (clock.sleeping > 0) clock.advance(stepMs);
  }
  return watched;
}

describe("a call's overall deadline", () => {
  it("gives up on a hanging service at the deadline, saying how many attempts were made", async () => {
    const clock = new ManualClock(Date.now());
    const session = await connectTo(emu, { apiUrl: hangingUrl, clock, timeoutMs: 30_000 });
    const entries: (RequestLogEntry | RetryLogEntry)[] = [];
    session.onRequest((entry) => entries.push(entry), { retries: true });
    const error = await drive(clock, session.alerts.get(1), 30_000).catch((e: unknown) => e);
    await session.close();
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).attempts).toBe(2);
    expect((error as Error).message).toMatch(
      /timed out after 30000 ms \(attempt 2 of 7; gave up at the 60 s deadline\)$/,
    );
    const retries = entries.filter((e): e is RetryLogEntry => "kind" in e && e.kind === "retry");
    expect(retries).toEqual([expect.objectContaining({ attempt: 2, maxAttempts: 7, reason: "timeout" })]);
  });

  it("takes the deadline from connect({ deadlineMs })", async () => {
    const clock = new ManualClock(Date.now());
    const session = await connectTo(emu, { apiUrl: hangingUrl, clock, timeoutMs: 1000, deadlineMs: 3500 });
    const error = await drive(clock, session.alerts.get(1), 1000).catch((e: unknown) => e);
    await session.close();
    expect(error).toBeInstanceOf(TimeoutError);
    // Attempts end at 1 s, 2 s (+ a wait of at most 20 ms, moved to 3 s by the step), ...: never one past 3.5 s.
    expect((error as TimeoutError).attempts).toBeLessThanOrEqual(3);
    expect((error as Error).message).toMatch(/gave up at the 3\.5 s deadline\)$/);
  });

  it("refuses a deadline that is not a positive number of milliseconds", async () => {
    await expect(connectTo(emu, { deadlineMs: -1 })).rejects.toThrow(
      "deadlineMs must be a number of milliseconds > 0, got -1",
    );
  });
});

describe("retries named in errors and announced to listeners", () => {
  it("names the attempts in the error after the last retry of a 503, each retry told before its wait", async () => {
    const session = await connectTo(emu, { retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const retries: RetryLogEntry[] = [];
    session.onRequest((e) => void ("kind" in e && e.kind === "retry" && retries.push(e)), { retries: true });
    await admin(emu, "faults", { rules: "503/0:100%" });
    const error = await session.alerts.get(1).catch((e: unknown) => e);
    await admin(emu, "faults", { rules: "" });
    await session.close();
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).attempts).toBe(3);
    expect((error as Error).message).toMatch(/failed with 503.*\(attempt 3 of 3\)$/);
    expect(retries.map((r) => [r.attempt, r.maxAttempts, r.reason])).toEqual([
      [2, 3, "503"],
      [3, 3, "503"],
    ]);
  });

  it("gives plain request listeners exchanges only", async () => {
    const session = await connectTo(emu, { retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    const entries: RequestLogEntry[] = [];
    session.onRequest((e) => entries.push(e));
    await admin(emu, "faults", { rules: "503/0:100%" });
    await session.alerts.get(1).catch(() => undefined);
    await admin(emu, "faults", { rules: "" });
    await session.close();
    expect(entries.map((e) => e.status)).toEqual([503, 503]);
  });
});

describe("DNS failures", () => {
  /** A dispatcher whose name lookups fail with `code` (loopback IPs, the emulator's, need no lookup). */
  function failingLookup(code: string): Agent {
    return new Agent({
      connect: {
        lookup: (_host, _options, callback) =>
          callback(Object.assign(new Error(`getaddrinfo ${code} api.example`), { code }), "", 4),
      },
    });
  }

  it("fails at once on ENOTFOUND (the name does not exist)", async () => {
    const dispatcher = failingLookup("ENOTFOUND");
    const session = await connectTo(emu, { dispatcher, apiUrl: "https://api.example/V1.0" });
    const entries: RequestLogEntry[] = [];
    session.onRequest((e) => entries.push(e));
    const error = await session.alerts.get(1).catch((e: unknown) => e);
    await session.close();
    await dispatcher.close();
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/ENOTFOUND.*\(attempt 1 of 7\)$/);
    expect(entries).toHaveLength(1);
  });

  it("retries EAI_AGAIN (a lookup that may pass) within the limit", async () => {
    const dispatcher = failingLookup("EAI_AGAIN");
    const session = await connectTo(emu, {
      dispatcher,
      apiUrl: "https://api.example/V1.0",
      retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const entries: RequestLogEntry[] = [];
    session.onRequest((e) => entries.push(e));
    const error = await session.alerts.get(1).catch((e: unknown) => e);
    await session.close();
    await dispatcher.close();
    expect((error as NetworkError).attempts).toBe(3);
    expect(entries).toHaveLength(3);
  });
});
