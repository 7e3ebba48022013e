import { describe, expect, it } from "vitest";
import { formatTable, formatValue, pp, toHtml } from "../../src/display/index.js";
import { ALERT, IOC } from "./fixtures.js";

const SHA256 =
  "b70a14ee2b5d1a3f0c9e8d7c6b5a49382716f5e4d3c2b1a09f8e7d6c5b4c4442b70a14ee2b5d1a3f0c9e8d7c".slice(0, 64);
const hashIoc = { ...IOC, Id: 123456, Type: "Sha256", Value: SHA256, ExpiresAt: "2026-12-31T00:00:00Z" };

describe("identifiers are never cut", () => {
  it("keeps a SHA-256 Value whole in a narrow table, shrinking free text instead", () => {
    const text = formatTable([hashIoc, { ...hashIoc, Id: 2, DetectionFunction: "x".repeat(90) }], {
      width: 150,
    });
    expect(text).toContain(SHA256);
    expect(text).toContain("123456");
    expect(text).toContain("…");
  });

  it("keeps identifiers whole in String(pp(x)) at its default width", () => {
    const wide = { ...hashIoc, Note: "a long free-text note ".repeat(10) };
    expect(String(pp([wide, wide]))).toContain(SHA256);
  });

  it("gives a vertical view with every field in full", () => {
    const text = formatValue([hashIoc, IOC], { vertical: true, width: 80 });
    expect(text).toContain("-[ 1 ]-");
    expect(text).toContain("-[ 2 ]-");
    expect(text).toMatch(new RegExp(`Value\\s+${SHA256}`));
    expect(text).toContain("CreatedBy");
  });
});

describe("tables read well", () => {
  it("right-aligns numbers and left-aligns text in text tables", () => {
    const lines = formatTable([
      { Name: "a", Count: 5 },
      { Name: "longer", Count: 1234 },
    ]).split("\n");
    expect(lines[1]).toBe(`a${" ".repeat(11)}5`);
    expect(lines[2]).toBe("longer   1234");
  });

  it("shows objects in cells as key: value pairs, not raw JSON", () => {
    const text = formatTable([{ Attempts: 2, Statuses: { 200: 13, 503: 2 } }]);
    expect(text).toContain("200: 13, 503: 2");
    expect(text).not.toContain('{"200"');
    expect(toHtml([{ Statuses: { 200: 13 } }])).not.toContain("{&#34;");
  });

  it("shows lists of plain values joined and Maps as pairs, lists of objects as a count", () => {
    const text = formatTable([
      { Groups: ["group1", "group2"], Statuses: new Map([[200, 13]]), Items: [{ a: 1 }, { a: 2 }] },
    ]);
    expect(text.split("\n")[1]).toBe("group1, group2  200: 13   [2 items]");
    expect(toHtml([{ Groups: ["group1", "group2"] }])).toContain(">group1, group2<");
  });

  it("aligns HTML cells with markup an untrusted notebook keeps (no style attributes)", () => {
    const html = toHtml([ALERT, { ...ALERT, Id: 2, Severity: "High" }]);
    expect(html).not.toContain("style=");
    expect(html).toContain('<td align="right" class="ti-num">2</td>');
    expect(html).toContain('<div align="left">Trojan</div>');
    expect(html).toMatch(/<font color="#c62828"><b>High<\/b><\/font>/);
  });

  it("puts no '1 of 1 row' caption on a one-row summary, and counts cut lists", () => {
    expect(toHtml([{ Set: "IOCs", Count: 3 }])).not.toContain("<caption>");
    const many = Array.from({ length: 120 }, (_, i) => ({ ...IOC, Id: i + 1 }));
    expect(toHtml(many)).toContain("<caption>100 of 120 rows</caption>");
  });

  it("bundles the console's text with the HTML, and displays both in one output", () => {
    const rows = [ALERT];
    const bundle = pp(rows).bundle();
    expect(bundle["text/plain"]).toBe(formatValue(rows, { width: Infinity }));
    expect(bundle["text/html"]).toBe(toHtml(rows));
    const shown: Record<string, string>[] = [];
    pp(rows).display({ html: () => expect.fail("html() used"), bundle: (data) => shown.push(data) });
    expect(shown).toEqual([bundle]);
  });
});

describe("a notebook's text/plain", () => {
  it("cuts no column, date or header to a width, however wide the rows", () => {
    const rows = Array.from({ length: 3 }, (_, i) => ({
      Id: i + 1,
      Type: "Sha256",
      Value: "b70a14ee".repeat(8),
      ExpiresAt: "2026-12-24T10:00:00Z",
      DefinitionName: "Credential phishing wave two, the long name of a definition",
      Title: "A title long enough to be cut at a hundred columns in any terminal table ever drawn",
      unchangedRows: 12,
    }));
    const text = pp(rows).bundle()["text/plain"];
    for (const cell of Object.values(rows[0]!)) expect(text).toContain(String(cell));
    expect(text).toContain("unchangedRows");
    expect(text).not.toContain("…");
    // Asked for, a width still applies.
    expect(pp(rows, { width: 100 }).bundle()["text/plain"]).toContain("…");
  });
});

describe("plan and result tables", () => {
  it("show reasons in full", () => {
    const reason = "Value 'not-a-hash' is not a valid Sha256: expected 64 hexadecimal characters, got 10";
    const text = formatTable([{ Line: 4, Action: "invalid", What: "Sha256 not-a-hash", Reason: reason }], {
      width: 60,
    });
    expect(text).toContain(reason);
  });
});

describe("rows wider than the terminal", () => {
  it("keep every column when the reasons alone are wider than the table", () => {
    const reason =
      'Value: "10.0.0.300" must be an IPv4 dotted quad or a full IPv6 address (no CIDR, no ranges)';
    const [header, row] = formatTable(
      [{ Line: 307, Action: "skip: invalid", Value: "10.0.0.300", Reason: reason }],
      {
        width: 80,
      },
    ).split("\n");
    expect(header).toMatch(/^Line\s+Action\s+Value\s+Reason$/);
    // Nor the action: a plan row's "skip: …" cut short says nothing.
    expect(row).toContain(" skip: invalid ");
  });
});
