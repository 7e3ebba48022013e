import { createHash, timingSafeEqual } from "node:crypto";
import { ACCEPTED_RESOURCES, DEFAULT_ROLES, KNOWN_RESOURCES } from "../constants.js";
import { AadError, aadErrorBody } from "./aad-error.js";
import type { TokenKey } from "./jwt.js";

/** What the token endpoint needs to know about the service. */
export interface TokenIssuer {
  readonly key: TokenKey;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenLifetimeSeconds: number;
  /** More accepted client ids (same secret) and each one's roles; the main client has these roles if listed. */
  readonly clientRoles: Readonly<Record<string, readonly string[]>>;
}

/** A reply of the token endpoint: a status and a JSON body (success or Azure AD error shape). */
export interface TokenReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Path of a token request: `/{tenant}/oauth2/token` (v1) or `/{tenant}/oauth2/v2.0/token`. */
export const TOKEN_PATH = /^\/([^/]+)\/oauth2\/(v2\.0\/)?token\/?$/i;

/**
 * Answers a client-credentials token request (form-encoded body) the way Azure AD does, v1 (`resource`) or
 * v2.0 (`scope`); errors carry `error`, `error_description`, `error_codes`, `trace_id`, `correlation_id`, `timestamp`.
 * @example issueToken(issuer, tenant, "v1", "grant_type=client_credentials&...", "application/x-www-form-urlencoded", Date.now())
 */
export function issueToken(
  issuer: TokenIssuer,
  tenant: string,
  version: "v1" | "v2",
  body: string,
  contentType: string | undefined,
  nowMs: number,
): TokenReply {
  try {
    return { status: 200, body: grant(issuer, tenant, version, readForm(body, contentType), nowMs) };
  } catch (error) {
    if (!(error instanceof AadError)) throw error;
    return { status: error.status, body: aadErrorBody(error, nowMs) };
  }
}

function readForm(body: string, contentType: string | undefined): URLSearchParams {
  if (!/application\/x-www-form-urlencoded/i.test(contentType ?? "")) {
    throw new AadError(
      400,
      "invalid_request",
      900144,
      "The request body must be application/x-www-form-urlencoded.",
    );
  }
  return new URLSearchParams(body);
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (value === null || value === "") {
    throw new AadError(
      400,
      "invalid_request",
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    );
  }
  return value;
}

function grant(
  issuer: TokenIssuer,
  tenant: string,
  version: "v1" | "v2",
  form: URLSearchParams,
  nowMs: number,
) {
  if (tenant.toLowerCase() !== issuer.tenantId.toLowerCase()) {
    throw new AadError(400, "invalid_request", 90002, `Tenant '${tenant}' not found.`);
  }
  const grantType = required(form, "grant_type");
  if (grantType !== "client_credentials") {
    throw new AadError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
  }
  const clientId = required(form, "client_id");
  if (clientId !== issuer.clientId && !Object.hasOwn(issuer.clientRoles, clientId)) {
    throw new AadError(
      401,
      "invalid_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory.`,
    );
  }
  if (!sameSecret(required(form, "client_secret"), issuer.clientSecret)) {
    throw new AadError(401, "invalid_client", 7000215, "Invalid client secret provided.");
  }
  const resource =
    version === "v1" ? checkResource(required(form, "resource")) : resourceOfScope(required(form, "scope"));
  const now = Math.floor(nowMs / 1000);
  // Rounded up, so a token lives at least the lifetime it announces in expires_in (a client may trust it fully).
  const exp = Math.ceil(nowMs / 1000) + issuer.tokenLifetimeSeconds;
  const claims = {
    iss: `https://sts.windows.net/${issuer.tenantId}/`,
    aud: resource,
    appid: clientId,
    tid: issuer.tenantId,
    iat: now,
    nbf: now,
    exp,
    roles: issuer.clientRoles[clientId] ?? DEFAULT_ROLES,
    ver: version === "v1" ? ("1.0" as const) : ("2.0" as const),
  };
  const access_token = issuer.key.sign(claims);
  const lifetime = issuer.tokenLifetimeSeconds;
  if (version === "v2") {
    return { token_type: "Bearer", expires_in: lifetime, ext_expires_in: lifetime, access_token };
  }
  // The docs' sample shows every number as a string.
  return {
    token_type: "Bearer",
    expires_in: String(lifetime),
    ext_expires_in: "0",
    expires_on: String(exp),
    not_before: String(now),
    resource,
    access_token,
  };
}

/** Compares in time independent of where the strings differ (hashed first, so lengths match too). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function checkResource(resource: string): string {
  const trimmed = resource.replace(/\/+$/, "");
  if (!(KNOWN_RESOURCES as readonly string[]).includes(trimmed)) {
    throw new AadError(
      400,
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant. Use ${ACCEPTED_RESOURCES.join(" or ")}.`,
    );
  }
  return trimmed;
}

function resourceOfScope(scope: string): string {
  const match = /^(\S+?)\/?\.default$/.exec(scope.trim());
  if (!match?.[1]) {
    throw new AadError(
      400,
      "invalid_scope",
      70011,
      `The provided value for the input parameter 'scope' is not valid: ${scope}. Use <resource>/.default.`,
    );
  }
  return checkResource(match[1]);
}
