import { HttpError, QuotaExceededError, RateLimitedError, type Attempts } from "../errors/index.js";
import type { HttpRequest, HttpResponse } from "./types.js";
import { redactUrl } from "./url.js";

const REQUEST_ID_HEADERS = ["request-id", "x-ms-request-id", "x-request-id", "client-request-id"];

/**
 * The OData error body's code, message and target (the request id), each undefined when absent.
 * @example readODataError({ error: { code: "NotFound", message: "..." } }).code // "NotFound"
 */
export function readODataError(data: unknown): { code?: string; message?: string; target?: string } {
  const error = (data as { error?: unknown } | null)?.error;
  if (typeof error !== "object" || error === null) return typeof data === "string" ? { message: data } : {};
  const { code, message, target } = error as Record<string, unknown>;
  return {
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof message === "string" ? { message } : {}),
    ...(typeof target === "string" ? { target } : {}),
  };
}

/**
 * The error for a response that is not a success (any status outside 200-299, redirects included), or undefined.
 * 507 becomes a QuotaExceededError; a 429 a RateLimitedError when `retryAfterMs` is given.
 * @example const err = errorForResponse(req, res); if (err) throw err;
 */
export function errorForResponse(
  request: Pick<HttpRequest, "method" | "url">,
  response: HttpResponse,
  retryAfterMs?: number,
): HttpError | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  const odata = readODataError(response.data);
  const init = {
    status: response.status,
    code: odata.code,
    serviceMessage: odata.message,
    requestId: odata.target ?? REQUEST_ID_HEADERS.map((h) => response.headers[h]).find(Boolean),
    context: { method: request.method, url: redactUrl(request.url) },
    tries: triesOf(response),
  };
  if (response.status === 507) return new QuotaExceededError({ ...init, message: quotaMessage(init) });
  if (response.status === 429 && retryAfterMs !== undefined) {
    const why =
      retryAfterMs > 0
        ? `the service asked to wait ${Math.ceil(retryAfterMs / 1000)} s`
        : "the service kept answering 429 Too Many Requests through every retry";
    const message = `${init.context.method} ${init.context.url} was rate limited: ${why}`;
    return new RateLimitedError({ ...init, retryAfterMs, message });
  }
  if (response.status >= 300 && response.status < 400) {
    const where = response.headers["location"] ? ` to ${redactUrl(response.headers["location"])}` : "";
    return new HttpError({
      ...init,
      message: `${init.context.method} ${init.context.url} was redirected${where} (${response.status}); redirects are not followed so that the token never leaves the API origin`,
    });
  }
  const hint = HINTS[response.status];
  return hint
    ? new HttpError({ ...init, message: `${new HttpError({ ...init, tries: undefined }).message}. ${hint}` })
    : new HttpError(init);
}

/** The retry wrapper's count on a response, for the error's message (undefined when it was not retried). */
function triesOf(response: HttpResponse): Attempts | undefined {
  if (response.attempts === undefined || response.maxAttempts === undefined) return undefined;
  return { attempts: response.attempts, maxAttempts: response.maxAttempts, deadlineMs: response.deadlineMs };
}

const HINTS: Readonly<Record<number, string>> = {
  401: "The service refused the token even after a refresh: check the resource (TI_RESOURCE) the token is for",
  403: "The token is valid but not allowed here: check the app's permissions and that the threat intel API is enabled",
};

function quotaMessage(init: {
  status: number;
  serviceMessage: string | undefined;
  context: { method: string; url: string };
}): string {
  const detail = init.serviceMessage ? ` (${init.serviceMessage})` : "";
  return (
    `${init.context.method} ${init.context.url} failed with 507: the tenant quota is full${detail}. ` +
    "There is one quota for all alert definitions and IOCs, and a second one for IOCs whose DetectionFunction is " +
    "not Equals; delete entities you no longer need, or upload fewer"
  );
}
