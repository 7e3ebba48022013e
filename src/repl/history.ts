import { chmodSync, existsSync, mkdirSync } from "node:fs";
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

// `setupHistory({ filePath, size })` arrived in Node 24; before it the string form keeps readline's 30 lines.
const SIZED_HISTORY = Number(process.versions.node.split(".")[0]) >= 24;

interface SizedHistory {
  readonly filePath: string;
  readonly size: number;
}

/**
 * Persists the REPL's history in `path` through Node's own `setupHistory`: the file kept at mode 0600 and to
 * its last 1000 lines (30 on Node 20 and 22, which cannot be told a size), and every line redacted as it enters
 * the history (readline's `history` event lets a listener change the array before Node writes it). Failing to
 * keep history never stops the console. Resolves once the file is loaded: on Node 20 and 22 the load replaces the
 * history, so a line entered before it would be lost from the file.
 * @example await setupHistory(server, historyPath(process.env), () => state.secrets)
 */
export function setupHistory(
  server: REPLServer,
  path: string,
  secrets: () => Iterable<string>,
): Promise<void> {
  server.on("history", (history: string[]) => {
    if (history[0] !== undefined) history[0] = redactLine(history[0], secrets());
  });
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    if (existsSync(path)) chmodSync(path, 0o600);
  } catch {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = (): void => resolve();
    if (!SIZED_HISTORY) return server.setupHistory(path, done);
    // The object form is documented from Node 24 on; @types/node for the lowest supported line (22) lacks it.
    const sized = server.setupHistory as unknown as (config: SizedHistory, callback: () => void) => void;
    sized.call(server, { filePath: path, size: HISTORY_SIZE }, done);
  });
}
