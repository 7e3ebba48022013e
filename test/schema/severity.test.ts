import { describe, expect, it } from "vitest";
import { priorityOrder } from "../../src/bulk/sync/priority.js";
import type { IndicatorItem } from "../../src/bulk/targets/indicator-rows.js";
import { compareSeverity, SEVERITIES, severityRank } from "../../src/schema/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { indicatorBody, indicatorCaller, sha256Of } from "../emulator/indicators/support.js";
import { caller, definitionBody } from "../emulator/support.js";

// Alphabetical order would be High, Informational, Low, Medium: every expectation below differs from it.
const SHUFFLED = ["Medium", "High", "Informational", "Low", "Medium", "High"];

describe("severity by rank", () => {
  it("ranks Informational < Low < Medium < High, without regard to case, unknown values lowest", () => {
    expect(SEVERITIES.map(severityRank)).toEqual([0, 1, 2, 3]);
    expect(severityRank("HIGH")).toBe(3);
    expect(severityRank("low")).toBe(1);
    expect(severityRank("Critical")).toBe(-1);
    expect(severityRank(undefined)).toBe(-1);
  });

  it("sorts by rank, not by name", () => {
    expect([...SHUFFLED].sort(compareSeverity)).toEqual([
      "Informational",
      "Low",
      "Medium",
      "Medium",
      "High",
      "High",
    ]);
    expect(["Low", "high", "Medium"].sort((a, b) => compareSeverity(b, a))).toEqual([
      "high",
      "Medium",
      "Low",
    ]);
  });

  it("keeps High first in a sync over the cap, whatever the case the feed wrote", () => {
    const item = (line: number, severity: string): IndicatorItem =>
      ({ line, key: `k${line}`, body: { severity } }) as unknown as IndicatorItem;
    const items = [item(1, "low"), item(2, "High"), item(3, "informational"), item(4, "medium")];
    expect([...items].sort(priorityOrder("severity")).map((i) => i.body["severity"])).toEqual([
      "High",
      "medium",
      "low",
      "informational",
    ]);
  });
});

const emulator = await startTestEmulator({ quiet: true, pageSize: 4 });

describe("the emulator's $orderby on severity", () => {
  it("orders custom TI's alert definitions by Severity rank, across pages", async () => {
    const call = caller(emulator);
    const alertDefinitions = SHUFFLED.map((Severity, i) => definitionBody({ Name: `def ${i}`, Severity }));
    const created = await call("POST", "/V1.0/AlertDefinitions/Actions.BulkUpload", {
      body: { alertDefinitions },
    });
    expect(created.status).toBe(200);
    const seen: string[] = [];
    let path: string | undefined = "/V1.0/AlertDefinitions?$orderby=Severity%20desc,Name";
    while (path) {
      const page = await call("GET", path);
      expect(page.status).toBe(200);
      seen.push(...page.json.value.map((d: { Severity: string; Name: string }) => `${d.Severity} ${d.Name}`));
      path = page.json["@odata.nextLink"]?.replace(emulator.url, "");
    }
    expect(seen).toEqual([
      "High def 1",
      "High def 5",
      "Medium def 0",
      "Medium def 4",
      "Low def 3",
      "Informational def 2",
    ]);
  });

  it("orders the Indicators API's indicators by severity rank", async () => {
    const call = indicatorCaller(emulator);
    const Indicators = SHUFFLED.map((severity, n) =>
      indicatorBody({
        indicatorType: "FileSha256",
        indicatorValue: sha256Of(n + 1),
        severity,
        title: `t${n}`,
      }),
    );
    expect((await call("POST", "/api/indicators/import", { body: { Indicators } })).status).toBe(200);
    const r = await call("GET", "/api/indicators?$orderby=severity,title");
    expect(r.status).toBe(200);
    expect(r.json.value.map((i: { severity: string }) => i.severity)).toEqual([
      "Informational",
      "Low",
      "Medium",
      "Medium",
      "High",
      "High",
    ]);
  });
});
