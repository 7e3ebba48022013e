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

/** Where a request goes, as undici's dispatcher takes it: the origin, and the path with its query. */
export interface RequestTarget {
  readonly origin: string;
  readonly path: string;
}

// The targets of the URLs seen lately. A session sends most requests to a few URLs (each set's creates, the bulk
// uploads, the token endpoint), and every request asks twice (the 429 gate, the transport): parsing each with
// new URL() cost ~10 µs a request on Node 20. A URL seen once (a key, a query) is parsed once; emptied when full.
const targets = new Map<string, RequestTarget>();
const MAX_TARGETS = 256;

/**
 * The origin and path of an absolute URL, as the URL standard reads them (`new URL(url)`: case, default port,
 * dot segments, escapes), the fragment left out.
 * @example requestTarget("https://HOST:443/V1.0/x?$top=1") // { origin: "https://host", path: "/V1.0/x?$top=1" }
 */
export function requestTarget(url: string): RequestTarget {
  let target = targets.get(url);
  if (target === undefined) {
    const parsed = new URL(url);
    target = { origin: parsed.origin, path: parsed.pathname + parsed.search };
    if (targets.size >= MAX_TARGETS) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/**
 * True when both URLs share scheme, host and port.
 * @example sameOrigin("https://a/x", "https://a/y") // true
 */
export function sameOrigin(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin;
}
