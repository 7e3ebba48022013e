import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { reportError, runCode } from "./evaluate.js";
import { loadScript } from "./script.js";
import type { ReplState } from "./types.js";

/**
 * The start-up file: `$XDG_CONFIG_HOME/ti-console/init.js`, else `~/.config/ti-console/init.js`.
 * @example rcPath(process.env) // "/home/me/.config/ti-console/init.js"
 */
export function rcPath(env: Readonly<Record<string, string | undefined>>): string {
  const config = env["XDG_CONFIG_HOME"] || join(homedir(), ".config");
  return join(config, "ti-console", "init.js");
}

/**
 * Runs the start-up file, if there is one, in the console's context (its names stay defined at the prompt), as
 * mongosh runs `.mongoshrc.js`. An error in it prints as one line naming the file; the console carries on.
 * Resolves true when there was a file (what it printed may stand where the prompt was).
 * @example await runStartupFile(state, rcPath(process.env))
 */
export async function runStartupFile(state: ReplState, path: string): Promise<boolean> {
  if (!existsSync(path)) return false;
  try {
    await runCode(await loadScript(path), path);
  } catch (err) {
    reportError(state, new Error(`${path}: ${(err as Error).message ?? String(err)}`, { cause: err }));
  }
  return true;
}
