import { dryRunError } from "./errors.js";
import { fingerprintOf } from "./plan.js";
import { normalizeApplyOptions, type ApplyOptions } from "./options.js";
import { runPool } from "./pool.js";
import type { BulkOperation, BulkResult } from "./result.js";
import { writeItem } from "./retry.js";
import { newMemory, type RunMemory } from "./memory.js";
import { Run } from "./run.js";
import type { BulkSets } from "./sets.js";
import type { Outcome } from "./journal.js";
import type { Rejection } from "./types.js";

/** One entity a where-edit would change. */
export interface EditItem {
  readonly id: number;
  /** A short description for tables: `Sha1 8311e8...` or an alert definition's Name. */
  readonly label: string;
  /** For updates: the fields that differ from the entity now. */
  readonly patch?: Readonly<Record<string, unknown>>;
}

/** What updateWhere, deleteWhere or disableWhere would do; nothing has been written yet. */
export interface EditPlan {
  readonly operation: Exclude<BulkOperation, "import">;
  readonly dryRun: boolean;
  readonly filter: string;
  readonly counts: {
    readonly matched: number;
    readonly change: number;
    readonly unchanged: number;
    readonly rejected: number;
  };
  readonly change: readonly EditItem[];
  readonly unchanged: readonly EditItem[];
  /** Entities the patch cannot apply to (line is 0: they come from the server, see `value` for the Id). */
  readonly rejected: readonly Rejection[];
  /**
   * Writes the plan, `concurrency` at a time; needs `confirm: true`.
   * @example await plan.apply({ confirm: true, journal: "delete.jsonl" })
   */
  apply(options: ApplyOptions): Promise<BulkResult>;
}

/** Options every where-edit takes. */
export interface EditOptions {
  /** Marks the plan as a dry run: its `apply` refuses to write. */
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
}

/** How a where-edit writes one item. */
export interface EditSpec {
  readonly operation: Exclude<BulkOperation, "import">;
  readonly outcome: Outcome;
  readonly filter: string;
  /** Part of the journal fingerprint besides operation and filter (the patch). */
  readonly detail: string;
  readonly write: (sets: BulkSets, item: EditItem, signal: AbortSignal | undefined) => Promise<unknown>;
  /** A 404 means done (a delete). */
  readonly missingIsDone: boolean;
}

/**
 * Assembles an applicable plan from items already sorted into change, unchanged and rejected.
 * @example makeEditPlan(sets, spec, { change, unchanged, rejected: [] }, options)
 */
export function makeEditPlan(
  sets: BulkSets,
  spec: EditSpec,
  parts: { change: EditItem[]; unchanged: EditItem[]; rejected: Rejection[] },
  options: EditOptions,
): EditPlan {
  const { change, unchanged, rejected } = parts;
  const memory = newMemory();
  const counts = {
    matched: change.length + unchanged.length + rejected.length,
    change: change.length,
    unchanged: unchanged.length,
    rejected: rejected.length,
  };
  const plan = {
    operation: spec.operation,
    dryRun: options.dryRun === true,
    filter: spec.filter,
    counts,
    change,
    unchanged,
    rejected,
  };
  const apply = (applyOptions: ApplyOptions): Promise<BulkResult> =>
    plan.dryRun ? Promise.reject(dryRunError()) : applyEdit(sets, spec, parts, memory, applyOptions);
  // `apply` is not enumerable, so tables and JSON of a plan show only what it would do.
  return Object.defineProperty(plan, "apply", { value: apply, enumerable: false }) as typeof plan &
    Pick<EditPlan, "apply">;
}

async function applyEdit(
  sets: BulkSets,
  spec: EditSpec,
  parts: { change: EditItem[]; unchanged: EditItem[]; rejected: Rejection[] },
  memory: RunMemory,
  options: ApplyOptions,
): Promise<BulkResult> {
  const settings = normalizeApplyOptions(options, `${spec.operation}(${JSON.stringify(spec.filter)})`);
  const fingerprint = fingerprintOf([spec.operation, spec.filter, spec.detail]);
  const begin = { fingerprint, total: parts.change.length };
  const run = await Run.start(spec.operation, settings, memory, begin, () => sets.waitedMs?.() ?? 0);
  const todo = parts.change.filter((item) => {
    const earlier = memory.done.get(`id:${item.id}`);
    if (earlier) run.resumed(earlier.outcome);
    return !earlier;
  });
  run.tracker.total = todo.length;
  const one = (item: EditItem): Promise<void> => {
    const write = (): Promise<unknown> => spec.write(sets, item, settings.signal);
    return writeItem(run, { key: `id:${item.id}`, id: item.id }, write, spec.outcome, spec.missingIsDone);
  };
  await runPool(todo, settings.concurrency, one, settings.signal, () => run.stopping);
  return run.finish({ rejections: parts.rejected, unchanged: parts.unchanged.length });
}
