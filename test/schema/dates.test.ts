import { describe, expect, it } from "vitest";
import { dateTimeRule, validateEntity } from "../../src/schema/index.js";

describe("date-times are real dates", () => {
  it("accepts real instants with a zone, leap days included", () => {
    for (const good of [
      "2030-01-31T00:00:00Z",
      "2028-02-29T12:30:00+02:00",
      "2000-02-29T00:00Z",
      "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59.9999999Z",
    ]) {
      expect(dateTimeRule(good), good).toBeUndefined();
    }
  });

  it("refuses impossible calendar dates and times of day, naming the rule", () => {
    expect(dateTimeRule("2030-02-30T00:00:00Z")).toBe("is not a real date (2030-02 has 28 days)");
    expect(dateTimeRule("2100-02-29T00:00:00Z")).toBe("is not a real date (2100-02 has 28 days)");
    expect(dateTimeRule("2030-04-31T00:00:00Z")).toMatch(/has 30 days/);
    expect(dateTimeRule("2030-13-01T00:00:00Z")).toMatch(/month 13/);
    for (const bad of ["2030-01-01T24:00:00Z", "2030-01-01T10:60:00Z", "2030-01-01T10:00:60Z"]) {
      expect(dateTimeRule(bad), bad).toMatch(/real time of day/);
    }
  });

  it("refuses years outside 0001-9999, as written or once in UTC", () => {
    expect(dateTimeRule("0000-06-01T00:00:00Z")).toMatch(/0001 to 9999/);
    expect(dateTimeRule("+010000-01-01T00:00:00Z")).toMatch(/ISO 8601/);
    expect(dateTimeRule("9999-12-31T23:00:00-02:00")).toMatch(/0001 to 9999 in UTC/);
    expect(dateTimeRule("0001-01-01T00:30:00+01:00")).toMatch(/0001 to 9999 in UTC/);
  });

  it("makes ExpiresAt: 2030-02-30 a validation error naming field, value and rule", () => {
    const { errors } = validateEntity(
      "IndicatorsOfCompromise",
      { ExpiresAt: "2030-02-30T00:00:00Z" },
      { mode: "update" },
    );
    expect(errors).toEqual([
      { field: "ExpiresAt", value: "2030-02-30T00:00:00Z", rule: "is not a real date (2030-02 has 28 days)" },
    ]);
  });
});
