import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { indicatorCaller } from "./indicators/support.js";
import { caller, type Call } from "./support.js";

const NOW = Date.parse("2026-12-03T12:00:00Z");
const DAY = 86_400_000;

/** Every entity of a set, following the service's next links. */
async function all(call: Call, path: string, origin: string): Promise<any[]> {
  const rows: any[] = [];
  for (let next: string | undefined = path; next;) {
    const reply = await call("GET", next);
    expect(reply.status).toBe(200);
    const page = reply.json as any;
    rows.push(...page.value);
    next = page["@odata.nextLink"]?.replace(origin, "");
  }
  return rows;
}

async function demo(now = NOW) {
  const emulator = await startTestEmulator({ seed: "demo", now: () => now });
  const call = caller(emulator);
  return {
    definitions: await all(call, "/V1.0/AlertDefinitions", emulator.url),
    iocs: await all(call, "/V1.0/IndicatorsOfCompromise", emulator.url),
    indicators: await all(indicatorCaller(emulator), "/api/indicators", emulator.url),
  };
}

const tally = (rows: any[], key: string) => new Set(rows.map((r) => r[key]));

describe("--seed demo", () => {
  it("holds a few hundred custom TI entities over every severity, IOC type and detection function", async () => {
    const { definitions, iocs } = await demo();
    expect(definitions.length).toBe(41);
    expect(iocs.length).toBeGreaterThan(250);
    expect(iocs.length).toBeLessThan(400);
    expect(tally(definitions, "Severity")).toEqual(new Set(["Informational", "Low", "Medium", "High"]));
    expect(tally(definitions, "Category").size).toBeGreaterThanOrEqual(6);
    expect(tally(iocs, "Type")).toEqual(new Set(["Sha1", "Sha256", "Md5", "IpAddress", "DomainName"]));
    expect(tally(iocs, "DetectionFunction")).toEqual(new Set(["Equals", "StartWith", "EndWith", "Contains"]));
    expect(definitions.filter((d) => !d.Enabled).length).toBeGreaterThanOrEqual(3);
    expect(iocs.filter((i) => !i.Enabled).length).toBeGreaterThanOrEqual(3);
  });

  it("spreads creation over the three months before the clock, none in the future, and keeps expired IOCs expired", async () => {
    const { definitions, iocs } = await demo();
    const created = [...definitions, ...iocs].map((e) => Date.parse(e.CreatedAt));
    expect(Math.max(...created)).toBeLessThanOrEqual(NOW);
    expect(Math.min(...created)).toBeGreaterThanOrEqual(NOW - 91 * DAY);
    expect(Math.min(...created)).toBeLessThan(NOW - 80 * DAY);
    expect(new Set(iocs.map((i) => i.CreatedAt.slice(0, 10))).size).toBeGreaterThan(60);
    const byId = new Map(definitions.map((d) => [d.Id, d]));
    for (const ioc of iocs) expect(ioc.CreatedAt >= byId.get(ioc.AlertDefinitionId).CreatedAt).toBe(true);
    const expired = iocs.filter((i) => i.ExpiresAt !== null && Date.parse(i.ExpiresAt) < NOW);
    expect(expired.length).toBeGreaterThanOrEqual(5);
    // A year later the same IOCs (and more) are expired: dates follow the emulator's clock.
    const later = await demo(NOW + 365 * DAY);
    const expiredLater = later.iocs.filter(
      (i) => i.ExpiresAt !== null && Date.parse(i.ExpiresAt) < NOW + 365 * DAY,
    );
    expect(expiredLater.length).toBeGreaterThanOrEqual(expired.length);
  });

  it("has near-duplicates to find: one hash in two definitions, a domain and its EndWith", async () => {
    const { iocs } = await demo();
    const byValue = new Map<string, any[]>();
    for (const ioc of iocs)
      byValue.set(ioc.Value.toLowerCase(), [...(byValue.get(ioc.Value.toLowerCase()) ?? []), ioc]);
    const repeated = [...byValue.values()].filter((group) => group.length > 1);
    expect(repeated.some((g) => new Set(g.map((i: any) => i.AlertDefinitionId)).size >= 2)).toBe(true);
    // The upper-case copy is stored in lower case, so the hash is in three definitions.
    expect(repeated.some((g) => new Set(g.map((i: any) => i.AlertDefinitionId)).size >= 3)).toBe(true);
    const values = iocs.map((i) => `${i.DetectionFunction} ${i.Value}`);
    expect(values).toContain("Equals cdn.northwind-cdn.example");
    expect(values).toContain("EndWith .northwind-cdn.example");
  });

  it("is deterministic: the same clock gives the same entities", async () => {
    expect(await demo()).toEqual(await demo());
  });

  it("brings a few hundred Indicators-API indicators over every type, action and severity, none expired", async () => {
    const { indicators } = await demo();
    expect(indicators.length).toBe(250);
    expect(tally(indicators, "indicatorType").size).toBe(7);
    expect(tally(indicators, "action").size).toBe(5);
    expect(tally(indicators, "severity")).toEqual(new Set(["Informational", "Low", "Medium", "High"]));
    const expiries = indicators.filter((i) => i.expirationTime).map((i) => Date.parse(i.expirationTime));
    expect(Math.min(...expiries)).toBeGreaterThan(NOW);
    expect(expiries.filter((ms) => ms < NOW + 7 * DAY).length).toBeGreaterThan(10);
  });
});
