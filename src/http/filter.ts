import { ValidationError } from "../errors/index.js";

/** A value a filter compares with: strings are quoted (with `'` doubled), dates written as ISO date-times. */
export type FilterValue = string | number | boolean | Date | null;

const FILTER = Symbol.for("ti-console.Filter");

/** An OData `$filter` expression built by {@link where}; `String(filter)` is the OData text. */
export interface Filter {
  readonly [FILTER]: true;
  toString(): string;
}

// The key util.inspect documents for custom output (`util.inspect.custom`), without importing node:util.
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

function filter(text: string): Filter {
  // The console and notebooks print it as its OData text: `[Filter: Type eq 'Md5']`.
  return {
    [FILTER]: true,
    toString: () => text,
    toJSON: () => text,
    [INSPECT]: () => `[Filter: ${text}]`,
  } as Filter;
}

/**
 * An OData literal for `value`.
 * @example literal("O'Brien") // "'O''Brien'"
 */
export function literal(value: FilterValue): string {
  if (value === null) return "null";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new ValidationError(`${value} is not a finite number`, [
      { field: "filter", value, rule: "must be finite" },
    ]);
  }
  return String(value);
}

/**
 * A property name checked to be one (letters, digits, `_`, `/` paths), so that it cannot inject an expression.
 * @example propertyName("Severity") // "Severity"
 */
export function propertyName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/.test(name)) return name;
  const rule = "is not a property name (letters, digits and _, e.g. Severity)";
  throw new ValidationError(`${JSON.stringify(name)} ${rule}`, [{ field: "filter", value: name, rule }]);
}

/** The comparison operators of `$filter`. */
export type ComparisonOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

/**
 * `name op literalText`, the literal already written in OData form (as {@link literal} or a typed helper writes it).
 * @example String(comparison("ExpiresAt", "lt", "2030-01-01T00:00:00Z")) // "ExpiresAt lt 2030-01-01T00:00:00Z"
 */
export function comparison(name: string, op: ComparisonOperator, literalText: string): Filter {
  return filter(`${propertyName(name)} ${op} ${literalText}`);
}

/**
 * `name in (l1,l2)` from literals already in OData form; an empty list is refused (OData cannot express it).
 * @example String(membership("Severity", ["'High'"])) // "Severity in ('High')"
 */
export function membership(name: string, literalTexts: readonly string[]): Filter {
  if (literalTexts.length > 0) return filter(`${propertyName(name)} in (${literalTexts.join(",")})`);
  const rule = "needs at least one value";
  throw new ValidationError(`in(${name}) ${rule}`, [{ field: name, value: [], rule }]);
}

/** The untyped filter helper: any property name, any {@link FilterValue}. */
export interface WhereHelper {
  eq(field: string, value: FilterValue): Filter;
  ne(field: string, value: FilterValue): Filter;
  gt(field: string, value: FilterValue): Filter;
  ge(field: string, value: FilterValue): Filter;
  lt(field: string, value: FilterValue): Filter;
  le(field: string, value: FilterValue): Filter;
  /** `Field in ('a','b')`. */
  in(field: string, values: readonly FilterValue[]): Filter;
  contains(field: string, text: string): Filter;
  startsWith(field: string, text: string): Filter;
  endsWith(field: string, text: string): Filter;
  /** Every part must hold; each part is parenthesised. */
  and(...parts: (Filter | string)[]): Filter;
  or(...parts: (Filter | string)[]): Filter;
  not(part: Filter | string): Filter;
}

const compare = (op: ComparisonOperator) => (name: string, value: FilterValue) =>
  comparison(name, op, literal(value));
const call = (fn: string) => (name: string, text: string) =>
  filter(`${fn}(${propertyName(name)},${literal(text)})`);
const join = (op: "and" | "or", parts: readonly (Filter | string)[]): Filter =>
  filter(parts.length === 1 ? String(parts[0]) : parts.map((p) => `(${String(p)})`).join(` ${op} `));

/**
 * Builds `$filter` expressions without hand-quoting; raw strings still work anywhere a filter is accepted.
 * Untyped: it writes a string quoted whatever the field, so a date-time given as a string needs a Date here;
 * `alerts.where` and `iocs.where` are typed from the field facts and write each operand as its field's type.
 * @example where.and(where.eq("Severity", "High"), where.contains("Title", "o'clock"))
 */
export const where: WhereHelper = {
  eq: compare("eq"),
  ne: compare("ne"),
  gt: compare("gt"),
  ge: compare("ge"),
  lt: compare("lt"),
  le: compare("le"),
  in: (name, values) => membership(name, values.map(literal)),
  contains: call("contains"),
  startsWith: call("startswith"),
  endsWith: call("endswith"),
  and: (...parts) => join("and", parts),
  or: (...parts) => join("or", parts),
  not: (part) => filter(`not (${String(part)})`),
};

/**
 * True for a value built by {@link where}.
 * @example isFilter(where.eq("Id", 1)) // true
 */
export function isFilter(value: unknown): value is Filter {
  return typeof value === "object" && value !== null && FILTER in value;
}
