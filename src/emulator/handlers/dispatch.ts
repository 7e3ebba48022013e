import { countCollection, listCollection } from "./list.js";
import { createEntity, bulkUpload } from "./create.js";
import { deleteEntity, getEntity, patchEntity } from "./entity.js";
import { getMetadata, getServiceDocument } from "./metadata.js";
import { deleteCollection, deleteIocsOf, getNavigation, putAlertDefinitionRef } from "./relations.js";
import type { Service } from "../service.js";
import type { ApiReply, ApiRequest } from "./types.js";

/**
 * Runs the handler for a resolved route and method (the protocol layer has already answered 405 for methods a
 * route does not allow).
 * @example dispatch(service, request) // { status: 200, json: {...} }
 */
export function dispatch(service: Service, request: ApiRequest): ApiReply {
  const { route, method } = request;
  switch (route.kind) {
    case "service":
      return getServiceDocument(request);
    case "metadata":
      return getMetadata();
    case "count":
      return countCollection(service, request, route.set);
    case "bulkUpload":
      return bulkUpload(service, request, route.set);
    case "navigation":
      return getNavigation(service, request, route.set, route.id);
    case "ref":
      return putAlertDefinitionRef(service, request, route.id);
    case "deleteIocs":
      return deleteIocsOf(service, request, route.id);
    case "collection":
      if (method === "POST") return createEntity(service, request, route.set);
      if (method === "DELETE") return deleteCollection(service, request, route.set);
      return listCollection(service, request, route.set);
    case "entity":
      if (method === "PATCH") return patchEntity(service, request, route);
      if (method === "DELETE") return deleteEntity(service, request, route);
      return getEntity(service, request, route);
  }
}
