import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectedSession } from "../../src/connect.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { connectTo, recordWire } from "../client/support.js";

let emu: RunningEmulator;
let session: ConnectedSession;

beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true });
  session = await connectTo(emu, {
    apiUrl: `${emu.url}/api`,
    authUrl: emu.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
  });
});
afterAll(() => session.close());

const feed = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `calls-${i + from}.example.com`).join("\n");
const defaults = { format: "text", action: "Block", title: "Feed", description: "From a feed" } as const;
const calls = (wire: { method: string; url: string }[], method: string, path: RegExp) =>
  wire.filter((e) => e.method === method && path.test(new URL(e.url).pathname)).length;

describe("an indicator import's calls", () => {
  it("plans with one list call (pages of 10,000), not one lookup per value, and applies in import calls of 500", async () => {
    const wire = recordWire(session);
    const first = await session.indicators.import(feed(1200), defaults);
    expect(calls(wire, "GET", /\/api\/indicators$/)).toBe(1);
    expect(first.calls).toEqual({ import: 3 });
    expect(first.estimate).toBe(
      "1,200 indicators: 3 import calls, under a minute (one submit each would take about 12 minutes)",
    );
    await first.apply({ confirm: true });
    expect(calls(wire, "POST", /\/api\/indicators\/import$/)).toBe(3);

    // A changed severity on 100 of them: updates ride in import calls too (the service upserts).
    const changed = await session.indicators.import(feed(100), { ...defaults, severity: "High" });
    expect(changed.counts).toMatchObject({ create: 0, update: 100 });
    expect(changed.calls).toEqual({ import: 1 });
    expect(await changed.apply({ confirm: true })).toMatchObject({ updated: 100, created: 0, failed: 0 });
    expect(await session.indicators.count("severity eq 'High'")).toBe(100);
    expect(await session.indicators.count()).toBe(1200);
  });
});
