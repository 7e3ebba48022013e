import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import type { Session } from "../../src/api/index.js";
import type { AlertDefinition, IndicatorOfCompromise } from "../../src/schema/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { admin, alertInput, connectTo, recordWire, sha1 } from "./support.js";

// The emulator's clock runs `lagMs` behind the machine's, so a test can make an entity look older than it is.
let lagMs = 0;
let emu: RunningEmulator;
let session: Session;
let other: Session;

beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true, faultSeed: 3, now: () => Date.now() - lagMs });
  session = await connectTo(emu);
  other = await connectTo(emu);
});
afterAll(async () => {
  await session.close();
  await other.close();
});

async function stored() {
  return admin<{ AlertDefinitions: AlertDefinition[]; IndicatorsOfCompromise: IndicatorOfCompromise[] }>(
    emu,
    "state",
  );
}

/** The next API request's connection is destroyed before the service acts on it. */
const resetNext = () => admin(emu, "faults", { rules: "reset:100%x1" });

describe("a create whose first attempt was reset", () => {
  it("re-sends rather than adopt a recent entity that differs in a field that was sent", async () => {
    const a = await session.alerts.create(alertInput("same four"));
    await resetNext();
    const b = await session.alerts.create({
      ...alertInput("same four"),
      InternalDescription: "another description",
      Enabled: false,
    });
    expect(b.Id).not.toBe(a.Id);
    expect(b.InternalDescription).toBe("another description");
    expect(b.Enabled).toBe(false);
    const mine = (await stored()).AlertDefinitions.filter((d) => d.Name === "alert same four");
    expect(mine.map((d) => d.Id).sort()).toEqual([a.Id, b.Id].sort());
  });

  it("re-sends rather than adopt an identical entity this session already returned", async () => {
    const a = await session.alerts.create(alertInput("twice"));
    await resetNext();
    const b = await session.alerts.create(alertInput("twice"));
    expect(b.Id).not.toBe(a.Id);
    expect((await stored()).AlertDefinitions.filter((d) => d.Name === "alert twice")).toHaveLength(2);
  });

  it("re-sends rather than adopt an identical entity the service created before the attempt began", async () => {
    lagMs = 30_000;
    const a = await other.alerts.create(alertInput("older"));
    lagMs = 0;
    await resetNext();
    const b = await session.alerts.create(alertInput("older"));
    expect(b.Id).not.toBe(a.Id);
    expect((await stored()).AlertDefinitions.filter((d) => d.Name === "alert older")).toHaveLength(2);
  });

  it("re-sends an IOC rather than adopt one that differs in a sent field or was already returned", async () => {
    const alert = await session.alerts.create(alertInput("ioc owner"));
    const ioc = {
      Type: "Sha1" as const,
      Value: sha1(7_001),
      DetectionFunction: "Equals" as const,
      AlertDefinition: alert.Id,
    };
    const first = await session.iocs.create({ ...ioc, Enabled: true });
    const later = { ...ioc, Enabled: false, ExpiresAt: "2030-01-01T00:00:00Z" };
    await resetNext();
    const second = await session.iocs.create(later);
    await resetNext();
    const third = await session.iocs.create(later);
    expect(new Set([first.Id, second.Id, third.Id]).size).toBe(3);
    expect([second.Enabled, third.Enabled]).toEqual([false, false]);
    const mine = (await stored()).IndicatorsOfCompromise.filter((i) => i.Value === sha1(7_001));
    expect(mine).toHaveLength(3);
  });
});

describe("a create after a bulk upload of the same IOC", () => {
  it("re-sends rather than adopt what the upload created", async () => {
    const alert = await session.alerts.create(alertInput("bulk owner"));
    const ioc = {
      Type: "Sha1" as const,
      Value: sha1(7_002),
      DetectionFunction: "Equals" as const,
      AlertDefinition: alert.Id,
    };
    const [uploaded] = await session.iocs.bulkUpload([ioc]);
    await resetNext();
    const single = await session.iocs.create(ioc);
    expect(single.Id).not.toBe(uploaded?.Id);
    expect((await stored()).IndicatorsOfCompromise.filter((i) => i.Value === sha1(7_002))).toHaveLength(2);
  });
});

describe("a DELETE of an Id that never existed", () => {
  it("is a 404 after a retried 503 (the 503 said the first attempt was not applied)", async () => {
    await admin(emu, "faults", { rules: "503/0:100%x1" });
    const wire = recordWire(session);
    await expect(session.alerts.delete(987_654)).rejects.toMatchObject({ kind: "http", status: 404 });
    expect(wire.filter((e) => e.method === "DELETE").map((e) => e.status)).toEqual([503, 404]);
  });

  it("counts as done after a reset (the first attempt may have deleted it)", async () => {
    await resetNext();
    await expect(session.alerts.delete(987_655)).resolves.toBeUndefined();
  });
});
