import { QUERY_CACHE_ENTRIES } from "../constants.js";
import type { Entity, Store, StoreSet } from "../store/store.js";
import type { Predicate } from "./filter.js";
import type { QueryOptions } from "./options.js";
import { compareSortValues, sortValues, type SortKey } from "./orderby.js";
import { decodeSkipToken } from "./paging.js";
import { matches, order, stream, type Window } from "./window.js";

/** A query's matching entities in page order, with the sort values a skiptoken is compared with. */
interface Ordered {
  readonly entities: readonly Entity[];
  readonly keys: readonly (readonly unknown[])[];
}

/** Per store: results at one store version, most recently used last. */
const caches = new WeakMap<Store, { version: number; entries: Map<string, Ordered> }>();

/**
 * {@link selectWindow} over a whole stored set, with the same result, at O(page + log n) a page: Id order starts at
 * the skiptoken, a filter with {@link Predicate.hints} reads only the indexed candidates, and a filtered or
 * sorted result is computed once per store version and resumed by binary search; a `$count` without filter is
 * the set's size.
 * @example selectFromStore(store, "IndicatorsOfCompromise", options, request.query, 100).rest.length // up to 101
 */
export function selectFromStore(
  store: Store,
  set: StoreSet,
  options: QueryOptions,
  query: URLSearchParams,
  take: number,
): Window {
  const { filter, orderBy, count, skipToken } = options;
  if (orderBy.length === 0 && !filter?.hints && !(count && filter)) {
    const after =
      skipToken === undefined ? Number.NEGATIVE_INFINITY : (decodeSkipToken(skipToken, 1)[0] as number);
    return {
      rest: stream(store.after(set, after), options, take),
      total: count ? store.count(set) : undefined,
    };
  }
  const ordered = orderedMatches(store, set, filter, orderBy, [query.get("$filter"), query.get("$orderby")]);
  return { rest: resume(ordered, options, take), total: count ? ordered.entities.length : undefined };
}

/**
 * How many entities of a stored set match `$filter` (for `$count`): the set's size without one, else the cached
 * result's length.
 * @example countFromStore(store, "IndicatorsOfCompromise", options, request.query) // 3
 */
export function countFromStore(
  store: Store,
  set: StoreSet,
  options: QueryOptions,
  query: URLSearchParams,
): number {
  if (!options.filter) return store.count(set);
  return orderedMatches(store, set, options.filter, [], [query.get("$filter"), null]).entities.length;
}

function orderedMatches(
  store: Store,
  set: StoreSet,
  filter: Predicate | undefined,
  orderBy: readonly SortKey[],
  texts: readonly (string | null)[],
): Ordered {
  let cache = caches.get(store);
  // Any write may change any result: a new version starts an empty cache.
  if (cache?.version !== store.version)
    caches.set(store, (cache = { version: store.version, entries: new Map() }));
  const key = JSON.stringify([set, ...texts]);
  const hit = cache.entries.get(key);
  cache.entries.delete(key);
  const ordered = hit ?? compute(store, set, filter, orderBy);
  cache.entries.set(key, ordered);
  const oldest = cache.entries.keys().next().value;
  if (cache.entries.size > QUERY_CACHE_ENTRIES && oldest !== undefined) cache.entries.delete(oldest);
  return ordered;
}

function compute(
  store: Store,
  set: StoreSet,
  filter: Predicate | undefined,
  orderBy: readonly SortKey[],
): Ordered {
  const entities = order(matches(candidates(store, set, filter), { filter }), { orderBy });
  return { entities, keys: entities.map((e) => sortValues(e, orderBy)) };
}

/**
 * The entities the filter's narrowest indexed hint allows, in ascending Id order (`AlertDefinitionId eq 1 and
 * Value in (...)` reads the few values, not the definition's IOCs); the whole set when no hint is indexed.
 */
function candidates(store: Store, set: StoreSet, filter: Predicate | undefined): Iterable<Entity> {
  let narrowest: ReadonlySet<number>[] | undefined;
  for (const hint of filter?.hints ?? []) {
    const found = hint.values.map((value) => store.lookup(set, hint.field, value));
    if (found.some((ids) => ids === undefined)) continue;
    const sets = found as ReadonlySet<number>[];
    if (!narrowest || size(sets) < size(narrowest)) narrowest = sets;
  }
  if (!narrowest) return store.all(set);
  const ids = new Set<number>();
  for (const found of narrowest) for (const id of found) ids.add(id);
  return [...ids].sort((a, b) => a - b).map((id) => store.get(set, id) as Entity);
}

function size(sets: readonly ReadonlySet<number>[]): number {
  return sets.reduce((sum, ids) => sum + ids.size, 0);
}

/** The page and one more from the skiptoken's position (the first entity after it) or from `$skip`. */
function resume(ordered: Ordered, options: QueryOptions, take: number): Entity[] {
  const { entities, keys } = ordered;
  if (options.skipToken === undefined) return entities.slice(options.skip, options.skip + take + 1);
  const position = decodeSkipToken(options.skipToken, options.orderBy.length + 1);
  let [low, high] = [0, keys.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareSortValues(keys[mid] as unknown[], position, options.orderBy) > 0) high = mid;
    else low = mid + 1;
  }
  return entities.slice(low, low + take + 1);
}
