import { describe, expect, it } from "vitest";
import {
  alertDefinitionRef,
  expandIpv6,
  inferIocType,
  isDomainName,
  isIpv4,
  isIpv6,
  normalizeValue,
  parseAlertDefinitionRef,
} from "../../src/schema/index.js";

describe("IOC value formats", () => {
  it("accepts dotted quads and refuses CIDR, ranges and out-of-range octets", () => {
    expect(isIpv4("52.184.197.12")).toBe(true);
    for (const bad of ["10.0.0.0/8", "10.0.0.1-10.0.0.9", "256.1.1.1", "1.2.3", "01.2.3.4"]) {
      expect(isIpv4(bad), bad).toBe(false);
    }
  });

  it("writes a compressed IPv6 address out in full and leaves everything else alone", () => {
    expect(expandIpv6("2001:DB8::1")).toBe("2001:db8:0:0:0:0:0:1");
    expect(expandIpv6("::1")).toBe("0:0:0:0:0:0:0:1");
    expect(expandIpv6("1:2:3:4:5:6:7::")).toBe("1:2:3:4:5:6:7:0");
    expect(expandIpv6("::ffff:192.0.2.1")).toBe("0:0:0:0:0:ffff:c000:201");
    for (const other of [
      "2001:db8:0:0:0:0:0:1",
      "2001:db8::/32",
      "fe80::1%eth0",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "::1.2.3.256",
      "a:b",
      "example.com",
    ])
      expect(expandIpv6(other), other).toBeUndefined();
    expect(inferIocType("2001:db8::1")).toBe("IpAddress");
  });

  it("accepts IPv6 only with all eight groups", () => {
    expect(isIpv6("2001:0db8:85a3:0000:0000:8a2e:0370:7334")).toBe(true);
    expect(isIpv6("2001:db8::1")).toBe(false);
  });

  it("accepts host names and refuses malformed ones", () => {
    expect(isDomainName("evil.example.com")).toBe(true);
    for (const bad of ["localhost", "-bad.com", "bad-.com", "a..b", "1.2.3.4", "sp ace.com", ""]) {
      expect(isDomainName(bad), bad).toBe(false);
    }
  });

  it("infers the type of a bare value", () => {
    expect(inferIocType("8311e8b377736fb93b18b15372355f3f26c4cd29")).toBe("Sha1");
    expect(inferIocType("d41d8cd98f00b204e9800998ecf8427e")).toBe("Md5");
    expect(inferIocType("a".repeat(64))).toBe("Sha256");
    expect(inferIocType("52.184.197.12")).toBe("IpAddress");
    expect(inferIocType("evil.example.com")).toBe("DomainName");
    expect(inferIocType("abc")).toBeUndefined();
  });

  it("normalises hex and domains to lower case and trims", () => {
    expect(normalizeValue("Sha1", "  ABCDEF  ")).toBe("abcdef");
    expect(normalizeValue("DomainName", "Evil.Example.COM")).toBe("evil.example.com");
  });
});

describe("alert definition references", () => {
  it("reads the relative, absolute and plural forms", () => {
    expect(parseAlertDefinitionRef("AlertDefinitions(1)")).toBe(1);
    expect(parseAlertDefinitionRef("https://TI.SecurityCenter.Windows.com/v1.0/AlertDefinitions(6)")).toBe(6);
    expect(parseAlertDefinitionRef("AlertDefinitions('x')")).toBeUndefined();
    expect(parseAlertDefinitionRef(7)).toBeUndefined();
  });

  it("writes the documented relative form", () => {
    expect(alertDefinitionRef(12)).toBe("AlertDefinitions(12)");
  });
});
