import type { EntitySetName, Violation } from "../../schema/index.js";
import { resolveParent } from "../model/build.js";
import { invalidBody, validationFailed } from "../protocol/errors.js";
import type { Service } from "../service.js";
import type { Change } from "../store/store.js";
import { authorOf, entityJson, mustGet } from "./entity.js";
import { iocsOf } from "./expand.js";
import { listCollection } from "./list.js";
import type { ApiReply, ApiRequest } from "./types.js";

/**
 * PUT IndicatorsOfCompromise(id)/AlertDefinition/$ref with `{"@odata.id": ".../AlertDefinitions(6)"}`: re-parents
 * the IOC; 204.
 * @example putAlertDefinitionRef(service, request, 3) // { status: 204 }
 */
export function putAlertDefinitionRef(service: Service, request: ApiRequest, id: number): ApiReply {
  const ioc = mustGet(service, "IndicatorsOfCompromise", id);
  const body = request.body;
  if (typeof body !== "object" || body === null || !("@odata.id" in body)) {
    throw invalidBody('The body must be {"@odata.id": "<service root>/AlertDefinitions(<id>)"}');
  }
  const violations: Violation[] = [];
  const parent = resolveParent(
    service.store,
    (body as Record<string, unknown>)["@odata.id"],
    "@odata.id",
    violations,
  );
  if (parent === undefined) throw validationFailed(violations);
  const { at, by } = authorOf(service, request);
  const entity = { ...ioc, AlertDefinitionId: parent, LastModifiedAt: at, LastModifiedBy: by };
  service.store.commit([{ op: "put", set: "IndicatorsOfCompromise", entity }]);
  return { status: 204 };
}

/**
 * POST AlertDefinitions(id)/Actions.DeleteIOCs: deletes the definition's IOCs and keeps it; 204. The body is
 * ignored (clients send none, or an empty one with Content-Type: application/json).
 * @example deleteIocsOf(service, request, 1) // { status: 204 }
 */
export function deleteIocsOf(service: Service, _request: ApiRequest, id: number): ApiReply {
  mustGet(service, "AlertDefinitions", id);
  service.store.commit(
    iocsOf(service, id).map((ioc) => ({ op: "delete", set: "IndicatorsOfCompromise", id: ioc.Id })),
  );
  return { status: 204 };
}

/**
 * DELETE on a collection: deletes every entity of the set (for alert definitions, every IOC too); 204.
 * @example deleteCollection(service, request, "IndicatorsOfCompromise") // { status: 204 }
 */
export function deleteCollection(service: Service, _request: ApiRequest, set: EntitySetName): ApiReply {
  const sets: EntitySetName[] =
    set === "AlertDefinitions" ? ["IndicatorsOfCompromise", "AlertDefinitions"] : [set];
  const changes: Change[] = [];
  for (const s of sets)
    for (const e of service.store.all(s)) changes.push({ op: "delete", set: s, id: e.Id });
  service.store.commit(changes);
  return { status: 204 };
}

/**
 * GET on a navigation property: an alert definition's IOCs (a collection, with the usual query options) or an
 * IOC's alert definition (one entity).
 * @example getNavigation(service, request, "AlertDefinitions", 1) // { status: 200, json: { value: [...] } }
 */
export function getNavigation(
  service: Service,
  request: ApiRequest,
  set: EntitySetName,
  id: number,
): ApiReply {
  const entity = mustGet(service, set, id);
  if (set === "AlertDefinitions")
    return listCollection(service, request, "IndicatorsOfCompromise", iocsOf(service, id));
  const parent = mustGet(service, "AlertDefinitions", entity["AlertDefinitionId"] as number);
  return { status: 200, json: entityJson(service, request, "AlertDefinitions", parent, undefined, false) };
}
