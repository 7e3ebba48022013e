/**
 * The URL without user info (never put credentials in an error message). Unparseable input is returned as is.
 * @example redactUrl("https://u:p@host/x") // "https://host/x"
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * True when a bearer token may be sent to `url`: https anywhere, plain http only to a loopback host.
 * @example mayCarryBearer("http://127.0.0.1:8080/V1.0") // true
 */
export function mayCarryBearer(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === "https:") return true;
  if (parsed.protocol !== "http:") return false;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

// The origins of the URL prefixes (scheme and authority) seen so far: a session talks to one or two hosts, and every
// request asks. Bounded, in case a long process talks to many.
const origins = new Map<string, string>();

/**
 * The origin of an absolute URL, as `new URL(url).origin` gives it, without parsing the whole URL per request.
 * @example originOf("https://HOST:443/V1.0/AlertDefinitions(1)") // "https://host"
 */
export function originOf(url: string): string {
  const slashes = url.indexOf("//");
  if (slashes === -1) return new URL(url).origin;
  let end = slashes + 2;
  while (end < url.length && url[end] !== "/" && url[end] !== "?" && url[end] !== "#") end++;
  const prefix = url.slice(0, end);
  let origin = origins.get(prefix);
  if (origin === undefined) {
    origin = new URL(url).origin;
    if (origins.size >= 64) origins.clear();
    origins.set(prefix, origin);
  }
  return origin;
}

/**
 * True when both URLs share scheme, host and port.
 * @example sameOrigin("https://a/x", "https://a/y") // true
 */
export function sameOrigin(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin;
}
