import type { BulkResult } from "../../bulk/index.js";
import { planRows, type PlanRow } from "../../bulk/plan-rows.js";
import { formatTable, toCsv, type DisplayOptions } from "../../display/index.js";
import { count, duration, isBulkResult, isPlan, writesOf, type AnyPlan } from "./describe.js";

/** Options of {@link formatPlan} and {@link formatBulkValue}. */
export interface BulkDisplayOptions extends DisplayOptions {
  /** At a terminal `apply()` asks first; elsewhere the hint says `apply({ confirm: true })`. Default false. */
  readonly interactive?: boolean;
}

/** Plan rows shown before the "… N more rows" footer: enough to see the problems, short enough to read. */
const PLAN_ROWS = 20;

// Problems first (a capped table must not hide the one rejected row among 5,000 creates), then by line.
const ORDER: Record<PlanRow["Action"], number> = {
  rejected: 0,
  duplicate: 1,
  update: 2,
  delete: 2,
  disable: 2,
  create: 3,
  unchanged: 4,
};

/**
 * A plan as its counts, a capped table of its rows (action and reason for each) and how to go on.
 * @example formatPlan(await iocs.import("feed.csv", { alert: 1, dryRun: true }), { width: 100 })
 */
export function formatPlan(plan: AnyPlan, options: BulkDisplayOptions = {}): string {
  const rows = planRows(plan).sort(
    (a, b) => ORDER[a.Action] - ORDER[b.Action] || (a.Line ?? 0) - (b.Line ?? 0),
  );
  const warnings = plan.operation === "import" ? plan.warnings.map((w) => `Warning: ${w}`) : [];
  const table = rows.length ? [formatTable(rows, { ...options, maxRows: options.maxRows ?? PLAN_ROWS })] : [];
  return [planHeadline(plan), ...warnings, ...table, nextStep(plan, options.interactive === true)].join("\n");
}

function planHeadline(plan: AnyPlan): string {
  const dry = plan.dryRun ? " (dry run)" : "";
  if (plan.operation === "import") {
    const c = plan.counts;
    const parts = [
      `${c.create.toLocaleString("en-US")} to create`,
      `${c.update.toLocaleString("en-US")} to update`,
      `${c.unchanged.toLocaleString("en-US")} unchanged`,
      count(c.duplicates, "duplicate"),
      `${c.rejected.toLocaleString("en-US")} rejected`,
    ];
    return `Import plan${dry}, ${plan.format}: ${count(c.rows, "row")} → ${parts.join(", ")}`;
  }
  const noun = plan.operation === "disableWhere" ? "alert definition" : "IOC";
  const verb = { updateWhere: "update", deleteWhere: "delete", disableWhere: "disable" }[plan.operation];
  const c = plan.counts;
  const parts = [
    `${c.change.toLocaleString("en-US")} to ${verb}`,
    `${c.unchanged.toLocaleString("en-US")} unchanged`,
  ];
  if (c.rejected) parts.push(`${c.rejected.toLocaleString("en-US")} rejected`);
  return `${plan.operation} plan${dry}: ${count(c.matched, noun)} ${c.matched === 1 ? "matches" : "match"} ${plan.filter} → ${parts.join(", ")}`;
}

function nextStep(plan: AnyPlan, interactive: boolean): string {
  if (plan.dryRun) return "Dry run: nothing will be written. Plan again without dryRun to write.";
  if (writesOf(plan) === 0) return "Nothing to write.";
  return interactive
    ? "To write: await plan.apply()  (asks first; Ctrl-C stops, and apply() again resumes)"
    : "To write: await plan.apply({ confirm: true })";
}

/**
 * What a bulk edit did, as one summary line, then why it stopped (or how to resume after an abort), its
 * failures and rejections (capped) and the report path.
 * @example formatResult(await plan.apply({ confirm: true }))
 */
export function formatResult(
  result: BulkResult,
  options: DisplayOptions = {},
  resumeHint = "To finish: await plan.apply() again (the same plan, or the same journal, remembers what was written).",
): string {
  const lines = [resultHeadline(result)];
  const stop = result.stopped;
  // An abort's own message speaks of a journal the user may not have: say how to resume instead.
  if (stop) lines.push(stop.reason === "aborted" ? resumeHint : `Stopped (${stop.reason}): ${stop.message}`);
  const few = { ...options, maxRows: options.maxRows ?? 10 };
  if (result.failures.length) lines.push("Failed:", formatTable(result.failures, few));
  if (result.rejections.length) {
    const rows = result.rejections.map((r) => ({ Line: r.line, Reason: r.reason }));
    lines.push("Rejected:", formatTable(rows, few));
  }
  if (result.reportPath) lines.push(`Error report: ${result.reportPath}`);
  return lines.join("\n");
}

function resultHeadline(r: BulkResult): string {
  const names = ["created", "updated", "deleted", "disabled", "unchanged", "duplicates", "rejected"] as const;
  const earlier = earlierRuns(r);
  const mixed = r.resumed > 0 && !earlier.outcome;
  const thisRun = WRITES.reduce((sum, n) => sum + r[n], 0) - r.resumed;
  const parts = names
    .filter((n) => !(mixed && (WRITES as readonly string[]).includes(n)))
    .map((n) => [n, r[n] - (earlier.outcome === n ? r.resumed : 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([name, n]) =>
      name === "duplicates" ? count(n, "duplicate") : `${n.toLocaleString("en-US")} ${name}`,
    );
  if (mixed && thisRun > 0)
    parts.unshift(`${thisRun.toLocaleString("en-US")} ${WRITES.filter((n) => r[n] > 0).join(" or ")}`);
  if (r.resumed && thisRun === 0) parts.unshift("nothing written this run");
  parts.push(`${r.failed.toLocaleString("en-US")} failed`);
  if (r.skipped) parts.push(`${r.skipped.toLocaleString("en-US")} skipped`);
  const waited = r.waitingMs > 0 ? ` · waited ${duration(r.waitingMs)} on 429` : "";
  const how = r.stopped ? "stopped" : r.failed ? "finished with failures" : "done";
  const before = earlier.text ? `; earlier runs: ${earlier.text}` : "";
  return `${r.operation} ${how} in ${duration(r.durationMs)}: ${parts.join(", ")}${before}${waited}`;
}

// The result's outcome counts include what earlier runs did (`resumed`); an edit has one outcome, so those are
// taken from it. An import that both created and updated cannot say which of them an earlier run wrote.
function earlierRuns(r: BulkResult): { outcome?: (typeof WRITES)[number]; text?: string } {
  if (!r.resumed) return {};
  const written = WRITES.filter((n) => r[n] > 0);
  const only = written.length === 1 ? written[0] : undefined;
  if (only) return { outcome: only, text: `${r.resumed.toLocaleString("en-US")} ${only}` };
  return { text: `${r.resumed.toLocaleString("en-US")} ${written.join(" or ")}` };
}

const WRITES = ["created", "updated", "deleted", "disabled"] as const;

/**
 * The console's text for a plan or a bulk result (table and csv formats), or undefined for any other value.
 * @example formatBulkValue(plan, "table", { width: 100, interactive: true })
 */
export function formatBulkValue(
  value: unknown,
  format: string,
  options: BulkDisplayOptions = {},
): string | undefined {
  if (format === "table" && isPlan(value)) return formatPlan(value, options);
  if (format === "csv" && isPlan(value)) return toCsv(planRows(value));
  if (format === "table" && isBulkResult(value)) return formatResult(value, options);
  return undefined;
}
