import type { REPLServer } from "node:repl";
import { withSecret } from "../config.js";
import { askCredentials } from "../credentials.js";
import { withPrompts } from "../prompts.js";
import { consoleApplier } from "../bulk/apply.js";
import { closeSession, openSession, printWarnings } from "../session.js";
import type { ReplState } from "../types.js";
import { say } from "./run.js";
import { setVerbose } from "./verbose.js";

/**
 * `.login`: asks for the client id, the secret (masked), the token URL and the API URL, connects, and only then
 * replaces the current session (a failed login keeps the old one).
 */
export async function login(server: REPLServer, state: ReplState, onSession: () => void): Promise<void> {
  const { secret, ...entered } = await withPrompts(server, state, (ask) => askCredentials(ask, state.config));
  state.secrets.add(secret);
  // The API URL entered names the service (`…/api` the Indicators API), not an earlier --service.
  const config = withSecret(
    { ...state.config, ...entered, service: undefined, mode: "service", reason: ".login" },
    secret,
  );
  const opened = await openSession(config, consoleApplier(state), printWarnings(state));
  const old = {
    session: state.session,
    indicatorsSession: state.indicatorsSession,
    emulator: state.emulator,
  };
  Object.assign(state, { config, ...opened, connected: true });
  onSession();
  if (state.verbose) setVerbose(state, true);
  await closeSession(old);
  say(state, `Connected to ${entered.apiUrl} as client ${entered.clientId}.`);
}
