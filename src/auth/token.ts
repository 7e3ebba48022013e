import { Secret } from "./secret.js";

/** An access token with its lifetime. The token itself is a {@link Secret}. */
export interface AccessToken {
  readonly value: Secret;
  /** When the service stops accepting it (epoch ms; the earliest of expires_in, expires_on and the JWT's exp). */
  readonly expiresOnMs: number;
  /** When we received it (epoch ms, by the injected clock). */
  readonly obtainedAtMs: number;
}

/**
 * The token from an Azure AD v1/v2 token reply (`expires_in` and `expires_on` may be strings, as in the docs), or
 * undefined when the reply holds no usable token.
 * @example parseTokenResponse({ access_token: "eyJ...", expires_in: "3599" }, Date.now())
 */
export function parseTokenResponse(data: unknown, nowMs: number): AccessToken | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const reply = data as Record<string, unknown>;
  if (typeof reply["access_token"] !== "string" || reply["access_token"] === "") return undefined;
  const token = reply["access_token"];
  const candidates = [
    seconds(reply["expires_in"], (s) => nowMs + s * 1000),
    seconds(reply["expires_on"], (s) => s * 1000),
    seconds(decodeClaims(token)?.["exp"], (s) => s * 1000),
  ].filter((ms): ms is number => ms !== undefined);
  // Without any expiry, assume the documented one-hour lifetime.
  const expiresOnMs = candidates.length ? Math.min(...candidates) : nowMs + 3_600_000;
  return { value: new Secret(token), expiresOnMs, obtainedAtMs: nowMs };
}

function seconds(value: unknown, toMs: (s: number) => number): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? toMs(n) : undefined;
}

/**
 * The claims of a JWT (its middle part, decoded; the signature is neither checked nor returned), or undefined when
 * the token is not a JWT.
 * @example decodeClaims(token)?.aud // "https://graph.windows.net"
 */
export function decodeClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** What a session may show about its token: when it expires and its claims, never the token itself. */
export interface TokenInfo {
  readonly expiresAt: Date;
  readonly obtainedAt: Date;
  /** The JWT claims (iss, aud, appid, tid, iat, nbf, exp, ...), without the signature. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/**
 * The shareable facts of a token.
 * @example describeToken(token).expiresAt
 */
export function describeToken(token: AccessToken): TokenInfo {
  return {
    expiresAt: new Date(token.expiresOnMs),
    obtainedAt: new Date(token.obtainedAtMs),
    claims: Object.freeze({ ...decodeClaims(token.value.reveal()) }),
  };
}
