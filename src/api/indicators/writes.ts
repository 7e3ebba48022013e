import { ValidationError } from "../../errors/index.js";
import type { HttpResponse } from "../../http/index.js";
import {
  BATCH_DELETE_BODY_KEY,
  BATCH_DELETE_MAX,
  IMPORT_BATCH_MAX,
  IMPORT_BODY_KEY,
  type ImportIndicatorResult,
  type Indicator,
  type IndicatorInput,
} from "../../schema/index.js";
import { call, unwrapEntity, type ApiContext, type CallOptions } from "../context.js";
import type { WriteOptions } from "../operations.js";
import { checkIndicator, indicatorId } from "./validation.js";

/** Options of `indicators.import`. */
export interface ImportOptions extends WriteOptions {
  /** Items per import call. Default and maximum: 500 (the documented ceiling). */
  readonly chunkSize?: number;
  /** Called after each call with the items sent so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

// A 404 counts as done only when an earlier attempt may have deleted it (its reply was lost); after a 503 the
// earlier attempt was not applied, so the 404 means the id never existed.
const goneAfterRetry = (res: HttpResponse) => res.status === 404 && res.outcomeUnknown === true;

/**
 * POST /api/indicators after validation. Submit upserts (value, type and action, or `id`, name the indicator), so
 * re-sending after an unknown outcome updates what landed instead of duplicating it: the call is idempotent.
 * @example await submitIndicator(ctx, url, { indicatorValue: "bad.example", indicatorType: "DomainName", ... })
 */
export async function submitIndicator(
  ctx: ApiContext,
  url: string,
  input: IndicatorInput,
  options: WriteOptions = {},
): Promise<Indicator> {
  const body = checkIndicator(ctx, input, "indicator", options.onWarning);
  const res = await call(ctx, { method: "POST", url, body, idempotent: true, signal: options.signal });
  return unwrapEntity<Indicator>(res.data);
}

/**
 * DELETE /api/indicators/{id}.
 * @example await deleteIndicator(ctx, url, "994")
 */
export async function deleteIndicator(
  ctx: ApiContext,
  url: string,
  id: string,
  options: CallOptions = {},
): Promise<void> {
  await call(ctx, { method: "DELETE", url: `${url}/${id}`, signal: options.signal }, goneAfterRetry);
}

/**
 * POST /api/indicators/BatchDelete with `{"IndicatorIds": [...]}`, 500 ids per call (duplicates sent once). Each
 * call is all or nothing (404 when any id is unknown); when one fails, the calls before it stay applied.
 * @example await batchDeleteIndicators(ctx, url, ["1", "2"])
 */
export async function batchDeleteIndicators(
  ctx: ApiContext,
  url: string,
  ids: readonly (string | number)[],
  options: CallOptions = {},
): Promise<void> {
  const unique = [...new Set(ids.map((id, i) => indicatorId(id, `ids[${i}]`)))];
  for (let start = 0; start < unique.length; start += BATCH_DELETE_MAX) {
    const body = { [BATCH_DELETE_BODY_KEY]: unique.slice(start, start + BATCH_DELETE_MAX) };
    const request = {
      method: "POST",
      url: `${url}/BatchDelete`,
      body,
      // Deleting what is already deleted changes nothing; the 404 of a retry that follows a landed call is success.
      idempotent: true,
      signal: options.signal,
    };
    await call(ctx, request, goneAfterRetry);
  }
}

/**
 * POST /api/indicators/import with `{"Indicators": [...]}`, 500 per call, after validating every item (a
 * ValidationError naming the item, field, value and rule before any request). Items are upserted one by one on
 * the service, so a re-sent call updates rather than duplicates. Resolves to every item's result, in order.
 * @example (await importIndicators(ctx, url, items)).filter((r) => r.isFailed)
 */
export async function importIndicators(
  ctx: ApiContext,
  url: string,
  items: readonly IndicatorInput[],
  options: ImportOptions = {},
): Promise<ImportIndicatorResult[]> {
  const size = checkChunkSize(options.chunkSize);
  const bodies = items.map((item, i) => checkIndicator(ctx, item, `item ${i}`, options.onWarning));
  const results: ImportIndicatorResult[] = [];
  for (let start = 0; start < bodies.length; start += size) {
    const chunk = bodies.slice(start, start + size);
    const res = await call(ctx, {
      method: "POST",
      url: `${url}/import`,
      body: { [IMPORT_BODY_KEY]: chunk },
      idempotent: true,
      signal: options.signal,
    });
    const value = (res.data as { value?: unknown } | null)?.value;
    results.push(...(Array.isArray(value) ? (value as ImportIndicatorResult[]) : []));
    options.onProgress?.(start + chunk.length, bodies.length);
  }
  return results;
}

function checkChunkSize(size: number | undefined): number {
  if (size === undefined) return IMPORT_BATCH_MAX;
  if (Number.isSafeInteger(size) && size >= 1 && size <= IMPORT_BATCH_MAX) return size;
  const rule = `must be a whole number from 1 to ${IMPORT_BATCH_MAX} (the documented maximum per import call)`;
  throw new ValidationError(`chunkSize: ${size} ${rule}`, [{ field: "chunkSize", value: size, rule }]);
}
