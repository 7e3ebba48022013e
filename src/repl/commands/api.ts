// The entity sets the commands call. Commands pass no signal: the session's default signal (see abortable.ts)
// lets Ctrl-C cancel them.
import type { Indicators } from "../../api/index.js";
import type { BulkAlerts, BulkIocs } from "../../bulk/index.js";
import type { ConnectedSession } from "../../session.js";
import type { ReplState } from "../types.js";

/**
 * The session's entity sets, typed; commands run once the session is connected (they wait for it).
 * @example const { alerts } = entitySets(state); await alerts.list()
 */
export function entitySets(state: ReplState): { alerts: BulkAlerts; iocs: BulkIocs } {
  if (!state.session) throw new Error("Not connected: .login to connect");
  return { alerts: state.session.alerts, iocs: state.session.iocs };
}

/**
 * The indicators of the session that speaks the Indicators API: the console's own on such a tenant, the second
 * one on the emulator; an error saying how to get one on a custom TI tenant.
 * @example await indicatorsOf(state).submit(body)
 */
export function indicatorsOf(state: ReplState): Indicators {
  return indicatorsSessionOf(state).indicators;
}

/**
 * The session that speaks the Indicators API (its bulk edits, 429 clock and rate budget), as {@link indicatorsOf}
 * finds it.
 * @example const { indicators } = indicatorsSessionOf(state)
 */
export function indicatorsSessionOf(state: ReplState): ConnectedSession {
  if (!state.session) throw new Error("Not connected: .login to connect");
  const session = state.session.service === "indicators" ? state.session : state.indicatorsSession;
  if (!session)
    throw new Error(
      "This console speaks custom TI: start it with --service indicators (or TI_SERVICE=indicators) and the Indicators API's URL for indicators",
    );
  return session;
}

/** The name the console's context gives the session of the Indicators API (`indicatorsSession` on the emulator). */
export function indicatorsSessionName(state: ReplState): string {
  return state.indicatorsSession ? "indicatorsSession" : "session";
}
