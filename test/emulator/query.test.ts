import { beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { caller, definitionBody, iocBody } from "./support.js";

const emulator = await startTestEmulator({ pageSize: 4 });
const call = caller(emulator);

const SEVERITIES = ["Low", "Medium", "High", "Informational"];

beforeAll(async () => {
  const alertDefinitions = Array.from({ length: 10 }, (_, i) =>
    definitionBody({
      Name: `def ${i}`,
      Severity: SEVERITIES[i % 4],
      Enabled: i % 2 === 0,
      RecommendedAction: i < 3 ? null : `act ${i}`,
    }),
  );
  await call("POST", "/V1.0/AlertDefinitions/Actions.BulkUpload", { body: { alertDefinitions } });
  const iocs = Array.from({ length: 10 }, (_, i) =>
    iocBody((i % 3) + 1, {
      Type: "IpAddress",
      Value: `10.0.0.${i}`,
      DetectionFunction: i < 2 ? "StartWith" : "Equals",
    }),
  );
  await call("POST", "/V1.0/IndicatorsOfCompromise/Actions.BulkUpload", { body: { iocs } });
});

const ids = (r: { json: { value: { Id: number }[] } }): number[] => r.json.value.map((e) => e.Id);

async function collect(path: string, headers: Record<string, string> = {}): Promise<number[][]> {
  const pages: number[][] = [];
  let next: string | undefined = path;
  while (next) {
    const r = await call("GET", next.replace(emulator.url, ""), { headers });
    expect(r.status).toBe(200);
    pages.push(ids(r));
    next = r.json["@odata.nextLink"];
  }
  return pages;
}

describe("query options", () => {
  it("filters with comparisons, and, or, not, functions, in and null", async () => {
    const cases: [string, number[]][] = [
      ["Severity eq 'Low'", [1, 5, 9]],
      ["Severity eq 'Low' and Enabled", [1, 5, 9]],
      ["Severity eq 'Medium' or Id gt 8", [2, 6, 9, 10]],
      ["not (Id le 7)", [8, 9, 10]],
      ["startswith(Name,'def 1') or endswith(Name, '9')", [2, 10]],
      ["contains(Name,'f 3')", [4]],
      ["Severity in ('High','Informational') and Id lt 5", [3, 4]],
      ["RecommendedAction eq null", [1, 2, 3]],
      ["RecommendedAction ne null and Id le 4", [4]],
      ["CreatedAt gt 2000-01-01T00:00:00Z and Id eq 1", [1]],
      ["Name eq 'it''s'", []],
    ];
    for (const [filter, expected] of cases) {
      const r = await call("GET", `/V1.0/AlertDefinitions?$top=50&$filter=${encodeURIComponent(filter)}`);
      expect([filter, ids(r)]).toEqual([filter, expected]);
    }
  });

  it("answers a malformed filter with 400 ODataError naming the position", async () => {
    const cases: [string, RegExp][] = [
      ["Severity eq", /position 12 \(end of input\)/],
      ["Severity eq 'Low", /unterminated string starting at position 13/],
      ["Severity eq 3", /cannot compare a string with a number/],
      ["severity eq 'Low'", /did you mean Severity/],
      ["Enabled gt true", /does not apply to booleans/],
      ["Id eq 1 xor Id eq 2", /position 9/],
      ["Name", /must be a condition/],
      ["Id eq 1 #", /unexpected character at position 9/],
    ];
    for (const [filter, message] of cases) {
      const r = await call("GET", `/V1.0/AlertDefinitions?$filter=${encodeURIComponent(filter)}`);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe("ODataError");
      expect(r.json.error.message).toMatch(message);
    }
  });

  it("orders by several properties with ties broken by Id, severity by rank", async () => {
    const r = await call("GET", "/V1.0/AlertDefinitions?$orderby=Severity desc,Id desc&$top=4");
    expect(r.json.value.map((d: { Severity: string; Id: number }) => `${d.Severity}${d.Id}`)).toEqual([
      "High7",
      "High3",
      "Medium10",
      "Medium6",
    ]);
  });

  it("selects properties, counts, and applies top and skip", async () => {
    const r = await call("GET", "/V1.0/AlertDefinitions?$select=Id,Name&$count=true&$skip=2&$top=2");
    expect(r.json["@odata.count"]).toBe(10);
    expect(r.json.value).toEqual([
      { Id: 3, Name: "def 2" },
      { Id: 4, Name: "def 3" },
    ]);
    expect(r.json["@odata.nextLink"]).toBeUndefined();
  });

  it("counts with $count on the path, filter included", async () => {
    const r = await call("GET", "/V1.0/IndicatorsOfCompromise/$count?$filter=DetectionFunction ne 'Equals'");
    expect([r.status, r.text, r.headers.get("content-type")]).toEqual([200, "2", "text/plain"]);
  });

  it("expands a definition's IOCs and an IOC's definition", async () => {
    const d = await call("GET", "/V1.0/AlertDefinitions(2)?$expand=IndicatorsOfCompromise");
    expect(d.json.IndicatorsOfCompromise.map((i: { Value: string }) => i.Value)).toEqual([
      "10.0.0.1",
      "10.0.0.4",
      "10.0.0.7",
    ]);
    const list = await call(
      "GET",
      "/V1.0/IndicatorsOfCompromise?$expand=AlertDefinition&$top=1&$select=Value",
    );
    expect(list.json.value[0]).toMatchObject({
      Value: "10.0.0.0",
      AlertDefinition: { Id: 1, Name: "def 0" },
    });
    const nav = await call("GET", "/V1.0/IndicatorsOfCompromise(1)/AlertDefinition");
    expect(nav.json.Id).toBe(1);
  });

  it("pages with @odata.nextLink and an opaque skiptoken", async () => {
    expect(await collect("/V1.0/AlertDefinitions")).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10],
    ]);
    expect(await collect("/V1.0/AlertDefinitions?$top=6&$orderby=Name desc")).toEqual([
      [10, 9, 8, 7],
      [6, 5],
    ]);
    const first = await call("GET", "/V1.0/AlertDefinitions?$filter=Enabled&$count=true");
    expect(first.json["@odata.nextLink"]).toMatch(/\$skiptoken=[A-Za-z0-9_-]+/);
    expect(first.json["@odata.nextLink"]).toContain("$count=true");
  });

  it("honours Prefer: odata.maxpagesize and says so", async () => {
    const r = await call("GET", "/V1.0/AlertDefinitions", { headers: { prefer: "odata.maxpagesize=7" } });
    expect(ids(r)).toHaveLength(7);
    expect(r.headers.get("preference-applied")).toBe("odata.maxpagesize=7");
  });

  it("neither skips nor repeats when entities are deleted while paging", async () => {
    const scratch = await call("POST", "/V1.0/AlertDefinitions/Actions.BulkUpload", {
      body: {
        alertDefinitions: Array.from({ length: 8 }, (_, i) => definitionBody({ Name: `paging ${i}` })),
      },
    });
    const made: number[] = ids(scratch);
    const path = `/V1.0/AlertDefinitions?$filter=${encodeURIComponent("startswith(Name,'paging')")}`;
    const first = await call("GET", path);
    expect(ids(first)).toEqual(made.slice(0, 4));
    for (const id of made.slice(0, 2)) await call("DELETE", `/V1.0/AlertDefinitions(${id})`);
    const second = await call("GET", first.json["@odata.nextLink"].replace(emulator.url, ""));
    expect(ids(second)).toEqual(made.slice(4, 8));
  });

  it("refuses unknown query options, bad numbers and foreign skiptokens with 400 ODataError", async () => {
    for (const query of [
      "$foo=1",
      "$top=-1",
      "$skip=x",
      "$count=yes",
      "$select=Nope",
      "$expand=Other",
      "$orderby=Id sideways",
      "$skiptoken=abc",
    ]) {
      const r = await call("GET", `/V1.0/AlertDefinitions?${query}`);
      expect([query, r.status, r.json.error.code]).toEqual([query, 400, "ODataError"]);
    }
  });
});
