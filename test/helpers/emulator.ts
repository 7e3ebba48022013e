import { afterAll } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../src/emulator/index.js";

/**
 * Starts an emulator on 127.0.0.1, port 0, for the calling test file, and closes it in `afterAll`.
 * @example const emu = await startTestEmulator({ tokenLifetimeSeconds: 3 })
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0, ...options });
  afterAll(() => emulator.close());
  return emulator;
}

/**
 * Fetches an access token from the emulator's v1 endpoint with its own credentials (default resource
 * https://graph.windows.net).
 * @example const token = await fetchTestToken(emu)
 */
export async function fetchTestToken(
  emulator: RunningEmulator,
  resource = "https://graph.windows.net",
): Promise<string> {
  const response = await fetch(emulator.authUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
      resource,
    }),
  });
  if (!response.ok) throw new Error(`token request failed with ${response.status}`);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}
