import { describe, expect, it } from "vitest";
import { describeViolation, validateEntity } from "../../src/schema/index.js";

const alert = {
  Name: "The alert's name",
  Severity: "Low",
  InternalDescription: "An alert description for internal use.",
  Title: "The Title",
  UxDescription: "Description of the alerts.",
  RecommendedAction: "Recommended action for the alert.",
  Category: "Trojan",
  Enabled: true,
};

describe("validateEntity for alert definitions", () => {
  it("accepts the documented create body unchanged", () => {
    const result = validateEntity("AlertDefinitions", alert, { mode: "create" });
    expect(result.errors).toEqual([]);
    expect(result.body).toEqual(alert);
  });

  it("names every missing required field on create", () => {
    const result = validateEntity("AlertDefinitions", { Name: "x" }, { mode: "create" });
    expect(result.errors.map((e) => e.field).sort()).toEqual([
      "Category",
      "Severity",
      "Title",
      "UxDescription",
    ]);
    expect(result.errors.every((e) => e.rule === "is required")).toBe(true);
  });

  it("requires nothing on update and checks only what is present", () => {
    expect(validateEntity("AlertDefinitions", { Enabled: false }, { mode: "update" }).errors).toEqual([]);
  });

  it("applies the Enabled default and nulls optional text on create", () => {
    const { Enabled: _enabled, RecommendedAction: _ra, ...rest } = alert;
    const result = validateEntity("AlertDefinitions", rest, { mode: "create" });
    expect(result.body["Enabled"]).toBe(true);
    expect(result.body["RecommendedAction"]).toBeNull();
  });

  it("refuses a severity outside the enum and names the allowed values", () => {
    const result = validateEntity("AlertDefinitions", { ...alert, Severity: "Critical" }, { mode: "create" });
    expect(result.errors).toHaveLength(1);
    expect(describeViolation(result.errors[0]!)).toBe(
      'Severity: "Critical" is not one of Informational, Low, Medium, High',
    );
  });

  it("canonicalises enum spelling regardless of case", () => {
    const result = validateEntity("AlertDefinitions", { ...alert, Severity: "medium" }, { mode: "create" });
    expect(result.body["Severity"]).toBe("Medium");
  });

  it("warns on an unknown category instead of refusing it", () => {
    const result = validateEntity(
      "AlertDefinitions",
      { ...alert, Category: "Cryptojacking" },
      { mode: "create" },
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.field)).toEqual(["Category"]);
    expect(result.body["Category"]).toBe("Cryptojacking");
  });

  it("enforces the documented maximum lengths", () => {
    const result = validateEntity("AlertDefinitions", { Title: "t".repeat(121) }, { mode: "update" });
    expect(result.errors[0]?.rule).toBe("must be at most 120 characters (got 121)");
  });

  it("treats property names as case-sensitive and suggests the right spelling", () => {
    const result = validateEntity("AlertDefinitions", { severity: "Low" }, { mode: "update" });
    expect(result.errors[0]?.rule).toContain("did you mean Severity");
  });

  it("refuses read-only fields", () => {
    const result = validateEntity("AlertDefinitions", { Id: 5, CreatedBy: "me" }, { mode: "update" });
    expect(result.errors.map((e) => e.field)).toEqual(["Id", "CreatedBy"]);
  });

  it("accepts the string booleans the PowerShell samples send", () => {
    const result = validateEntity("AlertDefinitions", { Enabled: "true" }, { mode: "update" });
    expect(result.body["Enabled"]).toBe(true);
  });

  it("refuses a body that is not an object", () => {
    expect(validateEntity("AlertDefinitions", [alert], { mode: "create" }).errors[0]?.field).toBe("(body)");
  });
});

describe("validateEntity for IOCs", () => {
  const ioc = {
    Type: "SHA1",
    Value: "DEAD1111EEAABBCCDDEEAABBCCDDEE11FFFFFFFF",
    DetectionFunction: "Equals",
    Enabled: true,
    "AlertDefinition@odata.bind": "AlertDefinitions(1)",
  };

  it("normalises type spelling and hex case", () => {
    const result = validateEntity("IndicatorsOfCompromise", ioc, { mode: "create" });
    expect(result.errors).toEqual([]);
    expect(result.body).toMatchObject({ Type: "Sha1", Value: "dead1111eeaabbccddeeaabbccddee11ffffffff" });
  });

  it("refuses a hash of the wrong length for its type", () => {
    const result = validateEntity("IndicatorsOfCompromise", { ...ioc, Value: "abc" }, { mode: "create" });
    expect(describeViolation(result.errors[0]!)).toBe(
      'Value: "abc" must be 40 hexadecimal characters for Type Sha1',
    );
  });

  it("refuses CIDR for an IP address", () => {
    const body = { ...ioc, Type: "IpAddress", Value: "10.0.0.0/8" };
    expect(validateEntity("IndicatorsOfCompromise", body, { mode: "create" }).errors[0]?.field).toBe("Value");
  });

  it("accepts a hash prefix for StartWith", () => {
    const body = { ...ioc, Value: "dead11", DetectionFunction: "StartWith" };
    expect(validateEntity("IndicatorsOfCompromise", body, { mode: "create" }).errors).toEqual([]);
  });

  it("checks an updated value against the stored type", () => {
    const existing = { Type: "IpAddress", DetectionFunction: "Equals", Value: "52.184.197.12" };
    const result = validateEntity(
      "IndicatorsOfCompromise",
      { Value: "not-an-ip" },
      { mode: "update", existing },
    );
    expect(result.errors[0]?.rule).toContain("for Type IpAddress");
  });

  it("requires an ISO date-time with a zone for ExpiresAt", () => {
    const result = validateEntity("IndicatorsOfCompromise", { ExpiresAt: "tomorrow" }, { mode: "update" });
    expect(result.errors[0]?.field).toBe("ExpiresAt");
  });
});

describe("a key whose value is undefined", () => {
  const ioc = {
    Type: "Sha1",
    Value: "dead1111eeaabbccddeeaabbccddee11ffffffff",
    DetectionFunction: "Equals",
  };

  it("is not set: ExpiresAt: undefined creates an IOC without expiry", () => {
    const result = validateEntity(
      "IndicatorsOfCompromise",
      { ...ioc, ExpiresAt: undefined },
      { mode: "create" },
    );
    expect(result.errors).toEqual([]);
    expect(result.body["ExpiresAt"]).toBeNull();
  });

  it("is left out of an update, and a required field given as undefined is missing", () => {
    const update = validateEntity(
      "IndicatorsOfCompromise",
      { Enabled: false, ExpiresAt: undefined },
      { mode: "update" },
    );
    expect(update).toMatchObject({ errors: [], body: { Enabled: false } });
    expect("ExpiresAt" in update.body).toBe(false);
    const created = validateEntity("AlertDefinitions", { ...alert, Title: undefined }, { mode: "create" });
    expect(created.errors).toEqual([{ field: "Title", value: undefined, rule: "is required" }]);
  });
});
