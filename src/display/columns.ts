// Which columns a list shows, and how one value becomes cell text. Entity sets get a curated order (the
// fields an analyst scans first); any other list of objects shows its keys in order of appearance.

const ALERT_COLUMNS = ["Id", "Severity", "Category", "Enabled", "Name", "Title"];
const IOC_COLUMNS = ["Id", "Type", "Value", "DetectionFunction", "Enabled", "AlertDefinitionId", "ExpiresAt"];
const INDICATOR_COLUMNS = [
  "id",
  "indicatorType",
  "indicatorValue",
  "action",
  "severity",
  "title",
  "expirationTime",
];
const MAX_GENERIC_COLUMNS = 12;
// An expanded navigation property ($expand) shows after the curated columns: asked for, so shown.
const NAVIGATION_COLUMNS = ["AlertDefinition", "IndicatorsOfCompromise"];

/** The curated columns and plural noun of each entity set, for headers of empty lists. */
export const SET_COLUMNS: Readonly<
  Record<string, { columns: readonly string[]; noun: string; name: string }>
> = {
  AlertDefinitions: { columns: ALERT_COLUMNS, noun: "alert definitions", name: "alerts" },
  IndicatorsOfCompromise: { columns: IOC_COLUMNS, noun: "IOCs", name: "iocs" },
  indicators: { columns: INDICATOR_COLUMNS, noun: "indicators", name: "indicators" },
};

/** A plain object (any realm): a record whose fields can be listed. */
export function isRecordLike(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * True for something shaped like an alert definition or an IOC (a record with a numeric `Id`), or an indicator of
 * the Indicators API (a string `id` and an `indicatorValue`).
 */
export function isEntity(value: unknown): value is Record<string, unknown> {
  return isRecordLike(value) && (typeof value["Id"] === "number" || looksLikeIndicator(value));
}

function looksLikeIndicator(row: Record<string, unknown>): boolean {
  return typeof row["id"] === "string" && "indicatorValue" in row && "indicatorType" in row;
}

function looksLikeIoc(row: Record<string, unknown>): boolean {
  return "Value" in row && "DetectionFunction" in row;
}

function looksLikeAlert(row: Record<string, unknown>): boolean {
  return "Severity" in row && "Title" in row;
}

/**
 * The columns for a list of rows: the curated order for alert definitions, IOCs or indicators, else the union of keys.
 * @example columnsFor([{ Id: 1, Type: "Sha1", Value: "ab", DetectionFunction: "Equals" }])[1] // "Type"
 */
export function columnsFor(rows: readonly Record<string, unknown>[]): string[] {
  if (rows.length > 0 && rows.every(looksLikeIndicator)) {
    return INDICATOR_COLUMNS.filter((c) => rows.some((r) => c in r));
  }
  if (rows.length > 0 && rows.every(looksLikeIoc))
    return present([...IOC_COLUMNS, ...NAVIGATION_COLUMNS], rows);
  if (rows.length > 0 && rows.every(looksLikeAlert))
    return present([...ALERT_COLUMNS, ...NAVIGATION_COLUMNS], rows);
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  return [...keys].slice(0, MAX_GENERIC_COLUMNS);
}

function present(columns: readonly string[], rows: readonly Record<string, unknown>[]): string[] {
  return columns.filter((c) => rows.some((r) => c in r));
}

/** Every key of every row, in order of appearance (CSV and JSON keep all fields). */
export function allKeys(rows: readonly Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  return [...keys];
}

/**
 * True for a column that holds an identifier (ids, IOC values, hashes, URLs): never cut, since a cut id is useless.
 * @example isIdentifierColumn("AlertDefinitionId") // true
 */
export function isIdentifierColumn(name: string): boolean {
  // `key`: a bulk item's identity (Type|Value|DetectionFunction|alert), its URL or hash inside.
  return (
    /^Id$|^id$|[a-z]Id$|^Value$|^indicatorValue$|^key$/.test(name) || /sha\d|md5|hash|url|link/i.test(name)
  );
}

/**
 * True for a column a table never cuts: identifiers, and the actions and reasons of plan and result tables (read
 * in full: a cut "skip: d…" says nothing).
 */
export function isNeverCut(name: string): boolean {
  return isIdentifierColumn(name) || /^(Action|Reasons?|Error|Message)$/i.test(name);
}

/** True when every present value of a column is a number, so it is right-aligned. */
export function isNumericColumn(name: string, rows: readonly Record<string, unknown>[]): boolean {
  const values = rows.map((r) => r[name]).filter((v) => v !== null && v !== undefined);
  return values.length > 0 && values.every((v) => typeof v === "number" || typeof v === "bigint");
}

/**
 * A value as short plain text for a cell: null and undefined empty, lists of plain values joined with commas
 * (`rbacGroupNames`), lists of objects as a count, objects and Maps as `key: value` pairs (never raw JSON).
 * @example cellText(["group1", "group2"]) // "group1, group2"
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return value.every(isPlainValue)
      ? value.map(cellText).join(", ")
      : `[${value.length} item${value.length === 1 ? "" : "s"}]`;
  if (value instanceof Map) return cellText(Object.fromEntries(value));
  if (isRecordLike(value) && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${typeof v === "object" && v !== null ? cellText(v) : String(v)}`)
      .join(", ");
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function isPlainValue(value: unknown): boolean {
  return value === null || ["string", "number", "boolean", "bigint"].includes(typeof value);
}
