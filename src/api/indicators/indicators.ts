import { HttpError, ValidationError } from "../../errors/index.js";
import { PagedList, type Filter } from "../../http/index.js";
import {
  INDICATOR_PATHS,
  LIST_TOP_MAX,
  type ImportIndicatorResult,
  type Indicator,
  type IndicatorFilterFacts,
  type IndicatorInput,
} from "../../schema/index.js";
import { fetchPage, type ApiContext, type CallOptions } from "../context.js";
import type { FieldWhere } from "../where-types.js";
import { indicatorsWhere } from "../where.js";
import type { WriteOptions } from "../operations.js";
import { indicatorId } from "./validation.js";
import { batchDeleteIndicators, deleteIndicator, importIndicators, submitIndicator } from "./writes.js";
import type { ImportOptions } from "./writes.js";

export type { ImportOptions } from "./writes.js";

/** Options of `indicators.list`: the OData options the Indicators API documents, a page size and a signal. */
export interface IndicatorListOptions extends CallOptions {
  /** A `$filter` on the documented properties: `action eq 'Block'`, or built with `indicators.where`. */
  readonly filter?: string | Filter;
  /** `"creationTimeDateTimeUtc desc"` or `["severity", "title"]`. */
  readonly orderBy?: string | readonly string[];
  /** How many in all, at most 10,000 (the documented maximum of `$top`). */
  readonly top?: number;
  readonly skip?: number;
  /** Ask for `@odata.count` (the total matching, on each page). */
  readonly count?: boolean;
  /** Asks for pages of this size (`Prefer: odata.maxpagesize`). */
  readonly pageSize?: number;
}

/** The Indicators API's `/api/indicators` (ti-api.md Part 2.4, Part 5). */
export interface Indicators {
  /** A lazy list over every page: `for await`, `.byPage()`, `.toArray({ limit })`, or `await` for the first page. */
  list(options?: IndicatorListOptions): PagedList<Indicator>;
  /** One indicator by id (a 404 HttpError if the caller sees none). The API has no GET by id: this reads the list. */
  get(id: string | number, options?: CallOptions): Promise<Indicator>;
  /** Validates (ValidationError before any request), then creates or updates (by value, type and action, or `id`). */
  submit(indicator: IndicatorInput, options?: WriteOptions): Promise<Indicator>;
  /** Deletes one indicator by id (404 if unknown). */
  delete(id: string | number, options?: CallOptions): Promise<void>;
  /** Deletes by id through BatchDelete, 500 per call; a call is all or nothing (404 when any id is unknown). */
  batchDelete(ids: readonly (string | number)[], options?: CallOptions): Promise<void>;
  /** How many indicators match `filter` (all when omitted), by `$count`. */
  count(filter?: string | Filter, options?: CallOptions): Promise<number>;
  /** Validates every item, then submits them through `/api/indicators/import`, 500 per call; per-item results. */
  import(items: readonly IndicatorInput[], options?: ImportOptions): Promise<ImportIndicatorResult[]>;
  /** The filter helper typed from the filterable properties: `indicators.where.eq("action", "Block")`. */
  readonly where: FieldWhere<IndicatorFilterFacts>;
}

/**
 * The indicators of a session speaking the Indicators API.
 * @example await createIndicators(ctx).submit({ indicatorValue: "bad.example", indicatorType: "DomainName", ... })
 */
export function createIndicators(ctx: ApiContext): Indicators {
  const url = `${ctx.apiUrl}/${INDICATOR_PATHS.collection}`;
  // The $top check runs with the first page, so a bad list rejects where a list's errors are awaited.
  const list = (options: IndicatorListOptions = {}) =>
    new PagedList<Indicator>(async (next, signal) => {
      checkTop(options.top);
      return fetchPage<Indicator>(ctx, url, options, next, signal);
    }, options.signal);
  return {
    where: indicatorsWhere(),
    list,
    async get(id, options = {}) {
      const wanted = indicatorId(id);
      for await (const indicator of list(options)) if (String(indicator.id) === wanted) return indicator;
      throw new HttpError({
        status: 404,
        code: "ResourceNotFound",
        serviceMessage: `Indicator ${wanted} is not among the indicators this app can see`,
        context: { method: "GET", url },
      });
    },
    async count(filter, options = {}) {
      const text = filter === undefined ? "" : String(filter).trim();
      const query = { ...options, ...(text ? { filter: text } : {}) };
      const page = await list({ ...query, count: true, top: 0 });
      if (page.count !== undefined) return page.count;
      // A service without $count: count the items themselves.
      let n = 0;
      await list(query).forEach(() => n++);
      return n;
    },
    submit: (indicator, options) => submitIndicator(ctx, url, indicator, options),
    delete: (id, options) => deleteIndicator(ctx, url, indicatorId(id), options),
    batchDelete: (ids, options) => batchDeleteIndicators(ctx, url, ids, options),
    import: (items, options) => importIndicators(ctx, url, items, options),
  };
}

function checkTop(top: number | undefined): void {
  if (top === undefined || top <= LIST_TOP_MAX) return;
  const rule = `must be at most ${LIST_TOP_MAX} (the documented maximum of $top)`;
  throw new ValidationError(`top: ${top} ${rule}`, [{ field: "top", value: top, rule }]);
}
