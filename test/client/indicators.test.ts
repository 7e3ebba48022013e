import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { normalizeConnectOptions, type ConnectedSession } from "../../src/connect.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { ValidationError } from "../../src/errors/index.js";
import { admin, connectTo, recordWire, sha1 } from "./support.js";

let emu: RunningEmulator;
let session: ConnectedSession;

/** The emulator's Indicators API root and its v2.0 token endpoint. */
const indicatorsOf = (e: RunningEmulator) => ({
  apiUrl: `${e.url}/api`,
  authUrl: e.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
});

const domain = (n: number | string) => ({
  indicatorValue: `bad-${n}.example`,
  indicatorType: "DomainName" as const,
  action: "Block" as const,
  title: `Bad ${n}`,
  description: "made by a test",
});

beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true });
  session = await connectTo(emu, indicatorsOf(emu));
});
afterAll(() => session.close());

describe("choosing the service", () => {
  const credentials = {
    authUrl: "https://login.example/t/oauth2/v2.0/token",
    clientId: "c",
    clientSecret: "s",
  };
  const settings = (more: object, env: Record<string, string> = {}) =>
    normalizeConnectOptions({ ...credentials, env, ...more });

  it("takes the Indicators API's defaults when asked by option or TI_SERVICE", () => {
    for (const s of [settings({ service: "indicators" }), settings({}, { TI_SERVICE: "indicators" })]) {
      expect(s).toMatchObject({
        service: "indicators",
        apiUrl: "https://api.securitycenter.microsoft.com/api",
        resource: "https://api.securitycenter.microsoft.com",
      });
    }
  });

  it("reads the service from the API URL: /api and the documented hosts are the Indicators API, /V1.0 custom TI", () => {
    expect(settings({ apiUrl: "https://eu.api.security.microsoft.com/api" }).service).toBe("indicators");
    expect(settings({ apiUrl: "https://api.security.microsoft.com/api/v1.0" }).service).toBe("indicators");
    expect(settings({ apiUrl: "https://uk.api.security.microsoft.com" }).service).toBe("indicators");
    expect(settings({ apiUrl: "https://ti.securitycenter.windows.com/V1.0" })).toMatchObject({
      service: "custom-ti",
      resource: "https://graph.windows.net",
    });
    expect(settings({}).service).toBe("custom-ti");
  });

  it("refuses an unknown service and one the API URL contradicts, naming field, value and rule", () => {
    expect(() => settings({}, { TI_SERVICE: "graph" })).toThrow(
      /service \(TI_SERVICE\) must be one of custom-ti, indicators, got "graph"/,
    );
    expect(() =>
      settings({ service: "indicators", apiUrl: "https://ti.securitycenter.windows.com/V1.0" }),
    ).toThrow(/is a custom-ti URL/);
  });
});

describe("tokens for the Indicators API", () => {
  it("asks the v2.0 endpoint for <resource>/.default and the v1 endpoint for the resource", async () => {
    expect(session.service).toBe("indicators");
    expect(session.token.claims()).toMatchObject({
      aud: "https://api.securitycenter.microsoft.com",
      ver: "2.0",
    });
    const v1 = await connectTo(emu, { apiUrl: `${emu.url}/api` });
    expect(v1.token.claims()).toMatchObject({ aud: "https://api.securitycenter.microsoft.com", ver: "1.0" });
    expect((await v1.indicators.list()).length).toBeGreaterThanOrEqual(0);
    await v1.close();
  });

  it("keeps a resource already given as a .default scope", async () => {
    const s = await connectTo(emu, {
      ...indicatorsOf(emu),
      resource: "https://api.security.microsoft.com/.default",
    });
    expect(s.token.claims()).toMatchObject({ aud: "https://api.security.microsoft.com" });
    await s.close();
  });
});

describe("session.indicators", () => {
  it("submits (create, then update by value, type and action), gets, counts and deletes", async () => {
    const created = await session.indicators.submit(domain("crud"));
    expect(created).toMatchObject({ indicatorValue: "bad-crud.example", severity: "Informational" });
    expect(created).not.toHaveProperty("@odata.context");
    const updated = await session.indicators.submit({ ...domain("crud"), severity: "high" });
    expect(updated).toMatchObject({ id: created.id, severity: "High" });
    expect(await session.indicators.get(created.id)).toMatchObject({ id: created.id, severity: "High" });
    expect(await session.indicators.count("indicatorValue eq 'bad-crud.example'")).toBe(1);
    await session.indicators.delete(created.id);
    await expect(session.indicators.get(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(session.indicators.delete(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it("refuses a bad indicator before any request, naming field, value and rule", async () => {
    const wire = recordWire(session);
    const bad = [
      [{ ...domain("x"), indicatorType: "FileSha1" }, /indicatorValue: "bad-x.example" must be 40 hex/],
      [
        { ...domain("x"), action: "Alert" },
        /action: "Alert" is a legacy action.*use Audit with generateAlert/,
      ],
      [{ ...domain("x"), action: "Audit" }, /generateAlert: false must be true when action is Audit/],
      [{ ...domain("x"), expirationTime: "2001-01-01T00:00:00Z" }, /expirationTime: .* is in the past/],
      [{ ...domain("x"), title: undefined }, /title: \(missing\) is required/],
    ] as const;
    for (const [input, message] of bad)
      await expect(session.indicators.submit(input as never)).rejects.toThrow(message);
    await expect(session.indicators.list({ top: 10_001 })).rejects.toThrow(
      /top: 10001 must be at most 10000/,
    );
    expect(wire).toEqual([]);
  });

  it("lists every page lazily with filter, orderBy, top and skip", async () => {
    const results = await session.indicators.import(
      Array.from({ length: 25 }, (_, i) => ({
        ...domain(`list-${String(i).padStart(2, "0")}`),
        action: "Warn",
      })),
    );
    expect(results.every((r) => !r.isFailed)).toBe(true);
    const filter = "action eq 'Warn'";
    const wire = recordWire(session);
    const all = await session.indicators.list({ filter, orderBy: "title desc", pageSize: 10 }).toArray();
    expect(all.map((i) => i.title)).toEqual(
      Array.from({ length: 25 }, (_, i) => `Bad list-${String(24 - i).padStart(2, "0")}`),
    );
    expect(wire.filter((e) => e.method === "GET")).toHaveLength(3);
    const window = await session.indicators.list({ filter, orderBy: "title", top: 5, skip: 20 }).toArray();
    expect(window.map((i) => i.title)).toEqual([
      "Bad list-20",
      "Bad list-21",
      "Bad list-22",
      "Bad list-23",
      "Bad list-24",
    ]);
    const page = await session.indicators.list({ filter, count: true, top: 1 });
    expect(page.count).toBe(25);
    expect(await session.indicators.count(filter)).toBe(25);
  });

  it("imports 1,200 indicators in 3 calls of at most 500 with per-item results in order", async () => {
    const items = Array.from({ length: 1200 }, (_, i) => ({
      indicatorValue: sha1(70_000 + i),
      indicatorType: "FileSha1" as const,
      action: "Audit" as const,
      generateAlert: true,
      title: `hash ${i}`,
      description: "imported",
    }));
    const wire = recordWire(session);
    const progress: number[] = [];
    const results = await session.indicators.import(items, { onProgress: (done) => progress.push(done) });
    expect(wire.filter((e) => e.url.endsWith("/api/indicators/import"))).toHaveLength(3);
    expect(progress).toEqual([500, 1000, 1200]);
    expect(results).toHaveLength(1200);
    expect(results.map((r) => r.indicator)).toEqual(items.map((i) => i.indicatorValue));
    expect(await session.indicators.count("indicatorType eq 'FileSha1'")).toBe(1200);
    // Upsert: importing the same items again updates them, it does not duplicate them.
    const again = await session.indicators.import(items.slice(0, 10));
    expect(again.map((r) => r.id)).toEqual(results.slice(0, 10).map((r) => r.id));
    expect(await session.indicators.count("indicatorType eq 'FileSha1'")).toBe(1200);

    const ids = results.map((r) => r.id as string);
    const deletes = recordWire(session);
    await session.indicators.batchDelete([...ids, ids[0] as string]);
    expect(deletes.filter((e) => e.url.endsWith("/api/indicators/BatchDelete"))).toHaveLength(3);
    expect(await session.indicators.count("indicatorType eq 'FileSha1'")).toBe(0);
  });

  it("passes on BatchDelete's all-or-nothing 404 and refuses a malformed id before sending", async () => {
    await admin(emu, "reset", {});
    const [kept] = await session.indicators.import([domain("kept")]);
    await expect(session.indicators.batchDelete([kept?.id as string, "999999"])).rejects.toMatchObject({
      status: 404,
    });
    expect(await session.indicators.count()).toBe(1);
    await expect(session.indicators.batchDelete(["12a"])).rejects.toThrow(
      /ids\[0\]: "12a" must be a numeric/,
    );
  });
});

describe("indicators.where", () => {
  it("builds filters typed by field that the emulator answers, through list and count", async () => {
    await admin(emu, "reset", {});
    await session.indicators.import([
      domain("w1"),
      { ...domain("w2"), action: "Audit", generateAlert: true, severity: "High" },
      { ...domain("w3"), expirationTime: "2031-01-01T00:00:00Z" },
    ]);
    const where = session.indicators.where;
    const audit = where.and(where.eq("action", "Audit"), where.eq("generateAlert", true));
    expect(String(audit)).toBe("(action eq 'Audit') and (generateAlert eq true)");
    expect((await session.indicators.list({ filter: audit }).toArray()).map((i) => i.indicatorValue)).toEqual(
      ["bad-w2.example"],
    );
    expect(await session.indicators.count(where.in("severity", ["High", "Informational"]))).toBe(3);
    expect(await session.indicators.count(where.lt("expirationTime", new Date("2032-01-01T00:00:00Z")))).toBe(
      1,
    );
    expect(await session.indicators.count(where.startsWith("indicatorValue", "bad-w"))).toBe(3);
  });

  it("refuses a wrong field or value type, at compile time and at run time, naming field, value and rule", () => {
    const where = session.indicators.where;
    // @ts-expect-error misspelt field
    expect(() => where.eq("indicatorvalue", "x")).toThrow(ValidationError);
    // @ts-expect-error description is not filterable on the Indicators API
    expect(() => where.eq("description", "x")).toThrow(
      /description "description" is not a property of the Indicators API's \$filter \(filterable: indicatorValue/,
    );
    // @ts-expect-error not an action
    expect(() => where.eq("action", "Deny")).toThrow(/action "Deny" must be one of Allowed, Audit/);
    // @ts-expect-error not an indicator type
    expect(() => where.eq("indicatorType", "Sha1")).toThrow(/must be one of FileSha1/);
    // @ts-expect-error generateAlert is a boolean
    expect(() => where.eq("generateAlert", "true")).toThrow(/true or false/);
    // @ts-expect-error not an ISO date-time
    expect(() => where.lt("expirationTime", "soon")).toThrow(/ISO 8601/);
    // @ts-expect-error indicatorValue is never null
    expect(() => where.eq("indicatorValue", null)).toThrow(/never null/);
    // @ts-expect-error booleans are not ordered
    expect(() => where.gt("generateAlert", true)).toThrow(/cannot be ordered/);
    expect(String(where.eq("indicatorType", "DomainName"))).toBe("indicatorType eq 'DomainName'");
  });
});

describe("deleting an indicator that never existed", () => {
  it("is a 404 after a retried 503, for delete and BatchDelete (the 503 said nothing was applied)", async () => {
    const wire = recordWire(session);
    await admin(emu, "faults", { rules: "503/0:100%x1" });
    await expect(session.indicators.delete("987654")).rejects.toMatchObject({ status: 404 });
    await admin(emu, "faults", { rules: "503/0:100%x1" });
    await expect(session.indicators.batchDelete(["987655"])).rejects.toMatchObject({ status: 404 });
    expect(wire.filter((e) => e.url.includes("/api/indicators/")).map((e) => e.status)).toEqual([
      503, 404, 503, 404,
    ]);
  });

  it("counts as done after a reset (the first attempt may have deleted it)", async () => {
    await admin(emu, "faults", { rules: "reset:100%x1" });
    await expect(session.indicators.delete("987656")).resolves.toBeUndefined();
  });
});

describe("sets of the other service", () => {
  it("refuses alerts and iocs on an Indicators API session, and indicators on a custom TI one", async () => {
    await expect(session.alerts.list()).rejects.toThrow(
      /session.alerts is custom TI's, but this session speaks the Indicators API/,
    );
    await expect(session.iocs.count()).rejects.toMatchObject({ kind: "config" });
    const custom = await connectTo(emu);
    expect(custom.service).toBe("custom-ti");
    await expect(custom.indicators.count()).rejects.toThrow(/session.indicators is the Indicators API's/);
    await custom.close();
  });
});
