import type { EditPlanData } from "./edit/plan.js";
import type { ImportPlan } from "./import/plan.js";
import type { AnyPlan } from "./options.js";
import type { CreateItem } from "./targets/target.js";

/** One line of a plan as a table shows it (the REPL and notebooks format these; bulk never prints). */
export interface PlanRow {
  /** Source line (imports) or entity Id (edits by filter). */
  readonly Line?: number;
  readonly Id?: number;
  readonly Action: "create" | "update" | "unchanged" | "duplicate" | "rejected" | "delete" | "disable";
  /** `Type|Value|DetectionFunction|alert` for imports, a short label for edits by filter. */
  readonly What: string;
  readonly Reason: string;
}

/**
 * Every row of a plan, sorted by line (imports) or listed change-first (edits by filter), with what will happen
 * to it and why: ready for a table.
 * @example pp(planRows(await iocs.import("feed.csv", { alert: 1, dryRun: true })))
 */
export function planRows(plan: AnyPlan): PlanRow[] {
  return plan.operation === "import" ? importRows(plan) : editRows(plan);
}

function importRows(plan: ImportPlan<CreateItem>): PlanRow[] {
  const keyOfLine = new Map(plan.create.map((c) => [c.line, c.key]));
  const rows: PlanRow[] = [
    ...plan.create.map((c) => ({
      Line: c.line,
      Action: "create" as const,
      What: c.key,
      Reason: c.note ?? "",
    })),
    ...plan.update.map((u) => ({
      Line: u.line,
      Id: u.id,
      Action: "update" as const,
      What: u.key,
      Reason: `differs: ${JSON.stringify(u.patch)}`,
    })),
    ...plan.unchanged.map((u) => ({
      Line: u.line,
      Id: u.id,
      Action: "unchanged" as const,
      What: u.key,
      Reason: "already on the service",
    })),
    ...plan.duplicates.map((d) => ({
      Line: d.line,
      Action: "duplicate" as const,
      What: keyOfLine.get(d.duplicateOf) ?? d.key,
      Reason: `the same IOC as line ${d.duplicateOf}${d.conflicting ? " (which wins: they differ in Enabled or ExpiresAt)" : ""}`,
    })),
    ...plan.rejected.map((r) => ({
      Line: r.line,
      Action: "rejected" as const,
      What: String(r.value ?? ""),
      Reason: r.reason,
    })),
  ];
  return rows.sort((a, b) => (a.Line ?? 0) - (b.Line ?? 0));
}

function editRows(plan: EditPlanData): PlanRow[] {
  const action: PlanRow["Action"] =
    plan.operation === "deleteWhere" ? "delete" : plan.operation === "disableWhere" ? "disable" : "update";
  return [
    ...plan.change.map((i) => ({
      Id: i.id,
      Action: action,
      What: i.label,
      Reason: i.patch ? JSON.stringify(i.patch) : "",
    })),
    ...plan.unchanged.map((i) => ({
      Id: i.id,
      Action: "unchanged" as const,
      What: i.label,
      Reason: "already as asked",
    })),
    ...plan.rejected.map((r) => ({ Action: "rejected" as const, What: r.field, Reason: r.reason })),
  ];
}
