import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
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
    : [COLUMNS.join(","), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
  await writeFile(path, text, { encoding: "utf8", signal: options.signal });
  return path;
}

/**
 * One CSV cell: quoted (with quotes doubled) when it holds a comma, quote or line break.
 * @example csvCell('a "b"') // '"a ""b"""'
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text =
    typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
