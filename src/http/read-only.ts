import { ConfigurationError } from "../errors/index.js";
import type { SendWrapper } from "./types.js";
import { redactUrl } from "./url.js";

/** Methods that only read: everything else is a write. */
const READ_METHODS = ["GET", "HEAD", "OPTIONS"];

/**
 * Refuses every request that could change something (any method but GET, HEAD and OPTIONS) before it is sent,
 * for demos on a real tenant. Goes on the API's stack only: the token request (a POST) is not a write.
 * @example composeSend([withReadOnly()], transport)
 */
export function withReadOnly(): SendWrapper {
  return (next) => async (request) => {
    if (READ_METHODS.includes(request.method.toUpperCase())) return next(request);
    throw new ConfigurationError(
      `Refused ${request.method} ${redactUrl(request.url)}: this session is read-only ` +
        "(readOnly: true, or ti-console --read-only); nothing was sent",
    );
  };
}
