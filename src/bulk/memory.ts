import type { JournalState } from "./journal.js";

/** One item of a run: its identity key, and its source line or entity Id when known. */
export interface RunItem {
  readonly key: string;
  readonly line?: number;
  readonly id?: number | undefined;
}

/** Memory of one plan's applies, so applying the same plan twice (after an abort) never repeats work. */
export interface RunMemory {
  readonly done: JournalState["done"];
  readonly unacknowledged: Set<string>;
}

/** A fresh memory. */
export function newMemory(): RunMemory {
  return { done: new Map(), unacknowledged: new Set() };
}
