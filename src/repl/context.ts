import type { REPLServer } from "node:repl";
import { guardDestructive } from "./destructive.js";
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
    const session = state.session;
    if (!state.connected || !session) return;
    // The session's own sets: their plans apply through the console's applier (asks first, shows progress).
    // At the prompt a call's promise is marked handled when made, so a kept one warns nobody (kept.ts).
    // Deletes and disables ask first, or need { confirm: true } in a script (destructive.ts).
    const guarded = guardDestructive(state, session);
    const sets = state.interactive
      ? { alerts: keptCallsQuiet(guarded.alerts), iocs: keptCallsQuiet(guarded.iocs) }
      : guarded;
    const names: Record<string, unknown> = {
      session,
      ...sets,
      ...replHelpers(
        () => ({ width: outputWidth(state), color: state.color, interactive: state.interactive }),
        state.script === undefined ? undefined : (text) => state.output.write(`${text}\n`),
      ),
    };
    for (const [name, value] of Object.entries(names)) {
      Object.defineProperty(context, name, { value, writable: true, enumerable: true, configurable: true });
    }
  };
  fill(server.context);
  server.on("reset", fill);
  return () => fill(server.context);
}
