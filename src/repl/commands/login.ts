import type { REPLServer } from "node:repl";
import { withSecret } from "../config.js";
import { withPrompts } from "../prompts.js";
import { closeSession, openSession } from "../session.js";
import { currentSignal, type ReplState } from "../types.js";
import { say } from "./run.js";

const DEFAULT_API_URL = "https://ti.securitycenter.windows.com/V1.0";

/**
 * `.login`: asks for the client id, the secret (masked), the token URL and the API URL, connects, and only then
 * replaces the current session (a failed login keeps the old one).
 */
export async function login(server: REPLServer, state: ReplState, onSession: () => void): Promise<void> {
  const answers = await withPrompts(server, state, async (ask) => {
    const required = (v: string): true | string => (v.trim() === "" ? "required" : true);
    const clientId = await ask.input("Client id", {
      ...(state.config.clientId ? { default: state.config.clientId } : {}),
      validate: required,
    });
    const secret = await ask.password("Client secret");
    const authUrl = await ask.input("Token URL (https://login.windows.net/<tenant>/oauth2/token)", {
      ...(state.config.authUrl ? { default: state.config.authUrl } : {}),
      validate: required,
    });
    const apiUrl = await ask.input("API URL", {
      default: state.config.apiUrl ?? DEFAULT_API_URL,
      validate: required,
    });
    return { clientId: clientId.trim(), secret, authUrl: authUrl.trim(), apiUrl: apiUrl.trim() };
  });
  state.secrets.add(answers.secret);
  const config = withSecret(
    {
      ...state.config,
      mode: "service",
      reason: ".login",
      clientId: answers.clientId,
      authUrl: answers.authUrl,
      apiUrl: answers.apiUrl,
    },
    answers.secret,
  );
  const opened = await openSession(config, () => currentSignal(state));
  const old = { session: state.session, emulator: state.emulator, dispatcher: state.dispatcher };
  Object.assign(state, { config, ...opened });
  onSession();
  await closeSession(old);
  say(state, `Connected to ${answers.apiUrl} as client ${answers.clientId}.`);
}
