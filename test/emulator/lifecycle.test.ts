import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_CLIENT_SECRET, startEmulator } from "../../src/emulator/index.js";
import { fetchTestToken, startTestEmulator } from "../helpers/emulator.js";
import { caller } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "ti-emulator-log-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const logPath = join(dir, "requests.log");
const lines: string[] = [];
const logged = await startTestEmulator({ log: logPath, onLog: (line) => lines.push(line) });
const hourly = await startTestEmulator({ rateLimit: { perHour: 2 } });
const plain = await startTestEmulator();

describe("the emulator's lifecycle and logs", () => {
  it("logs one line per request to the file and the listener, without credentials", async () => {
    const token = await fetchTestToken(logged);
    await caller(logged)("GET", "/V1.0/AlertDefinitions?$top=1");
    await logged.close();
    const text = readFileSync(logPath, "utf8");
    expect(text).toMatch(
      / POST \/00000000-0000-4000-8000-0000000000e1\/oauth2\/token 200 \d+ms [0-9a-f-]{36}\n/,
    );
    expect(text).toMatch(/ GET \/V1.0\/AlertDefinitions 200 \d+ms /);
    expect(lines.join("\n")).toBe(text.trimEnd());
    expect(text).not.toContain(DEMO_CLIENT_SECRET);
    expect(text).not.toContain(token);
  });

  it("does not call onLog when quiet", async () => {
    const heard: string[] = [];
    const quiet = await startEmulator({ quiet: true, onLog: (line) => heard.push(line) });
    await fetch(`${quiet.url}/_emulator/stats`);
    await quiet.close();
    expect(heard).toEqual([]);
  });

  it("applies the per-hour rate limit with a Retry-After of up to an hour", async () => {
    const call = caller(hourly);
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await call("GET", "/V1.0/AlertDefinitions"));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(Number(replies[2]?.headers.get("retry-after"))).toBeGreaterThan(60);
  });

  it("stops when its signal aborts, and refuses to start with an aborted one", async () => {
    const controller = new AbortController();
    const emulator = await startEmulator({ signal: controller.signal });
    expect((await fetch(`${emulator.url}/_emulator/stats`)).status).toBe(200);
    controller.abort();
    await emulator.close();
    await expect(fetch(`${emulator.url}/_emulator/stats`)).rejects.toThrow();
    await expect(startEmulator({ signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it("keeps its own origin when the request path starts with //", async () => {
    const r = await fetch(`${plain.url}//evil.example/V1.0/AlertDefinitions`, {
      headers: { authorization: `Bearer ${await fetchTestToken(plain)}` },
    });
    expect(r.status).toBe(404);
  });
});
