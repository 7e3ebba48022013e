import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { storedEntityProblem } from "./check-entity.js";
import { storedIndicatorProblem } from "./check-indicator.js";
import {
  decodeRecord,
  encodeRecord,
  JOURNAL_HEADER,
  JOURNAL_HEADER_V1,
  type JournalRecord,
  type NextIds,
} from "./journal-format.js";
import { readLines, type Line } from "./journal-lines.js";
import type { MemoryStore } from "./memory.js";
import { STORE_SETS, type Change } from "./store.js";

/** The state file cannot be read back; the emulator refuses to start rather than silently starting empty. */
export class CorruptStateError extends Error {}

/** What a replay found: how much of the file to keep, and what must be done to it before appending. */
export interface Replayed {
  /** No journal yet (absent, empty, or a header torn by a crash): write a fresh header. */
  readonly fresh: boolean;
  readonly version: 1 | 2;
  readonly commits: number;
  /** Bytes of the file that hold acknowledged records; a torn tail after them is cut off. */
  readonly keepBytes: number;
  /** The last record is whole but lost its newline: append one before the next record. */
  readonly needsNewline: boolean;
}

// Entities per line when compacting, so no single line gets huge.
const PUTS_PER_LINE = 1000;

/**
 * Replays an open state file into the store. Starts only on an empty file, a torn header, or a file whose first
 * line is the journal's header; anything else is refused and never written to. Every record must pass its
 * checksum and every entity the schema; only an unterminated last line that is not a whole record (a write cut
 * off by a crash, never acknowledged) is dropped.
 * @example const replayed = replayJournal(fd, "state.jsonl", memory)
 */
export function replayJournal(fd: number, path: string, memory: MemoryStore): Replayed {
  const lines = readLines(fd);
  const first = lines.next();
  const fresh: Replayed = { fresh: true, version: 2, commits: 0, keepBytes: 0, needsNewline: false };
  if (first.done) return fresh;
  const header = first.value;
  if (!header.terminated && `${JOURNAL_HEADER}\n`.startsWith(header.text)) return fresh;
  const version = header.text === JOURNAL_HEADER ? 2 : header.text === JOURNAL_HEADER_V1 ? 1 : undefined;
  if (!header.terminated || version === undefined) {
    throw new CorruptStateError(
      `${path} is not a ti-emulator state file (its first line is not the journal header); it was left untouched`,
    );
  }
  let commits = 0;
  let keepBytes = header.end;
  let needsNewline = false;
  for (const line of lines) {
    const record = decodeRecord(line.text, version);
    if (typeof record === "string") {
      if (!line.terminated) break; // the torn, unacknowledged tail
      throw corrupt(path, line, record);
    }
    apply(memory, record, path, line);
    commits++;
    keepBytes = line.end;
    needsNewline = !line.terminated;
  }
  checkParents(memory, path);
  return { fresh: false, version, commits, keepBytes, needsNewline };
}

/**
 * Rewrites the state file as the header, the Id counters and the live entities, through a temporary file (every
 * write checked, then fsynced) and an atomic rename: a crash or a full disk leaves the old file or the new one.
 * Returns the new file's size.
 * @example const bytes = compactJournal("state.jsonl", memory)
 */
export function compactJournal(path: string, memory: MemoryStore): number {
  const temporary = `${path}.compacting`;
  const fd = openSync(temporary, "w");
  let size = 0;
  const put = (record: JournalRecord | string): void => {
    size += writeAll(
      fd,
      Buffer.from(`${typeof record === "string" ? record : encodeRecord(record)}\n`),
      size,
    );
  };
  try {
    put(JOURNAL_HEADER);
    // A set never written to is left out, so a custom-TI-only file reads as it did before indicators existed.
    const nextIds = STORE_SETS.map((set) => [set, memory.allocateIds(set, 0)] as const).filter(
      ([set, next]) => next > 1 || set !== "Indicators",
    );
    put({ nextIds: Object.fromEntries(nextIds) });
    for (const set of STORE_SETS) {
      let batch: Change[] = [];
      for (const entity of memory.all(set)) {
        batch.push({ op: "put", set, entity });
        if (batch.length === PUTS_PER_LINE) {
          put(batch);
          batch = [];
        }
      }
      if (batch.length > 0) put(batch);
    }
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, path);
  fsyncPath(dirname(path));
  return size;
}

/**
 * Writes all of `bytes` at `position`, or throws: a short write (a full disk) is an error, never a success.
 * @example writeAll(fd, Buffer.from("line\n"), size) // 5
 */
export function writeAll(fd: number, bytes: Buffer, position: number): number {
  let done = 0;
  while (done < bytes.length) {
    const n = writeSync(fd, bytes, done, bytes.length - done, position + done);
    if (n <= 0) throw Object.assign(new Error("the disk took no more bytes"), { code: "ENOSPC" });
    done += n;
  }
  return done;
}

function apply(memory: MemoryStore, record: JournalRecord, path: string, line: Line): void {
  if (!Array.isArray(record)) {
    const { nextIds } = record as NextIds;
    for (const set of STORE_SETS) {
      const behind = (nextIds[set] ?? 0) - memory.allocateIds(set, 0);
      if (behind > 0) memory.allocateIds(set, behind);
    }
    return;
  }
  for (const change of record as readonly Change[]) {
    if (change.op !== "put") continue;
    const problem =
      change.set === "Indicators"
        ? storedIndicatorProblem(change.entity)
        : storedEntityProblem(change.set, change.entity);
    if (problem)
      throw corrupt(path, line, `holds ${change.set}(${String(change.entity.Id)}) whose ${problem}`);
  }
  memory.commit(record as readonly Change[]);
}

function checkParents(memory: MemoryStore, path: string): void {
  for (const ioc of memory.all("IndicatorsOfCompromise")) {
    const parent = ioc["AlertDefinitionId"] as number;
    if (!memory.get("AlertDefinitions", parent)) {
      throw new CorruptStateError(
        `${path} holds IndicatorsOfCompromise(${ioc.Id}) of AlertDefinitions(${parent}), which does not exist; the state file is corrupt`,
      );
    }
  }
}

function corrupt(path: string, line: Line, why: string): CorruptStateError {
  return new CorruptStateError(`${path} line ${line.number} ${why}; the state file is corrupt`);
}

function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
