// Auth, in one home on top of http: the secret holder, token replies and claims, the token request, the cycler,
// the bearer wrapper with its 401 replay, and what to say when the token endpoint fails.
export * from "./secret.js";
export * from "./token.js";
export * from "./token-request.js";
export * from "./cycler.js";
export * from "./bearer.js";
export * from "./messages.js";
