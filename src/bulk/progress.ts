import type { Clock } from "../http/index.js";

/** A snapshot of a running bulk edit, given to `onProgress`. */
export interface Progress {
  /** Items this run has to write (creates, updates or deletes). */
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  /** Not attempted: left when the run stopped (Ctrl-C, a full quota); 0 until it ends. (A resumed run's earlier
   * work is in none of these counts: `total` is what is left to write.) */
  readonly skipped: number;
  /** Items finished (done + failed) per second since the start. */
  readonly ratePerSecond: number;
  /** Estimated time to finish at the current rate; undefined until something finished. */
  readonly etaMs: number | undefined;
  readonly elapsedMs: number;
  /** Time the service's 429 answers kept requests waiting (the session's rate gate). */
  readonly waitingMs: number;
}

/** The counts a progress snapshot is made from; the run's tally holds them, the reporter only reads them. */
export type ProgressCounts = Pick<Progress, "total" | "done" | "failed" | "skipped" | "waitingMs">;

/** Reports snapshots of the counts it is given, at most once per `intervalMs` except the last. */
export class ProgressReporter {
  readonly #started: number;
  #lastReport = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly onProgress: ((p: Progress) => void) | undefined,
    private readonly intervalMs: number,
  ) {
    this.#started = clock.now();
  }

  /** Calls `onProgress` if the interval has passed (always when `final`); a throwing callback is ignored. */
  report(counts: () => ProgressCounts, final = false): void {
    if (!this.onProgress) return;
    const now = this.clock.now();
    if (!final && now - this.#lastReport < this.intervalMs) return;
    this.#lastReport = now;
    try {
      this.onProgress(this.#snapshot(counts(), now));
    } catch {
      // A display bug in the caller's callback must not stop the edit.
    }
  }

  #snapshot(counts: ProgressCounts, now: number): Progress {
    const elapsedMs = now - this.#started;
    const finished = counts.done + counts.failed;
    const ratePerSecond = elapsedMs > 0 ? (finished * 1000) / elapsedMs : 0;
    const left = counts.total - finished - counts.skipped;
    const etaMs = ratePerSecond > 0 ? Math.max(0, (left / ratePerSecond) * 1000) : undefined;
    return { ...counts, ratePerSecond, etaMs, elapsedMs };
  }
}
