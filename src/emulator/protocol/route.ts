import { ENTITY_SETS, INT32_MAX, NAVIGATION, type EntitySetName } from "../../schema/index.js";
import { odataError, pathNotFound } from "./errors.js";

/** A resolved API path (below the version segment). */
export type Route =
  | { readonly kind: "service" }
  | { readonly kind: "metadata" }
  | { readonly kind: "collection"; readonly set: EntitySetName }
  | { readonly kind: "count"; readonly set: EntitySetName }
  | { readonly kind: "bulkUpload"; readonly set: EntitySetName }
  | { readonly kind: "entity"; readonly set: EntitySetName; readonly id: number }
  | { readonly kind: "navigation"; readonly set: EntitySetName; readonly id: number }
  | { readonly kind: "ref"; readonly id: number }
  | { readonly kind: "deleteIocs"; readonly id: number };

/** Methods each route answers; anything else is a 405 with this list in `Allow`. */
export const ALLOWED_METHODS: Readonly<Record<Route["kind"], readonly string[]>> = {
  service: ["GET"],
  metadata: ["GET"],
  collection: ["GET", "POST", "DELETE"],
  count: ["GET"],
  bulkUpload: ["POST"],
  entity: ["GET", "PATCH", "DELETE"],
  navigation: ["GET"],
  ref: ["PUT"],
  deleteIocs: ["POST"],
};

/**
 * Resolves the segments after `/V1.0`; throws 404 NotFound for an unknown path and 400 ODataError for a key that
 * is not an Int32 (`AlertDefinitions('abc')`).
 * @example resolveRoute(["AlertDefinitions(2)"], "/V1.0/AlertDefinitions(2)") // { kind: "entity", set: "AlertDefinitions", id: 2 }
 */
export function resolveRoute(segments: readonly string[], path: string): Route {
  const [first, second, third, fourth, ...rest] = segments;
  if (rest.length > 0 || first === undefined) throw pathNotFound(path);
  if (first === "") return segments.length === 1 ? { kind: "service" } : notFound(path);
  if (first === "$metadata" && second === undefined) return { kind: "metadata" };
  const keyed = /^([A-Za-z]+)\((.*)\)$/s.exec(first);
  const set = asSet(keyed ? keyed[1] : first);
  if (set === undefined) throw pathNotFound(path);
  if (!keyed) {
    if (second === undefined || (second === "" && third === undefined)) return { kind: "collection", set };
    if (third !== undefined) throw pathNotFound(path);
    if (second === "$count") return { kind: "count", set };
    if (second === "Actions.BulkUpload") return { kind: "bulkUpload", set };
    throw pathNotFound(path);
  }
  const id = parseKey(keyed[2] ?? "", set);
  if (second === undefined) return { kind: "entity", set, id };
  if (fourth !== undefined) throw pathNotFound(path);
  if (set === "AlertDefinitions" && second === "Actions.DeleteIOCs" && third === undefined)
    return { kind: "deleteIocs", id };
  if (second !== NAVIGATION[set].name) throw pathNotFound(path);
  if (third === undefined) return { kind: "navigation", set, id };
  if (third === "$ref" && set === "IndicatorsOfCompromise") return { kind: "ref", id };
  throw pathNotFound(path);
}

function notFound(path: string): never {
  throw pathNotFound(path);
}

function asSet(name: string | undefined): EntitySetName | undefined {
  return (ENTITY_SETS as readonly (string | undefined)[]).includes(name)
    ? (name as EntitySetName)
    : undefined;
}

/** Accepts `(1)` and `(Id=1)`; the key type is Edm.Int32. */
function parseKey(text: string, set: EntitySetName): number {
  const match = /^\s*(?:Id\s*=\s*)?(-?\d{1,12})\s*$/.exec(text);
  const id = match ? Number(match[1]) : Number.NaN;
  if (!Number.isInteger(id) || Math.abs(id) > INT32_MAX) {
    throw odataError(`The key of ${set} is an integer (Edm.Int32), e.g. ${set}(1); got (${text})`);
  }
  return id;
}

/**
 * A short label for stats: method plus the route with the key abstracted, e.g. `GET AlertDefinitions(id)`.
 * @example routeLabel("GET", { kind: "entity", set: "AlertDefinitions", id: 2 }) // "GET AlertDefinitions(id)"
 */
export function routeLabel(method: string, route: Route): string {
  switch (route.kind) {
    case "service":
      return `${method} /`;
    case "metadata":
      return `${method} $metadata`;
    case "collection":
      return `${method} ${route.set}`;
    case "count":
      return `${method} ${route.set}/$count`;
    case "bulkUpload":
      return `${method} ${route.set}/Actions.BulkUpload`;
    case "entity":
      return `${method} ${route.set}(id)`;
    case "navigation":
      return `${method} ${route.set}(id)/${NAVIGATION[route.set].name}`;
    case "ref":
      return `${method} IndicatorsOfCompromise(id)/AlertDefinition/$ref`;
    case "deleteIocs":
      return `${method} AlertDefinitions(id)/Actions.DeleteIOCs`;
  }
}
