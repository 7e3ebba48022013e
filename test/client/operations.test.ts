import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { where } from "../../src/http/index.js";
import type { ConnectedSession } from "../../src/connect.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { admin, alertInput, connectTo, recordWire, sha1 } from "./support.js";

let emu: RunningEmulator;
let session: ConnectedSession;

beforeAll(async () => {
  emu = await startTestEmulator({ pageSize: 10, quiet: true });
  session = await connectTo(emu);
});
afterAll(() => session.close());

describe("alerts", () => {
  it("creates, gets, updates, disables, enables and deletes an alert definition", async () => {
    const created = await session.alerts.create(alertInput("crud"));
    expect(created).toMatchObject({ Name: "alert crud", Severity: "Low", Enabled: true });
    expect(await session.alerts.get(created.Id)).toEqual(created);
    const updated = await session.alerts.update(created.Id, { Severity: "High", Title: "Changed" });
    expect(updated).toMatchObject({ Id: created.Id, Severity: "High", Title: "Changed" });
    expect((await session.alerts.disable(created.Id)).Enabled).toBe(false);
    expect((await session.alerts.enable(created.Id)).Enabled).toBe(true);
    await session.alerts.delete(created.Id);
    await expect(session.alerts.get(created.Id)).rejects.toMatchObject({
      status: 404,
      code: "ResourceNotFound",
    });
  });

  it("normalises enum spelling before sending (low becomes Low)", async () => {
    const created = await session.alerts.create({ ...alertInput("case"), Severity: "low" });
    expect(created.Severity).toBe("Low");
  });

  it("warns about an unknown Category through the warning callback but still creates", async () => {
    const warnings: string[] = [];
    const created = await session.alerts.create(
      { ...alertInput("odd category"), Category: "Cryptojacking" },
      { onWarning: (w) => warnings.push(w.message) },
    );
    expect(created.Category).toBe("Cryptojacking");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Category: "Cryptojacking" is not one of/);
  });

  it("warns about an ExpiresAt in the past through the warning callback but still creates", async () => {
    const warnings: string[] = [];
    const alert = await session.alerts.create(alertInput("past expiry"));
    const ioc = {
      Type: "Sha1",
      Value: sha1(9100),
      DetectionFunction: "Equals",
      AlertDefinition: alert.Id,
    } as const;
    const onWarning = (w: { message: string }): number => warnings.push(w.message);
    await session.iocs.create({ ...ioc, ExpiresAt: "2020-01-01T00:00:00Z" }, { onWarning });
    await session.iocs.create(
      { ...ioc, Value: sha1(9101), ExpiresAt: "2999-01-01T00:00:00Z" },
      { onWarning },
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^IndicatorsOfCompromise: ExpiresAt: "2020-01-01T00:00:00Z" is in the past \(now is .*\): the IOC never matches$/,
    );
  });

  it("deletes every IOC of a definition with deleteIocs and keeps the definition", async () => {
    const alert = await session.alerts.create(alertInput("deleteIocs"));
    for (let i = 0; i < 3; i++) {
      await session.iocs.create({
        Type: "Sha1",
        Value: sha1(9000 + i),
        DetectionFunction: "Equals",
        AlertDefinition: alert.Id,
      });
    }
    expect(await session.iocs.count(where.eq("AlertDefinitionId", alert.Id))).toBe(3);
    await session.alerts.deleteIocs(alert.Id);
    expect(await session.iocs.count(where.eq("AlertDefinitionId", alert.Id))).toBe(0);
    expect((await session.alerts.get(alert.Id)).Id).toBe(alert.Id);
  });
});

describe("iocs", () => {
  it("creates an IOC from `AlertDefinition: <id>` by sending AlertDefinition@odata.bind", async () => {
    const alert = await session.alerts.create(alertInput("bind"));
    const ioc = await session.iocs.create({
      Type: "SHA1",
      Value: "DEAD1111EEAABBCCDDEEAABBCCDDEE11FFFFFFFF",
      DetectionFunction: "Equals",
      Enabled: true,
      AlertDefinition: alert.Id,
    });
    expect(ioc).toMatchObject({
      Type: "Sha1",
      Value: "dead1111eeaabbccddeeaabbccddee11ffffffff",
      AlertDefinitionId: alert.Id,
    });
    expect(await session.iocs.get(ioc.Id)).toEqual(ioc);
  });

  it("accepts the documented raw bind property too", async () => {
    const alert = await session.alerts.create(alertInput("raw bind"));
    const ioc = await session.iocs.create({
      Type: "IpAddress",
      Value: "52.184.197.12",
      DetectionFunction: "Equals",
      "AlertDefinition@odata.bind": `AlertDefinitions(${alert.Id})`,
    });
    expect(ioc.AlertDefinitionId).toBe(alert.Id);
  });

  it("moves an IOC to another alert definition through its $ref", async () => {
    const from = await session.alerts.create(alertInput("move from"));
    const to = await session.alerts.create(alertInput("move to"));
    const ioc = await session.iocs.create({
      Type: "DomainName",
      Value: "evil.example.com",
      DetectionFunction: "Equals",
      AlertDefinition: from.Id,
    });
    await session.iocs.move(ioc.Id, to.Id);
    expect((await session.iocs.get(ioc.Id)).AlertDefinitionId).toBe(to.Id);
  });

  it("updates, disables and deletes an IOC", async () => {
    const alert = await session.alerts.create(alertInput("ioc crud"));
    const ioc = await session.iocs.create({
      Type: "Md5",
      Value: "d41d8cd98f00b204e9800998ecf8427e",
      DetectionFunction: "Equals",
      AlertDefinition: alert.Id,
    });
    expect((await session.iocs.update(ioc.Id, { ExpiresAt: "2031-01-01T00:00:00Z" })).ExpiresAt).toMatch(
      /^2031-01-01T00:00:00/,
    );
    expect((await session.iocs.disable(ioc.Id)).Enabled).toBe(false);
    await session.iocs.delete(ioc.Id);
    await expect(session.iocs.get(ioc.Id)).rejects.toMatchObject({ status: 404 });
  });

  it("lists an alert definition's IOCs with forAlert, across pages", async () => {
    const alert = await session.alerts.create(alertInput("forAlert"));
    const other = await session.alerts.create(alertInput("forAlert other"));
    const items = Array.from({ length: 25 }, (_, i) => ({
      Type: "Sha1" as const,
      Value: sha1(5000 + i),
      DetectionFunction: "Equals" as const,
      AlertDefinition: alert.Id,
    }));
    await session.iocs.bulkUpload([...items, { ...items[0]!, AlertDefinition: other.Id }]);
    const mine = await session.iocs.forAlert(alert.Id).toArray();
    expect(mine).toHaveLength(25);
    expect(new Set(mine.map((i) => i.AlertDefinitionId))).toEqual(new Set([alert.Id]));
  });
});

describe("lists and paging", () => {
  let alertId: number;
  beforeAll(async () => {
    alertId = (await session.alerts.create(alertInput("paging"))).Id;
    const items = Array.from({ length: 137 }, (_, i) => ({
      Type: i % 2 ? ("Sha256" as const) : ("Sha1" as const),
      Value: i % 2 ? sha1(i).padStart(64, "a") : sha1(100_000 + i),
      DetectionFunction: "Equals" as const,
      AlertDefinition: alertId,
    }));
    await session.iocs.bulkUpload(items);
  });

  it("walks every page through @odata.nextLink with for await", async () => {
    const wire = recordWire(session);
    const seen: number[] = [];
    for await (const ioc of session.iocs.list({ filter: where.eq("AlertDefinitionId", alertId) }))
      seen.push(ioc.Id);
    expect(seen).toHaveLength(137);
    expect(new Set(seen).size).toBe(137);
    const pages = wire.filter((e) => e.url.includes("IndicatorsOfCompromise"));
    expect(pages).toHaveLength(14);
    expect(pages.slice(1).every((e) => e.url.includes("skiptoken"))).toBe(true);
  });

  it("fetches no page after a for await loop breaks", async () => {
    const wire = recordWire(session);
    let seen = 0;
    for await (const _ of session.iocs.list({ filter: where.eq("AlertDefinitionId", alertId) }))
      if (++seen === 12) break;
    expect(wire.filter((e) => e.url.includes("IndicatorsOfCompromise"))).toHaveLength(2);
  });

  it("visits every item in order with forEach, a page at a time", async () => {
    const query = { filter: `AlertDefinitionId eq ${alertId}`, pageSize: 50 };
    const visited: number[] = [];
    await session.iocs.list(query).forEach((ioc) => visited.push(ioc.Id));
    const walked: number[] = [];
    for await (const ioc of session.iocs.list(query)) walked.push(ioc.Id);
    expect(visited).toHaveLength(137);
    expect(visited).toEqual(walked);
  });

  it("says how to use a list that was not awaited", () => {
    expect(inspect(session.iocs.list())).toMatch(/await it for the first page/);
  });

  it("gives the first page only when awaited, with its next link kept off the items", async () => {
    const page = await session.iocs.list({ filter: `AlertDefinitionId eq ${alertId}` });
    expect(page).toHaveLength(10);
    expect(page.nextLink).toMatch(/skiptoken/);
    expect(Object.keys(page)).toHaveLength(10);
  });

  it("yields whole pages with byPage and honours a page-size preference", async () => {
    const sizes: number[] = [];
    for await (const page of session.iocs
      .list({ filter: `AlertDefinitionId eq ${alertId}`, pageSize: 50 })
      .byPage()) {
      sizes.push(page.length);
    }
    expect(sizes).toEqual([50, 50, 37]);
  });

  it("stops at the limit given to toArray", async () => {
    const wire = recordWire(session);
    expect(await session.iocs.list().toArray({ limit: 15 })).toHaveLength(15);
    expect(wire).toHaveLength(2);
  });

  it("applies filter, orderBy, select, top, skip and count", async () => {
    const page = await session.iocs.list({
      filter: where.and(where.eq("AlertDefinitionId", alertId), where.eq("Type", "Sha256")),
      orderBy: "Id desc",
      select: ["Id", "Type"],
      top: 5,
      skip: 2,
      count: true,
    });
    expect(page).toHaveLength(5);
    expect(page.count).toBe(68);
    expect(Object.keys(page[0]!).sort()).toEqual(["Id", "Type"]);
    const ids = page.map((i) => i.Id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  it("expands an alert definition's IOCs", async () => {
    const [alert] = await session.alerts.list({
      filter: where.eq("Id", alertId),
      expand: "IndicatorsOfCompromise",
    });
    expect(alert?.IndicatorsOfCompromise?.length).toBe(137);
  });

  it("counts with and without a filter", async () => {
    const all = await session.iocs.count();
    const mine = await session.iocs.count(where.eq("AlertDefinitionId", alertId));
    expect(mine).toBe(137);
    expect(all).toBeGreaterThanOrEqual(mine);
  });

  it("filters with in, contains and quoted strings", async () => {
    const title = "It's here";
    await session.alerts.create({ ...alertInput("quote"), Title: title });
    expect(await session.alerts.count(where.eq("Title", title))).toBe(1);
    expect(await session.alerts.count(where.contains("Title", "'s her"))).toBe(1);
    expect(
      await session.iocs.count(
        where.and(where.eq("AlertDefinitionId", alertId), where.in("Type", ["Sha1", "Md5"])),
      ),
    ).toBe(69);
  });
});

describe("the session", () => {
  it("pretty-prints a page of entities as a table with pp", async () => {
    await session.alerts.create(alertInput("pp"));
    const text = String(session.pp(await session.alerts.list({ top: 3 })));
    expect(text).toMatch(/Id/);
    expect(text).toMatch(/alert/);
  });

  it("tells request listeners what happened on the wire, without headers, until they unsubscribe", async () => {
    const entries: object[] = [];
    const stop = session.onRequest((entry) => entries.push(entry));
    await session.alerts.list({ top: 1 });
    stop();
    await session.alerts.list({ top: 1 });
    expect(entries).toHaveLength(1);
    // Bodies only for a listener that asks for them (`{ bodies: true }`).
    expect(Object.keys(entries[0]!).sort()).toEqual([
      "attempt",
      "durationMs",
      "method",
      "startedAtMs",
      "status",
      "url",
      "waitedMs",
    ]);
  });
});

describe("bulk upload", () => {
  it("uploads in chunks and returns every created entity", async () => {
    const alert = await session.alerts.create(alertInput("bulk"));
    const wire = recordWire(session);
    const progress: number[] = [];
    const items = Array.from({ length: 7 }, (_, i) => ({
      Type: "Sha1" as const,
      Value: sha1(70_000 + i),
      DetectionFunction: "Equals" as const,
      AlertDefinition: alert.Id,
    }));
    const created = await session.iocs.bulkUpload(items, {
      chunkSize: 3,
      onProgress: (done) => progress.push(done),
    });
    expect(created.map((i) => i.Value)).toEqual(items.map((i) => i.Value));
    expect(wire.filter((e) => e.url.endsWith("Actions.BulkUpload"))).toHaveLength(3);
    expect(progress).toEqual([3, 6, 7]);
  });

  it("uploads alert definitions in the alertDefinitions body", async () => {
    const created = await session.alerts.bulkUpload([alertInput("bulk a"), alertInput("bulk b")]);
    expect(created.map((a) => a.Name)).toEqual(["alert bulk a", "alert bulk b"]);
  });

  it("splits at 5,000 by default", async () => {
    const alert = await session.alerts.create(alertInput("bulk 5000"));
    const wire = recordWire(session);
    const items = Array.from({ length: 5001 }, (_, i) => ({
      Type: "Sha1" as const,
      Value: sha1(200_000 + i),
      DetectionFunction: "Equals" as const,
      AlertDefinition: alert.Id,
    }));
    expect(await session.iocs.bulkUpload(items)).toHaveLength(5001);
    expect(wire.filter((e) => e.url.endsWith("Actions.BulkUpload"))).toHaveLength(2);
    const stats = await admin<{ entities: Record<string, number> }>(emu, "stats");
    expect(stats.entities["IndicatorsOfCompromise"]).toBeGreaterThanOrEqual(5001);
  });
});
