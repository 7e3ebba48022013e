import { createHash } from "node:crypto";
import { open, readFile, type FileHandle } from "node:fs/promises";
import type { BudgetCall } from "../http/index.js";
import { invalid } from "./errors.js";

/** How one item ended, as the journal records it. */
export type Outcome = "created" | "updated" | "deleted" | "disabled";

/** One line of a journal file (JSONL). Holds keys, ids, messages and call times only: never a token or a secret. */
export type JournalEntry =
  | { kind: "begin"; operation: string; fingerprint: string; at: string; total: number }
  | { kind: "sent"; keys: string[] }
  /** A call the session's rate budget counted: its budget key (origin and endpoint) and when it left (epoch ms). */
  | { kind: "call"; key: string; at: number }
  | { kind: "done"; items: { key: string; outcome: Outcome; id?: number | undefined }[] }
  | { kind: "failed"; items: { key: string; error: string }[] }
  | { kind: "end"; at: string; summary: Record<string, unknown> };

/** What earlier runs recorded: items finished, items sent whose answer never came, and the calls they made. */
export interface JournalState {
  readonly done: Map<string, { outcome: Outcome; id?: number | undefined }>;
  readonly unacknowledged: Set<string>;
  /** Every rate-limited call the runs made, oldest first: a resumed run's budget counts the recent ones. */
  readonly calls: BudgetCall[];
}

/**
 * An append-only JSONL journal. Entries are written in groups and fsynced before `append` resolves, so what a
 * caller awaited survives a crash or `kill -9`; a torn last line from a crash is ignored on reading.
 */
export class Journal {
  readonly #handle: FileHandle;
  #queue: string[] = [];
  #waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  #flushing: Promise<void> | undefined;
  #closed = false;

  private constructor(handle: FileHandle) {
    this.#handle = handle;
  }

  /**
   * Opens (or creates) the journal at `path` for one operation; a journal of another operation or another
   * input is refused, so a resume never mixes two edits.
   * @example const { journal, state } = await Journal.open("import.jsonl", { operation: "import", fingerprint, total })
   */
  static async open(
    path: string,
    begin: { operation: string; fingerprint: string; total: number },
  ): Promise<{ journal: Journal; state: JournalState }> {
    const existing = await readExisting(path);
    const state = readState(existing.entries, path, begin);
    const journal = new Journal(await open(path, "a"));
    // After a torn last line, start on a fresh line so the new begin entry stays readable.
    if (existing.torn) journal.#queue.push("\n");
    await journal.append({ kind: "begin", ...begin, at: new Date().toISOString() });
    return { journal, state };
  }

  /** Appends one entry; resolves once it is on disk (fsynced together with any entries queued beside it). */
  append(entry: JournalEntry): Promise<void> {
    this.#queue.push(`${JSON.stringify(entry)}\n`);
    const written = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    this.#kick();
    return written;
  }

  /** Waits for queued entries, then closes the file (once: closing again does nothing). */
  async close(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#closed) return;
    this.#closed = true;
    await this.#handle.close();
  }

  #kick(): void {
    if (this.#flushing || this.#queue.length === 0) return;
    this.#flushing = this.#drain().finally(() => {
      this.#flushing = undefined;
      this.#kick();
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length) {
      const lines = this.#queue.splice(0);
      const waiters = this.#waiters.splice(0);
      try {
        await this.#handle.write(lines.join(""));
        await this.#handle.sync();
        for (const w of waiters) w.resolve();
      } catch (error) {
        for (const w of waiters) w.reject(error);
      }
    }
  }
}

async function readExisting(path: string): Promise<{ entries: JournalEntry[]; torn: boolean }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return { entries: [], torn: false };
    throw error;
  }
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const entries = lines.flatMap((line, index) => {
    try {
      return [JSON.parse(line) as JournalEntry];
    } catch (error) {
      // A crash mid-write tears the last line of a run: the file's last line, or one a later run's begin follows.
      const next = lines[index + 1];
      if (next === undefined || next.startsWith('{"kind":"begin"')) return [];
      throw invalid("journal", path, `is damaged at line ${index + 1} (${(error as Error).message})`);
    }
  });
  return { entries, torn: text.length > 0 && !text.endsWith("\n") };
}

function readState(
  entries: readonly JournalEntry[],
  path: string,
  begin: { operation: string; fingerprint: string },
): JournalState {
  const state: JournalState = { done: new Map(), unacknowledged: new Set(), calls: [] };
  for (const entry of entries) {
    if (entry.kind === "begin") {
      if (entry.operation !== begin.operation || entry.fingerprint !== begin.fingerprint) {
        const rule = `belongs to another ${entry.operation} (different input or filter); use a new journal file`;
        throw invalid("journal", path, rule, `Journal ${path} ${rule}`);
      }
    } else if (entry.kind === "sent") for (const key of entry.keys) state.unacknowledged.add(key);
    else if (entry.kind === "call") state.calls.push({ key: entry.key, at: entry.at });
    else if (entry.kind === "done") {
      for (const { key, outcome, id } of entry.items) {
        state.done.set(key, { outcome, id });
        state.unacknowledged.delete(key);
      }
    } else if (entry.kind === "failed") for (const { key } of entry.items) state.unacknowledged.delete(key);
  }
  return state;
}

/**
 * A stable digest of a set of keys (order does not matter): what a journal's begin line names its edit by.
 * @example fingerprintOf(["b", "a"]) === fingerprintOf(["a", "b"]) // true
 */
export function fingerprintOf(keys: readonly string[]): string {
  return createHash("sha256")
    .update([...keys].sort().join("\n"))
    .digest("hex")
    .slice(0, 32);
}
