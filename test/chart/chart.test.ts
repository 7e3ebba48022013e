import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { inspect, promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { chart, isTiError } from "../../src/index.js";
import { SEVERITY_CSS } from "../../src/display/index.js";

const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 1);
// 10 definitions: Medium 4, High 3, Low 2, Informational 1 (by name High would come first, then Informational).
const DEFINITIONS = [
  "Medium",
  "High",
  "Low",
  "Medium",
  "High",
  "Informational",
  "Medium",
  "Low",
  "High",
  "Medium",
].map((Severity, i) => ({ Id: i + 1, Severity, Category: i < 7 ? "Malware" : `Cat${i}` }));
const IOCS = [0, 0, 0, 2, 5, 5].map((day, i) => ({
  Id: i + 1,
  CreatedAt: new Date(START + day * DAY + 3600_000).toISOString(),
}));

function svgOfImg(html: string): string {
  const match =
    /^<img class="ti-chart" alt="[^"]*" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)">$/.exec(html);
  expect(match).not.toBeNull();
  return Buffer.from(match![1]!, "base64").toString("utf8");
}

describe('chart("bar")', () => {
  it("counts by severity, highest rank first, every level shown, in the tables' colours with axes and labels", async () => {
    const c = await chart("bar", DEFINITIONS, { title: "Alert definitions by severity" });
    expect(c.counts).toEqual([
      { key: "High", count: 3 },
      { key: "Medium", count: 4 },
      { key: "Low", count: 2 },
      { key: "Informational", count: 1 },
    ]);
    for (const css of Object.values(SEVERITY_CSS)) expect(c.svg).toContain(`fill="${css}"`);
    expect(c.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const text of ["Alert definitions by severity", "Severity", "Count", "High", "Informational"])
      expect(c.svg).toContain(`>${text}</text>`);
    expect(c.svg.indexOf(">High</text>")).toBeLessThan(c.svg.indexOf(">Informational</text>"));
  });

  it("gives a display bundle: the SVG, an <img> of it as a data URL, and the counts as a text table", async () => {
    const c = await chart("bar", DEFINITIONS, { by: "Category", limit: 3 });
    const bundle = c.bundle();
    expect(Object.keys(bundle).sort()).toEqual(["image/svg+xml", "text/html", "text/plain"]);
    expect(svgOfImg(bundle["text/html"])).toBe(bundle["image/svg+xml"]);
    // Past the limit the smallest are left out, and the text and the chart say so.
    expect(c.svg).toContain(">the 3 largest of 4; 1 more not shown</text>");
    expect(c.svg).not.toContain(">Cat9</text>");
    expect(bundle["text/plain"]).toBe(
      [
        "Count by Category (the 3 largest of 4; 1 more not shown)",
        "Category  Count",
        "Malware       7",
        "Cat7          1",
        "Cat8          1",
      ].join("\n"),
    );
    const shown: Record<string, string>[] = [];
    c.display({ html: () => expect.unreachable(), bundle: (data) => shown.push(data) });
    expect(shown).toEqual([bundle]);
    const html: string[] = [];
    c.display({ html: (h) => html.push(h) });
    expect(html).toEqual([bundle["text/html"]]);
  });

  it("keeps the given keys in order, at 0 when absent", async () => {
    const c = await chart("bar", [{ action: "Block" }, { action: "Block" }], {
      by: "action",
      keys: ["Allowed", "Block", "Warn"],
    });
    expect(c.counts.map((x) => `${x.key}=${x.count}`)).toEqual(["Allowed=0", "Block=2", "Warn=0"]);
  });
});

describe('chart("time")', () => {
  it("counts per UTC day from the first to the last, days of none at 0, on a time axis", async () => {
    const c = await chart("time", IOCS, { title: "IOCs created per day", countLabel: "IOCs", label: "Day" });
    expect(c.counts.map((x) => x.count)).toEqual([3, 0, 1, 0, 0, 2]);
    expect(c.counts[0]!.key).toBe("2026-10-01");
    expect(c.svg).toContain(">IOCs created per day</text>");
    expect(c.svg).toContain(">Day</text>");
    expect(c.svg).toContain(">Oct 01</text>");
    expect(inspect(c)).toBe(String(c));
    expect(String(c)).toBe(
      [
        "IOCs created per day",
        "6 from 2026-10-01 to 2026-10-06 (6 days); most on 2026-10-01 (3)",
        "█ ▃  ▆",
      ].join("\n"),
    );
  });
});

describe("chart's errors", () => {
  it("refuses an unknown kind, naming the field, the value and the rule, before any rendering", async () => {
    const error = await chart("pie" as "bar", DEFINITIONS).catch((e: unknown) => e);
    expect(isTiError(error)).toBe(true);
    expect((error as Error).message).toBe('chart kind: "pie" must be one of bar, time');
    expect((error as { violations: unknown }).violations).toEqual([
      { field: "kind", value: "pie", rule: "must be one of bar, time" },
    ]);
  });

  it("says which packages to install when vega and vega-lite are absent", async () => {
    const root = resolve(import.meta.dirname, "../..");
    const script = `import("./src/chart/index.ts").then((m) => m.chart("bar", [{ Severity: "Low" }])).then(
      () => console.log("rendered"), (e) => console.log(e.name + ": " + e.message));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        "--import",
        "tsx",
        "--import",
        "data:text/javascript,import { register } from 'node:module'; register('./test/chart/no-vega-hook.mjs', 'file://' + process.cwd() + '/');",
        "-e",
        script,
      ],
      { cwd: root },
    );
    expect(stdout.trim()).toBe(
      "ConfigurationError: chart() needs the optional packages vega and vega-lite, which are not installed: npm install vega vega-lite",
    );
  });
});
