import {
  FIELDS_BY_SET,
  IOC_BIND_PROPERTY,
  parseAlertDefinitionRef,
  validateEntity,
  type EntitySetName,
  type Violation,
} from "../../schema/index.js";
import { validationFailed } from "../protocol/errors.js";
import type { Entity, Store } from "../store/store.js";

/** Who writes and when: the values of CreatedBy/LastModifiedBy and the timestamps. */
export interface Author {
  readonly by: string;
  readonly at: string;
}

// The earliest docs spell the bind property in the plural; accept it as the same thing.
const PLURAL_BIND = "AlertDefinitions@odata.bind";

/**
 * Validates a create body and builds the stored entity with the given Id, fields in `$metadata` order.
 * Throws a 400 naming field, value and rule (prefixed, for bulk items).
 * @example buildNew(store, "AlertDefinitions", body, 1, { by: appId, at: now }, "")
 */
export function buildNew(
  store: Store,
  set: EntitySetName,
  input: unknown,
  id: number,
  author: Author,
  prefix: string,
): Entity {
  const { body, errors } = validateEntity(set, renameBind(input), { mode: "create" });
  const violations = [...errors];
  const parent = set === "IndicatorsOfCompromise" ? bindTarget(store, body, violations) : undefined;
  if (violations.length > 0) throw validationFailed(violations, prefix, body["Type"] ?? typeOf(input));
  // `body` is validateEntity's fresh object: the server fields go onto it rather than into copies (per bulk item).
  const fields = Object.assign(body, {
    Id: id,
    CreatedAt: author.at,
    CreatedBy: author.by,
    LastModifiedAt: null,
    LastModifiedBy: null,
  });
  if (parent !== undefined) fields["AlertDefinitionId"] = parent;
  return ordered(set, fields);
}

/**
 * Validates a PATCH body against the stored entity and returns the merged entity; read-only fields are refused.
 * @example buildPatched(store, "AlertDefinitions", existing, { Enabled: false }, author)
 */
export function buildPatched(
  store: Store,
  set: EntitySetName,
  existing: Entity,
  input: unknown,
  author: Author,
): Entity {
  const { body, errors } = validateEntity(set, renameBind(input), { mode: "update", existing });
  const fields: Record<string, unknown> = { ...body };
  const violations = [...errors];
  if (set === "IndicatorsOfCompromise" && IOC_BIND_PROPERTY in body) {
    const parent = bindTarget(store, body, violations);
    if (parent !== undefined) fields["AlertDefinitionId"] = parent;
  }
  if (violations.length > 0) throw validationFailed(violations, "", body["Type"] ?? existing["Type"]);
  return ordered(set, { ...existing, ...fields, LastModifiedAt: author.at, LastModifiedBy: author.by });
}

/**
 * The Id of an existing alert definition named by a bind or `@odata.id` value, or a violation pushed.
 * @example resolveParent(store, "AlertDefinitions(1)", "AlertDefinition@odata.bind", violations) // 1
 */
export function resolveParent(
  store: Store,
  ref: unknown,
  field: string,
  violations: Violation[],
): number | undefined {
  const id = parseAlertDefinitionRef(ref);
  if (id === undefined) {
    violations.push({ field, value: ref, rule: "must name an alert definition, e.g. AlertDefinitions(1)" });
    return undefined;
  }
  if (!store.get("AlertDefinitions", id)) {
    violations.push({ field, value: ref, rule: "names an alert definition that does not exist" });
    return undefined;
  }
  return id;
}

function bindTarget(
  store: Store,
  body: Record<string, unknown>,
  violations: Violation[],
): number | undefined {
  if (!(IOC_BIND_PROPERTY in body)) {
    violations.push({ field: IOC_BIND_PROPERTY, value: undefined, rule: "is required" });
    return undefined;
  }
  return resolveParent(store, body[IOC_BIND_PROPERTY], IOC_BIND_PROPERTY, violations);
}

function renameBind(input: unknown): unknown {
  if (typeof input !== "object" || input === null || !(PLURAL_BIND in input) || IOC_BIND_PROPERTY in input) {
    return input;
  }
  const { [PLURAL_BIND]: bind, ...rest } = input as Record<string, unknown>;
  return { ...rest, [IOC_BIND_PROPERTY]: bind };
}

function typeOf(input: unknown): unknown {
  return typeof input === "object" && input !== null ? (input as Record<string, unknown>)["Type"] : undefined;
}

/**
 * Id first, then the documented properties in field-fact order; the bind property is never stored. ExpiresAt is
 * kept in UTC so that `$orderby` on it sorts by time.
 */
function ordered(set: EntitySetName, fields: Record<string, unknown>): Entity {
  const expires = fields["ExpiresAt"];
  if (typeof expires === "string") fields["ExpiresAt"] = new Date(expires).toISOString();
  const entity: Record<string, unknown> = { Id: fields["Id"] };
  for (const fact of FIELDS_BY_SET[set]) {
    if (fact.name !== "Id" && fact.name in fields) entity[fact.name] = fields[fact.name];
  }
  return entity as Entity;
}
