// The entity-set calls the commands make, typed structurally: the console needs only these shapes. Commands
// pass no signal: the session's default signal (see abortable.ts) lets Ctrl-C cancel them.
import type { ReplState } from "../types.js";

type Entity = Record<string, unknown>;

/** What the commands call on `alerts` and `iocs`. */
export interface SetApi {
  list(): PromiseLike<readonly Entity[]>;
  create(input: Entity): Promise<Entity>;
}

/** The session's entity sets as the commands use them. */
export function entitySets(state: ReplState): { alerts: SetApi; iocs: SetApi } {
  return { alerts: state.session.alerts as SetApi, iocs: state.session.iocs as SetApi };
}
