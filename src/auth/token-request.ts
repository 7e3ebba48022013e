import { inspect } from "node:util";
import { AuthError, ConfigurationError, isTiError } from "../errors/index.js";
import {
  mayCarryBearer,
  redactUrl,
  readODataError,
  type Clock,
  type HttpResponse,
  type Send,
} from "../http/index.js";
import { tokenFailureMessage } from "./messages.js";
import type { Secret } from "./secret.js";
import { parseTokenResponse, type AccessToken } from "./token.js";

/** What the token request needs. The secret stays a {@link Secret} until the form is built. */
export interface TokenRequestOptions {
  readonly authUrl: string;
  readonly clientId: string;
  readonly clientSecret: Secret;
  /**
   * The audience: a v1 `resource` (`https://graph.windows.net`, `https://api.securitycenter.microsoft.com`); for a
   * v2.0 URL it becomes the scope `<resource>/.default` (a resource already given as a `/.default` scope is kept).
   */
  readonly resource: string;
  /** A send with retries (the token endpoint is retried on 429, 5xx and network errors). */
  readonly send: Send;
  readonly clock: Clock;
  /** Aborts an in-flight token request when the session closes. */
  readonly signal?: AbortSignal;
}

/**
 * A function that asks the token endpoint for a new token by the client-credentials grant (Azure AD v1 form, or
 * v2.0 with `scope` when the URL ends in `/v2.0/token`). Failures are AuthErrors that say what to check.
 * @example const fetchToken = createTokenRequester({ authUrl, clientId, clientSecret, resource, send, clock })
 */
export function createTokenRequester(options: TokenRequestOptions): () => Promise<AccessToken> {
  if (!mayCarryBearer(options.authUrl)) {
    throw new ConfigurationError(
      `Refusing to send the client secret to ${redactUrl(options.authUrl)}: the authority URL must use https ` +
        "(plain http is allowed only to localhost/127.0.0.1, e.g. the emulator)",
    );
  }
  return async () => {
    const response = await post(options);
    const token =
      response.status === 200 ? parseTokenResponse(response.data, options.clock.now()) : undefined;
    if (token) return token;
    throw failure(options, response);
  };
}

async function post(options: TokenRequestOptions): Promise<HttpResponse> {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: options.clientId });
  form.set("client_secret", options.clientSecret.reveal());
  if (isV2TokenUrl(options.authUrl)) form.set("scope", v2Scope(options.resource));
  else form.set("resource", options.resource);
  try {
    return await options.send({
      method: "POST",
      url: options.authUrl,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
      // Asking twice for a token has no lasting effect, so every failure may be retried.
      idempotent: true,
      signal: options.signal,
    });
  } catch (error) {
    if (!isTiError(error) || error.kind === "aborted") throw error;
    const status = (error as { status?: number }).status;
    const cause = scrub(options, error.message);
    const message = tokenFailureMessage({
      authUrl: options.authUrl,
      clientId: options.clientId,
      status,
      cause,
    });
    // The error below may quote the service's answer (a rate-limited body, say): kept as the cause only when no
    // form of the secret shows anywhere in it.
    const shown = inspect(error, { depth: 10 });
    const clean = !options.clientSecret.occursIn(shown, options.clientId);
    throw new AuthError(message, clean ? { status, cause: error } : { status });
  }
}

/** `text` without the secret in any form (the service may echo it in any field of its answer). */
function scrub(options: TokenRequestOptions, text: string): string {
  return options.clientSecret.scrub(text, options.clientId);
}

function failure(options: TokenRequestOptions, response: HttpResponse): AuthError {
  const body = (typeof response.data === "object" && response.data !== null ? response.data : {}) as Record<
    string,
    unknown
  >;
  const rawCode = typeof body["error"] === "string" ? body["error"] : readODataError(response.data).code;
  const code = rawCode === undefined ? undefined : scrub(options, rawCode);
  const raw = typeof body["error_description"] === "string" ? body["error_description"] : undefined;
  const description =
    response.status === 200
      ? "the reply held no access_token"
      : raw === undefined
        ? undefined
        : scrub(options, raw);
  const message = tokenFailureMessage({
    authUrl: options.authUrl,
    clientId: options.clientId,
    status: response.status,
    error: code,
    description,
  });
  return new AuthError(message, { code, status: response.status });
}

/**
 * True for an Azure AD v2.0 token endpoint (`…/oauth2/v2.0/token`), which takes `scope`; v1 (`…/oauth2/token`)
 * takes `resource`.
 * @example isV2TokenUrl("https://login.microsoftonline.com/t/oauth2/v2.0/token") // true
 */
export function isV2TokenUrl(authUrl: string): boolean {
  return /\/oauth2\/v2\.0\/token\/?$/i.test(new URL(authUrl).pathname);
}

/**
 * The v2.0 client-credentials scope of a resource: `<resource>/.default`, or the resource as is when it is
 * already a `.default` scope.
 * @example v2Scope("https://api.securitycenter.microsoft.com") // "https://api.securitycenter.microsoft.com/.default"
 */
export function v2Scope(resource: string): string {
  const base = resource.replace(/\/+$/, "");
  return /\/\.default$/i.test(base) ? base : `${base}/.default`;
}
