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

/**
 * True when both URLs share scheme, host and port.
 * @example sameOrigin("https://a/x", "https://a/y") // true
 */
export function sameOrigin(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin;
}
