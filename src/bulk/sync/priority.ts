import { severityRank } from "../../schema/index.js";
import { invalid } from "../errors.js";
import type { IndicatorItem } from "../targets/indicator-rows.js";

/**
 * Which rows a sync keeps when the cap leaves no room for all: `"severity"` (High first, then newest, the
 * default), `"newest"` (later in the input first: feeds append what they saw last), `"input"` (earlier first), or
 * a comparator (negative: `a` is kept before `b`).
 */
export type SyncPriority = "severity" | "newest" | "input" | ((a: IndicatorItem, b: IndicatorItem) => number);

/** The priority rules a sync takes by name. */
export const SYNC_PRIORITIES = ["severity", "newest", "input"] as const;

const newest = (a: IndicatorItem, b: IndicatorItem): number => b.line - a.line;

const rank = (item: IndicatorItem): number => severityRank(item.body["severity"]);

/**
 * The comparator of a priority rule, checked: an unknown name is refused naming the rule.
 * @example [...items].sort(priorityOrder("severity"))
 */
export function priorityOrder(
  rule: SyncPriority = "severity",
): (a: IndicatorItem, b: IndicatorItem) => number {
  if (typeof rule === "function") return rule;
  if (rule === "severity") return (a, b) => rank(b) - rank(a) || newest(a, b);
  if (rule === "newest") return newest;
  if (rule === "input") return (a, b) => a.line - b.line;
  const must = `must be one of ${SYNC_PRIORITIES.join(", ")} or a comparator function`;
  throw invalid("priority", rule, must, `priority: ${JSON.stringify(rule)} ${must}`);
}

/**
 * Splits `items` into the `room` first by `rule` and the rest (in that order too), for a sync over the cap.
 * @example keepTop(items, 15000 - others, "severity") // { kept, leftOut }
 */
export function keepTop(
  items: readonly IndicatorItem[],
  room: number,
  rule: SyncPriority | undefined,
): { kept: IndicatorItem[]; leftOut: IndicatorItem[] } {
  const sorted = [...items].sort(priorityOrder(rule));
  const keep = Math.max(0, room);
  return { kept: sorted.slice(0, keep), leftOut: sorted.slice(keep) };
}
