import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { admin, connectTo, recordWire, sha1, type Stats } from "./support.js";
import type { ConnectOptions } from "../../src/connect.js";

// The emulator's documented limits, scaled 60-fold: import 30 per second, submit and list 100 per second.
const SCALE = 60;

const limited = () => startTestEmulator({ quiet: true, rateLimit: "documented", rateLimitScale: SCALE });

const domain = (n: number) => ({
  indicatorValue: `budget-${n}.example`,
  indicatorType: "DomainName" as const,
  action: "Allowed" as const,
  title: `Budget ${n}`,
  description: "made by a test",
});

async function importOneByOne(emu: RunningEmulator, options: ConnectOptions, n: number) {
  const session = await connectTo(emu, { apiUrl: `${emu.url}/api`, ...options });
  const wire = recordWire(session);
  const items = Array.from({ length: n }, (_, i) => domain(i));
  const results = await session.indicators.import(items, { chunkSize: 1 });
  const count = await session.indicators.count();
  await session.close();
  return { results, count, statuses: wire.map((e) => e.status) };
}

describe("the rate budget", () => {
  it("keeps 45 import calls within 30 per (scaled) minute: no 429 at all, every item in", async () => {
    const emu = await limited();
    const run = await importOneByOne(emu, { rateBudgetScale: SCALE }, 45);
    expect(run.statuses.filter((s) => s === 429)).toEqual([]);
    expect(run.statuses.filter((s) => s === 200)).toHaveLength(46);
    expect(run.results.every((r) => !r.isFailed)).toBe(true);
    expect(run.count).toBe(45);
  });

  it("without it the same run meets the service's 429s (and only the retries save it)", async () => {
    const emu = await limited();
    const run = await importOneByOne(emu, { rateBudget: "off", retry: { limit: 10 } }, 45);
    expect(run.statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(run.count).toBe(45);
  });

  it(
    "imports 15,000 indicators under the scaled limits and 503:10%,reset:1% faults: exactly 15,000, zero 429s",
    { timeout: 120_000 },
    async () => {
      const emu = await startTestEmulator({
        quiet: true,
        rateLimit: "documented",
        rateLimitScale: SCALE,
        faultSeed: 15,
      });
      const session = await connectTo(emu, {
        apiUrl: `${emu.url}/api`,
        rateBudgetScale: SCALE,
        retry: { limit: 8, baseDelayMs: 20, maxDelayMs: 400 },
      });
      const items = Array.from({ length: 15_000 }, (_, i) => ({
        indicatorValue: sha1(1_000_000 + i),
        indicatorType: "FileSha1" as const,
        action: "Block" as const,
        title: `feed ${i}`,
        description: "from a feed",
      }));
      await admin(emu, "faults", { rules: "503:10%,reset:1%" });
      const wire = recordWire(session);
      const results = await session.indicators.import(items);
      await admin(emu, "faults", { rules: "" });
      expect(wire.filter((e) => e.status === 429)).toEqual([]);
      expect(results.filter((r) => r.isFailed)).toEqual([]);
      expect(new Set(results.map((r) => r.id)).size).toBe(15_000);
      expect(await session.indicators.count()).toBe(15_000);
      const stats = await admin<Stats>(emu, "stats");
      expect(stats.faultsInjected).toBeGreaterThan(0);
      await session.close();
    },
  );

  it("refuses a bad rate budget setting, naming it", async () => {
    const emu = await limited();
    await expect(connectTo(emu, { rateBudget: "fast" as never })).rejects.toThrow(
      /rateBudget must be "documented" or "off", got "fast"/,
    );
    await expect(connectTo(emu, { rateBudgetScale: 0 })).rejects.toThrow(/rateBudgetScale must be a whole/);
  });
});
