import { closeSync, constants, fsyncSync, ftruncateSync, openSync } from "node:fs";
import { compactJournal, replayJournal, writeAll, type Replayed } from "./journal-file.js";
import { encodeRecord, JOURNAL_HEADER } from "./journal-format.js";
import { lockStateFile } from "./lock.js";
import { MemoryStore } from "./memory.js";
import { StorageError, type Change, type Entity, type Store, type StoreSet } from "./store.js";

export { CorruptStateError } from "./journal-file.js";
export { StateInUseError } from "./lock.js";

// Past this many commit lines a start rewrites the file as a snapshot, so replay stays quick and the file small.
const COMPACT_AFTER_COMMITS = 256;

/** Options of {@link JournalStore}. */
export interface JournalOptions {
  /** Compact while running once this many bytes were appended since the last compaction (and at least its size). */
  readonly compactAfterBytes: number;
}

/**
 * A store persisted as an append-only journal: a header line, then one checksummed record per commit, written at
 * the end of the last acknowledged record (checked byte count, then fsync) before `commit` returns, so every
 * acknowledged write survives `kill -9` and a full disk. A write the file cannot take is cut off again and
 * refused with a {@link StorageError}. One store per file: `<path>.lock` names the process holding it.
 */
export class JournalStore implements Store {
  readonly #memory = new MemoryStore();
  readonly #path: string;
  readonly #options: JournalOptions;
  readonly #release: () => void;
  #fd = -1;
  /** Bytes of acknowledged records: where the next record goes. */
  #size: number;
  #compactedSize: number;
  #appended = 0;
  /** A failed write could not be cut off; no write is taken until it is. */
  #dirty = false;

  constructor(path: string, options: JournalOptions) {
    this.#path = path;
    this.#options = options;
    this.#release = lockStateFile(path);
    try {
      this.#fd = openSync(path, constants.O_RDWR | constants.O_CREAT);
      const replayed = replayJournal(this.#fd, path, this.#memory);
      this.#size = this.#compactedSize = this.#open(replayed);
    } catch (error) {
      this.close();
      throw error;
    }
  }

  all(set: StoreSet): Iterable<Entity> {
    return this.#memory.all(set);
  }

  after(set: StoreSet, id: number): Iterable<Entity> {
    return this.#memory.after(set, id);
  }

  lookup(set: StoreSet, field: string, value: unknown): ReadonlySet<number> | undefined {
    return this.#memory.lookup(set, field, value);
  }

  get version(): number {
    return this.#memory.version;
  }

  get(set: StoreSet, id: number): Entity | undefined {
    return this.#memory.get(set, id);
  }

  count(set: StoreSet): number {
    return this.#memory.count(set);
  }

  allocateIds(set: StoreSet, n: number): number {
    return this.#memory.allocateIds(set, n);
  }

  commit(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    const bytes = Buffer.from(`${encodeRecord(changes)}\n`);
    try {
      if (this.#dirty) this.#cutBack();
      writeAll(this.#fd, bytes, this.#size);
      fsyncSync(this.#fd);
    } catch (error) {
      this.#dirty = true;
      this.#tryCutBack();
      throw storageError(error, this.#path);
    }
    this.#size += bytes.length;
    this.#appended += bytes.length;
    this.#memory.commit(changes);
    if (this.#appended > Math.max(this.#options.compactAfterBytes, this.#compactedSize)) this.#compact();
  }

  close(): void {
    try {
      if (this.#fd !== -1) closeSync(this.#fd);
    } finally {
      this.#fd = -1;
      this.#release();
    }
  }

  /** Brings the file to where appending can start; returns its size. */
  #open(replayed: Replayed): number {
    if (replayed.fresh) {
      ftruncateSync(this.#fd, 0);
      const size = writeAll(this.#fd, Buffer.from(`${JOURNAL_HEADER}\n`), 0);
      fsyncSync(this.#fd);
      return size;
    }
    if (replayed.version === 1 || replayed.commits > COMPACT_AFTER_COMMITS) {
      // Renamed over the open file, which is then swapped for the new one.
      const size = compactJournal(this.#path, this.#memory);
      closeSync(this.#fd);
      this.#fd = openSync(this.#path, constants.O_RDWR);
      return size;
    }
    // A torn tail is cut off; a whole last record that lost its newline gets it back.
    ftruncateSync(this.#fd, replayed.keepBytes);
    const size = replayed.needsNewline
      ? replayed.keepBytes + writeAll(this.#fd, Buffer.from("\n"), replayed.keepBytes)
      : replayed.keepBytes;
    fsyncSync(this.#fd);
    return size;
  }

  #cutBack(): void {
    ftruncateSync(this.#fd, this.#size);
    fsyncSync(this.#fd);
    this.#dirty = false;
  }

  #tryCutBack(): void {
    try {
      this.#cutBack();
    } catch {
      // Still dirty: the next commit tries again before writing.
    }
  }

  /** A snapshot in place of the journal; on failure (a full disk) the journal stays as it is and is retried later. */
  #compact(): void {
    this.#appended = 0;
    let size: number;
    try {
      size = compactJournal(this.#path, this.#memory);
    } catch {
      return;
    }
    closeSync(this.#fd);
    this.#fd = openSync(this.#path, constants.O_RDWR);
    this.#size = this.#compactedSize = size;
  }
}

function storageError(error: unknown, path: string): StorageError {
  const code = (error as NodeJS.ErrnoException).code;
  const full = code === "ENOSPC" || code === "EDQUOT";
  return new StorageError(`${path} cannot take the write (${code ?? (error as Error).message})`, full);
}
