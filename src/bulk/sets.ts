import type { Alerts, Iocs } from "../api/index.js";
import type { CallLedger } from "../http/index.js";
import type { AnyPlan, ApplyOptions } from "./options.js";
import type { BulkResult } from "./result.js";

/**
 * Runs one apply of a plan, around the engine's own `apply`: the console's asks first (an inquirer prompt as the
 * `confirm` callback), shows a progress line and prints a result Ctrl-C cut short. Default: the engine's alone.
 * @example const applier: Applier = (plan, options, engine) => engine({ ...options, confirm: askUser })
 */
export type Applier = (
  plan: AnyPlan,
  options: ApplyOptions,
  engine: (options: ApplyOptions) => Promise<BulkResult | undefined>,
) => Promise<BulkResult | undefined>;

/**
 * The entity sets of a session (`{ alerts, iocs }`, so a Session itself will do): what every bulk function takes
 * first.
 */
export interface BulkSets {
  readonly iocs: Iocs;
  readonly alerts: Alerts;
  /** Total time requests have waited on the session's 429 gate, for progress reports; default: not reported. */
  readonly waitedMs?: () => number;
  /** The session's rate budget: a journalled apply records its calls and loads an earlier run's; default: none. */
  readonly rateBudget?: () => CallLedger | undefined;
  /** Runs every apply of the plans made on these sets; default: the engine's own. */
  readonly applier?: Applier;
}

/**
 * Call options carrying `signal` only when there is one (the sets' options do not take an explicit undefined).
 * @example await iocs.count(filter, signalOption(signal))
 */
export function signalOption(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
