import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Claims of an emulator access token, shaped like an Azure AD v1 app token. */
export interface TokenClaims {
  readonly iss: string;
  readonly aud: string;
  readonly appid: string;
  readonly tid: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  readonly roles: readonly string[];
  readonly ver: "1.0" | "2.0";
}

const HEADER = base64url(JSON.stringify({ typ: "JWT", alg: "HS256" }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString("base64url");
}

/** HS256 signing key of one emulator process; rotating it revokes every token issued so far. */
export class TokenKey {
  #secret: Buffer = randomBytes(32);

  /** Replaces the key: every outstanding token stops verifying. */
  rotate(): void {
    this.#secret = randomBytes(32);
  }

  /** A compact JWS for the claims. */
  sign(claims: TokenClaims): string {
    const payload = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return `${payload}.${this.#mac(payload)}`;
  }

  /**
   * The claims of a token this key signed, or a reason it is not one (malformed, forged).
   * Time and audience checks are the caller's (they need the clock and settings).
   */
  verify(token: string): TokenClaims | string {
    const parts = token.split(".");
    if (parts.length !== 3) return "the token is not a JWT";
    const [header, payload, signature] = parts as [string, string, string];
    if (header !== HEADER) return "the token header is not HS256 JWT";
    const expected = Buffer.from(this.#mac(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return "the token signature is invalid (forged, or issued before a restart or revocation)";
    }
    try {
      return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as TokenClaims;
    } catch {
      return "the token payload is not JSON";
    }
  }

  #mac(data: string): string {
    return createHmac("sha256", this.#secret).update(data).digest("base64url");
  }
}
