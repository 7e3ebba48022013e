import { DEFAULT_API_URL, INDICATORS_API_URL } from "../schema/index.js";

/** Where the real services live: the docs' hosts for what the emulator serves on loopback. */
const REAL = {
  customTi: DEFAULT_API_URL.replace(/\/V1\.0$/, ""),
  indicators: INDICATORS_API_URL.replace(/\/api$/, ""),
  /** Azure AD v1, as the custom TI docs give the "authorization server URL". */
  tokenV1: "https://login.windows.net",
  /** Azure AD v2.0, as the Indicators API docs give it. */
  tokenV2: "https://login.microsoftonline.com",
} as const;

/**
 * The URL a request would have on the real service: an emulator URL on loopback (`http://127.0.0.1:<port>/V1.0/…`,
 * `/api/…`, `/<tenant>/oauth2/token`) mapped to the documented host, path, query and fragment kept; any other URL
 * as is.
 * The emulator's admin endpoints (`/_emulator/…`) have no real counterpart and stay as they are.
 * @example serviceUrl("http://127.0.0.1:4000/V1.0/AlertDefinitions") // "https://ti.securitycenter.windows.com/V1.0/AlertDefinitions"
 */
export function serviceUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!isLoopback(parsed.hostname)) return url;
  const rest = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  const host = realHost(parsed.pathname);
  return host === undefined ? url : `${host}${decodeDollars(rest)}`;
}

function realHost(path: string): string | undefined {
  if (/^\/v1\.0(\/|$)/i.test(path)) return REAL.customTi;
  if (/^\/api(\/|$)/i.test(path)) return REAL.indicators;
  if (/^\/[^/]+\/oauth2\/v2\.0\/token\/?$/i.test(path)) return REAL.tokenV2;
  if (/^\/[^/]+\/oauth2\/token\/?$/i.test(path)) return REAL.tokenV1;
  return undefined;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** `%24top` as `$top`, as the docs write OData's query options (nothing else is decoded). */
function decodeDollars(text: string): string {
  return text.replace(/%24/g, "$");
}
