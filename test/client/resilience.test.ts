import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import type { Session } from "../../src/api/index.js";
import type { IndicatorOfCompromise } from "../../src/schema/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import {
  admin,
  alertInput,
  connectTo,
  recordWire,
  sha1,
  startLossyProxy,
  type LossyProxy,
  type Stats,
} from "./support.js";

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true, faultSeed: 7 });
});

async function storedIocs(): Promise<IndicatorOfCompromise[]> {
  const state = await admin<{ IndicatorsOfCompromise: IndicatorOfCompromise[] }>(emu, "state");
  return state.IndicatorsOfCompromise;
}

describe("under injected faults", () => {
  let session: Session;
  afterAll(async () => {
    await admin(emu, "faults", { rules: "" });
    await session.close();
  });

  it(
    "ends 1,000 creates and 1,000 reads with exactly 1,000 IOCs, no duplicate and no failure surfaced",
    { timeout: 240_000 },
    async () => {
      session = await connectTo(emu, {
        concurrency: 16,
        retry: { limit: 8, baseDelayMs: 20, maxDelayMs: 400 },
      });
      const alert = await session.alerts.create(alertInput("faults"));
      // Retry-After: 0 (the `/0` form): the test needs the retry path, not the wait (a 429 with Retry-After: 1
      // pauses the whole origin for a second, which made this run wait about a minute).
      await admin(emu, "faults", { rules: "503/0:10%,429/0:5%,reset:1%" });
      const wire = recordWire(session);
      const created = await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          session.iocs.create({
            Type: "Sha1",
            Value: sha1(i + 1),
            DetectionFunction: "Equals",
            AlertDefinition: alert.Id,
          }),
        ),
      );
      const read = await Promise.all(created.map((ioc) => session.iocs.get(ioc.Id)));
      await admin(emu, "faults", { rules: "" });

      expect(read.map((i) => i.Value)).toEqual(created.map((i) => i.Value));
      const stored = await storedIocs();
      expect(stored).toHaveLength(1000);
      expect(new Set(stored.map((i) => i.Value)).size).toBe(1000);
      const stats = await admin<Stats>(emu, "stats");
      expect(stats.faultsInjected).toBeGreaterThan(100);
      expect(wire.filter((e) => e.status === 503).length).toBeGreaterThan(50);
      expect(wire.filter((e) => e.status === 429).length).toBeGreaterThan(20);
      expect(wire.some((e) => e.error === "network")).toBe(true);
    },
  );
});

describe("when a reply is lost after the service acted", () => {
  let proxy: LossyProxy;
  let session: Session;
  afterAll(async () => {
    await session.close();
    await proxy.close();
  });

  it(
    "reads back before re-sending a create, so the lost reply makes no duplicate",
    { timeout: 120_000 },
    async () => {
      let posts = 0;
      // Every 7th IOC create is carried out by the service but its reply never arrives.
      proxy = await startLossyProxy(
        emu.url,
        (method, path) => method === "POST" && path.endsWith("/IndicatorsOfCompromise") && ++posts % 7 === 0,
      );
      session = await connectTo(emu, { apiUrl: `${proxy.url}/V1.0` });
      const alert = await session.alerts.create(alertInput("lossy"));
      const before = (await storedIocs()).length;
      const created = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          session.iocs.create({
            Type: "Sha1",
            Value: sha1(50_000 + i),
            DetectionFunction: "Equals",
            AlertDefinition: alert.Id,
          }),
        ),
      );
      expect(proxy.dropped).toBeGreaterThanOrEqual(14);
      expect(new Set(created.map((i) => i.Id)).size).toBe(100);
      const mine = (await storedIocs()).filter((i) => i.AlertDefinitionId === alert.Id);
      expect(mine).toHaveLength(100);
      expect((await storedIocs()).length - before).toBe(100);
    },
  );

  it("reads back an update whose reply was lost instead of failing", async () => {
    const alert = await session.alerts.create(alertInput("lossy patch"));
    await proxy.close();
    let dropped = false;
    proxy = await startLossyProxy(emu.url, (method) => method === "PATCH" && !dropped && (dropped = true));
    const patched = await connectTo(emu, { apiUrl: `${proxy.url}/V1.0` });
    const wire = recordWire(patched);
    const updated = await patched.alerts.update(alert.Id, { Title: "after a lost reply" });
    expect(updated.Title).toBe("after a lost reply");
    expect(wire.filter((e) => e.method === "PATCH")).toHaveLength(1);
    await patched.close();
  });
});
