import { invalid } from "./errors.js";
import { systemClock, type Clock } from "../http/index.js";
import type { Progress } from "./progress.js";

/** Options of a plan's `apply`. */
export interface ApplyOptions {
  /** Must be `true`: writing is never implicit (the REPL asks first, then passes it). */
  readonly confirm: boolean;
  /** Receives progress snapshots, at most every `progressIntervalMs` and once at the end. */
  readonly onProgress?: (progress: Progress) => void;
  /** Aborting stops scheduling; the result says what was done, and a rerun with the same journal finishes. */
  readonly signal?: AbortSignal;
  /** Path of a JSONL journal: written as items finish, read back to resume. Default: none (memory only). */
  readonly journal?: string;
  /** Single-item requests (updates, deletes, per-item creates) in flight at once. Default: 8. */
  readonly concurrency?: number;
  /** IOCs per Actions.BulkUpload call, at most 5,000. Default: 1,000. */
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

/** Apply options with every default applied. */
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
 * Checks the confirmation and applies defaults once.
 * @example normalizeApplyOptions({ confirm: true }).chunkSize // 1000
 */
export function normalizeApplyOptions(options: ApplyOptions | undefined, what: string): ApplySettings {
  if (options?.confirm !== true) {
    const message = `${what} writes to the service: call apply({ confirm: true }) to go ahead (nothing was written)`;
    throw invalid("confirm", options?.confirm, "must be true to write", message);
  }
  return {
    onProgress: options.onProgress,
    signal: options.signal,
    journal: options.journal,
    concurrency: whole("concurrency", options.concurrency ?? 8, 1, 256),
    chunkSize: whole("chunkSize", options.chunkSize ?? 1000, 1, 5000),
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
