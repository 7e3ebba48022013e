import type { REPLServer } from "node:repl";
import { consoleSession, consoleSets } from "./bulk/sets.js";
import { replHelpers } from "./helpers.js";
import { keptCallsQuiet } from "./kept.js";
import { outputWidth, type ReplState } from "./types.js";

/**
 * Puts the session and the helpers into the REPL context, and again whenever `.clear` resets it. Returns the
 * function that fills the current context again (after `.login` swaps the session).
 * @example const refill = installContext(server, state)
 */
export function installContext(server: REPLServer, state: ReplState): () => void {
  const fill = (context: Record<string, unknown>): void => {
    if (!state.connected) return;
    // Their bulk edits return plans whose apply asks first and shows progress (see bulk/sets.ts).
    const bulkSets = consoleSets(state.session, { server, state });
    const sets = state.interactive
      ? { alerts: keptCallsQuiet(bulkSets.alerts), iocs: keptCallsQuiet(bulkSets.iocs) }
      : bulkSets;
    const names: Record<string, unknown> = {
      session: consoleSession(state.session, sets),
      ...sets,
      ...replHelpers(() => ({
        width: outputWidth(state),
        color: state.color,
        interactive: state.interactive,
      })),
    };
    for (const [name, value] of Object.entries(names)) {
      Object.defineProperty(context, name, { value, writable: true, enumerable: true, configurable: true });
    }
  };
  fill(server.context);
  server.on("reset", fill);
  return () => fill(server.context);
}
