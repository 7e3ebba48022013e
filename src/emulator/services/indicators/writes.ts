import { IMPORT_BATCH_MAX, IMPORT_BODY_KEY, type ImportIndicatorResult } from "../../../schema/index.js";
import type { ApiReply } from "../../handlers/types.js";
import { batchTooLarge, invalidBody, ODataFailure } from "../../protocol/errors.js";
import { indicatorJson } from "./model.js";
import type { IndicatorsRequest } from "./request.js";
import { UpsertBatch } from "./upsert.js";

/**
 * POST /api/indicators: creates or updates one indicator (upsert, ti-api.md Part 5) and answers 200 (not 201) with
 * the entity.
 * @example submitIndicator(request) // { status: 200, json: { "@odata.context": ..., id: "1", ... } }
 */
export function submitIndicator(request: IndicatorsRequest): ApiReply {
  if (request.body === undefined)
    throw invalidBody("POST /api/indicators needs a JSON object describing the indicator");
  const batch = new UpsertBatch(request.service, request.access, request.writer);
  const entity = batch.upsert(request.body);
  batch.commit();
  return {
    status: 200,
    json: { "@odata.context": `${request.apiBase}/$metadata#Indicators/$entity`, ...indicatorJson(entity) },
  };
}

/**
 * POST /api/indicators/import with `{"Indicators": [...]}` (1 to 500): each item is applied on its own, in order;
 * 200 with `{id, indicator, isFailed, failureReason}` per item (D3).
 * @example importIndicators(request).json.value[0].isFailed // false
 */
export function importIndicators(request: IndicatorsRequest): ApiReply {
  const items = importItems(request.body);
  const batch = new UpsertBatch(request.service, request.access, request.writer);
  const value = items.map((item): ImportIndicatorResult => {
    try {
      const entity = batch.upsert(item);
      return {
        id: String(entity.Id),
        indicator: String(entity["indicatorValue"]),
        isFailed: false,
        failureReason: null,
      };
    } catch (error) {
      if (!(error instanceof ODataFailure)) throw error;
      return { id: null, indicator: givenValue(item), isFailed: true, failureReason: error.message };
    }
  });
  batch.commit();
  const context = `${request.apiBase}/$metadata#Collection(microsoft.windowsDefenderATP.api.ImportIndicatorResult)`;
  return { status: 200, json: { "@odata.context": context, value } };
}

function importItems(body: unknown): unknown[] {
  const shape = `{"${IMPORT_BODY_KEY}": [ ... ]}`;
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw invalidBody(`POST /api/indicators/import takes ${shape}`);
  const extra = Object.keys(body).filter((k) => k !== IMPORT_BODY_KEY);
  if (extra.length > 0) {
    const hint = extra.some((k) => k.toLowerCase() === IMPORT_BODY_KEY.toLowerCase())
      ? " (names are case-sensitive)"
      : "";
    throw invalidBody(`POST /api/indicators/import takes ${shape}; unexpected ${extra.join(", ")}${hint}`);
  }
  const items = (body as Record<string, unknown>)[IMPORT_BODY_KEY];
  if (!Array.isArray(items))
    throw invalidBody(`POST /api/indicators/import takes ${shape}; ${IMPORT_BODY_KEY} must be an array`);
  if (items.length === 0)
    throw invalidBody(`${IMPORT_BODY_KEY} is empty; an import takes 1 to ${IMPORT_BATCH_MAX} indicators`);
  if (items.length > IMPORT_BATCH_MAX) throw batchTooLarge(items.length, IMPORT_BATCH_MAX);
  return items;
}

function givenValue(item: unknown): string {
  const value =
    typeof item === "object" && item !== null
      ? (item as Record<string, unknown>)["indicatorValue"]
      : undefined;
  return typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
}
