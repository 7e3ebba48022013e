import { describe, expect, it } from "vitest";
import type { IndicatorOfCompromise } from "../../src/schema/index.js";
import { importIocs, type BulkSets } from "../../src/bulk/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { iocsOf, keysOf, newAlert, openSession, syntheticCsv } from "./session.js";

describe("imports under trouble", () => {
  it("ends with exactly 5,000 IOCs and no duplicates under 10% 503, 5% 429 and 1% resets", async () => {
    const emu = await startTestEmulator({ quiet: true, faults: "503:10%,429:5%,reset:1%", faultSeed: 7 });
    const session = await openSession(emu);
    const alert = await retrying(() => newAlert(session));
    const input = syntheticCsv(5000);
    const plan = await importIocs(session, input, { alert });
    expect(plan.counts.create).toBe(5000);
    const result = await plan.apply({ confirm: true, chunkSize: 250 });
    expect(result).toMatchObject({ created: 5000, failed: 0, skipped: 0 });
    // 429s carry Retry-After: 1, and the session's gate reports the time it held requests back.
    expect(result.waitingMs).toBeGreaterThanOrEqual(1000);
    const stored = await iocsOf(session, alert);
    expect(stored).toHaveLength(5000);
    expect(new Set(keysOf(stored)).size).toBe(5000);
    const stats = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as { faultsInjected: number };
    expect(stats.faultsInjected).toBeGreaterThan(0);
  }, 120_000);

  it("is not disturbed by a 3-second token lifetime during a long import", async () => {
    const emu = await startTestEmulator({ quiet: true, tokenLifetimeSeconds: 3, latency: "60" });
    const session = await openSession(emu);
    const alert = await newAlert(session);
    const result = await (
      await importIocs(session, syntheticCsv(2000), { alert })
    ).apply({
      confirm: true,
      chunkSize: 20,
      chunkConcurrency: 1,
    });
    expect(result).toMatchObject({ created: 2000, failed: 0 });
    expect(await iocsOf(session, alert)).toHaveLength(2000);
    const stats = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as { tokensIssued: number };
    // 100 chunks at 60 ms each outlive the 3-second token at least twice.
    expect(stats.tokensIssued).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it("looks up a chunk whose answer was lost after it landed, and does not send it again", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const session = await openSession(emu);
    const alert = await newAlert(session);
    let lost = 0;
    const sets: BulkSets = {
      alerts: session.alerts,
      iocs: {
        ...session.iocs,
        async bulkUpload(items, options): Promise<IndicatorOfCompromise[]> {
          const created = await session.iocs.bulkUpload(items, options);
          if (lost++ === 1)
            throw Object.assign(new Error("socket hang up after the reply was sent"), { kind: "network" });
          return created;
        },
      },
    };
    const result = await (
      await importIocs(sets, syntheticCsv(100), { alert })
    ).apply({
      confirm: true,
      chunkSize: 25,
      chunkConcurrency: 1,
    });
    expect(result).toMatchObject({ created: 100, failed: 0 });
    expect(lost).toBe(4);
    const stored = await iocsOf(session, alert);
    expect(new Set(keysOf(stored)).size).toBe(100);
    expect(stored).toHaveLength(100);
  });
});

// Setting up under injected faults: the alert create is a POST the client may refuse to repeat blindly.
async function retrying<T>(action: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= 10) throw error;
    }
  }
}
