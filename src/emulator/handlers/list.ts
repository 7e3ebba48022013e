import { NAVIGATION, type EntitySetName } from "../../schema/index.js";
import { parseQuery, project, type QueryOptions } from "../query/options.js";
import { sortValues } from "../query/orderby.js";
import { encodeSkipToken } from "../query/paging.js";
import { countFromStore, selectFromStore } from "../query/indexed.js";
import { selectWindow } from "../query/window.js";
import type { Service } from "../service.js";
import type { Entity } from "../store/store.js";
import { expandAll } from "./expand.js";
import type { ApiReply, ApiRequest } from "./types.js";

// A client may ask for bigger pages with Prefer, but not unbounded ones.
const MAX_PAGE_SIZE = 10_000;

/**
 * GET on a collection: filter, count, order, skip or resume from the skiptoken, cut a page, add
 * `@odata.nextLink` when more remains, then expand and select. Without `source` it lists the whole stored set
 * through its indexes and cached orders (same answer, cheaper pages).
 * @example listCollection(service, request, "AlertDefinitions")
 */
export function listCollection(
  service: Service,
  request: ApiRequest,
  set: EntitySetName,
  source?: Iterable<Entity>,
): ApiReply {
  const options = parseQuery(set, request.query);
  const pageSize = Math.min(request.maxPageSize ?? service.settings.pageSize, MAX_PAGE_SIZE);
  const take = Math.min(pageSize, options.top ?? Number.POSITIVE_INFINITY);
  const { rest, total } = source
    ? selectWindow(source, options, take)
    : selectFromStore(service.store, set, options, request.query, take);
  const page = rest.slice(0, take);
  const more = rest.length > take && (options.top === undefined || options.top > take);
  const last = page.at(-1);
  const json: Record<string, unknown> = {};
  if (!request.metadataNone) json["@odata.context"] = `${request.apiBase}/$metadata#${set}`;
  if (options.count) json["@odata.count"] = total;
  const expanded = options.expand ? expandAll(service, set, page) : undefined;
  json["value"] = page.map((entity, i) => {
    const shaped = project(entity, options.select);
    if (expanded) shaped[NAVIGATION[set].name] = expanded[i];
    return shaped;
  });
  if (more && last)
    json["@odata.nextLink"] = nextLink(request, options, sortValues(last, options.orderBy), take);
  const headers: Record<string, string> =
    request.maxPageSize === undefined ? {} : { "Preference-Applied": `odata.maxpagesize=${pageSize}` };
  return { status: 200, json, headers };
}

/**
 * The number of entities matching `$filter`, for `{set}/$count` (text/plain, as OData answers it).
 * @example countCollection(service, request, "IndicatorsOfCompromise") // { status: 200, text: "3", ... }
 */
export function countCollection(service: Service, request: ApiRequest, set: EntitySetName): ApiReply {
  const options = parseQuery(set, request.query);
  return {
    status: 200,
    text: String(countFromStore(service.store, set, options, request.query)),
    contentType: "text/plain",
  };
}

/**
 * The `@odata.nextLink` after a page: the request's own query with `$skip` dropped, `$top` reduced by what was sent
 * and a `$skiptoken` at the last entity sent.
 * @example nextLink(request, options, sortValues(last, options.orderBy), 100)
 */
export function nextLink(
  request: Pick<ApiRequest, "query" | "origin" | "url">,
  options: QueryOptions,
  position: unknown[],
  sent: number,
): string {
  const query = new URLSearchParams(request.query);
  query.delete("$skip");
  if (options.top !== undefined) query.set("$top", String(options.top - sent));
  query.set("$skiptoken", encodeSkipToken(position));
  // `$` needs no escaping in a query; keeping it readable helps people reading the link.
  return `${request.origin}${request.url.pathname}?${query.toString().replace(/%24/g, "$")}`;
}
