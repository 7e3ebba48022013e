// The emulator's public door: start the offline custom TI service in-process. Imports only src/schema.
export { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID, ACCEPTED_RESOURCES } from "./constants.js";
export type { EmulatorOptions } from "./options.js";
export { startEmulator, type RunningEmulator } from "./start.js";
export { parseFaultRules, formatFaultRules, type FaultRule, type FaultScope } from "./control/faults.js";
export { parseLatency, type Latency } from "./control/latency.js";
export type { StatsSnapshot } from "./control/stats.js";
export { SAMPLE_SEED } from "./seed/sample.js";
export type { Seed } from "./seed/seed.js";
