import type { Alerts, Iocs } from "../api/index.js";

/**
 * The entity sets of a session (`{ alerts, iocs }`, so a Session itself will do): what every bulk function takes
 * first.
 */
export interface BulkSets {
  readonly iocs: Iocs;
  readonly alerts: Alerts;
  /** Total time requests have waited on the session's 429 gate, for progress reports; default: not reported. */
  readonly waitedMs?: () => number;
}

/** The IOC set as bulk edits use it. */
export type BulkIocSet = Iocs;

/**
 * Call options carrying `signal` only when there is one (the sets' options do not take an explicit undefined).
 * @example await iocs.count(filter, signalOption(signal))
 */
export function signalOption(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
