// What a request log may show of a body: the JSON as sent or received, with every credential replaced. Keys that
// name credentials are redacted whatever their value; any string that looks like a JWT or a bearer header is too;
// and the session's own secret, in any encoding it knows, through `scrub`.
import type { HttpRequest } from "./types.js";

const REDACTED = "[redacted]";

/** Keys whose values are credentials in the token request's form and reply, or in anything a service echoes. */
const SECRET_KEYS =
  /^(client_secret|client_assertion|password|access_token|refresh_token|id_token|authorization)$/i;

const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g;
const BEARER = /\b(Bearer\s+)[^\s"'`]+/gi;

/** Replaces a known secret in text (the session's client secret); identity when none is known. */
export type Scrub = (text: string) => string;

/**
 * The bodies of one exchange as the log shows them, each left out when there was none.
 * @example loggedBodies(request, response.data, (text) => secret.scrub(text))
 */
export function loggedBodies(
  request: HttpRequest,
  data: unknown,
  scrub: Scrub,
): { requestBody?: unknown; responseBody?: unknown } {
  const contentType = Object.entries(request.headers ?? {}).find(([name]) =>
    /^content-type$/i.test(name),
  )?.[1];
  const requestBody = loggedRequestBody(request.body, contentType, scrub);
  const responseBody = loggedResponseBody(data, scrub);
  return {
    ...(requestBody === undefined ? {} : { requestBody }),
    ...(responseBody === undefined ? {} : { responseBody }),
  };
}

/**
 * A request body as the log shows it: JSON as is, a form-encoded string as an object of its fields (the token
 * request's form, as the docs' Python builds it), credentials redacted.
 * @example loggedRequestBody("grant_type=client_credentials&client_secret=s", "application/x-www-form-urlencoded", (t) => t)
 */
export function loggedRequestBody(body: unknown, contentType: string | undefined, scrub: Scrub): unknown {
  if (body === undefined) return undefined;
  if (typeof body === "string" && /x-www-form-urlencoded/i.test(contentType ?? "")) {
    return redactValue(Object.fromEntries(new URLSearchParams(body)), scrub);
  }
  return redactValue(body, scrub);
}

/**
 * A reply body as the log shows it: the parsed JSON (or text), credentials redacted (`access_token` in a token reply).
 * @example loggedResponseBody({ token_type: "Bearer", access_token: "eyJ..." }, (t) => t) // access_token "[redacted]"
 */
export function loggedResponseBody(data: unknown, scrub: Scrub): unknown {
  return redactValue(data, scrub);
}

/** A deep copy of a JSON value with credentials replaced; the value itself is never changed. */
function redactValue(value: unknown, scrub: Scrub, depth = 0): unknown {
  if (typeof value === "string") return redactText(value, scrub);
  if (value === null || typeof value !== "object") return value;
  // Deeper than any body the services use: cut rather than walk a pathological value.
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, scrub, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SECRET_KEYS.test(key) && item !== null && item !== "" ? REDACTED : redactValue(item, scrub, depth + 1);
  }
  return out;
}

function redactText(text: string, scrub: Scrub): string {
  return scrub(text).replace(BEARER, `$1${REDACTED}`).replace(JWT, REDACTED);
}
