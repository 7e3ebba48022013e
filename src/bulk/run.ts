import type { CallLedger } from "../http/index.js";
import { failureOf } from "./errors.js";
import { Journal, type Outcome } from "./journal.js";
import type { RunItem, RunMemory } from "./memory.js";
import type { ApplySettings } from "./options.js";
import { ProgressReporter, type ProgressCounts } from "./progress.js";
import { writeErrorReport } from "./report.js";
import {
  freezeResult,
  newTally,
  summaryOf,
  type BulkOperation,
  type BulkResult,
  type Tally,
} from "./result.js";
import type { Rejection } from "./types.js";

/**
 * The bookkeeping of one apply: the tally (the one place counts live; progress reads it), the journal (file and
 * memory) and the stop reason.
 */
export class Run {
  readonly tally: Tally = newTally();
  /** Items this run has to write; set once the engine knows what an earlier run left. */
  total = 0;
  readonly #progress: ProgressReporter;
  readonly #started: number;
  #ownWaitMs = 0;
  #stopRecording: () => void = () => undefined;

  private constructor(
    readonly operation: BulkOperation,
    readonly settings: ApplySettings,
    readonly memory: RunMemory,
    readonly journal: Journal | undefined,
    readonly waitedMs: () => number,
  ) {
    this.#progress = new ProgressReporter(settings.clock, settings.onProgress, settings.progressIntervalMs);
    this.#started = settings.clock.now();
  }

  /**
   * Opens the journal (if any) and merges what it recorded into `memory`. With a rate budget, the calls earlier
   * runs recorded are loaded into it before this run makes any, and this run's calls are journalled as they leave:
   * a run resumed right after `kill -9` stays within the limits counting the killed run's calls.
   */
  static async start(
    operation: BulkOperation,
    settings: ApplySettings,
    memory: RunMemory,
    begin: { fingerprint: string; total: number },
    session: { readonly waitedMs?: () => number; readonly ledger?: CallLedger | undefined } = {},
  ): Promise<Run> {
    const { waitedMs = () => 0, ledger } = session;
    let journal: Journal | undefined;
    if (settings.journal) {
      const opened = await Journal.open(settings.journal, { operation, ...begin });
      journal = opened.journal;
      for (const [key, value] of opened.state.done) memory.done.set(key, value);
      for (const key of opened.state.unacknowledged)
        if (!memory.done.has(key)) memory.unacknowledged.add(key);
      ledger?.load(opened.state.calls);
    }
    const base = waitedMs();
    const run = new Run(operation, settings, memory, journal, () => waitedMs() - base);
    // Each call is on disk before it leaves (the budget awaits the append), so a killed run leaves every call it made.
    if (journal && ledger)
      run.#stopRecording = ledger.onCall((call) => journal.append({ kind: "call", ...call }));
    return run;
  }

  /** True once the signal aborted or the run was stopped (quota): start nothing new. */
  get stopping(): boolean {
    return this.settings.signal?.aborted === true || this.tally.stopped !== undefined;
  }

  /** Adds a wait this run made itself on a 429 (beyond the session's gate) to the reported waiting time. */
  waited(ms: number): void {
    this.#ownWaitMs += ms;
  }

  /** Counts an item an earlier run finished. */
  resumed(outcome: Outcome): void {
    this.tally[outcome]++;
    this.tally.resumed++;
  }

  /** Records items an earlier run sent without an answer and that were found on the server: done, by that run. */
  async adopt(items: readonly RunItem[], outcome: Outcome): Promise<void> {
    if (!items.length) return;
    for (const { key, id } of items) {
      this.memory.done.set(key, { outcome, id });
      this.memory.unacknowledged.delete(key);
      this.resumed(outcome);
    }
    await this.journal?.append({ kind: "done", items: items.map(({ key, id }) => ({ key, outcome, id })) });
  }

  /** Records that items are about to be sent (their answer may be lost). */
  async sent(items: readonly RunItem[]): Promise<void> {
    for (const { key } of items) this.memory.unacknowledged.add(key);
    await this.journal?.append({ kind: "sent", keys: items.map((i) => i.key) });
  }

  /** Records finished items (durably, when journalled) and counts them. */
  async succeeded(items: readonly RunItem[], outcome: Outcome): Promise<void> {
    if (!items.length) return;
    for (const { key, id } of items) {
      this.memory.done.set(key, { outcome, id });
      this.memory.unacknowledged.delete(key);
    }
    await this.journal?.append({ kind: "done", items: items.map(({ key, id }) => ({ key, outcome, id })) });
    this.tally[outcome] += items.length;
    this.#progress.report(() => this.#counts());
  }

  /** Records items that failed for good, with the error. */
  async failed(items: readonly RunItem[], error: unknown): Promise<void> {
    if (!items.length) return;
    const failure = failureOf(error);
    for (const { key } of items) this.memory.unacknowledged.delete(key);
    await this.journal?.append({
      kind: "failed",
      items: items.map(({ key }) => ({ key, error: failure.error })),
    });
    for (const item of items) this.tally.failures.push({ ...item, ...failure });
    this.tally.failed += items.length;
    this.#progress.report(() => this.#counts());
  }

  /** Stops scheduling for a reason other than the signal (the first reason wins). */
  stop(reason: "quota" | "auth", message: string): void {
    this.tally.stopped ??= { reason, message };
  }

  /** Freezes the tally into a result, ends the journal and writes the error report if asked. */
  async finish(extra: {
    rejections?: readonly Rejection[];
    duplicates?: number;
    unchanged?: number;
  }): Promise<BulkResult> {
    this.#stopRecording();
    const t = this.tally;
    t.unchanged += extra.unchanged ?? 0;
    t.skipped = Math.max(0, this.total - this.#done() - t.failed);
    if (!t.stopped && this.settings.signal?.aborted)
      t.stopped = { reason: "aborted", message: "Aborted: run again with the same journal to finish" };
    const waitingMs = this.#waitingMs();
    const durationMs = this.settings.clock.now() - this.#started;
    const result = freezeResult(this.operation, t, { ...extra, durationMs, waitingMs });
    await this.journal?.append({ kind: "end", at: new Date().toISOString(), summary: summaryOf(result) });
    await this.journal?.close();
    this.#progress.report(() => this.#counts(waitingMs), true);
    if (!this.settings.report) return result;
    return { ...result, reportPath: await writeErrorReport(result, this.settings.report) };
  }

  /** Ends a run that failed before `finish`: stops journalling calls and closes the journal. */
  async abandon(): Promise<void> {
    this.#stopRecording();
    await this.journal?.close();
  }

  #waitingMs(): number {
    return this.waitedMs() + this.#ownWaitMs;
  }

  // Items this run wrote: every outcome counted, less those an earlier run had finished.
  #done(): number {
    const t = this.tally;
    return t.created + t.updated + t.deleted + t.disabled - t.resumed;
  }

  #counts(waitingMs = this.#waitingMs()): ProgressCounts {
    const { failed, skipped } = this.tally;
    return { total: this.total, done: this.#done(), failed, skipped, waitingMs };
  }
}
