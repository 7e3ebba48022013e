// The HTTP layer: one send with wrappers around it, the error family, OData query building and paging.
export * from "./types.js";
export * from "./compose.js";
export * from "./url.js";
export * from "./clock.js";
export * from "./signal.js";
export * from "./status.js";
export * from "./transport.js";
export * from "./retry-policy.js";
export * from "./retry.js";
export * from "./throttle.js";
export * from "./limit.js";
export * from "./log.js";
export * from "./filter.js";
export * from "./odata-query.js";
export * from "./paging.js";
export * from "./rate-budget.js";
