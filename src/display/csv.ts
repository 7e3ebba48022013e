import { createRequire } from "node:module";
import { allKeys, cellText, isRecordLike } from "./columns.js";

// csv-stringify loads with the first CSV written, not with the console: it was a tenth of the console's time
// to its first prompt (issue 14). A formatter stays synchronous, so it is required, not imported.
const require = createRequire(import.meta.url);
let stringify: typeof import("csv-stringify/sync").stringify | undefined;

/**
 * Rows as RFC 4180 CSV: a header of every field seen, then one line per record (see {@link csvText}).
 * @example toCsv(await iocs.list())
 */
export function toCsv(rows: readonly unknown[]): string {
  const records = rows.filter(isRecordLike);
  const keys = allKeys(records);
  return csvText([keys, ...records.map((row) => keys.map((k) => cellText(row[k])))], { finalLineEnd: false });
}

/**
 * The one CSV writer (console, notebooks, bulk reports and exports): text cells quoted when they hold a comma,
 * quote or line break, CRLF line ends. A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or
 * CR first, numbers aside) gets a `'` in front, so an IOC value or a rejected row can never execute in Excel.
 * @example csvText([["Type", "Value"], ["Sha1", "=HYPERLINK(...)"]]) // "Type,Value\r\nSha1,'=HYPERLINK(...)\r\n"
 */
export function csvText(
  rows: readonly (readonly string[])[],
  options: { finalLineEnd?: boolean } = {},
): string {
  const guarded = rows.map((row) => row.map(defused));
  // csv-stringify quotes a lone CR or LF only when asked: a cell with either must stay one cell.
  const eof = options.finalLineEnd ?? true;
  stringify ??= (require("csv-stringify/sync") as typeof import("csv-stringify/sync")).stringify;
  return stringify(guarded, { record_delimiter: "windows", eof, quoted_match: /[\r\n]/ });
}

function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}
