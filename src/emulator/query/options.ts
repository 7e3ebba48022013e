import { FIELDS_BY_SET, NAVIGATION, type EntitySetName } from "../../schema/index.js";
import { odataError } from "../protocol/errors.js";
import type { Entity } from "../store/store.js";
import { compileFilter, type Predicate } from "./filter.js";
import { parseOrderBy, type SortKey } from "./orderby.js";

/** The query options of a collection request, parsed and checked against the entity set. */
export interface QueryOptions {
  readonly filter: Predicate | undefined;
  readonly orderBy: readonly SortKey[];
  readonly top: number | undefined;
  readonly skip: number;
  readonly count: boolean;
  /** Properties to return; undefined = all. */
  readonly select: readonly string[] | undefined;
  /** Whether the navigation property is inlined. */
  readonly expand: boolean;
  readonly skipToken: string | undefined;
}

const KNOWN = new Set([
  "$filter",
  "$orderby",
  "$top",
  "$skip",
  "$count",
  "$select",
  "$expand",
  "$skiptoken",
  "$format",
]);

/**
 * Reads `$filter $orderby $top $skip $count $select $expand $skiptoken`; an unknown `$` option or a bad value is
 * a 400 ODataError. Options without `$` are ignored, as OData allows.
 * @example parseQuery("AlertDefinitions", new URLSearchParams("$top=5")).top // 5
 */
export function parseQuery(set: EntitySetName, query: URLSearchParams): QueryOptions {
  for (const name of new Set(query.keys())) {
    if (name.startsWith("$") && !KNOWN.has(name))
      throw odataError(`Unknown or unsupported query option ${name}`);
    if (query.getAll(name).length > 1) throw odataError(`Query option ${name} is given more than once`);
  }
  const format = query.get("$format");
  if (format !== null && !/^(json|application\/json)/i.test(format))
    throw odataError(`$format=${format} is not supported (json only)`);
  const filter = query.get("$filter");
  return {
    filter: filter === null ? undefined : compileFilter(set, filter),
    orderBy: parseOrderBy(set, query.get("$orderby")),
    top: integerOption(query, "$top"),
    skip: integerOption(query, "$skip") ?? 0,
    count: booleanOption(query, "$count"),
    select: parseSelect(set, query.get("$select")),
    expand: parseExpand(set, query.get("$expand")),
    skipToken: query.get("$skiptoken") ?? undefined,
  };
}

/** A non-negative integer option, or undefined when absent; anything else is a 400 ODataError. */
export function integerOption(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  if (!/^\d{1,9}$/.test(text.trim()))
    throw odataError(`${name} must be a non-negative integer, got "${text}"`);
  return Number(text);
}

/** A true/false option (false when absent); anything else is a 400 ODataError. */
export function booleanOption(query: URLSearchParams, name: string): boolean {
  const text = query.get(name);
  if (text === null) return false;
  if (text !== "true" && text !== "false") throw odataError(`${name} must be true or false, got "${text}"`);
  return text === "true";
}

function parseSelect(set: EntitySetName, text: string | null): string[] | undefined {
  if (text === null || text.trim() === "*") return undefined;
  const names = text.split(",").map((n) => n.trim());
  const navigation = NAVIGATION[set].name;
  for (const name of names) {
    if (name !== navigation && !FIELDS_BY_SET[set].some((f) => f.name === name)) {
      throw odataError(`$select: ${name || "(empty)"} is not a property of ${set}`);
    }
  }
  return names.filter((n) => n !== navigation);
}

function parseExpand(set: EntitySetName, text: string | null): boolean {
  if (text === null) return false;
  const navigation = NAVIGATION[set].name;
  const names = text.split(",").map((n) => n.trim());
  for (const name of names) {
    if (name === "*" || name === navigation) continue;
    if (name.startsWith(`${navigation}(`))
      throw odataError(`$expand: nested options are not supported (${name})`);
    throw odataError(
      `$expand: ${name || "(empty)"} is not a navigation property of ${set} (only ${navigation})`,
    );
  }
  return true;
}

/**
 * The entity as the client asked for it: only the selected properties (all when none were selected).
 * @example project(entity, ["Id", "Name"]) // { Id: 1, Name: "..." }
 */
export function project(entity: Entity, select: readonly string[] | undefined): Record<string, unknown> {
  if (select === undefined) return { ...entity };
  const out: Record<string, unknown> = {};
  for (const name of select) out[name] = entity[name] ?? null;
  return out;
}
