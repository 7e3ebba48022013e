// Entity shapes and field facts shared by the client and the emulator: types, constants and pure functions only.
export * from "./enums.js";
export * from "./entities.js";
export * from "./fields.js";
export * from "./values.js";
export * from "./dates.js";
export * from "./validate.js";
export * from "./bind.js";
export * from "./examples.js";
export * from "./service.js";
