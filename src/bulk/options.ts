import type { EditPlanData } from "./edit/plan.js";
import { invalid } from "./errors.js";
import type { ImportPlan } from "./import/plan.js";
import { systemClock, type Clock } from "../http/index.js";
import type { Progress } from "./progress.js";
import type { CreateItem } from "./targets/target.js";

/** An import plan or an edit-by-filter plan, as a confirmation sees it. */
export type AnyPlan = ImportPlan<CreateItem> | EditPlanData;

/**
 * What applying a plan will still write: its counts less what an earlier apply of the same plan finished (an
 * apply stopped by Ctrl-C or a quota, then called again).
 */
export interface Remaining {
  /** Creates (imports). */
  readonly create: number;
  /** Updates of existing entities (imports). */
  readonly update: number;
  /** Changes of an edit by filter (updates, deletes or disables). */
  readonly change: number;
  /** Writes of the plan an earlier apply finished, not written again. */
  readonly earlier: number;
}

/**
 * Asked once before a plan writes anything, with the plan (its counts and rows) and what is left of it to
 * write: `true` goes ahead, `false` writes nothing and `apply` resolves to undefined. The console passes a
 * yes/no prompt.
 * @example await plan.apply({ confirm: async (p, left) => (await ask(`Write ${left.create}?`)) === "y" })
 */
export type Confirm = (plan: AnyPlan, left: Remaining) => boolean | Promise<boolean>;

/** Options of a plan's `apply`. */
export interface ApplyOptions {
  /** `true`, or a {@link Confirm} that asks first: writing is never implicit (anything else refuses). */
  readonly confirm?: boolean | Confirm;
  /** Receives progress snapshots, at most every `progressIntervalMs` and once at the end. */
  readonly onProgress?: (progress: Progress) => void;
  /** Aborting stops scheduling; the result says what was done, and a rerun with the same journal finishes. */
  readonly signal?: AbortSignal;
  /** Path of a JSONL journal: written as items finish, read back to resume. Default: none (memory only). */
  readonly journal?: string;
  /** Single-item requests (updates, deletes, per-item creates) in flight at once. Default: 8. */
  readonly concurrency?: number;
  /** Items per batch create call (IOCs: Actions.BulkUpload, at most 5,000). Default: the target's (IOCs: 1,000). */
  readonly chunkSize?: number;
  /** BulkUpload calls in flight at once. Default: 2. */
  readonly chunkConcurrency?: number;
  /** `bulk` creates through Actions.BulkUpload, `per-item` with one POST each. Default: `bulk`. */
  readonly strategy?: "bulk" | "per-item";
  /** Attempts per item or chunk whose outcome stayed unknown (network, 5xx) after the client's own retries. Default: 5. */
  readonly maxAttempts?: number;
  /** Write rejected and failed items to this file (CSV, or JSONL for `.jsonl`). Default: none. */
  readonly report?: string;
  /** Default: 250. */
  readonly progressIntervalMs?: number;
  /** Tells time for progress and waits between attempts. Default: the system clock. */
  readonly clock?: Clock;
}

/** Apply options with every default applied; `confirm` is left to the engine, which asks before writing. */
export interface ApplySettings {
  readonly onProgress: ((progress: Progress) => void) | undefined;
  readonly signal: AbortSignal | undefined;
  readonly journal: string | undefined;
  readonly concurrency: number;
  readonly chunkSize: number;
  readonly chunkConcurrency: number;
  readonly strategy: "bulk" | "per-item";
  readonly maxAttempts: number;
  readonly report: string | undefined;
  readonly progressIntervalMs: number;
  readonly clock: Clock;
}

/**
 * Checks that writing was confirmed (`true` or a callback to ask) and applies defaults once; `chunkSize` is
 * capped by the target's batch ceiling.
 * @example normalizeApplyOptions({ confirm: true }, "Importing IOCs", { default: 1000, max: 5000 }).chunkSize // 1000
 */
export function normalizeApplyOptions(
  options: ApplyOptions,
  what: string,
  batch: { readonly default: number; readonly max: number } = { default: 1, max: 1 },
): ApplySettings {
  if (options.confirm !== true && typeof options.confirm !== "function") {
    const message = `${what} writes to the service: call apply({ confirm: true }) to go ahead (nothing was written)`;
    throw invalid("confirm", options.confirm, "must be true (or a function that asks) to write", message);
  }
  return {
    onProgress: options.onProgress,
    signal: options.signal,
    journal: options.journal,
    concurrency: whole("concurrency", options.concurrency ?? 8, 1, 256),
    chunkSize: whole("chunkSize", options.chunkSize ?? batch.default, 1, batch.max),
    chunkConcurrency: whole("chunkConcurrency", options.chunkConcurrency ?? 2, 1, 16),
    strategy: options.strategy ?? "bulk",
    maxAttempts: whole("maxAttempts", options.maxAttempts ?? 5, 1, 100),
    report: options.report,
    progressIntervalMs: options.progressIntervalMs ?? 250,
    clock: options.clock ?? systemClock,
  };
}

function whole(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(name, value, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}
