import { INDICATOR_FIELDS, LIST_TOP_MAX } from "../../../schema/index.js";
import { nextLink } from "../../handlers/list.js";
import type { ApiReply } from "../../handlers/types.js";
import { odataError } from "../../protocol/errors.js";
import { compileFilter, type Predicate } from "../../query/filter.js";
import { selectFromStore } from "../../query/indexed.js";
import { booleanOption, integerOption, type QueryOptions } from "../../query/options.js";
import { parseOrderBy, sortValues } from "../../query/orderby.js";
import type { Window } from "../../query/window.js";
import type { Entity } from "../../store/store.js";
import { indicatorJson, SET } from "./model.js";
import type { IndicatorsRequest } from "./request.js";

// $filter names the documented properties only (D4); $orderby any stored one.
const FILTERABLE = { name: "Indicators", fields: INDICATOR_FIELDS.filter((f) => f.filterable) };
const SORTABLE = { name: "Indicators", fields: INDICATOR_FIELDS.filter((f) => f.name !== "id") };
const KNOWN = new Set(["$filter", "$orderby", "$top", "$skip", "$count", "$skiptoken", "$format"]);

/**
 * GET /api/indicators: the indicators the caller may see, with `$filter`, `$orderby`, `$top` (at most 10,000),
 * `$skip`, `$count`, in pages of at most 10,000 (smaller with `Prefer: odata.maxpagesize`) and `@odata.nextLink`.
 * @example listIndicators(request).json.value.length
 */
export function listIndicators(request: IndicatorsRequest): ApiReply {
  const options = parseIndicatorQuery(request.query);
  const pageSize = Math.min(request.maxPageSize ?? LIST_TOP_MAX, LIST_TOP_MAX);
  const take = Math.min(pageSize, options.top ?? Number.POSITIVE_INFINITY);
  const { rest, total } = select(request, options, take);
  const page = rest.slice(0, take);
  const json: Record<string, unknown> = { "@odata.context": `${request.apiBase}/$metadata#Indicators` };
  if (options.count) json["@odata.count"] = total;
  json["value"] = page.map(indicatorJson);
  const last = page.at(-1);
  if (rest.length > take && (options.top === undefined || options.top > take) && last)
    json["@odata.nextLink"] = nextLink(request, options, sortValues(last, options.orderBy), take);
  const headers: Record<string, string> =
    request.maxPageSize === undefined ? {} : { "Preference-Applied": `odata.maxpagesize=${pageSize}` };
  return { status: 200, json, headers };
}

// Every caller reads the store's indexes and cached orders. One who sees only its own indicators reads them
// through its filter and `createdBy eq <app>` together (the createdBy index narrows them), cached under its app.
function select(request: IndicatorsRequest, options: QueryOptions, take: number): Window {
  const { store } = request.service;
  if (request.access.read === "all") return selectFromStore(store, SET, options, request.query, take);
  const appId = request.writer.appId;
  const filter = options.filter;
  const own: Predicate = Object.assign((e: Entity) => e["createdBy"] === appId && (filter?.(e) ?? true), {
    hints: [...(filter?.hints ?? []), { field: "createdBy", values: [appId] }],
  });
  const query = new URLSearchParams(request.query);
  query.set("$filter", JSON.stringify([appId, request.query.get("$filter")]));
  return selectFromStore(store, SET, { ...options, filter: own }, query, take);
}

function parseIndicatorQuery(query: URLSearchParams): QueryOptions {
  for (const name of new Set(query.keys())) {
    if (name.startsWith("$") && !KNOWN.has(name))
      throw odataError(
        `Unknown or unsupported query option ${name} (the Indicators API takes ${[...KNOWN].join(", ")})`,
      );
    if (query.getAll(name).length > 1) throw odataError(`Query option ${name} is given more than once`);
  }
  const format = query.get("$format");
  if (format !== null && !/^(json|application\/json)/i.test(format))
    throw odataError(`$format=${format} is not supported (json only)`);
  const top = integerOption(query, "$top");
  if (top !== undefined && top > LIST_TOP_MAX)
    throw odataError(`$top must be at most ${LIST_TOP_MAX} (got ${top})`);
  const filter = query.get("$filter");
  return {
    filter: filter === null ? undefined : compileFilter(FILTERABLE, filter),
    orderBy: parseOrderBy(SORTABLE, query.get("$orderby")),
    top,
    skip: integerOption(query, "$skip") ?? 0,
    count: booleanOption(query, "$count"),
    select: undefined,
    expand: false,
    skipToken: query.get("$skiptoken") ?? undefined,
  };
}
