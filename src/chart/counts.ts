import { SEVERITIES, compareSeverity } from "../schema/index.js";
import type { ChartCount, ChartOptions } from "./types.js";

type Row = Record<string, unknown>;
const DAY_MS = 86_400_000;

/** How a chart reads its key from a row: a field name or a function. */
export function keyReader(by: string | ((row: Row) => unknown)): (row: Row) => unknown {
  return typeof by === "function" ? by : (row) => row[by];
}

/** True when the counted field holds severities (custom TI's `Severity`, the Indicators API's `severity`). */
export function isSeverityField(by: ChartOptions["by"]): boolean {
  return by === "Severity" || by === "severity";
}

/** Counted bars, and how many keys were left out past the limit. */
export interface KeyCounts {
  readonly counts: ChartCount[];
  readonly hidden: number;
}

/**
 * Counts rows by key for a bar chart: `keys` first in their order (0 when absent), then the rest by count
 * (ties by name); severities always all four, highest first. Past `limit` bars the smallest are left out (and
 * counted in `hidden`): one bar summing them would dwarf the others.
 * @example countByKey([{ T: "a" }, { T: "a" }], (r) => r["T"], {}).counts // [{ key: "a", count: 2 }]
 */
export function countByKey(
  rows: readonly Row[],
  read: (row: Row) => unknown,
  options: ChartOptions,
): KeyCounts {
  const severity = isSeverityField(options.by);
  const keys = options.keys ?? (severity ? [...SEVERITIES].reverse() : []);
  const counts = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const row of rows) {
    const key = keyText(read(row));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const fixed = keys.map((key) => ({ key, count: counts.get(key) ?? 0 }));
  const rest = [...counts]
    .filter(([key]) => !keys.includes(key))
    .map(([key, count]) => ({ key, count }))
    .sort(
      (a, b) =>
        (severity ? compareSeverity(b.key, a.key) : 0) || b.count - a.count || (a.key < b.key ? -1 : 1),
    );
  const all = [...fixed, ...rest];
  const limit = options.limit ?? 15;
  return { counts: all.slice(0, limit), hidden: Math.max(0, all.length - limit) };
}

function keyText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  return typeof value === "string" ? value : String(value);
}

/**
 * Counts rows per UTC day of a date field, every day from the first to the last (0 on days with none), so gaps
 * show. Rows without a readable date are left out.
 * @example countByDay([{ CreatedAt: "2026-10-01T08:00:00Z" }], (r) => r["CreatedAt"]) // [{ key: "2026-10-01", count: 1 }]
 */
export function countByDay(rows: readonly Row[], read: (row: Row) => unknown): ChartCount[] {
  const days = new Map<number, number>();
  for (const row of rows) {
    const value = read(row);
    const ms = value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : NaN;
    if (Number.isNaN(ms)) continue;
    const day = Math.floor(ms / DAY_MS);
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  if (days.size === 0) return [];
  const first = Math.min(...days.keys());
  const last = Math.max(...days.keys());
  const counts: ChartCount[] = [];
  for (let day = first; day <= last; day++)
    counts.push({ key: new Date(day * DAY_MS).toISOString().slice(0, 10), count: days.get(day) ?? 0 });
  return counts;
}
