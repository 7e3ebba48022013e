import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { REPLServer } from "node:repl";
import { redactLine } from "./redact.js";

/** Lines kept in the history file. */
export const HISTORY_SIZE = 1000;

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

function readLines(path: string): string[] {
  try {
    return readFileSync(path, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "");
  } catch {
    return [];
  }
}

/**
 * Loads the history file into the REPL (most recent first) and appends each entered line to it, redacted,
 * with the file kept at mode 0600 and trimmed to its last 1000 lines at start. Failing to write history never
 * stops the console.
 * @example setupHistory(server, historyPath(process.env), () => state.secrets)
 */
export function setupHistory(server: REPLServer, path: string, secrets: () => Iterable<string>): void {
  const lines = readLines(path).slice(-HISTORY_SIZE);
  // readline keeps 30 lines unless told otherwise; keep as many as the file.
  const readline = server as unknown as { history: string[]; historySize: number };
  readline.historySize = HISTORY_SIZE;
  const history = readline.history;
  history.splice(0, history.length, ...lines.slice().reverse());
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, lines.map((l) => `${l}\n`).join(""), { mode: 0o600 });
    chmodSync(path, 0o600);
  } catch {
    return;
  }
  server.on("line", (line: string) => {
    if (line.trim() === "") return;
    try {
      appendFileSync(path, `${redactLine(line, secrets()).replace(/\n/g, " ")}\n`, { mode: 0o600 });
    } catch {
      // A read-only home or a full disk loses history, not the session.
    }
  });
}
