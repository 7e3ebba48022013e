import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseRecords } from "../../src/bulk/input/csv.js";

// For CSV without quotes the reader counts record lines itself rather than asking csv-parse for `info`; the
// result must be exactly what csv-parse's own line tracking gives.
const cell = fc.stringMatching(/^[a-z0-9 #.:-]{0,6}$/);
const line = fc.oneof(
  fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(",")),
  fc.constant(""),
  fc.constant("# a comment"),
);
const text = fc
  .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom("\n", "\r\n"), fc.boolean(), fc.boolean())
  .map(([lines, eol, bom, trailing]) => `${bom ? "\ufeff" : ""}${lines.join(eol)}${trailing ? eol : ""}`);

function reference(input: string): unknown {
  const options = { bom: true, comment: "#", comment_no_infix: true, skip_empty_lines: true };
  const records = parse(input, { ...options, info: true, relax_column_count: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  return records.map(({ record, info }) => ({ record, info: { lines: info.lines } }));
}

describe("reading CSV records", () => {
  it("numbers the lines of quote-free CSV exactly as csv-parse's own line tracking does", () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(parseRecords(input)).toEqual(reference(input));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps csv-parse's line tracking for quoted cells that span lines", () => {
    const input = 'type,value\nSha1,"a\nb"\nMd5,c\n';
    expect(parseRecords(input).map((r) => r.info.lines)).toEqual([1, 3, 4]);
  });
});
