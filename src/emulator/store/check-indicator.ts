import {
  describeViolation,
  INDICATOR_FIELDS,
  isDateTime,
  validateIndicator,
  type IndicatorFieldFact,
  type Violation,
} from "../../schema/index.js";
import type { Entity } from "./store.js";

// The stored indicator keeps the numeric `Id` in place of the wire's `id`.
const STORED = INDICATOR_FIELDS.filter((f) => f.name !== "id");
const NAMES = new Set(["Id", ...STORED.map((f) => f.name)]);
// `application` is writable but kept from the creation (D2), so it is checked as the server's.
const WRITABLE = STORED.filter((f) => !f.readOnly && f.name !== "application");

/**
 * Why a stored indicator (as replayed from a journal) breaks the schema, or undefined when it is sound: exactly
 * the stored properties, the writable ones as a submit would have stored them (Part 5's rules across fields too),
 * the server's of their type. Expiry is not judged against today: an indicator may have expired since.
 * @example storedIndicatorProblem({ Id: 1, severity: "Hig", ... }) // 'severity: "Hig" is not one of ...'
 */
export function storedIndicatorProblem(entity: Entity): string | undefined {
  const stray = Object.keys(entity).find((name) => !NAMES.has(name));
  if (stray !== undefined) return `${stray} is not a property of Indicators`;
  const missing = [...NAMES].find((name) => !(name in entity));
  if (missing !== undefined) return `${missing} is missing`;
  if (!Number.isSafeInteger(entity.Id) || (entity.Id as number) <= 0)
    return describeViolation({ field: "Id", value: entity.Id, rule: "is not valid" });
  // A null optional field is what a submit without it stores; the validator is given it as absent.
  const given = WRITABLE.filter((f) => entity[f.name] !== null || !f.nullable);
  const { body, errors } = validateIndicator(Object.fromEntries(given.map((f) => [f.name, entity[f.name]])), {
    nowMs: Number.NEGATIVE_INFINITY,
  });
  const first: Violation | undefined =
    errors[0] ??
    given
      .filter((f) => JSON.stringify(body[f.name]) !== JSON.stringify(entity[f.name]))
      .map((f) => ({
        field: f.name,
        value: entity[f.name],
        rule: "is not in its stored (canonical) form",
      }))[0];
  if (first) return describeViolation(first);
  const server = STORED.filter((f) => !WRITABLE.includes(f)).find(
    (f) => !serverFieldSound(f, entity[f.name]),
  );
  return server
    ? describeViolation({ field: server.name, value: entity[server.name], rule: "is not valid" })
    : undefined;
}

function serverFieldSound(fact: IndicatorFieldFact, value: unknown): boolean {
  if (value === null) return fact.nullable;
  if (fact.edmType === "Edm.DateTimeOffset") return isDateTime(value);
  if (fact.enumValues) return fact.enumValues.includes(value as string);
  return typeof value === "string";
}
