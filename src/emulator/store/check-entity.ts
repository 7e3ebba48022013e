import {
  describeViolation,
  FIELDS_BY_SET,
  isDateTime,
  validateEntity,
  type EntitySetName,
  type Violation,
} from "../../schema/index.js";
import type { Entity } from "./store.js";

/**
 * Why a stored entity (as replayed from a journal) breaks the schema, or undefined when it is sound: exactly the
 * set's properties, writable ones as a create body would have stored them, server ones of their type.
 * @example storedEntityProblem("AlertDefinitions", { Id: 1, Severity: "Hig", ... }) // 'Severity: "Hig" is not one of ...'
 */
export function storedEntityProblem(set: EntitySetName, entity: Entity): string | undefined {
  const facts = FIELDS_BY_SET[set];
  const names = new Set(facts.map((f) => f.name));
  const stray = Object.keys(entity).find((name) => !names.has(name));
  if (stray !== undefined) return `${stray} is not a property of ${set}`;
  const missing = facts.find((f) => !(f.name in entity));
  if (missing) return `${missing.name} is missing`;
  const writable = Object.fromEntries(facts.filter((f) => !f.readOnly).map((f) => [f.name, entity[f.name]]));
  const { body, errors } = validateEntity(set, writable, { mode: "update" });
  const first: Violation | undefined =
    errors[0] ??
    facts
      .filter((f) => !f.readOnly)
      .map(changed(body, entity))
      .find((v) => v !== undefined);
  if (first) return describeViolation(first);
  const server = facts
    .filter((f) => f.readOnly)
    .find((f) => !serverFieldSound(f.edmType, f.nullable, entity[f.name]));
  return server
    ? describeViolation({ field: server.name, value: entity[server.name], rule: "is not valid" })
    : undefined;
}

// A stored value is already canonical; one that validation would rewrite was not written by the emulator.
function changed(body: Record<string, unknown>, entity: Entity) {
  return (fact: { name: string }): Violation | undefined =>
    body[fact.name] === entity[fact.name]
      ? undefined
      : { field: fact.name, value: entity[fact.name], rule: "is not in its stored (canonical) form" };
}

function serverFieldSound(edmType: string, nullable: boolean, value: unknown): boolean {
  if (value === null) return nullable;
  if (edmType === "Edm.Int32") return Number.isSafeInteger(value) && (value as number) > 0;
  if (edmType === "Edm.DateTimeOffset") return isDateTime(value);
  return typeof value === "string";
}
