import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import type { IndicatorOfCompromise } from "../schema/index.js";
import { csvRows } from "./report.js";
import { signalOption, type BulkSets } from "./sets.js";

/** Options of {@link exportIocs}. */
export interface ExportOptions {
  /** Default: from the extension (`.json` is JSON), else CSV. */
  readonly format?: "csv" | "json";
  readonly signal?: AbortSignal;
}

const COLUMNS = ["Type", "Value", "DetectionFunction", "Enabled", "ExpiresAt", "AlertDefinition"] as const;

/**
 * Writes every IOC matching `filter` (all when empty) to a CSV or JSON file that `importIocs` reads back as the
 * same IOCs (the AlertDefinition column holds each one's alert definition Id). Resolves to the path and count.
 * @example await exportIocs(session, "Type eq 'Sha1'", "sha1.csv") // { path: "sha1.csv", count: 120 }
 */
export async function exportIocs(
  sets: BulkSets,
  filter: string,
  path: string,
  options: ExportOptions = {},
): Promise<{ path: string; count: number }> {
  const rows: Record<(typeof COLUMNS)[number], unknown>[] = [];
  const query = { ...(filter.trim() ? { filter } : {}), pageSize: 1000, ...signalOption(options.signal) };
  for await (const ioc of sets.iocs.list(query)) rows.push(exportRow(ioc));
  const json = (options.format ?? (extname(path).toLowerCase() === ".json" ? "json" : "csv")) === "json";
  const text = json ? `${JSON.stringify({ iocs: rows }, null, 2)}\n` : csvRows(COLUMNS, rows);
  await writeFile(path, text, { encoding: "utf8", ...signalOption(options.signal) });
  return { path, count: rows.length };
}

function exportRow(ioc: IndicatorOfCompromise): Record<(typeof COLUMNS)[number], unknown> {
  const { Type, Value, DetectionFunction, Enabled, ExpiresAt, AlertDefinitionId } = ioc;
  return { Type, Value, DetectionFunction, Enabled, ExpiresAt, AlertDefinition: AlertDefinitionId };
}
