import type { Clock } from "../http/index.js";

/** A snapshot of a running bulk edit, given to `onProgress`. */
export interface Progress {
  /** Items this run has to write (creates, updates or deletes). */
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  /** Not attempted: found already done in the journal, or left after a quota stop. */
  readonly skipped: number;
  /** Items finished (done + failed) per second since the start. */
  readonly ratePerSecond: number;
  /** Estimated time to finish at the current rate; undefined until something finished. */
  readonly etaMs: number | undefined;
  readonly elapsedMs: number;
  /** Time the service's 429 answers kept requests waiting (the session's rate gate). */
  readonly waitingMs: number;
}

/** Counts finished items and reports snapshots, at most once per `intervalMs` except the last. */
export class ProgressTracker {
  /** Items this run has to write; set once the run knows. */
  total = 0;
  done = 0;
  failed = 0;
  skipped = 0;
  waitingMs = 0;
  readonly #started: number;
  #lastReport = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly onProgress: ((p: Progress) => void) | undefined,
    private readonly intervalMs: number,
  ) {
    this.#started = clock.now();
  }

  /** The current snapshot. */
  snapshot(): Progress {
    const elapsedMs = this.clock.now() - this.#started;
    const finished = this.done + this.failed;
    const ratePerSecond = elapsedMs > 0 ? (finished * 1000) / elapsedMs : 0;
    const left = this.total - finished - this.skipped;
    const etaMs = ratePerSecond > 0 ? Math.max(0, (left / ratePerSecond) * 1000) : undefined;
    const { total, done, failed, skipped, waitingMs } = this;
    return { total, done, failed, skipped, ratePerSecond, etaMs, elapsedMs, waitingMs };
  }

  /** Calls `onProgress` if the interval has passed (always when `final`); a throwing callback is ignored. */
  report(final = false): void {
    if (!this.onProgress) return;
    const now = this.clock.now();
    if (!final && now - this.#lastReport < this.intervalMs) return;
    this.#lastReport = now;
    try {
      this.onProgress(this.snapshot());
    } catch {
      // A display bug in the caller's callback must not stop the edit.
    }
  }
}
