import { closeSync, existsSync, fstatSync, fsyncSync, openSync, writeSync } from "node:fs";
import { compactJournal, JOURNAL_HEADER, replayJournal } from "./journal-file.js";
import { MemoryStore } from "./memory.js";
import type { Change, Entity, Store, StoreSet } from "./store.js";

export { CorruptStateError } from "./journal-file.js";

// Past this many commit lines a start rewrites the file as a snapshot, so replay stays quick and the file small.
const COMPACT_AFTER_COMMITS = 256;

/**
 * A store persisted as an append-only journal: a header line, then one JSON array of changes per commit, written
 * and fsynced before `commit` returns, so every acknowledged write survives `kill -9`. A torn last line (a crash
 * mid-write, never acknowledged) is dropped on load; any other unreadable line stops the start.
 */
export class JournalStore implements Store {
  readonly #memory = new MemoryStore();
  readonly #fd: number;

  constructor(path: string) {
    if (existsSync(path) && replayJournal(path, this.#memory) > COMPACT_AFTER_COMMITS) {
      compactJournal(path, this.#memory);
    }
    this.#fd = openSync(path, "a");
    if (fstatSync(this.#fd).size === 0) this.#append(JOURNAL_HEADER);
  }

  all(set: StoreSet): Iterable<Entity> {
    return this.#memory.all(set);
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
    this.#append(JSON.stringify(changes));
    this.#memory.commit(changes);
  }

  close(): void {
    closeSync(this.#fd);
  }

  #append(line: string): void {
    writeSync(this.#fd, `${line}\n`);
    fsyncSync(this.#fd);
  }
}
