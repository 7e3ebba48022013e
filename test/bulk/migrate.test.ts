// migrate(): the demo seed's custom TI carried into the Indicators API of the same emulator, from the session
// and from an export file, twice, and refused options.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, type MigrationPlan } from "../../src/index.js";
import type { ConnectedSession } from "../../src/connect.js";
import type { AlertDefinition, IndicatorOfCompromise } from "../../src/schema/index.js";
import { connectTo } from "../client/support.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { indicatorSession, writeRequests } from "./sync-support.js";

const SUCCESSOR: Record<string, string> = { Sha1: "FileSha1", Sha256: "FileSha256", Md5: "FileMd5" };

/** What Part 3 says of one pair, worked out here from the raw entities (not by the code under test). */
function expectedOf(ioc: IndicatorOfCompromise, definition: AlertDefinition, nowMs: number): string {
  if (ioc.DetectionFunction !== "Equals") return "DetectionFunction";
  if (!ioc.Enabled) return "Enabled";
  if (!definition.Enabled) return "AlertDefinition.Enabled";
  if (ioc.ExpiresAt !== null && Date.parse(ioc.ExpiresAt) <= nowMs) return "ExpiresAt";
  return "migrated";
}

describe("migrate() of the demo seed's custom TI into the Indicators API", () => {
  let emu: Awaited<ReturnType<typeof startTestEmulator>>;
  let ti: ConnectedSession;
  let api: ConnectedSession;
  let definitions: Map<number, AlertDefinition>;
  let iocs: IndicatorOfCompromise[];
  let dir: string;

  beforeAll(async () => {
    emu = await startTestEmulator({ quiet: true, seed: "demo" });
    ti = await connectTo(emu);
    api = await indicatorSession(emu);
    definitions = new Map((await ti.alerts.list({ pageSize: 1000 }).toArray()).map((d) => [d.Id, d]));
    iocs = await ti.iocs.list({ pageSize: 1000 }).toArray();
    dir = await mkdtemp(join(tmpdir(), "bulk-migrate-"));
  });
  afterAll(async () => {
    await ti.close();
    await api.close();
  });

  it("plans one indicator per mappable IOC, reports every other pair with its reason, applies and verifies", async () => {
    const nowMs = Date.now();
    const expected = iocs.map((ioc) => ({
      ioc,
      why: expectedOf(ioc, definitions.get(ioc.AlertDefinitionId)!, nowMs),
    }));
    const mappable = expected.filter((e) => e.why === "migrated").map((e) => e.ioc);
    const keyOf = (ioc: IndicatorOfCompromise) =>
      `${SUCCESSOR[ioc.Type] ?? ioc.Type}|${ioc.Value.toLowerCase()}`;
    const distinct = new Set(mappable.map(keyOf));
    // The demo seed has each kind of row a migration reports.
    for (const why of ["DetectionFunction", "Enabled", "AlertDefinition.Enabled", "ExpiresAt"])
      expect(expected.filter((e) => e.why === why).length).toBeGreaterThan(0);

    const dry = await migrate(ti, { to: api.indicators, dryRun: true });
    expect(dry.counts).toMatchObject({
      rows: iocs.length,
      create: distinct.size,
      update: 0,
      unchanged: 0,
      duplicates: mappable.length - distinct.size,
      rejected: iocs.length - mappable.length,
    });
    expect(dry.calls).toEqual({ import: 1 });
    // Each reported pair is the IOC the expectation names, for the reason it names.
    const reported = new Map(dry.migration.notMigrated.map((n) => [n.pair?.iocId, n]));
    for (const { ioc, why } of expected.filter((e) => e.why !== "migrated")) {
      const entry = reported.get(ioc.Id);
      expect(entry?.field, `IOC ${ioc.Id}`).toBe(why);
      expect(entry?.reason).toContain(
        why === "DetectionFunction" ? `"${ioc.DetectionFunction}" has no equivalent` : why,
      );
    }
    expect(dry.rejected.map((r) => r.line)).toEqual(dry.migration.notMigrated.map((n) => n.line));
    await expect(dry.apply({ confirm: true })).rejects.toThrow(/dry run/i);

    const plan = await migrate(ti, { to: api.indicators });
    const result = await plan.apply({ confirm: true });
    expect(result).toMatchObject({
      created: distinct.size,
      updated: 0,
      failed: 0,
      rejected: dry.counts.rejected,
    });
    const check = await plan.verify();
    expect(check.missing).toEqual([]);
    expect(check.landed).toHaveLength(distinct.size);

    // Part 3's mapping, field by field, for every migrated IOC (the earliest pair of a repeated value wins).
    const first = new Map<string, IndicatorOfCompromise>();
    const ordered = [...mappable].sort((a, b) => a.AlertDefinitionId - b.AlertDefinitionId || a.Id - b.Id);
    for (const ioc of ordered) if (!first.has(keyOf(ioc))) first.set(keyOf(ioc), ioc);
    for (const indicator of check.landed) {
      const ioc = first.get(`${indicator.indicatorType}|${indicator.indicatorValue}`)!;
      const definition = definitions.get(ioc.AlertDefinitionId)!;
      expect(indicator).toMatchObject({
        indicatorType: SUCCESSOR[ioc.Type] ?? ioc.Type,
        action: "Audit",
        generateAlert: true,
        title: definition.Title,
        description: definition.UxDescription,
        severity: definition.Severity,
        recommendedActions: definition.RecommendedAction,
      });
      expect(indicator.expirationTime === null ? null : Date.parse(indicator.expirationTime)).toBe(
        ioc.ExpiresAt === null ? null : Date.parse(ioc.ExpiresAt),
      );
    }
  });

  it("migrating twice creates nothing new: the second plan is all unchanged and writes nothing", async () => {
    const writes = await writeRequests(emu);
    const again = await migrate(ti, { to: api.indicators });
    expect(again.counts).toMatchObject({ create: 0, update: 0 });
    expect(again.counts.unchanged).toBeGreaterThan(100);
    const result = await again.apply({ confirm: true });
    expect(result).toMatchObject({ created: 0, updated: 0, unchanged: again.counts.unchanged });
    expect(await writeRequests(emu)).toBe(writes);
  });

  it("plans the same from an export file with the definitions as from the session", async () => {
    const path = join(dir, "custom-ti.csv");
    await expect(ti.iocs.export(path, { definitions: true })).resolves.toEqual({ path, count: iocs.length });
    const header = (await readFile(path, "utf8")).split(/\r?\n/)[0];
    expect(header).toContain("AlertTitle,AlertUxDescription,AlertRecommendedAction");
    const fromFile = await migrate(path, { to: api.indicators, dryRun: true });
    const fromSession = await migrate(ti, { to: api.indicators, dryRun: true });
    const keys = (p: MigrationPlan) => [...p.create, ...p.update, ...p.unchanged].map((i) => i.key).sort();
    expect(keys(fromFile)).toEqual(keys(fromSession));
    expect(fromFile.counts).toMatchObject({ rows: iocs.length, create: 0, update: 0 });
    // A file repeating an IOC of one definition has it once (a duplicate); the session lists both, each reported.
    const total = (p: MigrationPlan) => p.counts.rejected + p.counts.duplicates;
    expect(total(fromFile)).toBe(total(fromSession));
    const reasons = (p: MigrationPlan) => [...new Set(p.rejected.map((r) => `${r.field} ${r.rule}`))].sort();
    expect(reasons(fromFile)).toEqual(reasons(fromSession));
    expect(fromFile.rejected.every((r) => r.pair?.iocId === undefined && r.pair?.alertDefinitionId)).toBe(
      true,
    );

    // A row that is not a valid IOC, or whose definition is not valid, is reported with its line.
    const text = await readFile(path, "utf8");
    const [head, second] = text.split(/\r?\n/);
    const cells = second!.split(",");
    const badSeverity = head!.split(",").indexOf("AlertSeverity");
    // New IOCs (a row repeating an IOC of its definition would be a duplicate), one with a definition gone wrong.
    const row = (value: string, at: number, cell: string) =>
      ["Sha1", value, ...cells.slice(2)].map((c, i) => (i === at ? cell : c)).join(",");
    const badDefinition = row("ab".repeat(20), badSeverity, "Extreme");
    const badValue = row("not-a-hash", -1, "");
    const broken = join(dir, "broken.csv");
    await writeFile(broken, `${text.trimEnd()}\r\n${badDefinition}\r\n${badValue}\r\n`);
    const last = iocs.length + 1;
    const refused = (await migrate(broken, { to: api.indicators, dryRun: true })).rejected;
    expect(refused.find((r) => r.line === last + 1)).toMatchObject({
      field: "AlertDefinition.Severity",
      value: "Extreme",
    });
    expect(refused.find((r) => r.line === last + 2)).toMatchObject({ field: "Value", value: "not-a-hash" });

    // The plain export is as it was, and the IOC import reads the definitions file without complaint.
    const plain = join(dir, "plain.csv");
    await ti.iocs.export(plain);
    expect((await readFile(plain, "utf8")).split(/\r?\n/)[0]).toBe(
      "Type,Value,DetectionFunction,Enabled,ExpiresAt,AlertDefinition",
    );
    const reimport = await ti.iocs.import(path, { dryRun: true });
    expect(reimport.warnings).toEqual([]);
    expect(reimport.counts.create).toBe(0);
  });

  it("lists the pairs the Indicators API's rules refuse for the action asked, with the pair and its source line", async () => {
    const plan = await migrate(ti, { to: api.indicators, action: "BlockAndRemediate", dryRun: true });
    const refused = plan.rejected.filter((r) => r.field === "action");
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(["IpAddress", "DomainName"]).toContain(r.pair?.type);
      expect(r.value).toBe("BlockAndRemediate");
      expect(plan.migration.pairs.find((p) => p.line === r.line)).toEqual(r.pair);
    }
    expect(plan.create.every((c) => String(c.body["indicatorType"]).startsWith("File"))).toBe(true);
  });

  it("migrates disabled IOCs and the IOCs of disabled definitions when asked (includeDisabled)", async () => {
    const nowMs = Date.now();
    const kept = iocs.filter((ioc) => {
      const why = expectedOf(
        { ...ioc, Enabled: true },
        { ...definitions.get(ioc.AlertDefinitionId)!, Enabled: true },
        nowMs,
      );
      return why === "migrated";
    });
    const plan = await migrate(ti, { to: api.indicators, includeDisabled: true, dryRun: true });
    expect(plan.rejected.filter((r) => r.field.endsWith("Enabled"))).toEqual([]);
    const { create, update, unchanged, duplicates } = plan.counts;
    expect(create + update + unchanged + duplicates).toBe(kept.length);
    expect(create).toBeGreaterThan(0);
  });

  it("refuses bad options and sources naming field, value and rule, and writes nothing", async () => {
    const writes = await writeRequests(emu);
    const to = api.indicators;
    await expect(migrate(ti, { to, action: "Alert" as "Audit" })).rejects.toThrow(
      'action: "Alert" must be one of Allowed, Audit, Warn, Block, BlockAndRemediate',
    );
    await expect(migrate(ti, { to, generateAlert: false })).rejects.toThrow(
      "generateAlert: false must be true when action is Audit",
    );
    await expect(
      migrate(ti, { to, action: "Block", generateAlert: "yes" as unknown as boolean }),
    ).rejects.toThrow('generateAlert: "yes" must be true or false');
    await expect(migrate(ti, { to: undefined as unknown as typeof to })).rejects.toMatchObject({
      kind: "validation",
      violations: [
        {
          field: "to",
          value: undefined,
          rule: "must be the Indicators API's set: { to: session.indicators }",
        },
      ],
    });
    await expect(migrate(api, { to })).rejects.toThrow(/^source: .* must be a custom-TI session/);
    const plain = join(dir, "plain-only.csv");
    await ti.iocs.export(plain);
    await expect(migrate(plain, { to })).rejects.toThrow(
      `source: ${JSON.stringify(plain)} has no alert definition columns: write it with iocs.export(path, { definitions: true })`,
    );
    expect(await writeRequests(emu)).toBe(writes);
  });
});

describe("a migration stopped half-way", () => {
  it("resumes from its journal: every mappable IOC lands once, nothing twice", async () => {
    const emu = await startTestEmulator({ quiet: true, seed: "demo" });
    const ti = await connectTo(emu);
    const api = await indicatorSession(emu);
    try {
      const journal = join(await mkdtemp(join(tmpdir(), "bulk-migrate-resume-")), "migrate.jsonl");
      const before = await api.indicators.count();
      const plan = await migrate(ti, { to: api.indicators });
      const total = plan.counts.create;
      const controller = new AbortController();
      const first = await plan.apply({
        ...{ confirm: true, journal, chunkSize: 20, chunkConcurrency: 1, progressIntervalMs: 0 },
        signal: controller.signal,
        onProgress: (p) => (p.done >= 20 ? controller.abort() : undefined),
      });
      expect(first.stopped?.reason).toBe("aborted");
      expect(first.created).toBeGreaterThan(0);
      expect(first.created).toBeLessThan(total);

      const again = await migrate(ti, { to: api.indicators });
      const second = await again.apply({ confirm: true, journal });
      expect(second.stopped).toBeUndefined();
      // The journal's creates count as this run's (resumed), so the second run reports the whole migration.
      expect(second).toMatchObject({ created: total, resumed: first.created, failed: 0 });
      expect(again.counts).toMatchObject({ create: total - first.created, unchanged: first.created });
      expect(await api.indicators.count()).toBe(before + total);
      expect((await again.verify()).missing).toEqual([]);
    } finally {
      await ti.close();
      await api.close();
    }
  });
});
