// The Indicators API (Defender for Endpoint): the Indicator resource, its enums, rules and documented limits.
export * from "./enums.js";
export * from "./entities.js";
export * from "./fields.js";
export * from "./limits.js";
export * from "./service.js";
export * from "./validate.js";
export * from "./values.js";
