import { ConfigurationError } from "../../errors/index.js";
import type { ApiContext } from "../context.js";
import {
  DEFAULT_API_URL,
  DEFAULT_RESOURCE,
  INDICATORS_API_HOSTS,
  INDICATORS_API_URL,
  INDICATORS_RESOURCES,
} from "../../schema/index.js";

/** The services a session can speak: the deprecated custom TI API (`/V1.0`) or the Indicators API (`/api`). */
export const SERVICES = ["custom-ti", "indicators"] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Each service's default API URL and token audience (a v1 `resource`, or the base of the v2 `.default` scope). */
export const SERVICE_DEFAULTS: Readonly<Record<ServiceName, { apiUrl: string; resource: string }>> = {
  "custom-ti": { apiUrl: DEFAULT_API_URL, resource: DEFAULT_RESOURCE },
  indicators: { apiUrl: INDICATORS_API_URL, resource: INDICATORS_RESOURCES[0] },
};

/**
 * The service an API URL names: a path ending in `/api` (or `/api/v1.0`) or a documented Indicators API host is
 * the Indicators API; a path ending in `/V1.0` is custom TI; anything else says nothing.
 * @example serviceOfUrl("https://eu.api.security.microsoft.com/api") // "indicators"
 */
export function serviceOfUrl(apiUrl: string): ServiceName | undefined {
  const url = new URL(apiUrl);
  const path = url.pathname.replace(/\/+$/, "");
  if (/\/api(\/v1\.0)?$/i.test(path)) return "indicators";
  if (/\/v1\.0$/i.test(path)) return "custom-ti";
  return (INDICATORS_API_HOSTS as readonly string[]).includes(url.hostname.toLowerCase())
    ? "indicators"
    : undefined;
}

/**
 * The API root a session sends to: the URL without trailing slashes, and for the Indicators API a bare origin
 * (`https://eu.api.security.microsoft.com`, a documented host) gets `/api`, where the service is.
 * @example serviceRoot("indicators", "https://eu.api.security.microsoft.com/") // "https://eu.api.security.microsoft.com/api"
 */
export function serviceRoot(service: ServiceName, apiUrl: string): string {
  const trimmed = apiUrl.replace(/\/+$/, "");
  if (service !== "indicators" || new URL(apiUrl).pathname.replace(/\/+$/, "") !== "") return trimmed;
  return `${trimmed}/api`;
}

/**
 * Which service a session speaks: the one asked for (option `service`, else TI_SERVICE), else the one the API URL
 * names, else custom TI (as before the Indicators API was supported). A ConfigurationError names the field, the
 * value and the rule for an unknown service, or one that the API URL contradicts.
 * @example chooseService(undefined, "https://api.securitycenter.microsoft.com/api") // "indicators"
 */
export function chooseService(asked: string | undefined, apiUrl: string | undefined): ServiceName {
  const fromUrl = apiUrl === undefined ? undefined : serviceOfUrl(apiUrl);
  if (asked === undefined) return fromUrl ?? "custom-ti";
  const service = SERVICES.find((s) => s === asked.trim().toLowerCase());
  if (service === undefined) {
    throw new ConfigurationError(
      `service (TI_SERVICE) must be one of ${SERVICES.join(", ")}, got ${JSON.stringify(asked)}`,
    );
  }
  if (fromUrl !== undefined && fromUrl !== service) {
    throw new ConfigurationError(
      `service (TI_SERVICE) is ${JSON.stringify(service)} but apiUrl (TI_API_URL) ${JSON.stringify(apiUrl)} ` +
        `is a ${fromUrl} URL (the Indicators API ends in /api, custom TI in /V1.0): change one of them`,
    );
  }
  return service;
}

/**
 * The context a set of `owner` works in: the session's own when the session speaks that service, else one whose
 * every call is a ConfigurationError before anything is sent (the token's audience and the API URL are the other
 * service's, so the call could only fail on the wire, less clearly).
 * @example createAlerts(speaking(ctx, { service: "indicators", apiUrl }, "custom-ti", "alerts"))
 */
export function speaking(
  ctx: ApiContext,
  session: { readonly service: ServiceName; readonly apiUrl: string },
  owner: ServiceName,
  setName: string,
): ApiContext {
  if (session.service === owner) return ctx;
  const name = (s: ServiceName) => (s === "indicators" ? "the Indicators API" : "custom TI");
  const refuse = async (): Promise<never> => {
    throw new ConfigurationError(
      `session.${setName} is ${name(owner)}'s, but this session speaks ${name(session.service)} ` +
        `(${session.apiUrl}): connect with service: "${owner}" (or its API URL) to use it`,
    );
  };
  return { ...ctx, send: refuse };
}
