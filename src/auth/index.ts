// Tokens: the secret holder, token replies and claims, the cycler, and what to say when the token endpoint fails.
// Named re-exports only: what other parts use (add a name here when another part needs it).
export { createTokenCycler, scaledWindows, type TokenCycler } from "./cycler.js";
export { tokenFailureMessage } from "./messages.js";
export { Secret } from "./secret.js";
export { parseTokenResponse, describeToken, type AccessToken, type TokenInfo } from "./token.js";
