import { ValidationError } from "../errors/index.js";
import {
  comparison,
  literal,
  membership,
  where,
  type ComparisonOperator,
  type Filter,
} from "../http/index.js";
import {
  boundedValue,
  dateTimeRule,
  previewValue,
  FIELDS_BY_SET,
  INDICATOR_FIELDS,
  INT32_MAX,
  INT32_MIN,
  type EntitySetName,
  type FactsBySet,
  type FieldFact,
  type IndicatorFilterFacts,
} from "../schema/index.js";
import type { FieldWhere } from "./where-types.js";

export type { FieldWhere, IsoDateTime, Operands } from "./where-types.js";

function refuse(field: string, value: unknown, rule: string): never {
  const shown = value instanceof Date ? String(value) : previewValue(value);
  throw new ValidationError(`where: ${field} ${shown} ${rule}`, [
    { field, value: boundedValue(value), rule },
  ]);
}

/** The OData literal of a non-null `value` for `fact`'s EDM type, or a ValidationError naming the rule. */
function render(fact: FieldFact, value: unknown): string {
  const name = fact.name;
  switch (fact.edmType) {
    case "Edm.DateTimeOffset": {
      // A string is written as given (its offset and 7 fraction digits kept); a Date in UTC.
      if (value instanceof Date) {
        const iso = Number.isFinite(value.getTime()) ? value.toISOString() : undefined;
        if (iso === undefined || dateTimeRule(iso) !== undefined)
          refuse(name, value, "must be a valid date in the years 0001 to 9999");
        return iso;
      }
      const rule = dateTimeRule(value);
      if (rule !== undefined) refuse(name, value, rule);
      return value as string;
    }
    case "Edm.Int32":
      if (typeof value !== "number" || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX)
        refuse(name, value, `must be a whole number from ${INT32_MIN} to ${INT32_MAX}`);
      return literal(value);
    case "Edm.Boolean":
      if (typeof value !== "boolean") refuse(name, value, "must be true or false");
      return literal(value);
    case "Edm.String":
      if (typeof value !== "string") refuse(name, value, "must be a string");
      if (fact.enumValues && !fact.enumIsOpen && !fact.enumValues.includes(value))
        refuse(name, value, `must be one of ${fact.enumValues.join(", ")}`);
      return literal(value);
  }
}

/** The operand of `op` as a literal: null only for a nullable field and only with eq and ne (or in). */
function operand(fact: FieldFact, op: ComparisonOperator | "in", value: unknown): string {
  if (value !== null) return render(fact, value);
  if (!fact.nullable) refuse(fact.name, value, "is never null, so it cannot be compared with null");
  if (op !== "eq" && op !== "ne" && op !== "in")
    refuse(fact.name, value, `null cannot be ordered (${op}); use eq or ne`);
  return "null";
}

/**
 * The filter helper over one set of field facts: checks each field name and operand at run time (as
 * {@link FieldWhere} does at compile time) and writes each operand as its field's EDM type.
 * @example String(fieldWhere("IndicatorsOfCompromise", IOC_FIELDS).lt("ExpiresAt", "2030-01-01T00:00:00Z"))
 */
function fieldWhere(source: string, facts: readonly FieldFact[]): FieldWhere<readonly FieldFact[]> {
  const factOf = (name: string): FieldFact =>
    facts.find((f) => f.name === name) ?? refuse(name, name, `is not a property of ${source}`);
  const compare =
    (op: ComparisonOperator) =>
    (name: string, value: unknown): Filter => {
      const fact = factOf(name);
      if (op !== "eq" && op !== "ne" && fact.edmType === "Edm.Boolean")
        refuse(name, value, `booleans cannot be ordered (${op}); use eq or ne`);
      return comparison(name, op, operand(fact, op, value));
    };
  const text =
    (fn: "contains" | "startsWith" | "endsWith") =>
    (name: string, value: string): Filter => {
      if (factOf(name).edmType !== "Edm.String") refuse(name, value, `${fn} needs a string property`);
      if (typeof value !== "string") refuse(name, value, `${fn} needs a string to look for`);
      return where[fn](name, value);
    };
  return {
    eq: compare("eq"),
    ne: compare("ne"),
    gt: compare("gt"),
    ge: compare("ge"),
    lt: compare("lt"),
    le: compare("le"),
    in: (name, values) => {
      const fact = factOf(name);
      return membership(
        name,
        values.map((v) => operand(fact, "in", v)),
      );
    },
    contains: text("contains"),
    startsWith: text("startsWith"),
    endsWith: text("endsWith"),
    and: where.and,
    or: where.or,
    not: where.not,
  };
}

/**
 * The typed filter helper of entity set `set` (what `alerts.where` and `iocs.where` are).
 * @example setWhere("IndicatorsOfCompromise").lt("ExpiresAt", new Date()) // ExpiresAt lt 2026-...Z
 */
export function setWhere<S extends EntitySetName>(set: S): FieldWhere<FactsBySet[S]> {
  // FIELDS_BY_SET[set] is the FactsBySet[S] table, exported with its element type widened.
  return fieldWhere(set, FIELDS_BY_SET[set]) as unknown as FieldWhere<FactsBySet[S]>;
}

/**
 * The typed filter helper of the Indicators API (what `indicators.where` is): only the properties its `$filter`
 * may name, each operand as its type (enums as their values, `generateAlert` a boolean, times as dates).
 * @example String(indicatorsWhere().eq("action", "Block")) // action eq 'Block'
 */
export function indicatorsWhere(): FieldWhere<IndicatorFilterFacts> {
  const filterable = INDICATOR_FIELDS.filter((f) => f.filterable);
  const source = `the Indicators API's $filter (filterable: ${filterable.map((f) => f.name).join(", ")})`;
  // The runtime facts are the IndicatorFilterFacts table, exported with its element type widened.
  return fieldWhere(source, filterable) as unknown as FieldWhere<IndicatorFilterFacts>;
}
