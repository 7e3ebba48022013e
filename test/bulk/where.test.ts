import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConnectedSession } from "../../src/connect.js";
import {
  deleteWhere,
  disableWhere,
  exportIocs,
  importIocs,
  planRows,
  updateWhere,
} from "../../src/bulk/index.js";
import { where } from "../../src/http/filter.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { iocsOf, keysOf, newAlert, openSession, syntheticCsv } from "./session.js";

let session: ConnectedSession;
beforeAll(async () => {
  session = await openSession(await startTestEmulator({ quiet: true }));
});

async function alertWith(count: number): Promise<number> {
  const alert = await newAlert(session);
  await (await importIocs(session, syntheticCsv(count), { alert })).apply({ confirm: true });
  return alert;
}

describe("edits by filter", () => {
  it("updateWhere patches matching IOCs, leaves those already patched unchanged, and needs confirm", async () => {
    const alert = await alertWith(20);
    const filter = `AlertDefinitionId eq ${alert} and Type eq 'Md5'`;
    const plan = await updateWhere(session, filter, { Enabled: false });
    expect(plan.counts).toMatchObject({ matched: 4, change: 4, unchanged: 0 });
    await expect(plan.apply({ confirm: false })).rejects.toThrow(/confirm: true/);
    const result = await plan.apply({ confirm: true });
    expect(result).toMatchObject({ updated: 4, failed: 0 });
    const again = await updateWhere(session, filter, { Enabled: false });
    expect(again.counts).toMatchObject({ change: 0, unchanged: 4 });
    expect((await iocsOf(session, alert)).filter((i) => !i.Enabled)).toHaveLength(4);
  });

  it("updateWhere rejects an invalid patch before any request", async () => {
    await expect(updateWhere(session, "Id gt 0", { Enabled: "maybe" })).rejects.toThrow(/Enabled/);
  });

  it("deleteWhere shows a dry run, then deletes exactly the matching IOCs with a journal", async () => {
    const alert = await alertWith(25);
    const filter = `AlertDefinitionId eq ${alert} and Type eq 'DomainName'`;
    const dry = await deleteWhere(session, filter, { dryRun: true });
    expect(dry.counts.change).toBe(5);
    await expect(dry.apply({ confirm: true })).rejects.toThrow(/dry run/);
    expect(await iocsOf(session, alert)).toHaveLength(25);
    const journal = join(await mkdtemp(join(tmpdir(), "bulk-delete-")), "delete.jsonl");
    const result = await (await deleteWhere(session, filter)).apply({ confirm: true, journal });
    expect(result).toMatchObject({ deleted: 5, failed: 0 });
    expect((await iocsOf(session, alert)).some((i) => i.Type === "DomainName")).toBe(false);
    expect(await readFile(journal, "utf8")).toContain('"outcome":"deleted"');
  });

  it("deleteWhere refuses an empty filter", async () => {
    await expect(deleteWhere(session, " ")).rejects.toThrow(/must not be empty/);
  });

  it("refuses a missing filter without sending '$filter=undefined', naming the field and the rule", async () => {
    const requests: string[] = [];
    const stop = session.onRequest((entry) => requests.push(entry.url));
    const missing = undefined as unknown as string;
    for (const edit of [
      () => session.iocs.deleteWhere(missing),
      () => session.iocs.updateWhere(missing, { Enabled: false }),
      () => session.alerts.disableWhere(missing),
    ]) {
      await expect(edit()).rejects.toMatchObject({
        name: "ValidationError",
        message: expect.stringContaining("A bulk edit needs a $filter: it must not be empty"),
        violations: [{ field: "filter", value: undefined }],
      });
    }
    stop();
    expect(requests).toEqual([]);
  });

  it("disableWhere disables enabled alert definitions and leaves disabled ones unchanged", async () => {
    const a = await newAlert(session, "disable-me one");
    const b = await newAlert(session, "disable-me two");
    await session.alerts.disable(b);
    const plan = await disableWhere(session, "startswith(Name,'disable-me')");
    expect(plan.change.map((i) => i.id)).toEqual([a]);
    expect(plan.unchanged.map((i) => i.id)).toEqual([b]);
    expect(planRows(plan).map((r) => [r.Id, r.Action])).toEqual([
      [a, "disable"],
      [b, "unchanged"],
    ]);
    const result = await plan.apply({ confirm: true });
    expect(result).toMatchObject({ disabled: 1, unchanged: 1 });
    expect((await session.alerts.get(a)).Enabled).toBe(false);
  });

  it.each(["csv", "json"])("exports to %s and the file imports back as the same IOCs", async (format) => {
    const source = await alertWith(30);
    await (
      await updateWhere(session, `AlertDefinitionId eq ${source} and Type eq 'Sha1'`, { Enabled: false })
    ).apply({ confirm: true });
    const file = join(await mkdtemp(join(tmpdir(), "bulk-export-")), `out.${format}`);
    expect(await exportIocs(session, file, { filter: `AlertDefinitionId eq ${source}` })).toEqual({
      path: file,
      count: 30,
    });
    const unchanged = await importIocs(session, file);
    expect(unchanged.counts).toMatchObject({ rows: 30, create: 0, update: 0, unchanged: 30, rejected: 0 });
    const target = await newAlert(session);
    // CSV lines end in CRLF (RFC 4180): the alert definition is the last cell of each line.
    const text = (await readFile(file, "utf8")).replaceAll(
      format === "csv" ? `,${source}\r\n` : `"AlertDefinition": ${source}`,
      format === "csv" ? `,${target}\r\n` : `"AlertDefinition": ${target}`,
    );
    await (await importIocs(session, text)).apply({ confirm: true });
    const copied = await iocsOf(session, target);
    expect(keysOf(copied)).toEqual(keysOf(await iocsOf(session, source)));
    expect(copied.filter((i) => !i.Enabled)).toHaveLength(6);
  });

  it("exports everything with export(file), refuses an existing file unchanged, and replaces it when asked", async () => {
    const dir = await mkdtemp(join(tmpdir(), "bulk-export-"));
    const file = join(dir, "all.csv");
    const all = await session.iocs.count();
    expect(await session.iocs.export(file)).toEqual({ path: file, count: all });
    await writeFile(file, "keep me\n");
    await expect(session.iocs.export(file)).rejects.toMatchObject({
      name: "ValidationError",
      violations: [{ field: "path", value: file, rule: expect.stringContaining("pass { overwrite: true }") }],
    });
    // The message names the file too, not only the violation.
    await expect(session.iocs.export(file)).rejects.toThrow(
      `path: ${JSON.stringify(file)} is an existing file; pass { overwrite: true } to replace it`,
    );
    expect(await readFile(file, "utf8")).toBe("keep me\n");
    expect(await session.iocs.export(file, { overwrite: true, filter: "Type eq 'Md5'" })).toMatchObject({
      path: file,
    });
    expect(await readFile(file, "utf8")).toMatch(/^Type,Value,/);
    // The old (filter, path) order is refused with what to write instead, writing nothing.
    // @ts-expect-error: the second argument is the options object
    await expect(session.iocs.export("Type eq 'Sha1'", join(dir, "x.csv"))).rejects.toThrow(
      /must be an options object/,
    );
  });

  it("works as typed members of the connected session's sets, with filters from the where helper", async () => {
    const attached = session;
    const alert = await newAlert(session);
    const plan = await attached.iocs.import(syntheticCsv(10), { alert });
    expect((await plan.apply({ confirm: true })).created).toBe(10);
    const md5 = where.and(where.eq("AlertDefinitionId", alert), where.eq("Type", "Md5"));
    expect((await attached.iocs.updateWhere(md5, { Enabled: false })).counts.change).toBe(2);
    expect((await attached.iocs.deleteWhere(md5)).counts.change).toBe(2);
    expect((await attached.alerts.disableWhere(where.eq("Id", alert))).counts.change).toBe(1);
  });
});
