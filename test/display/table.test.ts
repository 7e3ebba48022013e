import { describe, expect, it } from "vitest";
import { formatTable, formatValue, stripAnsi, visibleWidth } from "../../src/display/index.js";
import { ALERT, IOC, page } from "./fixtures.js";

const many = Array.from({ length: 5 }, (_, i) => ({ ...ALERT, Id: i + 1, Severity: i % 2 ? "High" : "Low" }));

describe("formatTable", () => {
  it("aligns columns under their headers", () => {
    const lines = formatTable([ALERT, { ...ALERT, Id: 22, Category: "Backdoor" }]).split("\n");
    const at = lines[0]!.indexOf("Category");
    expect(lines[1]!.slice(at)).toMatch(/^Trojan/);
    expect(lines[2]!.slice(at)).toMatch(/^Backdoor/);
  });

  it("shows an empty page's columns and says which set is empty", () => {
    expect(formatTable(page([], { entitySet: "IndicatorsOfCompromise" }))).toBe(
      "Id  Type  Value  DetectionFunction  Enabled  AlertDefinitionId  ExpiresAt\n(no IOCs)",
    );
  });

  it("names the page's own set in the hint for more pages", () => {
    const text = formatTable(
      page([ALERT], {
        nextLink: "https://x/IndicatorsOfCompromise?$skiptoken=1",
        entitySet: "IndicatorsOfCompromise",
      }),
    );
    expect(text).toContain("iocs.list()");
  });

  it("shows the curated alert definition columns first", () => {
    expect(formatTable([ALERT]).split("\n")[0]).toMatch(
      /^Id\s+Severity\s+Category\s+Enabled\s+Name\s+Title$/,
    );
  });

  it("shows the IOC value and its alert definition id", () => {
    const header = formatTable([IOC]).split("\n")[0]!;
    expect(header).toContain("Value");
    expect(header).toContain("AlertDefinitionId");
  });

  it("fits every line in the given width and cuts long text with an ellipsis", () => {
    const long = { ...ALERT, Name: "x".repeat(200) };
    const text = formatTable([long, ALERT], { width: 60 });
    for (const line of text.split("\n")) expect(visibleWidth(line)).toBeLessThanOrEqual(60);
    expect(text).toContain("…");
  });

  it("keeps a multi-line value on one row", () => {
    expect(formatTable([{ ...ALERT, Title: "two\nlines" }]).split("\n")).toHaveLength(2);
  });

  it("colours severities only when colour is on", () => {
    const coloured = formatTable(many, { color: true });
    expect(coloured).toContain("\u001b[31mHigh");
    expect(coloured).toContain("\u001b[36mLow");
    expect(formatTable(many, { color: false })).not.toContain("\u001b[");
    expect(stripAnsi(coloured)).toBe(formatTable(many, { color: false }));
  });

  it("stops at maxRows and says how many rows were left out", () => {
    const text = formatTable(many, { maxRows: 2 });
    expect(text.split("\n")).toHaveLength(4);
    expect(text).toContain("3 more rows (5 in all)");
  });

  it("tells how to get more when the page has a next link", () => {
    const text = formatTable(page([IOC], { nextLink: "http://h/V1.0/IndicatorsOfCompromise?$skiptoken=7" }));
    expect(text).toContain("First page only");
    expect(text).toContain("iocs.list().toArray()");
  });

  it("shows no footer on the last page", () => {
    expect(formatTable(page([ALERT], { count: 1 }))).not.toContain("First page only");
  });

  it("says so when the list is empty", () => {
    expect(formatValue([])).toBe("(no rows)");
  });

  it("lists the keys of plain objects in order of appearance", () => {
    expect(formatTable([{ b: 1 }, { a: { nested: true } }]).split("\n")[0]).toMatch(/^b\s+a$/);
    expect(formatTable([{ a: { nested: true } }])).toContain("nested: true");
  });
});
