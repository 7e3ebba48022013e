import type { RunningEmulator } from "../../../src/emulator/index.js";
import { caller, type Call } from "../support.js";

/** How a test app asks for its token: v2 with a scope (the default, as the docs' current samples) or v1. */
export interface TokenRequest {
  clientId?: string;
  /** v2 `scope`; default `https://api.securitycenter.microsoft.com/.default`. */
  scope?: string;
  /** v1 `resource` instead of a scope. */
  resource?: string;
}

/**
 * A token for the Indicators API from the emulator's token endpoint, with the emulator's secret.
 * @example const token = await indicatorToken(emu, { clientId: "other" })
 */
export async function indicatorToken(emulator: RunningEmulator, request: TokenRequest = {}): Promise<string> {
  const v1 = request.resource !== undefined;
  const url = v1 ? emulator.authUrl : `${emulator.url}/${emulator.tenantId}/oauth2/v2.0/token`;
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: request.clientId ?? emulator.clientId,
    client_secret: emulator.clientSecret,
    ...(v1
      ? { resource: request.resource! }
      : { scope: request.scope ?? "https://api.securitycenter.microsoft.com/.default" }),
  });
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  if (!response.ok) throw new Error(`token request failed with ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * A caller for `/api` that fetches an Indicators API token once (per app) and sends JSON.
 * @example const call = indicatorCaller(emu); await call("GET", "/api/indicators")
 */
export function indicatorCaller(emulator: RunningEmulator, request: TokenRequest = {}): Call {
  const raw = caller(emulator);
  let token: Promise<string> | undefined;
  return async (method, path, options = {}) => {
    if (options.anonymous) return raw(method, path, options);
    const authorization = `Bearer ${await (token ??= indicatorToken(emulator, request))}`;
    return raw(method, path, { ...options, headers: { authorization, ...options.headers } });
  };
}

/** A valid submit body (the docs' sample, D2, with today's action and a future expiry), with overrides. */
export function indicatorBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    indicatorValue: "220e7d15b011d7fac48f2bd61114db1022197f7f",
    indicatorType: "FileSha1",
    title: "test",
    application: "demo-test",
    expirationTime: "2099-12-12T00:00:00Z",
    action: "BlockAndRemediate",
    severity: "Informational",
    description: "test",
    recommendedActions: "nothing",
    rbacGroupNames: ["group1", "group2"],
    ...overrides,
  };
}

/** A SHA-256 made from a number, so tests can make many distinct indicators. */
export function sha256Of(n: number): string {
  return n.toString(16).padStart(64, "0");
}
