import {
  closeSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import type { MemoryStore } from "./memory.js";
import { STORE_SETS, type Change } from "./store.js";

/** First line of every state file. */
export const JOURNAL_HEADER = JSON.stringify({ format: "ti-emulator-journal", version: 1 });

/** The state file cannot be read back; the emulator refuses to start rather than silently starting empty. */
export class CorruptStateError extends Error {}

// A compacted file's second line: the Id counters, so that Ids of deleted entities are still never reused.
type NextIds = { nextIds: Record<string, number> };
// Entities per line when compacting, so no single line gets huge.
const PUTS_PER_LINE = 1000;

/**
 * Replays a state file into the store and returns how many commit lines it had. A torn last line (a crash
 * mid-write, never acknowledged) is cut off the file; anything else unreadable throws {@link CorruptStateError}.
 * @example const commits = replayJournal("state.jsonl", memory)
 */
export function replayJournal(path: string, memory: MemoryStore): number {
  const text = readFileSync(path, "utf8");
  const lines = text.split("\n");
  const tornTail = !text.endsWith("\n");
  if (lines[0] !== JOURNAL_HEADER && !(lines.length === 1 && tornTail)) {
    throw new CorruptStateError(
      `${path} is not a ti-emulator state file (first line is not the journal header)`,
    );
  }
  // The last element is "" after a final newline, or the torn line: either way not a commit.
  const body = lines.slice(1, -1);
  body.forEach((line, index) => apply(memory, parseLine(path, line, index + 2)));
  if (tornTail) truncateTo(path, Buffer.byteLength(text.slice(0, text.lastIndexOf("\n") + 1)));
  return body.length;
}

/**
 * Rewrites the state file as the header, the Id counters and the live entities, through a temporary file and an
 * atomic rename (a crash leaves either the old file or the new one).
 * @example compactJournal("state.jsonl", memory)
 */
export function compactJournal(path: string, memory: MemoryStore): void {
  const nextIds: NextIds = { nextIds: {} };
  const lines = [JOURNAL_HEADER];
  for (const set of STORE_SETS) {
    const next = memory.allocateIds(set, 0);
    // A set never written to keeps the file as it was before the set existed.
    if (next > 1 || set !== "Indicators") nextIds.nextIds[set] = next;
    const puts: Change[] = [...memory.all(set)].map((entity) => ({ op: "put", set, entity }));
    for (let i = 0; i < puts.length; i += PUTS_PER_LINE)
      lines.push(JSON.stringify(puts.slice(i, i + PUTS_PER_LINE)));
  }
  lines.splice(1, 0, JSON.stringify(nextIds));
  const temporary = `${path}.compacting`;
  writeFileSync(temporary, `${lines.join("\n")}\n`);
  fsyncPath(temporary, "r+");
  renameSync(temporary, path);
  fsyncPath(dirname(path), "r");
}

function apply(memory: MemoryStore, line: Change[] | NextIds): void {
  if (Array.isArray(line)) {
    memory.commit(line);
    return;
  }
  for (const set of STORE_SETS) {
    const behind = (line.nextIds[set] ?? 0) - memory.allocateIds(set, 0);
    if (behind > 0) memory.allocateIds(set, behind);
  }
}

function parseLine(path: string, line: string, lineNumber: number): Change[] | NextIds {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new CorruptStateError(`${path} line ${lineNumber} is not valid JSON; the state file is corrupt`);
  }
  if (isNextIds(parsed) || (Array.isArray(parsed) && parsed.every(isChange))) return parsed;
  throw new CorruptStateError(
    `${path} line ${lineNumber} is not a list of changes; the state file is corrupt`,
  );
}

function isNextIds(value: unknown): value is NextIds {
  const ids = (value as Partial<NextIds> | null)?.nextIds;
  return typeof ids === "object" && ids !== null && Object.values(ids).every((n) => Number.isSafeInteger(n));
}

function isChange(value: unknown): value is Change {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Record<string, unknown>;
  if (c["op"] === "clear") return true;
  if (!(STORE_SETS as readonly unknown[]).includes(c["set"])) return false;
  if (c["op"] === "delete") return Number.isSafeInteger(c["id"]);
  const entity = c["entity"] as Record<string, unknown> | undefined;
  return (
    c["op"] === "put" && typeof entity === "object" && entity !== null && Number.isSafeInteger(entity["Id"])
  );
}

function truncateTo(path: string, bytes: number): void {
  const fd = openSync(path, "r+");
  try {
    ftruncateSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncPath(path: string, flags: "r" | "r+"): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
