// Words for bulk plans and results at the console: which shape a value has, what a plan would write, and the
// question asked before it does. Plans and results are recognised by shape, not class: they may come from
// another realm (the REPL context) or from a session the console did not make.
import type { AnyPlan, BulkResult, CreateItem, ImportPlan, Remaining } from "../../bulk/index.js";

export type { AnyPlan } from "../../bulk/index.js";

const OPERATIONS = ["import", "updateWhere", "deleteWhere", "disableWhere"];

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * True for a plan from `iocs.import`, `iocs.updateWhere`, `iocs.deleteWhere` or `alerts.disableWhere`.
 * @example isPlan(await iocs.import("feed.csv", { alert: 1, dryRun: true })) // true
 */
export function isPlan(value: unknown): value is AnyPlan {
  const v = record(value);
  return (
    v !== undefined &&
    OPERATIONS.includes(v["operation"] as string) &&
    typeof v["dryRun"] === "boolean" &&
    record(v["counts"]) !== undefined &&
    Array.isArray(v["rejected"])
  );
}

/**
 * True for what a plan's `apply` resolves to.
 * @example isBulkResult(await plan.apply({ confirm: true })) // true
 */
export function isBulkResult(value: unknown): value is BulkResult {
  const v = record(value);
  return (
    v !== undefined &&
    OPERATIONS.includes(v["operation"] as string) &&
    typeof v["created"] === "number" &&
    typeof v["durationMs"] === "number" &&
    Array.isArray(v["failures"])
  );
}

/**
 * A count with its noun, thousands separated: `count(4980, "IOC")` is "4,980 IOCs".
 * @example count(1, "alert definition") // "1 alert definition"
 */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * How many writes applying the plan makes (creates and updates, or changes).
 * @example writesOf(plan) // 4983
 */
export function writesOf(plan: AnyPlan): number {
  return plan.operation === "import" ? plan.counts.create + plan.counts.update : plan.counts.change;
}

/**
 * Deleting and disabling cannot be taken back by running the plan again: their question defaults to No.
 * @example isDestructive(await iocs.deleteWhere("Type eq 'Md5'")) // true
 */
export function isDestructive(plan: AnyPlan): boolean {
  return plan.operation === "deleteWhere" || plan.operation === "disableWhere";
}

/**
 * The question asked before applying: what will be written, and where; with `left` (what an earlier apply of
 * the plan did not finish), what is left and, apart, what the earlier apply wrote.
 * @example confirmQuestion(plan) // "Create 4,980 IOCs and update 3 under alert definition 7?"
 */
export function confirmQuestion(
  plan: AnyPlan,
  patch?: Readonly<Record<string, unknown>>,
  left?: Remaining,
): string {
  const earlier = left?.earlier
    ? ` (${left.earlier.toLocaleString("en-US")} written by an earlier apply of this plan)`
    : "";
  if (plan.operation === "import") return `${importQuestion(plan, left ?? plan.counts)}${earlier}`;
  const where = `matching ${plan.filter}`;
  const change = left?.change ?? plan.counts.change;
  switch (plan.operation) {
    case "deleteWhere":
      return `Delete ${count(change, "IOC")} ${where}?${earlier} This cannot be undone.`;
    case "disableWhere":
      return `Disable ${count(change, "alert definition")} ${where}?${earlier}`;
    default:
      return `Update ${count(change, "IOC")} ${where}${patch ? ` to ${JSON.stringify(patch)}` : ""}?${earlier}`;
  }
}

function importQuestion(plan: ImportPlan<CreateItem>, counts: { create: number; update: number }): string {
  const { create, update } = counts;
  const parts = [
    ...(create ? [`Create ${count(create, "IOC")}`] : []),
    ...(update
      ? [create ? `update ${update.toLocaleString("en-US")}` : `Update ${count(update, "IOC")}`]
      : []),
  ];
  return `${parts.join(" and ")} ${underAlerts(plan)}?`;
}

// The alert definitions the writes go to: the last part of each IOC key (Type|Value|DetectionFunction|alert).
function underAlerts(plan: ImportPlan<CreateItem>): string {
  const ids = new Set<string>([
    ...plan.create.map((c) => c.key.split("|").at(-1) ?? "?"),
    ...plan.update.map((u) => u.key.split("|").at(-1) ?? "?"),
  ]);
  const list = [...ids].sort((a, b) => Number(a) - Number(b));
  if (list.length === 1) return `under alert definition ${list[0]}`;
  if (list.length <= 3) return `under alert definitions ${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
  return `under ${count(list.length, "alert definition")}`;
}

/**
 * The verb of a running edit, for the progress line.
 * @example progressVerb("deleteWhere") // "Deleting"
 */
export function progressVerb(operation: BulkResult["operation"]): string {
  const verbs = { import: "Importing", updateWhere: "Updating", deleteWhere: "Deleting" };
  return operation === "disableWhere" ? "Disabling" : verbs[operation];
}

/**
 * A duration as people read it: 850 ms, 3.2 s, 2 min 5 s.
 * @example duration(3200) // "3.2 s"
 */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
