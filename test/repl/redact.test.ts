import { describe, expect, it } from "vitest";
import { redactLine } from "../../src/repl/redact.js";

describe("redactLine", () => {
  it("removes a known secret wherever it appears", () => {
    expect(redactLine('connect({ clientSecret: "abc-123-xyz" })', ["abc-123-xyz"])).not.toContain(
      "abc-123-xyz",
    );
    expect(redactLine("x = 'pre-abc-123-xyz-post'", ["abc-123-xyz"])).toBe("x = 'pre-[redacted]-post'");
  });

  it("removes bearer tokens and JWT-looking strings", () => {
    expect(redactLine('h = "Authorization: Bearer abc.def"')).toBe('h = "Authorization: Bearer [redacted]"');
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature";
    expect(redactLine(`t = "${jwt}"`)).toBe('t = "[redacted-jwt]"');
  });

  it("removes values of secret-named keys", () => {
    expect(redactLine('process.env.TI_CLIENT_SECRET = "hunter2"')).toBe(
      'process.env.TI_CLIENT_SECRET = "[redacted]"',
    );
    expect(redactLine("{ password: 'pw', token: tk }")).toBe("{ password: '[redacted]', token: [redacted] }");
  });

  it("removes Azure AD client secrets and long key-like strings", () => {
    expect(redactLine('s = "Abc8Q~aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789_"')).toBe('s = "[redacted-secret]"');
    expect(redactLine("k = 'Zx9Kq2Lm8Np4Rs6Tv1Wy3Ab5Cd7Ef9Gh0J'")).toBe("k = '[redacted-key]'");
  });

  it("keeps IOC values and ordinary code", () => {
    const line =
      'await iocs.create({ Type: "Sha256", Value: "' + "ab12".repeat(16) + '", AlertDefinition: a.Id })';
    expect(redactLine(line)).toBe(line);
    expect(redactLine("session.token.expiresAt")).toBe("session.token.expiresAt");
    expect(redactLine('await iocs.create({ Value: "52.184.197.12" })')).toContain("52.184.197.12");
  });
});
