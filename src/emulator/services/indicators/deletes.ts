import { BATCH_DELETE_BODY_KEY, BATCH_DELETE_MAX } from "../../../schema/index.js";
import type { ApiReply } from "../../handlers/types.js";
import { batchTooLarge, invalidBody, ODataFailure } from "../../protocol/errors.js";
import { SET, visibleTo } from "./model.js";
import type { IndicatorsRequest } from "./request.js";

/**
 * DELETE /api/indicators/{id}: 204, or 404 when no indicator the caller can see has that id.
 * @example deleteIndicator(request, 3) // { status: 204 }
 */
export function deleteIndicator(request: IndicatorsRequest, id: number): ApiReply {
  const missing = missingIds(request, [id]);
  if (missing.length > 0) throw notFound(missing);
  request.service.store.commit([{ op: "delete", set: SET, id }]);
  return { status: 204 };
}

/**
 * POST /api/indicators/BatchDelete with `{"IndicatorIds": ["1", "2"]}`: at most 500 ids; 400 when empty, too many
 * or malformed; 404 when any is unknown, and then nothing is deleted (D6); else 204.
 * @example batchDelete(request) // { status: 204 }
 */
export function batchDelete(request: IndicatorsRequest): ApiReply {
  const ids = batchIds(request.body);
  const missing = missingIds(request, ids);
  if (missing.length > 0) throw notFound(missing);
  request.service.store.commit(ids.map((id) => ({ op: "delete", set: SET, id })));
  return { status: 204 };
}

function missingIds(request: IndicatorsRequest, ids: readonly number[]): number[] {
  const sees = visibleTo(request.access, request.writer.appId);
  return ids.filter((id) => {
    const entity = request.service.store.get(SET, id);
    return !entity || !sees(entity);
  });
}

function notFound(ids: readonly number[]): ODataFailure {
  const shown = ids.slice(0, 10).join(", ") + (ids.length > 10 ? `, and ${ids.length - 10} more` : "");
  const what = ids.length === 1 ? `Indicator ${shown} does not exist` : `Indicators ${shown} do not exist`;
  return new ODataFailure(404, "ResourceNotFound", `${what}; nothing was deleted`);
}

function batchIds(body: unknown): number[] {
  const shape = `{"${BATCH_DELETE_BODY_KEY}": ["1", "2"]}`;
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw invalidBody(`POST /api/indicators/BatchDelete takes ${shape}`);
  const extra = Object.keys(body).filter((k) => k !== BATCH_DELETE_BODY_KEY);
  if (extra.length > 0)
    throw invalidBody(
      `BatchDelete takes ${shape}; unexpected ${extra.join(", ")} (names are case-sensitive)`,
    );
  const list = (body as Record<string, unknown>)[BATCH_DELETE_BODY_KEY];
  if (!Array.isArray(list))
    throw invalidBody(`BatchDelete takes ${shape}; ${BATCH_DELETE_BODY_KEY} must be an array`);
  if (list.length === 0)
    throw invalidBody(`${BATCH_DELETE_BODY_KEY} is empty; BatchDelete takes 1 to ${BATCH_DELETE_MAX} ids`);
  if (list.length > BATCH_DELETE_MAX) throw batchTooLarge(list.length, BATCH_DELETE_MAX);
  const ids = list.map((id, i) => {
    const text = typeof id === "number" ? String(id) : id;
    if (typeof text !== "string" || !/^\d{1,15}$/.test(text))
      throw invalidBody(
        `${BATCH_DELETE_BODY_KEY}[${i}]: ${JSON.stringify(id)} is not a numeric indicator id, e.g. "994"`,
      );
    return Number(text);
  });
  return [...new Set(ids)];
}
