// The entity sets the commands call. Commands pass no signal: the session's default signal (see abortable.ts)
// lets Ctrl-C cancel them.
import type { BulkAlerts, BulkIocs } from "../../bulk/index.js";
import type { ReplState } from "../types.js";

/**
 * The session's entity sets, typed; commands run once the session is connected (they wait for it).
 * @example const { alerts } = entitySets(state); await alerts.list()
 */
export function entitySets(state: ReplState): { alerts: BulkAlerts; iocs: BulkIocs } {
  if (!state.session) throw new Error("Not connected: .login to connect");
  return { alerts: state.session.alerts, iocs: state.session.iocs };
}
