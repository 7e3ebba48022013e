import { describe, expect, it } from "vitest";
import { formatRecord, formatValue, visibleWidth } from "../../src/display/index.js";
import { ALERT, IOC } from "./fixtures.js";

describe("formatRecord", () => {
  it("shows one field per line with values aligned", () => {
    const lines = formatRecord(ALERT).split("\n");
    expect(lines).toHaveLength(Object.keys(ALERT).length);
    const at = lines[0]!.indexOf("1");
    expect(lines[1]!.indexOf("The alert's name")).toBe(at);
  });

  it("wraps long text within the width instead of cutting it", () => {
    const text = formatRecord({ ...ALERT, RecommendedAction: "word ".repeat(60) }, { width: 60 });
    for (const line of text.split("\n")) expect(visibleWidth(line)).toBeLessThanOrEqual(60);
    expect(text.match(/word/g)).toHaveLength(60);
  });

  it("shows an expanded list of IOCs as an indented table", () => {
    const text = formatRecord({ ...ALERT, IndicatorsOfCompromise: [IOC] });
    expect(text).toContain("IndicatorsOfCompromise  [1]");
    expect(text).toMatch(/\n {4}Id\s+Type\s+Value/);
  });

  it("is what formatValue picks for one entity", () => {
    expect(formatValue(IOC)).toBe(formatRecord(IOC));
  });

  it("colours the severity when colour is on", () => {
    expect(formatRecord({ ...ALERT, Severity: "Medium" }, { color: true })).toContain("\u001b[33mMedium");
  });
});
