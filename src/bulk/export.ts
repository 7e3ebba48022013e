import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Filter } from "../http/index.js";
import type { AlertDefinition, IndicatorOfCompromise } from "../schema/index.js";
import { invalid } from "./errors.js";
import { DEFINITION_COLUMNS } from "./targets/ioc-columns.js";
import { csvRows } from "./report.js";
import { signalOption, type BulkSets } from "./sets.js";

/** Options of {@link exportIocs}. */
export interface ExportOptions {
  /** Which IOCs: an OData `$filter` or a `where` filter. Default: all of them. */
  readonly filter?: string | Filter;
  /** Default: from the extension (`.json` is JSON), else CSV. */
  readonly format?: "csv" | "json";
  /** Replace the file if it exists. Default: false (an existing file is an error and is left as it was). */
  readonly overwrite?: boolean;
  /**
   * `iocs.export` only: also write each IOC's alert definition (AlertName, AlertSeverity, AlertTitle,
   * AlertUxDescription, AlertRecommendedAction, AlertCategory, AlertEnabled, AlertInternalDescription), so that
   * `migrate(path, ...)` can carry the pairs to the Indicators API; `iocs.import` ignores those columns.
   * Default: false (the IOCs alone).
   */
  readonly definitions?: boolean;
  readonly signal?: AbortSignal;
}

const COLUMNS = ["Type", "Value", "DetectionFunction", "Enabled", "ExpiresAt", "AlertDefinition"] as const;
const WITH_DEFINITIONS = [...COLUMNS, ...Object.keys(DEFINITION_COLUMNS)];

/**
 * Writes every IOC matching `options.filter` (all when not given) to a new CSV or JSON file that `importIocs`
 * reads back as the same IOCs (the AlertDefinition column holds each one's alert definition Id); with
 * `definitions: true` each row also carries its definition's fields, for `migrate`. An existing file is refused
 * unless `overwrite: true`. Resolves to the path and count.
 * @example await exportIocs(session, "sha1.csv", { filter: "Type eq 'Sha1'" }) // { path: "sha1.csv", count: 120 }
 */
export async function exportIocs(
  sets: BulkSets,
  path: string,
  options: ExportOptions = {},
): Promise<{ path: string; count: number }> {
  const filter = exportFilter(path, options, "iocs");
  const rows: Record<string, unknown>[] = [];
  const query = { ...(filter ? { filter } : {}), pageSize: 1000, ...signalOption(options.signal) };
  const definitions = options.definitions === true ? await definitionsOf(sets, options.signal) : undefined;
  await sets.iocs.list(query).forEach((ioc) => rows.push(exportRow(ioc, definitions)));
  const text = isJson(path, options)
    ? `${JSON.stringify({ iocs: rows }, null, 2)}\n`
    : csvRows(definitions ? WITH_DEFINITIONS : COLUMNS, rows);
  await writeNewFile(path, text, options);
  return { path, count: rows.length };
}

/** True when an export writes JSON: asked, or a `.json` path. */
export function isJson(path: string, options: ExportOptions): boolean {
  return (options.format ?? (extname(path).toLowerCase() === ".json" ? "json" : "csv")) === "json";
}

/**
 * Writes an export's text to `path`, refusing an existing file unless `overwrite` (a ValidationError naming it).
 * @example await writeNewFile("out.csv", text, { overwrite: false })
 */
export async function writeNewFile(path: string, text: string, options: ExportOptions): Promise<void> {
  try {
    // "wx" fails on an existing file instead of replacing it: an export never destroys a file by accident.
    const flag = options.overwrite === true ? "w" : "wx";
    await writeFile(path, text, { encoding: "utf8", flag, ...signalOption(options.signal) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const rule = "is an existing file; pass { overwrite: true } to replace it (it was left as it was)";
    // The message names the file: at the console only the message shows, not the violation's value.
    throw invalid("path", path, rule, `path: ${JSON.stringify(path)} ${rule}`);
  }
}

/**
 * Checks an export's path and options; resolves to its `$filter` ("" for all).
 * @example exportFilter("out.csv", {}, "indicators") // ""
 */
export function exportFilter(path: string, options: ExportOptions, set: string): string {
  if (typeof path !== "string" || path.trim() === "")
    throw invalid("path", path, `must name the file to write, e.g. ${set}.export("${set}.csv")`);
  if (options === null || typeof options !== "object")
    throw invalid("options", options, "must be an options object ({ filter, format, overwrite, signal })");
  return options.filter === undefined ? "" : String(options.filter).trim();
}

async function definitionsOf(
  sets: BulkSets,
  signal: AbortSignal | undefined,
): Promise<Map<number, AlertDefinition>> {
  const all = await sets.alerts.list({ pageSize: 1000, ...signalOption(signal) }).toArray();
  return new Map(all.map((definition) => [definition.Id, definition]));
}

function exportRow(
  ioc: IndicatorOfCompromise,
  definitions: ReadonlyMap<number, AlertDefinition> | undefined,
): Record<string, unknown> {
  const { Type, Value, DetectionFunction, Enabled, ExpiresAt, AlertDefinitionId } = ioc;
  const row = { Type, Value, DetectionFunction, Enabled, ExpiresAt, AlertDefinition: AlertDefinitionId };
  const definition = definitions?.get(AlertDefinitionId);
  if (!definition) return row;
  const fields = Object.entries(DEFINITION_COLUMNS).map(([column, field]) => [
    column,
    definition[field as keyof AlertDefinition],
  ]);
  return { ...row, ...Object.fromEntries(fields) };
}
