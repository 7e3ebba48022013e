import type { REPLServer } from "node:repl";
import { guardDestructive } from "./destructive.js";
import { guardIndicators } from "./destructive-indicators.js";
import { replHelpers } from "./helpers.js";
import { keptCallsQuiet } from "./kept.js";
import { withMethodHelp } from "./method-help.js";
import { nextPage, pagedLists } from "./pager.js";
import { outputWidth, type ReplState } from "./types.js";
import type { ConnectedSession } from "../session.js";

/**
 * Puts the session and the helpers into the REPL context (the process's global one). Returns the function that
 * fills it again (after connecting, and after `.login` swaps the session).
 * @example const refill = installContext(server, state)
 */
export function installContext(server: REPLServer, state: ReplState): () => void {
  const fill = (context: Record<string, unknown>): void => {
    const session = state.session;
    if (!state.connected || !session) return;
    // The session's own sets: their plans apply through the console's applier (asks first, shows progress).
    // At the prompt a call's promise is marked handled when made, so a kept one warns nobody (kept.ts).
    // Deletes and disables ask first, or need { confirm: true } in a script (destructive.ts).
    const quiet = <T extends object>(set: T): T => (state.interactive ? keptCallsQuiet(set) : set);
    const sets = preloadedSets(state, session, quiet);
    const names: Record<string, unknown> = {
      session: withSets(session, sets),
      ...(state.indicatorsSession ? { indicatorsSession: state.indicatorsSession } : {}),
      ...sets,
      // `it` and `more` at the prompt are `await it()` (server.ts); the functions serve scripts too.
      it: () => nextPage(state),
      more: () => nextPage(state),
      ...replHelpers(
        () => ({ width: outputWidth(state), color: state.color, interactive: state.interactive }),
        state.script === undefined
          ? undefined
          : (text) =>
              state.output.write(`${text}
`),
      ),
    };
    // After .login to the other service, the sets of the old one go (they would call a closed session).
    for (const name of SET_NAMES) if (!(name in names)) delete context[name];
    for (const [name, value] of Object.entries(names)) {
      Object.defineProperty(context, name, { value, writable: true, enumerable: true, configurable: true });
    }
  };
  fill(server.context);
  return () => fill(server.context);
}

const SET_NAMES = ["alerts", "iocs", "indicators", "indicatorsSession"] as const;

/**
 * The preloaded `session`: the session itself, but its sets are the console's (deletes and disables ask first),
 * so `session.alerts.delete(7)` asks like `alerts.delete(7)`. Its methods run on the session itself (its
 * private fields would refuse a proxy as `this`).
 */
function withSets<S extends object>(session: S, sets: Record<string, unknown>): S {
  return new Proxy(session, {
    get(target, name) {
      if (typeof name === "string" && name in sets && name in target) return sets[name];
      // Read on the session itself: a getter using private fields refuses the proxy as `this`.
      const value: unknown = Reflect.get(target, name);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * The sets of the services the console speaks: `alerts` and `iocs` for custom TI, `indicators` for the Indicators
 * API (from the emulator's second session there, since the emulator serves both).
 */
function preloadedSets(
  state: ReplState,
  session: ConnectedSession,
  quiet: <T extends object>(set: T) => T,
): Record<string, unknown> {
  const indicatorsOf = session.service === "indicators" ? session : state.indicatorsSession;
  const sets: Record<string, unknown> = {};
  if (session.service === "custom-ti") {
    const guarded = guardDestructive(state, session);
    // Lists keep their pages for `it` (pager.ts).
    const alerts = withMethodHelp("alerts", pagedLists(state, guarded.alerts));
    const iocs = withMethodHelp("iocs", pagedLists(state, guarded.iocs));
    Object.assign(sets, { alerts: quiet(alerts), iocs: quiet(iocs) });
  }
  if (indicatorsOf)
    sets["indicators"] = quiet(pagedLists(state, guardIndicators(state, indicatorsOf.indicators)));
  return sets;
}
