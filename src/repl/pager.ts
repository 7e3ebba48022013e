// `it` (mongosh) and `more`: the next page of the last list printed at the prompt. Awaiting a list gives its first
// page; the list's page iterator is kept, so `it` fetches the server's next link and nothing is fetched twice.
import { PagedList } from "../http/paging.js";
import type { ReplState } from "./types.js";
import { shown } from "./writer.js";

/** The pages still to come of the last list awaited, and whether there are any. */
export interface Pager {
  readonly pages: AsyncIterator<unknown[]>;
  more: boolean;
}

/**
 * The set with every list it returns keeping its pages for `it`: awaiting the list fetches the first page through
 * the list's own page iterator, which the state keeps. Other methods and properties are unchanged.
 * @example context.iocs = pagedLists(state, sets.iocs)
 */
export function pagedLists<T extends object>(state: ReplState, set: T): T {
  const wrapped = new Map<string | symbol, unknown>();
  return new Proxy(set, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (!wrapped.has(key))
        wrapped.set(
          key,
          new Proxy(value, {
            apply(fn, _this, args: unknown[]) {
              const result: unknown = Reflect.apply(fn, target, args);
              return result instanceof PagedList ? keepingPages(state, result) : result;
            },
          }),
        );
      return wrapped.get(key);
    },
  });
}

function keepingPages<T>(state: ReplState, list: PagedList<T>): PagedList<T> {
  return new Proxy(list, {
    get(target, key) {
      if (key === "then")
        return (ok?: (page: unknown) => unknown, bad?: (reason: unknown) => unknown) =>
          firstPage(state, target).then(ok, bad);
      // Its methods run on the list itself: its private fields refuse a proxy as `this`.
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function firstPage<T>(state: ReplState, list: PagedList<T>): Promise<unknown> {
  const pages = list.byPage();
  // A list that fails leaves nothing to page: `it` must not go on with an older list.
  state.pager = undefined;
  const first = await pages.next();
  const page = first.value ?? [];
  state.pager = { pages, more: hasNext(page) };
  return page;
}

function hasNext(page: unknown): boolean {
  return (page as { nextLink?: unknown }).nextLink !== undefined;
}

/**
 * The next page of the last list awaited (printed like the first), or a line saying there is none.
 * @example await nextPage(state) // what `it` prints
 */
export async function nextPage(state: ReplState): Promise<unknown> {
  const pager = state.pager;
  if (!pager) return shown("No list to page yet: await a list first (await iocs.list()), then it or more.");
  if (!pager.more) return shown("No more pages: the last list's last page is the one shown.");
  const next = await pager.pages.next();
  if (next.done === true) {
    pager.more = false;
    return shown("No more pages: the last list's last page is the one shown.");
  }
  pager.more = hasNext(next.value);
  return next.value;
}

/** True for an entry that is only `it` or `more` (mongosh's `it`), which the console runs as the next page. */
export function isPagerEntry(code: string): boolean {
  return /^\s*(?:it|more)\s*;?\s*$/.test(code);
}
