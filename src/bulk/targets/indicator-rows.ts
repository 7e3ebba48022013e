import { indicatorKey, validateIndicator, type IndicatorInput } from "../../schema/index.js";
import { rejection, type Rejection, type SourceRow } from "../types.js";
import { indicatorColumn, indicatorTypeOf } from "./indicator-columns.js";
import { collectRows } from "./collect.js";
import type { CreateItem, Normalized } from "./target.js";

/** A valid, normalised indicator row: its upsert key is value, type and action (Part 5). */
export interface IndicatorItem extends CreateItem {
  /** The properties the row (or the import's defaults) stated, normalised: only these are compared and sent over a stored indicator. */
  readonly given: Readonly<Record<string, unknown>>;
}

/** What an indicator import puts in rows that leave a property out: `{ action: "Block", title: "Feed" }`. */
export type IndicatorDefaults = Partial<Omit<IndicatorInput, "id">>;

/**
 * Validates and normalises every row with the schema's `validateIndicator` (over `defaults`), keys it by value,
 * type and action, and collapses rows naming the same indicator (the earlier row wins).
 * @example normalizeIndicatorRows(rows, { action: "Block", title: "Feed", description: "From feed" }, Date.now())
 */
export function normalizeIndicatorRows(
  rows: readonly SourceRow[],
  defaults: IndicatorDefaults,
  nowMs: number,
): Normalized<IndicatorItem> {
  const base = Object.fromEntries(Object.entries(defaults).filter(([, v]) => v !== undefined));
  return collectRows(rows, (row, ignored) => normalizeRow(row, base, nowMs, ignored), conflicting);
}

function normalizeRow(
  row: SourceRow,
  defaults: Readonly<Record<string, unknown>>,
  nowMs: number,
  ignored: Set<string>,
): IndicatorItem | Rejection {
  const fields: Record<string, unknown> = { ...defaults };
  for (const [name, value] of Object.entries(row.fields)) {
    const property = indicatorColumn(name);
    if (property) fields[property] = value;
    else if (property === undefined) ignored.add(name);
  }
  if (fields["indicatorType"] !== undefined)
    fields["indicatorType"] = indicatorTypeOf(fields["indicatorType"]);
  const { body, errors } = validateIndicator(fields, { nowMs });
  if (errors.length) return rejection(row.line, errors);
  const given = Object.fromEntries(Object.keys(fields).map((name) => [name, body[name]]));
  // Case and spaces go without saying; an IPv6 address written in full is worth a note in the plan.
  const raw = typeof fields["indicatorValue"] === "string" ? fields["indicatorValue"].trim() : "";
  const value = String(body["indicatorValue"]);
  const note =
    value.toLowerCase() !== raw.toLowerCase() ? `value written as ${value}, from ${raw}` : undefined;
  return { line: row.line, key: indicatorKey(body), body, given, ...(note ? { note } : {}) };
}

// Two rows of one indicator disagree when both state a property, differently.
function conflicting(later: IndicatorItem, first: IndicatorItem): boolean {
  return Object.keys(later.given).some(
    (name) => name in first.given && JSON.stringify(later.given[name]) !== JSON.stringify(first.given[name]),
  );
}
