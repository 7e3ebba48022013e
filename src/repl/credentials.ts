import { DEFAULT_API_URL, INDICATORS_API_URL } from "../schema/index.js";
import type { ReplConfig } from "./config.js";
import type { Asker } from "./prompts.js";

/** What a user types to log in. */
export interface EnteredCredentials {
  readonly clientId: string;
  readonly secret: string;
  readonly authUrl: string;
  readonly apiUrl: string;
}

/**
 * Asks for the client id, the secret (masked), the token URL and the API URL, offering the configured values
 * as defaults. Used at start-up and by `.login`.
 * @example const entered = await askCredentials(ask, state.config)
 */
export async function askCredentials(ask: Asker, config: ReplConfig): Promise<EnteredCredentials> {
  const required = (v: string): true | string => (v.trim() === "" ? "required" : true);
  const withDefault = (value: string | undefined): { default?: string } => (value ? { default: value } : {});
  const clientId = await ask.input("Client id", { ...withDefault(config.clientId), validate: required });
  const secret = await ask.password("Client secret");
  const authUrl = await ask.input("Token URL (https://login.windows.net/<tenant>/oauth2/token)", {
    ...withDefault(config.authUrl),
    validate: required,
  });
  const apiUrl = await ask.input("API URL", {
    default: config.apiUrl ?? (config.service === "indicators" ? INDICATORS_API_URL : DEFAULT_API_URL),
    validate: required,
  });
  return { clientId: clientId.trim(), secret, authUrl: authUrl.trim(), apiUrl: apiUrl.trim() };
}
