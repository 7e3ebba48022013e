/** The Indicators API root of the current per-method pages (D2, D4). */
export const INDICATORS_API_URL = "https://api.securitycenter.microsoft.com/api";

/**
 * Hosts of the API root that are the same service: the older and newer names and the regional hosts the docs
 * suggest for performance (D10, D12).
 */
export const INDICATORS_API_HOSTS = [
  "api.securitycenter.microsoft.com",
  "api.securitycenter.windows.com",
  "api.security.microsoft.com",
  "us.api.security.microsoft.com",
  "eu.api.security.microsoft.com",
  "uk.api.security.microsoft.com",
  "au.api.security.microsoft.com",
  "swa.api.security.microsoft.com",
] as const;

/**
 * Token audiences of the Indicators API: v1 `resource` values and the bases of the v2 `.default` scopes the docs
 * use (D7, D8; ti-api.md Part 5). The first is the default.
 */
export const INDICATORS_RESOURCES = [
  "https://api.securitycenter.microsoft.com",
  "https://api.securitycenter.windows.com",
  "https://api.security.microsoft.com",
  "https://securitycenter.onmicrosoft.com/windowsatpservice",
] as const;

/** The v2 scope asked for by default: `https://api.securitycenter.microsoft.com/.default`. */
export const INDICATORS_DEFAULT_SCOPE = `${INDICATORS_RESOURCES[0]}/.default`;

/** Application permissions of the Indicators API, as they appear in a token's `roles` claim. */
export const INDICATOR_ROLES = ["Ti.ReadWrite", "Ti.ReadWrite.All", "Ti.Read.All"] as const;
export type IndicatorRole = (typeof INDICATOR_ROLES)[number];

/** What a set of roles lets an app do: see all indicators or only its own, and write or not. */
export interface IndicatorAccess {
  /** `all`: every indicator; `own`: those it created; `none`: 403 on every call. */
  readonly read: "all" | "own" | "none";
  readonly write: boolean;
  /** May update or delete indicators other apps created. */
  readonly writeAll: boolean;
}

/**
 * The access a token's roles give (ti-api.md Part 5): `Ti.ReadWrite.All` reads and writes all, `Ti.ReadWrite`
 * reads and writes its own, `Ti.Read.All` reads all and writes nothing; with none of them, nothing.
 * @example indicatorAccess(["Ti.ReadWrite"]) // { read: "own", write: true, writeAll: false }
 */
export function indicatorAccess(roles: readonly string[]): IndicatorAccess {
  if (roles.includes("Ti.ReadWrite.All")) return { read: "all", write: true, writeAll: true };
  const readAll = roles.includes("Ti.Read.All");
  if (roles.includes("Ti.ReadWrite")) return { read: readAll ? "all" : "own", write: true, writeAll: false };
  return { read: readAll ? "all" : "none", write: false, writeAll: false };
}
