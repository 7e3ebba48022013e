import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateText } from "../../src/bulk/index.js";
import type { ConnectedSession } from "../../src/connect.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { connectTo } from "../client/support.js";

let emu: RunningEmulator;
let session: ConnectedSession;
let dir: string;

const HEADER =
  "IndicatorType,IndicatorValue,ExpirationTime,Action,Severity,Title,Description,RecommendedActions,RbacGroups,Category,MitreTechniques,GenerateAlert";

beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true, indicatorCap: 5 });
  session = await connectTo(emu, {
    apiUrl: `${emu.url}/api`,
    authUrl: emu.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
  });
  dir = await mkdtemp(join(tmpdir(), "bulk-indicators-"));
});
afterAll(() => session.close());

describe("indicators.import of the portal's CSV", () => {
  it("reports rejected rows by line, writes nothing on a dry run, then imports, and a re-run writes nothing", async () => {
    const file = join(dir, "portal.csv");
    await writeFile(
      file,
      [
        HEADER,
        'DomainName,bad-1.example,,Block,High,Bad one,From the portal,Do not visit,"Group A,Group B",Malware,T1566,false',
        "FileSha1,not-a-hash,,Block,Low,Bad hash,From the portal,,,,,false",
        "IpAddress,52.184.197.12,,Audit,Medium,Audited,From the portal,,,,,false",
        "Url,https://bad-2.example/path,,Warn,Low,Bad url,From the portal,,,,,true",
      ].join("\n") + "\n",
    );
    const dry = await session.indicators.import(file, { dryRun: true });
    expect(dry.counts).toMatchObject({ rows: 4, create: 2, rejected: 2 });
    expect(dry.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, "indicatorValue"],
      [4, "generateAlert"],
    ]);
    expect(dry.calls).toEqual({ import: 1 });
    await expect(dry.apply({ confirm: true })).rejects.toThrow(/dry run/i);
    expect(await session.indicators.count()).toBe(0);

    const plan = await session.indicators.import(file);
    const result = await plan.apply({ confirm: true });
    expect(result).toMatchObject({ created: 2, failed: 0 });
    const [stored] = await session.indicators.list({ filter: "indicatorValue eq 'bad-1.example'" }).toArray();
    expect(stored).toMatchObject({
      severity: "High",
      rbacGroupNames: ["Group A", "Group B"],
      mitreTechniques: ["T1566"],
    });

    const again = await session.indicators.import(file);
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    expect(again.calls).toEqual({ import: 0 });
    expect(await again.apply({ confirm: true })).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it("reports the service's per-item refusals (the tenant cap) per row", async () => {
    const text = ["a", "b", "c", "d", "e"].map((n) => `cap-${n}.example`).join("\n");
    const plan = await session.indicators.import(text, {
      format: "text",
      action: "Block",
      title: "Feed",
      description: "From a feed",
    });
    expect(plan.counts.create).toBe(5);
    const result = await plan.apply({ confirm: true });
    // Two indicators exist already and the cap is 5: three land, two are refused by the service, each by its line.
    expect(result).toMatchObject({ created: 3, failed: 2 });
    expect(result.failures.map((f) => f.line)).toEqual([4, 5]);
    expect(result.failures[0]?.error).toMatch(/5 active indicators/);
  });
});

describe("plans count calls and tell the time at the documented limits", () => {
  it("says 15,000 indicators take 30 import calls, about 1 minute, against 10 hours of submits", () => {
    expect(estimateText(15_000, 30, "import", "indicators")).toBe(
      "15,000 indicators: 30 import calls, about 1 minute (one submit each would take about 10 hours)",
    );
  });
});

describe("indicators.updateWhere, deleteWhere and export", () => {
  it("updates by re-sending through import, exports a CSV that imports back, and deletes through BatchDelete", async () => {
    const update = await session.indicators.updateWhere("action eq 'Block'", { severity: "Medium" });
    expect(update.counts.change).toBeGreaterThan(0);
    expect(update.calls).toEqual({ import: 1 });
    const updated = await update.apply({ confirm: true });
    expect(updated).toMatchObject({ updated: update.counts.change, failed: 0 });
    const blocks = await session.indicators.list({ filter: "action eq 'Block'" }).toArray();
    expect(blocks.every((i) => i.severity === "Medium")).toBe(true);
    const total = await session.indicators.count();
    expect(blocks.length + (await session.indicators.count("action ne 'Block'"))).toBe(total);

    const out = join(dir, "export.csv");
    expect(await session.indicators.export(out)).toEqual({ path: out, count: total });
    expect((await readFile(out, "utf8")).split(/\r?\n/)[0]).toBe(HEADER);
    const back = await session.indicators.import(out);
    expect(back.counts).toMatchObject({ rejected: 0, create: 0, update: 0, unchanged: total });

    const del = await session.indicators.deleteWhere("action eq 'Block'");
    expect(del.calls).toEqual({ batchDelete: 1 });
    expect(await del.apply({ confirm: true })).toMatchObject({ deleted: blocks.length, failed: 0 });
    expect(await session.indicators.count("action eq 'Block'")).toBe(0);
  });
});
