import { BULK_UPLOAD_BODY_KEY, BULK_UPLOAD_MAX, type EntitySetName } from "../../schema/index.js";
import { buildNew } from "../model/build.js";
import { checkQuota } from "../model/quota.js";
import { batchTooLarge, invalidBody, ODataFailure } from "../protocol/errors.js";
import type { Service } from "../service.js";
import type { Entity } from "../store/store.js";
import { authorOf, entityJson } from "./entity.js";
import type { ApiReply, ApiRequest } from "./types.js";

// Item failures quoted in a refused bulk upload's message; the rest are counted.
const MAX_REPORTED = 10;

/**
 * POST on a collection: validates, checks quotas, stores, and answers 201 with the entity and `Location`.
 * @example createEntity(service, request, "AlertDefinitions") // { status: 201, json: { Id: 1, ... } }
 */
export function createEntity(service: Service, request: ApiRequest, set: EntitySetName): ApiReply {
  if (request.body === undefined) throw invalidBody(`POST ${set} needs a JSON object describing the entity`);
  const id = peekId(service, set);
  const entity = buildNew(service.store, set, request.body, id, authorOf(service, request), "");
  checkQuota(service.store, service.settings, [entity]);
  service.store.allocateIds(set, 1);
  service.store.commit([{ op: "put", set, entity }]);
  return {
    status: 201,
    json: entityJson(service, request, set, entity, undefined, false),
    headers: { Location: `${request.apiBase}/${set}(${entity.Id})` },
  };
}

/**
 * POST {set}/Actions.BulkUpload: at most 5,000 entities, all or nothing (one invalid item or a full quota fails the
 * whole call and stores nothing); 200 with the created entities.
 * @example bulkUpload(service, request, "IndicatorsOfCompromise") // { status: 200, json: { value: [...] } }
 */
export function bulkUpload(service: Service, request: ApiRequest, set: EntitySetName): ApiReply {
  const items = bulkItems(request.body, set);
  const property = BULK_UPLOAD_BODY_KEY[set];
  const first = peekId(service, set);
  const author = authorOf(service, request);
  const entities: Entity[] = [];
  const failures: ODataFailure[] = [];
  items.forEach((item, i) => {
    try {
      entities.push(buildNew(service.store, set, item, first + i, author, `${property}[${i}]: `));
    } catch (error) {
      if (!(error instanceof ODataFailure)) throw error;
      failures.push(error);
    }
  });
  if (failures.length > 0) throw bulkRefused(failures, items.length);
  checkQuota(service.store, service.settings, entities);
  service.store.allocateIds(set, entities.length);
  service.store.commit(entities.map((entity) => ({ op: "put", set, entity })));
  const json: Record<string, unknown> = request.metadataNone
    ? {}
    : { "@odata.context": `${request.apiBase}/$metadata#${set}` };
  json["value"] = entities;
  return { status: 200, json };
}

/** One 400 for a refused bulk upload: the first few item failures, and how many items failed in all. */
function bulkRefused(failures: readonly ODataFailure[], total: number): ODataFailure {
  const shown = failures.slice(0, MAX_REPORTED).map((f) => f.message);
  const more = failures.length > MAX_REPORTED ? `; and ${failures.length - MAX_REPORTED} more` : "";
  const summary = `${failures.length} of ${total} entities are invalid, so nothing was stored: `;
  return new ODataFailure(400, failures[0]?.code ?? "InvalidInput", `${summary}${shown.join("; ")}${more}`);
}

function bulkItems(body: unknown, set: EntitySetName): unknown[] {
  const property = BULK_UPLOAD_BODY_KEY[set];
  const shape = `{"${property}": [ ... ]}`;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalidBody(`Actions.BulkUpload on ${set} takes ${shape}`);
  }
  const extra = Object.keys(body).filter((k) => k !== property);
  if (extra.length > 0)
    throw invalidBody(`Actions.BulkUpload on ${set} takes ${shape}; unexpected ${extra.join(", ")}`);
  const items = (body as Record<string, unknown>)[property];
  if (!Array.isArray(items))
    throw invalidBody(`Actions.BulkUpload on ${set} takes ${shape}; ${property} must be an array`);
  if (items.length > BULK_UPLOAD_MAX) throw batchTooLarge(items.length, BULK_UPLOAD_MAX);
  return items;
}

/** The next Id without reserving it, so a refused request wastes none. */
function peekId(service: Service, set: EntitySetName): number {
  return service.store.allocateIds(set, 0);
}
