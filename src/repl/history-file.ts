// The console's history file. One entry per line as a JSON string (so a multi-line entry stays one entry),
// oldest first, after a header line. Sessions only ever append their own entries (O_APPEND keeps concurrent
// consoles from overwriting each other, unlike Node's setupHistory, which rewrites the whole file from one
// session's memory); the file is cut back to its newest entries when a console starts.
import { appendFileSync, chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Entries kept in the history file. */
export const HISTORY_SIZE = 1000;

const HEADER = "# ti-console history: one JSON string per line, oldest first";

// Cutting back rewrites the file, which could drop a line another console appends meanwhile: do it rarely.
const SLACK = 100;

/**
 * Reads the history file (oldest entry first), creating its directory (0700) and keeping it at mode 0600. A file
 * written by Node's own history (one line per entry, newest first) is read as such and rewritten in this format;
 * a file over {@link HISTORY_SIZE} entries (plus some slack) is cut back to its newest ones. Missing file: none.
 * @example const entries = readHistory(historyPath(process.env))
 */
export function readHistory(path: string): string[] {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  chmodSync(path, 0o600);
  const lines = text.split("\n").filter((line) => line !== "");
  const ours = lines[0] === HEADER;
  const entries = ours ? lines.slice(1).flatMap(parseLine) : lines.map(fromNodeLine).reverse();
  const kept = entries.slice(-HISTORY_SIZE);
  if (!ours || entries.length > HISTORY_SIZE + SLACK) rewrite(path, kept);
  return kept;
}

/**
 * Appends entries to the history file (created at mode 0600, in a 0700 directory), in one write.
 * @example appendHistory(path, ["await alerts.count()"])
 */
export function appendHistory(path: string, entries: readonly string[]): void {
  if (entries.length === 0) return;
  const body = entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // A new file gets its header first; `wx` fails if another console created it in between.
  try {
    writeFileSync(path, `${HEADER}\n`, { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  appendFileSync(path, body, { mode: 0o600 });
}

function parseLine(line: string): string[] {
  try {
    const entry: unknown = JSON.parse(line);
    return typeof entry === "string" ? [entry] : [];
  } catch {
    return [];
  }
}

// Node 24 and later keep a multi-line entry as one line, its lines in reverse order joined by "\r".
function fromNodeLine(line: string): string {
  return line.includes("\r") ? line.split("\r").reverse().join("\n") : line;
}

function rewrite(path: string, entries: readonly string[]): void {
  const temp = `${path}.${process.pid}.tmp`;
  const body = entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
  writeFileSync(temp, `${HEADER}\n${body}`, { mode: 0o600 });
  renameSync(temp, path);
}
