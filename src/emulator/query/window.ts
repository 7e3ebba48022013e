import type { Entity } from "../store/store.js";
import type { QueryOptions } from "./options.js";
import { compareSortValues, sortValues } from "./orderby.js";
import { decodeSkipToken } from "./paging.js";

/** The entities from the requested position on (at least `take + 1` when that many remain), and the total. */
export interface Window {
  readonly rest: readonly Entity[];
  /** Entities matching `$filter` in all; computed only when `$count=true` asked for it. */
  readonly total: number | undefined;
}

/**
 * Applies `$filter`, `$orderby`, and `$skip` or the skiptoken to a source in ascending Id order. Without
 * `$orderby` and `$count` it stops reading once the page and one more are found, so the first pages of a large
 * set cost little.
 * @example selectWindow(store.all("IndicatorsOfCompromise"), options, 100).rest.length // up to 101
 */
export function selectWindow(source: Iterable<Entity>, options: QueryOptions, take: number): Window {
  if (options.orderBy.length === 0 && !options.count)
    return { rest: stream(source, options, take), total: undefined };
  const matching = matches(source, options);
  return {
    rest: resume(order(matching, options), options),
    total: options.count ? matching.length : undefined,
  };
}

/**
 * Every entity matching `$filter`, in source order.
 * @example matches(store.all("AlertDefinitions"), options).length
 */
export function matches(source: Iterable<Entity>, options: Pick<QueryOptions, "filter">): Entity[] {
  const { filter } = options;
  const out: Entity[] = [];
  for (const entity of source) if (!filter || filter(entity)) out.push(entity);
  return out;
}

/**
 * The page and one more in source (Id) order, after the skiptoken or `$skip`; reads no further than that.
 * @example stream(store.all("AlertDefinitions"), options, 100).length // up to 101
 */
export function stream(source: Iterable<Entity>, options: QueryOptions, take: number): Entity[] {
  const after = options.skipToken === undefined ? undefined : decodeSkipToken(options.skipToken, 1)[0];
  const skip = after === undefined ? options.skip : 0;
  const out: Entity[] = [];
  for (const entity of source) {
    if (out.length > skip + take) break;
    if (after !== undefined && entity.Id <= (after as number)) continue;
    if (!options.filter || options.filter(entity)) out.push(entity);
  }
  return out.slice(skip);
}

/**
 * The entities in `$orderby` order, ties on Id (the source's order, kept by a stable sort).
 * @example order(matching, options)[0]
 */
export function order(entities: Entity[], options: Pick<QueryOptions, "orderBy">): Entity[] {
  if (options.orderBy.length === 0) return entities; // the source yields ascending Id already
  const keyed = entities.map((e) => ({ e, key: sortValues(e, options.orderBy) }));
  keyed.sort((a, b) => compareSortValues(a.key, b.key, options.orderBy));
  return keyed.map((k) => k.e);
}

/** Drops what earlier pages sent (by skiptoken position, so deletes shift nothing) or what `$skip` skips. */
function resume(entities: Entity[], options: QueryOptions): Entity[] {
  if (options.skipToken === undefined) return entities.slice(options.skip);
  const position = decodeSkipToken(options.skipToken, options.orderBy.length + 1);
  const index = entities.findIndex(
    (e) => compareSortValues(sortValues(e, options.orderBy), position, options.orderBy) > 0,
  );
  return index < 0 ? [] : entities.slice(index);
}
