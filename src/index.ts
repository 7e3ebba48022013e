// The public door of the library: named exports only. The REPL and the emulator have their own entry points.
export * from "./schema/index.js";
export * from "./errors/index.js";
export * from "./http/index.js";
export * from "./auth/index.js";
export * from "./api/index.js";
export * from "./bulk/index.js";
export * from "./display/index.js";
export * from "./connect.js";
