import type { Indicator } from "../schema/index.js";
import { exportFilter, isJson, writeNewFile, type ExportOptions } from "./export.js";
import type { IndicatorSets } from "./import/indicators.js";
import { csvRows } from "./report.js";
import { signalOption } from "./sets.js";

// The portal's indicator CSV (Part 5), in its order: what the portal and `indicators.import` both read back.
const COLUMNS = [
  "IndicatorType",
  "IndicatorValue",
  "ExpirationTime",
  "Action",
  "Severity",
  "Title",
  "Description",
  "RecommendedActions",
  "RbacGroups",
  "Category",
  "MitreTechniques",
  "GenerateAlert",
] as const;

/**
 * Writes every indicator matching `options.filter` (all when not given) to a new file: the portal's indicator CSV
 * columns, or a JSON array (writable properties only); both import back as the same
 * indicators. An existing file is refused unless `overwrite: true`. Resolves to the path and count.
 * @example await exportIndicators(session, "blocks.csv", { filter: "action eq 'Block'" })
 */
export async function exportIndicators(
  sets: IndicatorSets,
  path: string,
  options: ExportOptions = {},
): Promise<{ path: string; count: number }> {
  const filter = exportFilter(path, options, "indicators");
  const query = { ...(filter ? { filter } : {}), pageSize: 10_000, ...signalOption(options.signal) };
  const found = await sets.indicators.list(query).toArray();
  const text = isJson(path, options)
    ? `${JSON.stringify(found.map(jsonRow), null, 2)}\n`
    : csvRows(COLUMNS, found.map(csvRow));
  await writeNewFile(path, text, options);
  return { path, count: found.length };
}

function csvRow(i: Indicator): Record<(typeof COLUMNS)[number], unknown> {
  return {
    ...{ IndicatorType: i.indicatorType, IndicatorValue: i.indicatorValue, ExpirationTime: i.expirationTime },
    ...{ Action: i.action, Severity: i.severity, Title: i.title, Description: i.description },
    ...{ RecommendedActions: i.recommendedActions, RbacGroups: (i.rbacGroupNames ?? []).join(",") },
    ...{ Category: i.category, MitreTechniques: (i.mitreTechniques ?? []).join(",") },
    GenerateAlert: i.generateAlert,
  };
}

function jsonRow(i: Indicator): Record<string, unknown> {
  const { indicatorType, indicatorValue, action, title, description, severity, generateAlert } = i;
  const more = {
    expirationTime: i.expirationTime,
    recommendedActions: i.recommendedActions,
    category: i.category,
  };
  const lists = { rbacGroupNames: i.rbacGroupNames, mitreTechniques: i.mitreTechniques };
  const set = Object.entries({ ...more, ...lists }).filter(([, v]) => v !== null && v !== undefined);
  return {
    indicatorType,
    indicatorValue,
    action,
    title,
    description,
    severity,
    generateAlert,
    ...Object.fromEntries(set),
  };
}
