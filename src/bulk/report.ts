import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { csvText } from "../display/index.js";
import type { BulkResult } from "./result.js";

const COLUMNS = ["kind", "line", "id", "key", "field", "value", "rule", "error", "status", "code"] as const;
type ReportRow = Partial<Record<(typeof COLUMNS)[number], unknown>>;

/**
 * Writes the rejected and failed items of a result to `path`: JSONL when it ends in `.jsonl`/`.json`, else CSV
 * (one row per item, with line, field, value and rule or the service's error). Resolves to the path.
 * @example await writeErrorReport(result, "import-errors.csv")
 */
export async function writeErrorReport(
  result: Pick<BulkResult, "rejections" | "failures">,
  path: string,
  options: { signal?: AbortSignal } = {},
): Promise<string> {
  const rows: ReportRow[] = [
    ...result.rejections.map((r) => ({
      kind: "rejected",
      line: r.line,
      field: r.field,
      value: r.value,
      rule: r.reason,
    })),
    ...result.failures.map((f) => ({ kind: "failed", ...f })),
  ];
  const jsonl = [".jsonl", ".json", ".ndjson"].includes(extname(path).toLowerCase());
  const text = jsonl
    ? rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "")
    : csvRows(COLUMNS, rows);
  await writeFile(path, text, { encoding: "utf8", signal: options.signal });
  return path;
}

/**
 * A header and one CSV line per row, through display's one CSV writer (quoting, formula guard); objects are
 * written as JSON so that a rejected row's value reads back as it was.
 * @example csvRows(["Type", "Value"], [{ Type: "Sha1", Value: "8311e8..." }])
 */
export function csvRows<C extends string>(
  columns: readonly C[],
  rows: readonly Partial<Record<C, unknown>>[],
): string {
  return csvText([columns, ...rows.map((row) => columns.map((c) => cell(row[c])))]);
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string"
    ? value
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);
}
