import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/api/index.js";
import { importIocs, planRows, writeErrorReport, type BulkSets } from "../../src/bulk/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { iocsOf, keysOf, newAlert, openSession, syntheticCsv } from "./session.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/bulk/${name}`, import.meta.url));

let emu: RunningEmulator;
let session: Session;
beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true });
  session = await openSession(emu);
});

async function writesSoFar(): Promise<number> {
  const stats = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as {
    requests: Record<string, number>;
  };
  return Object.entries(stats.requests)
    .filter(([route]) => /^(POST|PATCH|DELETE|PUT)/.test(route))
    .reduce((sum, [, n]) => sum + n, 0);
}

describe("importIocs", () => {
  it.each([
    ["iocs.csv", 6],
    ["iocs.json", 3],
    ["iocs-wrapped.json", 2],
    ["feed.txt", 5],
    ["bundle.stix.json", 6],
  ])("imports every valid row of %s", async (name, valid) => {
    const alert = await newAlert(session);
    const plan = await importIocs(session, fixture(name), { alert });
    expect(plan.counts.create).toBe(valid);
    const result = await plan.apply({ confirm: true });
    expect(result).toMatchObject({ created: valid, failed: 0, skipped: 0 });
    expect(await iocsOf(session, alert)).toHaveLength(valid);
  });

  it("rejects bad rows with their line numbers while the good rows land", async () => {
    const alert = await newAlert(session);
    const dir = await mkdtemp(join(tmpdir(), "bulk-report-"));
    const plan = await importIocs(session, fixture("bad-rows.csv"), { alert });
    const result = await plan.apply({ confirm: true, report: join(dir, "errors.csv") });
    expect(result.created).toBe(3);
    expect(result.rejections.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    const report = await readFile(join(dir, "errors.csv"), "utf8");
    expect(report.split("\n")[1]).toMatch(/^rejected,2,,,Value,8311e8b3.*40 hexadecimal/);
    await writeErrorReport(result, join(dir, "errors.jsonl"));
    const lines = (await readFile(join(dir, "errors.jsonl"), "utf8")).trim().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { line: number }).line)).toEqual([2, 3, 4, 5, 6]);
    expect(keysOf(await iocsOf(session, alert))).toEqual([
      "IpAddress|203.0.113.7|Equals",
      "Md5|d41d8cd98f00b204e9800998ecf8427e|Equals",
      "Sha256|2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae|Equals",
    ]);
  });

  it("defuses a rejected value a spreadsheet would run as a formula in the CSV error report", async () => {
    const alert = await newAlert(session);
    const dir = await mkdtemp(join(tmpdir(), "bulk-report-"));
    const formula = '=HYPERLINK("http://evil.example/","open me")';
    const input = `Type,Value\nSha1,"${formula.replaceAll('"', '""')}"\n`;
    const plan = await importIocs(session, input, { alert, format: "csv" });
    const result = await plan.apply({ confirm: true, report: join(dir, "errors.csv") });
    expect(result.rejections.map((r) => r.value)).toEqual([formula]);
    const cells = parse(await readFile(join(dir, "errors.csv"), "utf8")).flat() as string[];
    expect(cells.filter((cell) => /^[=+@]/.test(cell))).toEqual([]);
    expect(cells).toContain(`'${formula}`);
  });

  it("plans a dry run without writing anything, and refuses to apply it", async () => {
    const alert = await newAlert(session);
    const before = await writesSoFar();
    const plan = await importIocs(session, fixture("iocs.csv"), { alert, dryRun: true });
    expect(plan.counts).toMatchObject({ rows: 6, create: 6, update: 0, unchanged: 0, rejected: 0 });
    await expect(plan.apply({ confirm: true })).rejects.toThrow(/dry run/);
    expect(await writesSoFar()).toBe(before);
    expect(await iocsOf(session, alert)).toHaveLength(0);
  });

  it("writes a compressed IPv6 address in full, says so in the plan, and the service takes it", async () => {
    const alert = await newAlert(session);
    const plan = await importIocs(session, "2001:DB8::1\n", { alert });
    expect(planRows(plan)).toMatchObject([
      { Line: 1, Action: "create", Reason: "IPv6 written in full, from 2001:DB8::1" },
    ]);
    await plan.apply({ confirm: true });
    expect((await iocsOf(session, alert)).map((i) => i.Value)).toEqual(["2001:db8:0:0:0:0:0:1"]);
    const one = await session.iocs.create({
      Type: "IpAddress",
      Value: "fd00::7",
      DetectionFunction: "Equals",
      AlertDefinition: alert,
    });
    expect(one.Value).toBe("fd00:0:0:0:0:0:0:7");
  });

  it("lists every row of a plan with its action and reason, in line order, for a table", async () => {
    const alert = await newAlert(session);
    await (await importIocs(session, "203.0.113.7\n", { alert })).apply({ confirm: true });
    const plan = await importIocs(session, fixture("bad-rows.csv"), { alert, dryRun: true });
    const rows = planRows(plan);
    expect(rows.map((r) => [r.Line, r.Action])).toEqual([
      [2, "rejected"],
      [3, "rejected"],
      [4, "rejected"],
      [5, "rejected"],
      [6, "rejected"],
      [7, "create"],
      [8, "unchanged"],
      [9, "create"],
    ]);
    expect(rows[1]?.Reason).toMatch(/no CIDR/);
  });

  it("refuses to apply without confirm: true", async () => {
    const alert = await newAlert(session);
    const plan = await importIocs(session, fixture("iocs.json"), { alert });
    await expect(plan.apply({ confirm: false })).rejects.toThrow(/confirm: true/);
    expect(await iocsOf(session, alert)).toHaveLength(0);
  });

  it("reports IOCs already on the server as unchanged and patches those whose Enabled or ExpiresAt differ", async () => {
    const alert = await newAlert(session);
    await (await importIocs(session, fixture("iocs.csv"), { alert })).apply({ confirm: true });
    const changed = (await readFile(fixture("iocs.csv"), "utf8"))
      .replace("d41d8cd98f00b204e9800998ecf8427e,Equals,,", "d41d8cd98f00b204e9800998ecf8427e,Equals,false,")
      .replace("2030-01-31T00:00:00Z", "2031-01-31T00:00:00Z");
    const plan = await importIocs(session, changed, { alert });
    expect(plan.counts).toMatchObject({ create: 0, update: 2, unchanged: 4 });
    const result = await plan.apply({ confirm: true });
    expect(result).toMatchObject({ created: 0, updated: 2, unchanged: 4 });
    const md5 = (await iocsOf(session, alert)).find((i) => i.Type === "Md5");
    expect(md5?.Enabled).toBe(false);
  });

  it("collapses duplicates within the file and reports them", async () => {
    const alert = await newAlert(session);
    const text = "value\n52.184.197.12\nexample.com\n52.184.197.12\nEXAMPLE.com\n";
    const result = await (await importIocs(session, text, { alert })).apply({ confirm: true });
    expect(result).toMatchObject({ created: 2, duplicates: 2, rejected: 0 });
    expect(await iocsOf(session, alert)).toHaveLength(2);
  });

  it("isolates a row the service refuses by splitting its chunk, and lands the rest", async () => {
    const alert = await newAlert(session);
    const rows = Array.from({ length: 16 }, (_, i) => `Md5,${i.toString(16).padStart(32, "0")},${alert}`);
    rows[11] = `Md5,${"f".repeat(32)},999999`; // bound to an alert definition that does not exist
    const plan = await importIocs(session, `type,value,alertdefinition\n${rows.join("\n")}\n`);
    const result = await plan.apply({ confirm: true, chunkSize: 16 });
    expect(result).toMatchObject({ created: 15, failed: 1 });
    expect(result.failures[0]).toMatchObject({ line: 13, status: 400 });
    expect(await iocsOf(session, alert)).toHaveLength(15);
  });

  it("creates one IOC per request with the per-item strategy", async () => {
    const alert = await newAlert(session);
    const result = await (
      await importIocs(session, fixture("bundle.stix.json"), { alert })
    ).apply({
      confirm: true,
      strategy: "per-item",
    });
    expect(result.created).toBe(6);
    expect(await iocsOf(session, alert)).toHaveLength(6);
  });

  it("reports the time spent waiting on 429s from the session's rate gate", async () => {
    const alert = await newAlert(session);
    let waited = 1000;
    const sets: BulkSets = { alerts: session.alerts, iocs: session.iocs, waitedMs: () => (waited += 500) };
    const seen: number[] = [];
    const plan = await importIocs(sets, fixture("iocs.csv"), { alert });
    const result = await plan.apply({
      confirm: true,
      chunkSize: 3,
      chunkConcurrency: 1,
      progressIntervalMs: 0,
      onProgress: (p) => seen.push(p.waitingMs),
    });
    expect(seen[0]).toBeGreaterThan(0);
    expect(result.waitingMs).toBeGreaterThanOrEqual(seen.at(-1) ?? 0);
  });

  it("reports progress with done, failed, skipped and rate, ending at the total", async () => {
    const alert = await newAlert(session);
    const seen: { done: number; total: number; ratePerSecond: number }[] = [];
    const plan = await importIocs(session, fixture("iocs.csv"), { alert });
    await plan.apply({ confirm: true, chunkSize: 2, progressIntervalMs: 0, onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toMatchObject({ done: 6, failed: 0, skipped: 0, total: 6 });
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
  });
});

describe("finding IOCs already on the server", () => {
  it("queries a large alert definition by value batches and finds the few rows that exist", async () => {
    const alert = await newAlert(session);
    await (await importIocs(session, syntheticCsv(60), { alert })).apply({ confirm: true });
    const [, first] = syntheticCsv(1).trim().split("\n");
    const plan = await importIocs(session, `type,value\n${first}\nMd5,${"e".repeat(32)}\n`, { alert });
    expect(plan.counts).toMatchObject({ create: 1, unchanged: 1 });
  });

  it("walks the alert definition's IOCs when the service cannot filter on AlertDefinitionId", async () => {
    const alert = await newAlert(session);
    await (await importIocs(session, fixture("iocs.json"), { alert })).apply({ confirm: true });
    const refused = Object.assign(new Error("Could not find a property named 'AlertDefinitionId'"), {
      kind: "http",
      status: 400,
    });
    const sets: BulkSets = {
      alerts: session.alerts,
      iocs: { ...session.iocs, count: () => Promise.reject(refused) },
    };
    const plan = await importIocs(sets, fixture("iocs.json"), { alert });
    expect(plan.counts).toMatchObject({ create: 0, unchanged: 3 });
  });
});

describe("importIocs against a full quota", () => {
  it("fills the quota exactly at a 507, then stops with the quota message and skips what is left", async () => {
    const small = await startTestEmulator({ quiet: true, quotaTotal: 30 });
    const s = await openSession(small);
    const alert = await newAlert(s);
    const text = Array.from({ length: 60 }, (_, i) => `10.1.${i}.1`).join("\n");
    const result = await (
      await importIocs(s, text, { alert })
    ).apply({ confirm: true, chunkSize: 20, chunkConcurrency: 1 });
    expect(result.stopped?.reason).toBe("quota");
    expect(result.stopped?.message).toMatch(/quota/);
    // 30 in all, the alert definition included: 29 IOCs fit; the one refused alone is the failure.
    expect(result).toMatchObject({ created: 29, failed: 1, skipped: 30 });
    expect(await iocsOf(s, alert)).toHaveLength(29);
  });
});
