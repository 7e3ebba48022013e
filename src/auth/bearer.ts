import { ConfigurationError } from "../errors/index.js";
import { mayCarryBearer, redactUrl, type HttpRequest, type SendWrapper } from "../http/index.js";
import type { TokenCycler } from "./cycler.js";

/** Where the bearer wrapper gets tokens: the token cycler, or anything that answers the same two calls. */
export type BearerTokenSource = Pick<TokenCycler, "getToken" | "invalidate">;

/**
 * Attaches `Authorization: Bearer` (only over https or to loopback, else a ConfigurationError before sending);
 * after a 401 forces one refresh and replays the request once. Put it innermost, right above the wire, so that the
 * token is read when the request leaves, not when it started waiting in a queue or at the 429 gate.
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
    const token = await source.getToken(request.signal);
    const response = await next(authorized(request, token));
    if (response.status !== 401) return response;
    source.invalidate(token);
    return next(authorized(request, await source.getToken(request.signal)));
  };
}

function authorized(request: HttpRequest, token: string): HttpRequest {
  // Object.assign rather than spreads: on Node 20 a spread followed by more properties is V8's slow path.
  const headers = Object.assign({}, request.headers, { authorization: `Bearer ${token}` });
  return Object.assign({}, request, { headers });
}
