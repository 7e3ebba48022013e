import { applicable, applyWork, type Applicable, type Work } from "../apply.js";
import { fingerprintOf, type Outcome } from "../journal.js";
import { newMemory } from "../memory.js";
import type { BulkOperation } from "../result.js";
import type { BulkSets } from "../sets.js";
import type { CreateItem } from "../targets/target.js";
import type { Rejection } from "../types.js";

/** One entity a where-edit would change. */
export interface EditItem {
  readonly id: number;
  /** A short description for tables: `Sha1 8311e8...` or an alert definition's Name. */
  readonly label: string;
  /** For updates: the fields that differ from the entity now. */
  readonly patch?: Readonly<Record<string, unknown>>;
}

/** What updateWhere, deleteWhere or disableWhere would do; nothing has been written yet. */
export interface EditPlanData {
  readonly operation: Exclude<BulkOperation, "import">;
  readonly dryRun: boolean;
  readonly filter: string;
  /** The patch of an updateWhere, as asked. */
  readonly patch?: Readonly<Record<string, unknown>>;
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
}

/** An edit-by-filter plan that can be applied, `concurrency` writes at a time. */
export interface EditPlan extends EditPlanData, Applicable {}

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
  /** The patch of an updateWhere: part of the journal fingerprint besides operation and filter. */
  readonly patch?: Readonly<Record<string, unknown>>;
  readonly write: (item: EditItem, signal: AbortSignal | undefined) => Promise<unknown>;
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
  const counts = {
    matched: change.length + unchanged.length + rejected.length,
    change: change.length,
    unchanged: unchanged.length,
    rejected: rejected.length,
  };
  const { operation, filter, patch } = spec;
  const plan = { operation, dryRun: options.dryRun === true, filter, ...(patch ? { patch } : {}) };
  const data: EditPlanData = { ...plan, counts, change, unchanged, rejected };
  const detail = patch ? JSON.stringify(patch) : "";
  const work: Work<CreateItem> = {
    operation,
    fingerprint: fingerprintOf([operation, filter, detail]),
    writes: change.map((item) => ({
      ...{ key: `id:${item.id}`, id: item.id, outcome: spec.outcome, missingIsDone: spec.missingIsDone },
      write: (signal: AbortSignal | undefined) => spec.write(item, signal),
    })),
    present: unchanged.map((item) => ({ key: `id:${item.id}`, id: item.id })),
    rejections: rejected,
    duplicates: 0,
  };
  const what = `${operation}(${JSON.stringify(filter)})`;
  const context = { plan: data, what, memory: newMemory(), sets };
  return applicable(data, (applyOptions = {}) => applyWork(work, applyOptions, context));
}
