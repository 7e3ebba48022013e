import type { IncomingMessage } from "node:http";
import { unauthorized } from "../protocol/errors.js";
import type { TokenClaims, TokenKey } from "./jwt.js";
import { ACCEPTED_RESOURCES } from "../constants.js";

// Azure AD tolerates a few minutes of clock skew on nbf; the emulator shares one clock, so a small grace suffices.
const SKEW_SECONDS = 5;

/**
 * The claims of the request's bearer token, or a thrown 401 `Unauthorized` with a Bearer challenge for a missing,
 * malformed, forged, expired, not-yet-valid, wrong-tenant or wrong-audience token. `audiences` are the service's
 * own (custom TI's by default).
 * @example const claims = checkBearer(req, key, tenantId, Date.now())
 */
export function checkBearer(
  req: IncomingMessage,
  key: TokenKey,
  tenantId: string,
  nowMs: number,
  audiences: readonly string[] = ACCEPTED_RESOURCES,
): TokenClaims {
  const header = req.headers.authorization;
  if (header === undefined) throw unauthorized("no Authorization header (expected: Bearer <access token>)");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized("the Authorization header is not of the form: Bearer <access token>");
  const claims = key.verify(match[1]);
  if (typeof claims === "string") throw unauthorized(claims);
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== "number" || claims.exp * 1000 <= nowMs)
    throw unauthorized("the token has expired");
  if (typeof claims.nbf !== "number" || claims.nbf > now + SKEW_SECONDS)
    throw unauthorized("the token is not yet valid");
  if (claims.tid !== tenantId) throw unauthorized("the token was issued for another tenant");
  if (!audiences.includes(claims.aud)) {
    throw unauthorized(`the token audience ${claims.aud} is not this service (${audiences.join(" or ")})`);
  }
  return claims;
}
