import { describe, expect, it } from "vitest";
import { columnsFor, isIdentifierColumn } from "../../src/display/columns.js";
import { formatTable, formatValue, toHtml } from "../../src/display/index.js";

const indicator = {
  id: "7",
  indicatorValue: "bad.example",
  indicatorType: "DomainName",
  action: "Block",
  createdBySource: "app",
  severity: "Low",
  title: "Bad",
  description: "d",
  rbacGroupNames: [],
  expirationTime: null,
};

describe("indicators in tables", () => {
  it("colours an indicator's severity as custom TI's, in the terminal and in HTML", () => {
    const high = { ...indicator, severity: "High" };
    expect(formatTable([high], { width: 200, color: true })).toContain("\u001b[");
    expect(formatTable([high], { width: 200, color: false })).not.toContain("\u001b[");
    expect(String(toHtml([high]))).toContain("#c62828");
  });

  it("shows the curated columns of an indicator list, in the order an analyst scans them", () => {
    expect(columnsFor([indicator])).toEqual([
      "id",
      "indicatorType",
      "indicatorValue",
      "action",
      "severity",
      "title",
      "expirationTime",
    ]);
  });

  it("names the columns of an empty page of indicators, and never cuts an id or a value", () => {
    const empty = Object.assign([], { entitySet: "indicators" });
    expect(formatTable(empty)).toBe(
      "id  indicatorType  indicatorValue  action  severity  title  expirationTime\n(no indicators)",
    );
    expect(isIdentifierColumn("id") && isIdentifierColumn("indicatorValue")).toBe(true);
  });

  it("prints one indicator as a record", () => {
    expect(formatValue(indicator, { width: 80 })).toMatch(/^id\s+7\nindicatorValue\s+bad\.example\n/);
  });
});
