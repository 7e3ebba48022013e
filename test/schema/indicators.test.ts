import { describe, expect, it } from "vitest";
import {
  describeViolation,
  indicatorAccess,
  indicatorErrorCode,
  validateIndicator,
  ACTIONS_BY_TYPE,
  IMPORT_BATCH_MAX,
  INDICATOR_CAP,
  INDICATOR_FILTER_PROPERTIES,
  INDICATOR_RATE_LIMITS,
  LIST_TOP_MAX,
} from "../../src/schema/index.js";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const check = (input: unknown) => validateIndicator(input, { nowMs: NOW });

// The submit sample of the docs (D2) with today's action and a future expiry.
const sample = {
  indicatorValue: "220e7d15b011d7fac48f2bd61114db1022197f7f",
  indicatorType: "FileSha1",
  title: "test",
  application: "demo-test",
  expirationTime: "2030-12-12T00:00:00Z",
  action: "BlockAndRemediate",
  severity: "Informational",
  description: "test",
  recommendedActions: "nothing",
  rbacGroupNames: ["group1", "group2"],
};

const rules = (input: unknown) => check(input).errors.map(describeViolation);

describe("validateIndicator", () => {
  it("accepts the documented submit body and applies the defaults", () => {
    const result = check(sample);
    expect(result.errors).toEqual([]);
    expect(result.body).toEqual({
      ...sample,
      expirationTime: "2030-12-12T00:00:00.000Z",
      rbacGroupIds: [],
      generateAlert: false,
      mitreTechniques: [],
    });
  });

  it("names every missing required field", () => {
    const result = check({ indicatorType: "FileSha1" });
    expect(result.errors.map((e) => e.field).sort()).toEqual([
      "action",
      "description",
      "indicatorValue",
      "title",
    ]);
    expect(indicatorErrorCode(result.errors, "FileSha1")).toBe("MissingRequiredParameter");
  });

  it("defaults severity to Informational and expirationTime to none", () => {
    const { severity: _s, expirationTime: _e, ...rest } = sample;
    expect(check(rest).body).toMatchObject({ severity: "Informational", expirationTime: null });
  });

  it("refuses the legacy actions and names their replacements", () => {
    expect(rules({ ...sample, action: "AlertAndBlock" })).toEqual([
      'action: "AlertAndBlock" is a legacy action (supported only until January 2022): use BlockAndRemediate (generateAlert optional)',
    ]);
    expect(rules({ ...sample, action: "Alert" })).toEqual([
      'action: "Alert" is a legacy action (supported only until January 2022): use Audit with generateAlert: true',
    ]);
  });

  it("requires generateAlert true for Audit", () => {
    expect(rules({ ...sample, action: "Audit" })).toEqual([
      "generateAlert: false must be true when action is Audit",
    ]);
    expect(check({ ...sample, action: "Audit", generateAlert: "True" }).errors).toEqual([]);
  });

  it("refuses an expiry in the past and a date-time without a zone", () => {
    expect(rules({ ...sample, expirationTime: "2020-12-12T00:00:00Z" })).toEqual([
      'expirationTime: "2020-12-12T00:00:00Z" is in the past (now is 2026-06-01T00:00:00.000Z)',
    ]);
    expect(rules({ ...sample, expirationTime: "2030-12-12" })[0]).toMatch(
      /ISO 8601 date-time with a time zone/,
    );
  });

  it("allows only the documented actions per type", () => {
    const cert = { ...sample, indicatorType: "CertificateThumbprint" };
    expect(check({ ...cert, action: "BlockAndRemediate" }).errors).toEqual([]);
    expect(rules({ ...cert, action: "Block" })).toEqual([
      'action: "Block" is not allowed for indicatorType CertificateThumbprint (allowed: Allowed, BlockAndRemediate)',
    ]);
    const url = {
      ...sample,
      indicatorType: "Url",
      indicatorValue: "https://a.example/x",
      action: "BlockAndRemediate",
    };
    expect(rules(url)[0]).toMatch(
      /not allowed for indicatorType Url \(allowed: Allowed, Audit, Warn, Block\)/,
    );
    expect(ACTIONS_BY_TYPE.FileMd5).toEqual(["Allowed", "Audit", "Warn", "Block", "BlockAndRemediate"]);
  });

  it.each([
    ["FileSha1", "abc", "must be 40 hexadecimal characters for indicatorType FileSha1", "InvalidHashValue"],
    [
      "FileSha256",
      "a".repeat(63),
      "must be 64 hexadecimal characters for indicatorType FileSha256",
      "InvalidHashValue",
    ],
    [
      "FileMd5",
      "z".repeat(32),
      "must be 32 hexadecimal characters for indicatorType FileMd5",
      "InvalidHashValue",
    ],
    [
      "CertificateThumbprint",
      "a".repeat(41),
      "must be 40 hexadecimal characters for indicatorType CertificateThumbprint",
      "InvalidHashValue",
    ],
    [
      "IpAddress",
      "10.0.0.0/8",
      "must be an IPv4 dotted quad or a full IPv6 address of 8 groups (no CIDR, no ranges) for indicatorType IpAddress",
      "InvalidIpAddress",
    ],
    [
      "IpAddress",
      "2001:db8::1",
      "must be an IPv4 dotted quad or a full IPv6 address of 8 groups (no CIDR, no ranges) for indicatorType IpAddress",
      "InvalidIpAddress",
    ],
    [
      "IpAddress",
      "127.0.0.1",
      "must not be a loopback address for indicatorType IpAddress",
      "InvalidIpAddress",
    ],
    [
      "DomainName",
      "not a domain",
      "must be a valid host name (labels of letters, digits and hyphens, separated by dots) for indicatorType DomainName",
      "InvalidDomainName",
    ],
    [
      "Url",
      "ftp://a.example/x",
      "must be an absolute http:// or https:// URL for indicatorType Url",
      "InvalidUrl",
    ],
    ["Url", "a.example/x", "must be an absolute http:// or https:// URL for indicatorType Url", "InvalidUrl"],
  ])("refuses a %s value %j with the rule and its documented code", (type, value, rule, code) => {
    const action = type === "CertificateThumbprint" ? "Allowed" : "Block";
    const result = check({ ...sample, indicatorType: type, indicatorValue: value, action });
    expect(result.errors).toEqual([{ field: "indicatorValue", value, rule }]);
    expect(indicatorErrorCode(result.errors, type)).toBe(code);
  });

  it("normalises values: hashes and domains lower-cased, IPv6 in full form", () => {
    expect(
      check({ ...sample, indicatorValue: ` ${sample.indicatorValue.toUpperCase()} ` }).body["indicatorValue"],
    ).toBe(sample.indicatorValue);
    const ip = { ...sample, indicatorType: "IpAddress", action: "Block" };
    expect(check({ ...ip, indicatorValue: "2001:DB8:0:0:0:0:0:1" }).body["indicatorValue"]).toBe(
      "2001:0db8:0000:0000:0000:0000:0000:0001",
    );
    const domain = {
      ...sample,
      indicatorType: "DomainName",
      action: "Warn",
      indicatorValue: "Login.Contoso.Example",
    };
    expect(check(domain).body["indicatorValue"]).toBe("login.contoso.example");
  });

  it("accepts a private IP with a warning (the portal's sample uses 10.10.10.10)", () => {
    const result = check({
      ...sample,
      indicatorType: "IpAddress",
      indicatorValue: "10.10.10.10",
      action: "Block",
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map(describeViolation)).toEqual([
      'indicatorValue: "10.10.10.10" is a private address: the docs say only external IPs are matched',
    ]);
  });

  it("reads rbacGroupNames from a comma-separated string as a list", () => {
    expect(check({ ...sample, rbacGroupNames: "group1, group2," }).body["rbacGroupNames"]).toEqual([
      "group1",
      "group2",
    ]);
    expect(rules({ ...sample, rbacGroupNames: [1] })).toEqual([
      "rbacGroupNames: [1] must be a list of strings (a JSON array or a comma-separated string)",
    ]);
  });

  it("treats property names as case-sensitive and hints at the right spelling", () => {
    const { indicatorValue, ...rest } = sample;
    const result = check({ ...rest, IndicatorValue: indicatorValue });
    expect(result.errors.map(describeViolation)).toEqual([
      `IndicatorValue: "${indicatorValue}" is not a property (names are case-sensitive: did you mean indicatorValue?)`,
      "indicatorValue: (missing) is required",
    ]);
    expect(indicatorErrorCode(result.errors, "FileSha1")).toBe("InvalidRequestBody");
  });

  it("refuses server-set fields and accepts an id naming the indicator to update", () => {
    expect(rules({ ...sample, createdBy: "x" })).toEqual([
      'createdBy: "x" is read-only (set by the service)',
    ]);
    expect(check({ ...sample, id: 994 }).body["id"]).toBe("994");
    expect(rules({ ...sample, id: "abc" })).toEqual(['id: "abc" must be a numeric id, e.g. "994"']);
  });

  it("refuses what is not an object", () => {
    expect(rules([sample])).toEqual([
      `(body): ${JSON.stringify([sample]).slice(0, 77)}... must be a JSON object`,
    ]);
  });
});

describe("an indicator key whose value is undefined", () => {
  it("is not set: expirationTime: undefined submits an indicator without expiry", () => {
    const result = check({ ...sample, expirationTime: undefined, application: undefined });
    expect(result.errors).toEqual([]);
    expect(result.body["expirationTime"] ?? null).toBeNull(); // the default: no expiry
    expect(check({ ...sample, title: undefined }).errors).toEqual([
      { field: "title", value: undefined, rule: "is required" },
    ]);
  });
});

describe("indicator facts", () => {
  it("publishes the documented limits as data", () => {
    expect(INDICATOR_RATE_LIMITS).toEqual({
      list: { perMinute: 100, perHour: 1500 },
      submit: { perMinute: 100, perHour: 1500 },
      delete: { perMinute: 100, perHour: 1500 },
      import: { perMinute: 30, perHour: 1500 },
      batchDelete: { perMinute: 30, perHour: 1500 },
    });
    expect([INDICATOR_CAP, IMPORT_BATCH_MAX, LIST_TOP_MAX]).toEqual([15_000, 500, 10_000]);
  });

  it("lists the documented $filter properties", () => {
    expect([...INDICATOR_FILTER_PROPERTIES].sort()).toEqual(
      [
        "application",
        "createdByDisplayName",
        "expirationTime",
        "generateAlert",
        "title",
        "rbacGroupNames",
        "rbacGroupIds",
        "indicatorValue",
        "indicatorType",
        "creationTimeDateTimeUtc",
        "createdBy",
        "action",
        "severity",
      ].sort(),
    );
  });

  it("derives access from roles: All sees all, ReadWrite its own, Read.All reads only, none nothing", () => {
    expect(indicatorAccess(["Ti.ReadWrite.All"])).toEqual({ read: "all", write: true, writeAll: true });
    expect(indicatorAccess(["Ti.ReadWrite"])).toEqual({ read: "own", write: true, writeAll: false });
    expect(indicatorAccess(["Ti.Read.All"])).toEqual({ read: "all", write: false, writeAll: false });
    expect(indicatorAccess([])).toEqual({ read: "none", write: false, writeAll: false });
  });
});
