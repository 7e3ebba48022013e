// Tokens: the secret holder, token replies and claims, the cycler, and what to say when the token endpoint fails.
export * from "./secret.js";
export * from "./token.js";
export * from "./cycler.js";
export * from "./messages.js";
