import { homedir } from "node:os";
import { join } from "node:path";
import type { REPLServer } from "node:repl";
import { appendHistory, readHistory } from "./history-file.js";
import { redactLine } from "./redact.js";

export { HISTORY_SIZE } from "./history-file.js";

/**
 * The history file: `TI_HISTORY_FILE`, else `$XDG_STATE_HOME/ti-console/history`, else
 * `~/.local/state/ti-console/history`.
 * @example historyPath(process.env)
 */
export function historyPath(env: Readonly<Record<string, string | undefined>>): string {
  if (env["TI_HISTORY_FILE"]) return env["TI_HISTORY_FILE"];
  const state = env["XDG_STATE_HOME"] || join(homedir(), ".local", "state");
  return join(state, "ti-console", "history");
}

// Node 24 and later keep a multi-line entry as one history entry themselves: its lines reversed, joined by "\r".
// Before 24 each line of it is an entry of its own, typed at the REPL's continuation prompt "... ".
const NATIVE_MULTILINE = Number(process.versions.node.split(".")[0]) >= 24;

/** What the console's eval tells its history. */
export interface ConsoleHistory {
  /** The code to run for an entry: a multi-line entry recalled with Ctrl-R comes in Node's stored order. */
  entry(code: string): string;
  /** The entry `code` was evaluated (not left unfinished): it goes to the file now. */
  done(code: string): void;
}

/** How the history knows the console's state. */
export interface HistoryOptions {
  /** Values to redact from every entry (the client secret, also after `.login`). */
  readonly secrets: () => Iterable<string>;
}

/**
 * Keeps the REPL's history in `path`, one entry per entry typed: the lines of a multi-line entry are one entry
 * (Up and Ctrl-R recall it whole), every entry is redacted as it enters the history, and each console appends
 * only its own entries to the file (two consoles at once neither mix their Up-arrow lines nor lose each other's).
 * Loads the file's newest 1000 entries at once; failing to keep history never stops the console.
 * @example const history = setupHistory(server, historyPath(process.env), { secrets })
 */
export function setupHistory(server: REPLServer, path: string, options: HistoryOptions): ConsoleHistory {
  // `history` is readline's documented list of entries, newest first; the REPL is a readline Interface.
  const memory = (server as unknown as { readonly history: string[] }).history;
  const redact = (entry: string): string => redactLine(entry, options.secrets());
  const save = (entry: string): void => attempt(() => appendHistory(path, [redact(fromMemory(entry))]));
  attempt(() => memory.push(...readHistory(path).map(toMemory).reverse()));
  let top = memory[0];
  let pending: string | undefined;
  const flush = (): void => {
    if (pending !== undefined) save(pending);
    pending = undefined;
  };
  // A listener may change the list (readline documents it): each new line is redacted, and joined to the
  // entry it continues before Node 24.
  server.on("history", (history: string[]) => {
    if (history[0] === undefined) return;
    history[0] = redact(history[0]);
    if (history[0] === top) return; // readline did not add a line equal to the last entry
    if (!NATIVE_MULTILINE && history.length > 1 && server.getPrompt().startsWith("...")) {
      const line = history.shift();
      history[0] = `${history[0]}\n${line}`;
    }
    top = history[0];
    if (pending === undefined || !continues(top, pending)) flush();
    pending = top;
  });
  server.on("exit", flush);
  return {
    entry: (code) => recalled(code, memory),
    done: (code) => {
      if (pending !== undefined && lines(redact(code.replace(/\r/g, "\n"))) === lines(fromMemory(pending)))
        flush();
    },
  };
}

/** True when `entry` is `pending` with more lines: Node's or our own way of growing a multi-line entry. */
function continues(entry: string, pending: string): boolean {
  return entry.startsWith(`${pending}\n`) || entry.endsWith(`\r${pending}`);
}

/** The entry's non-blank lines without trailing spaces: readline keeps neither blank lines nor always the spaces. */
function lines(entry: string): string {
  return entry
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line !== "")
    .join("\n");
}

function toMemory(entry: string): string {
  return NATIVE_MULTILINE && entry.includes("\n") ? entry.split("\n").reverse().join("\r") : entry;
}

function fromMemory(entry: string): string {
  return entry.includes("\r") ? entry.split("\r").reverse().join("\n") : entry;
}

// Node 24's Ctrl-R hands the REPL a multi-line entry as stored (lines reversed); typed code is never equal to
// its own stored form unless its lines read the same both ways, when reversing changes nothing.
function recalled(code: string, memory: readonly string[]): string {
  const body = code.endsWith("\n") ? code.slice(0, -1) : code;
  if (!body.includes("\r") || body !== memory[0]) return code;
  return `${body.split("\r").reverse().join("\n")}\n`;
}

function attempt(action: () => unknown): void {
  try {
    action();
  } catch {
    // History is a convenience: an unreadable or unwritable file leaves the console working without it.
  }
}
