import { NAVIGATION } from "../../schema/index.js";
import { checkPatchQuota } from "../model/quota.js";
import { buildPatched, type Author } from "../model/build.js";
import { entityNotFound, invalidBody } from "../protocol/errors.js";
import { parseQuery, project } from "../query/options.js";
import type { Service } from "../service.js";
import type { Change, Entity } from "../store/store.js";
import { expandAll, iocsOf } from "./expand.js";
import type { ApiReply, ApiRequest } from "./types.js";

type EntityRoute = Extract<ApiRequest["route"], { kind: "entity" }>;

/**
 * The author stamp of a write: the calling app's id and the current time.
 * @example authorOf(service, request) // { by: "6f1d...", at: "2026-..." }
 */
export function authorOf(service: Service, request: ApiRequest): Author {
  return { by: request.claims.appid, at: new Date(service.now()).toISOString() };
}

/** The entity at a key, or a thrown 404 ResourceNotFound. */
export function mustGet(service: Service, set: EntityRoute["set"], id: number): Entity {
  const entity = service.store.get(set, id);
  if (!entity) throw entityNotFound(set, id);
  return entity;
}

/**
 * GET by key: the entity itself (OData standard), honouring `$select` and `$expand`.
 * @example getEntity(service, request, route) // { status: 200, json: { "@odata.context": ..., Id: 1, ... } }
 */
export function getEntity(service: Service, request: ApiRequest, route: EntityRoute): ApiReply {
  const entity = mustGet(service, route.set, route.id);
  const options = parseQuery(route.set, request.query);
  return {
    status: 200,
    json: entityJson(service, request, route.set, entity, options.select, options.expand),
  };
}

/**
 * PATCH by key: merges the body into the entity (read-only fields refused) and answers 200 with the result.
 * @example patchEntity(service, request, route) // { status: 200, json: { ..., Enabled: false } }
 */
export function patchEntity(service: Service, request: ApiRequest, route: EntityRoute): ApiReply {
  const existing = mustGet(service, route.set, route.id);
  if (request.body === undefined)
    throw invalidBody("PATCH needs a JSON object with the properties to change");
  const updated = buildPatched(service.store, route.set, existing, request.body, authorOf(service, request));
  checkPatchQuota(service.store, service.settings, existing, updated);
  service.store.commit([{ op: "put", set: route.set, entity: updated }]);
  return { status: 200, json: entityJson(service, request, route.set, updated, undefined, false) };
}

/**
 * DELETE by key: 204; deleting an alert definition deletes its IOCs in the same commit.
 * @example deleteEntity(service, request, route) // { status: 204 }
 */
export function deleteEntity(service: Service, _request: ApiRequest, route: EntityRoute): ApiReply {
  mustGet(service, route.set, route.id);
  const changes: Change[] = [{ op: "delete", set: route.set, id: route.id }];
  if (route.set === "AlertDefinitions") {
    for (const ioc of iocsOf(service, route.id))
      changes.push({ op: "delete", set: "IndicatorsOfCompromise", id: ioc.Id });
  }
  service.store.commit(changes);
  return { status: 204 };
}

/**
 * The JSON of one entity with `@odata.context` (unless metadata=none), selected and expanded.
 * @example entityJson(service, request, "AlertDefinitions", entity, undefined, false)
 */
export function entityJson(
  service: Service,
  request: ApiRequest,
  set: EntityRoute["set"],
  entity: Entity,
  select: readonly string[] | undefined,
  expand: boolean,
): Record<string, unknown> {
  const json: Record<string, unknown> = request.metadataNone
    ? {}
    : { "@odata.context": `${request.apiBase}/$metadata#${set}/$entity` };
  Object.assign(json, project(entity, select));
  if (expand) json[NAVIGATION[set].name] = expandAll(service, set, [entity])[0];
  return json;
}
