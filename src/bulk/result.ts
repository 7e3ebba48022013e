import type { Rejection } from "./types.js";

/** The bulk edits there are. */
export type BulkOperation = "import" | "updateWhere" | "deleteWhere" | "disableWhere";

/** One item the service refused or that could not be written; the rest of the edit went on. */
export interface ItemFailure {
  /** Identity of the item (`Type|Value|DetectionFunction|alert` for imports, `Id` otherwise). */
  readonly key: string;
  /** Source line (imports). */
  readonly line?: number;
  readonly id?: number | undefined;
  readonly error: string;
  readonly status?: number;
  readonly code?: string;
}

/** Why an edit stopped before the end: an abort (Ctrl-C), a full tenant quota (507), or no valid token. */
export interface Stop {
  readonly reason: "aborted" | "quota" | "auth";
  readonly message: string;
}

/** What a bulk edit did: counts, per-item failures and rejections, and why it stopped early if it did. */
export interface BulkResult {
  readonly operation: BulkOperation;
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly disabled: number;
  /** Already as wanted on the server (for imports: the IOC exists with the same fields). */
  readonly unchanged: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly failed: number;
  /** Not attempted because the edit stopped (abort, quota); run it again with the same journal to finish. */
  readonly skipped: number;
  /** Items an earlier run had finished, found in the journal (included in created/updated/...). */
  readonly resumed: number;
  readonly stopped: Stop | undefined;
  readonly failures: readonly ItemFailure[];
  readonly rejections: readonly Rejection[];
  readonly durationMs: number;
  /** Time the service's 429 answers kept requests waiting. */
  readonly waitingMs: number;
  /** Where the error report was written, when one was asked for. */
  readonly reportPath?: string;
}

/** Mutable counters used while an edit runs; frozen into a {@link BulkResult} at the end. */
export interface Tally {
  created: number;
  updated: number;
  deleted: number;
  disabled: number;
  unchanged: number;
  failed: number;
  skipped: number;
  resumed: number;
  stopped: Stop | undefined;
  readonly failures: ItemFailure[];
}

/** A zeroed tally. */
export function newTally(): Tally {
  const zero = {
    created: 0,
    updated: 0,
    deleted: 0,
    disabled: 0,
    unchanged: 0,
    failed: 0,
    skipped: 0,
    resumed: 0,
  };
  return { ...zero, stopped: undefined, failures: [] };
}

/** The result of a finished (or stopped) run, from its tally and what the plan knew. */
export function freezeResult(
  operation: BulkOperation,
  tally: Tally,
  extra: { rejections?: readonly Rejection[]; duplicates?: number; durationMs: number; waitingMs: number },
): BulkResult {
  const rejections = extra.rejections ?? [];
  const { durationMs, waitingMs } = extra;
  const counts = { rejected: rejections.length, duplicates: extra.duplicates ?? 0, durationMs, waitingMs };
  return { operation, ...tally, ...counts, failures: [...tally.failures], rejections };
}

/** The counts of a result, as the journal's last line records them. */
export function summaryOf(r: BulkResult): Record<string, unknown> {
  const { created, updated, deleted, disabled, unchanged, rejected, duplicates, failed, skipped, resumed } =
    r;
  const counts = {
    created,
    updated,
    deleted,
    disabled,
    unchanged,
    rejected,
    duplicates,
    failed,
    skipped,
    resumed,
  };
  return { ...counts, stopped: r.stopped?.reason };
}
