// The entity-set calls the commands make, typed structurally: the console needs only these shapes.
import type { ReplState } from "../types.js";

type Entity = Record<string, unknown>;
type Call = { signal?: AbortSignal };

/** What the commands call on `alerts` and `iocs`. */
export interface SetApi {
  list(options?: Call): PromiseLike<readonly Entity[]>;
  create(input: Entity, options?: Call): Promise<Entity>;
}

/** The session's entity sets as the commands use them. */
export function entitySets(state: ReplState): { alerts: SetApi; iocs: SetApi } {
  return { alerts: state.session.alerts as SetApi, iocs: state.session.iocs as SetApi };
}

/** The signal of the command in flight (Ctrl-C aborts it). */
export function callOptions(state: ReplState): Call {
  return state.controller ? { signal: state.controller.signal } : {};
}
