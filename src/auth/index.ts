// Auth, in one home on top of http: the secret holder, token replies and claims, the token request, the cycler,
// the bearer wrapper with its 401 replay, and what to say when the token endpoint fails.
// Named re-exports only: what other parts use (add a name here when another part needs it).
export { withBearerAuth, type BearerTokenSource } from "./bearer.js";
export {
  createTokenCycler,
  normalizeTokenCyclerOptions,
  scaledWindows,
  type TokenCycler,
  type TokenCyclerOptions,
  type TokenCyclerSettings,
} from "./cycler.js";
export { createTokenRequester, type TokenRequestOptions } from "./token-request.js";
export { tokenFailureMessage } from "./messages.js";
export { Secret } from "./secret.js";
export { parseTokenResponse, describeToken, type AccessToken, type TokenInfo } from "./token.js";
