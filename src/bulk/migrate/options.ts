import type { Indicators } from "../../api/index.js";
import { INDICATOR_ACTIONS, type IndicatorAction } from "../../schema/index.js";
import { invalid } from "../errors.js";
import type { MappingSettings } from "./map.js";
import type { MigrateOptions, MigrationSource } from "./types.js";

/** A migration's options with their defaults applied once, checked. */
export interface MigrateSettings extends MappingSettings {
  readonly to: Indicators;
  readonly dryRun: boolean;
  readonly signal: AbortSignal | undefined;
}

// The message names field, value and rule, as every validation error does.
const refuse = (field: string, value: unknown, rule: string): ReturnType<typeof invalid> =>
  invalid(field, value, rule, `${field}: ${shown(value)} ${rule}`);

/**
 * Checks a migration's source and options (nothing is read or written before) and applies the defaults: action
 * Audit, generateAlert true, disabled items left out.
 * @example normalizeMigrateOptions(session, { to: indicatorsSession.indicators }).action // "Audit"
 */
export function normalizeMigrateOptions(source: MigrationSource, options: MigrateOptions): MigrateSettings {
  checkSource(source);
  if (options === null || typeof options !== "object")
    throw refuse("options", options, "must be an options object ({ to, action, generateAlert, ... })");
  const { to } = options;
  if (typeof to?.list !== "function" || typeof to.import !== "function")
    throw refuse("to", to, "must be the Indicators API's set: { to: session.indicators }");
  const action = options.action ?? "Audit";
  if (!(INDICATOR_ACTIONS as readonly unknown[]).includes(action))
    throw refuse("action", action, `must be one of ${INDICATOR_ACTIONS.join(", ")}`);
  const generateAlert = options.generateAlert ?? true;
  if (typeof generateAlert !== "boolean")
    throw refuse("generateAlert", generateAlert, "must be true or false");
  if (action === "Audit" && !generateAlert)
    throw refuse("generateAlert", generateAlert, "must be true when action is Audit");
  const includeDisabled = options.includeDisabled ?? false;
  if (typeof includeDisabled !== "boolean")
    throw refuse("includeDisabled", includeDisabled, "must be true or false");
  const { application } = options;
  if (application !== undefined && typeof application !== "string")
    throw refuse("application", application, "must be a string");
  return {
    ...{ to, action: action as IndicatorAction, generateAlert, includeDisabled, application },
    ...{ dryRun: options.dryRun === true, signal: options.signal },
  };
}

function checkSource(source: MigrationSource): void {
  if (typeof source === "string") {
    if (source.trim() === "")
      throw refuse("source", source, "must name an export file or be a custom-TI session");
    return;
  }
  const sets = source as Partial<Exclude<MigrationSource, string>> & { service?: unknown };
  const lists = typeof sets?.alerts?.list === "function" && typeof sets.iocs?.list === "function";
  if (!lists || sets.service === "indicators")
    throw refuse(
      "source",
      sets?.service === "indicators" ? "(a session of the Indicators API)" : source,
      "must be a custom-TI session (its alerts and iocs) or the path of an iocs.export file",
    );
}

function shown(value: unknown): string {
  if (typeof value === "object" && value !== null) return "(an object)";
  return value === undefined ? "(missing)" : JSON.stringify(value);
}
