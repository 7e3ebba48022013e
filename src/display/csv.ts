import { allKeys, cellText, isRecordLike } from "./columns.js";

/**
 * Rows as RFC 4180 CSV: a header of every field seen, fields quoted when they hold a comma, quote or line
 * break, CRLF line ends. Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) are
 * prefixed with `'` so an IOC value can never execute in Excel.
 * @example toCsv(await iocs.list())
 */
export function toCsv(rows: readonly unknown[]): string {
  const records = rows.filter(isRecordLike);
  const keys = allKeys(records);
  const lines = [keys.map(quote).join(",")];
  for (const row of records) lines.push(keys.map((k) => quote(cellText(row[k]))).join(","));
  return lines.join("\r\n");
}

function quote(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
