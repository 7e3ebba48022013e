import { AbortedError, ConfigurationError, isTiError } from "../errors/index.js";
import type { HttpRequest, SendWrapper } from "./types.js";
import { mayCarryBearer, redactUrl } from "./url.js";

/** Where the auth wrapper gets tokens (the token cycler fits). */
export interface BearerTokenSource {
  /** The token to send now (may wait for a refresh). */
  getToken(signal?: AbortSignal): Promise<string>;
  /** The service refused `token`: drop it if it is still the current one, so the next getToken refreshes. */
  invalidate(token: string): void;
}

/**
 * Attaches `Authorization: Bearer` (only over https or to loopback, else a ConfigurationError before sending);
 * after a 401 forces one refresh and replays the request once.
 * @example const send = withBearerAuth(cycler)(next)
 */
export function withBearerAuth(source: BearerTokenSource): SendWrapper {
  return (next) => async (request) => {
    if (!mayCarryBearer(request.url)) {
      throw new ConfigurationError(
        `Refusing to send a bearer token to ${redactUrl(request.url)}: use https (plain http is allowed only to ` +
          "localhost/127.0.0.1, e.g. the emulator)",
      );
    }
    const token = await tokenFor(source, request);
    const response = await next(authorized(request, token));
    if (response.status !== 401) return response;
    source.invalidate(token);
    return next(authorized(request, await tokenFor(source, request)));
  };
}

async function tokenFor(source: BearerTokenSource, request: HttpRequest): Promise<string> {
  try {
    return await source.getToken(request.signal);
  } catch (error) {
    // The token source knows nothing of our error family; an abort while waiting for it is still an abort.
    if (!isTiError(error) && request.signal?.aborted) throw new AbortedError(request.signal.reason);
    throw error;
  }
}

function authorized(request: HttpRequest, token: string): HttpRequest {
  return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
}
