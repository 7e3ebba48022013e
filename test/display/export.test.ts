import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { pp, toCsv, toHtml, toJson } from "../../src/display/index.js";
import { HttpError } from "../../src/errors/index.js";
import { ALERT, IOC, page } from "./fixtures.js";

describe("toCsv", () => {
  it("writes a header of every field and one line per row", () => {
    const lines = toCsv([ALERT, ALERT]).split("\r\n");
    expect(lines[0]).toBe(Object.keys(ALERT).join(","));
    expect(lines).toHaveLength(3);
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(toCsv([{ a: 'say "hi", twice\nok' }])).toBe('a\r\n"say ""hi"", twice\nok"');
  });

  it("defuses values a spreadsheet would run as a formula", () => {
    expect(toCsv([{ a: "=HYPERLINK(1)", b: -5 }])).toBe("a,b\r\n'=HYPERLINK(1),-5");
  });
});

describe("toJson", () => {
  it("writes the rows of a page without its paging extras", () => {
    expect(JSON.parse(toJson(page([IOC], { nextLink: "n" })))).toEqual([IOC]);
  });

  it("writes an error as its fields without a stack", () => {
    const err = new HttpError({ status: 400, code: "InvalidInput", context: { method: "POST", url: "u" } });
    const json = JSON.parse(toJson(err)) as Record<string, unknown>;
    expect(json).toMatchObject({ name: "HttpError", status: 400, code: "InvalidInput" });
    expect(json).not.toHaveProperty("stack");
  });
});

describe("toHtml", () => {
  it("escapes every value", () => {
    const html = toHtml([{ ...ALERT, Name: "<script>alert(1)</script>" }]);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;");
  });

  it("colours severities", () => {
    expect(toHtml([{ ...ALERT, Severity: "High" }])).toMatch(
      /<td align="left" class="ti-severity-high"><div align="left"><font color="#c62828"><b>High<\/b><\/font>/,
    );
  });

  it("caps the rows and says how many there are", () => {
    const rows = Array.from({ length: 150 }, (_, i) => ({ ...IOC, Id: i }));
    const html = toHtml(rows);
    expect(html.match(/<tr>/g)).toHaveLength(101);
    expect(html).toContain("100 of 150 rows");
  });

  it("shows one entity as a two-column table", () => {
    expect(toHtml(IOC)).toMatch(
      /^<table class="ti-record">.*>Value<\/div><\/th><td align="left"><div align="left">dead1111/,
    );
  });
});

describe("pp", () => {
  it("prints as a table through util.inspect and String()", () => {
    const shown = pp([IOC]);
    expect(inspect(shown)).toMatch(/^Id\s+Type\s+Value/);
    expect(String(shown)).toBe(inspect(shown));
  });

  it("hands HTML to a notebook display", () => {
    const seen: string[] = [];
    pp([ALERT]).display({ html: (h) => seen.push(h) });
    expect(seen[0]).toMatch(/^<table class="ti-table">/);
  });
});
