import { ValidationError } from "../errors/index.js";
import { boundedValue, previewValue, type EntitySetName } from "../schema/index.js";

// The option keys each kind of call takes. A misspelt key (`fitler`) would otherwise be ignored and the call would
// do something else than asked (list everything), so every call checks its options against its list.
const CALL = ["signal"] as const;
const QUERY = ["filter", "orderBy", "select", "expand", "top", "skip", "count"] as const;

/** The option keys of each operation of an entity set. */
export const OPTION_KEYS = {
  list: [...QUERY, "pageSize", ...CALL],
  get: ["select", "expand", ...CALL],
  write: ["onWarning", ...CALL],
  call: [...CALL],
  bulkUpload: ["chunkSize", "onProgress", "onWarning", ...CALL],
} as const satisfies Record<string, readonly string[]>;

/** How a user names each set at the prompt and in code: `iocs.list`, `alerts.get`. */
const SET_NAMES: Readonly<Record<EntitySetName, string>> = {
  AlertDefinitions: "alerts",
  IndicatorsOfCompromise: "iocs",
};

/**
 * Refuses an options object with a key the call does not take (naming the key, its value and the valid keys), or
 * an options argument that is not an object. Keys whose value is `undefined` count as not given.
 * @example checkOptions("IndicatorsOfCompromise", "list", { fitler: "x" }, OPTION_KEYS.list) // throws
 */
export function checkOptions(
  set: EntitySetName,
  operation: string,
  options: unknown,
  allowed: readonly string[],
): void {
  const call = `${SET_NAMES[set]}.${operation}`;
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    const rule = `must be an options object ({ ${allowed.join(", ")} })`;
    throw new ValidationError(`${call}: options ${previewValue(options)} ${rule}`, [
      { field: "options", value: boundedValue(options), rule },
    ]);
  }
  const unknown = Object.entries(options).filter(
    ([key, value]) => value !== undefined && !allowed.includes(key),
  );
  if (unknown.length === 0) return;
  const rule = `is not an option of ${call} (its options: ${allowed.join(", ")})`;
  const violations = unknown.map(([field, value]) => ({ field, value, rule }));
  const names = unknown.map(([key]) => JSON.stringify(key)).join(", ");
  throw new ValidationError(`${call}: ${names} ${rule}`, violations);
}
