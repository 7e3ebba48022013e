import { severityRank } from "../../schema/index.js";
import { MAX_ORDERBY_KEYS } from "../constants.js";
import { odataError } from "../protocol/errors.js";
import type { Entity } from "../store/store.js";
import { factsOf, type FieldSource } from "./operands.js";

/** One `$orderby` item. */
export interface SortKey {
  readonly name: string;
  readonly descending: boolean;
}

/**
 * Parses `$orderby=Severity desc,Name`; unknown properties and more than {@link MAX_ORDERBY_KEYS} keys are a 400
 * ODataError. Ties always break on Id ascending, which is what makes skiptokens exact.
 * @example parseOrderBy("AlertDefinitions", "Name desc") // [{ name: "Name", descending: true }]
 */
export function parseOrderBy(source: FieldSource, text: string | null): SortKey[] {
  if (text === null) return [];
  const { name: set, fields } = factsOf(source);
  const items = text.split(",");
  if (items.length > MAX_ORDERBY_KEYS)
    throw odataError(`$orderby: at most ${MAX_ORDERBY_KEYS} keys, got ${items.length}`);
  return items.map((item) => {
    const match = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/.exec(item);
    if (!match?.[1]) throw odataError(`$orderby: "${item.trim()}" is not <property> [asc|desc]`);
    const name = match[1];
    if (!fields.some((f) => f.name === name))
      throw odataError(`$orderby: ${name} is not a property of ${set}`);
    return { name, descending: match[2] === "desc" };
  });
}

/**
 * The sort values of an entity, ending with its Id (what a skiptoken records). A severity sorts by its rank
 * (Informational < Low < Medium < High), not its name. Neither service's docs say how `$orderby` orders severity:
 * rank order is our decision, for both (custom TI's `Severity`, the Indicators API's `severity`). It is what OData
 * does with an enum, ordered by member value, and the emulator's `$metadata` numbers the members 0–3 in rank order.
 */
export function sortValues(entity: Entity, keys: readonly SortKey[]): unknown[] {
  return [...keys.map((k) => sortValue(entity, k.name)), entity.Id];
}

function sortValue(entity: Entity, name: string): unknown {
  const value = entity[name] ?? null;
  return (name === "Severity" || name === "severity") && value !== null ? severityRank(value) : value;
}

/**
 * Compares two sort-value lists (see {@link sortValues}); nulls sort first ascending, as OData services do.
 * @example compareSortValues([1, 3], [1, 4], []) // negative
 */
export function compareSortValues(
  a: readonly unknown[],
  b: readonly unknown[],
  keys: readonly SortKey[],
): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareValues(a[i], b[i]);
    if (order !== 0) return keys[i]?.descending ? -order : order;
  }
  return 0;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "boolean" || typeof b === "boolean") return Number(a) - Number(b);
  return (a as number) < (b as number) ? -1 : 1;
}
