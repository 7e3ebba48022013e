import { ValidationError } from "../errors/index.js";

/** A value a filter compares with: strings are quoted (with `'` doubled), dates written as ISO date-times. */
export type FilterValue = string | number | boolean | Date | null;

const FILTER = Symbol.for("ti-console.Filter");

/** An OData `$filter` expression built by {@link where}; `String(filter)` is the OData text. */
export interface Filter {
  readonly [FILTER]: true;
  toString(): string;
}

function filter(text: string): Filter {
  return { [FILTER]: true, toString: () => text, toJSON: () => text } as Filter;
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

function field(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/.test(name)) return name;
  const rule = "is not a property name (letters, digits and _, e.g. Severity)";
  throw new ValidationError(`${JSON.stringify(name)} ${rule}`, [{ field: "filter", value: name, rule }]);
}

/** The properties of `T` a filter can compare (scalar ones: not navigation arrays or objects). */
export type FilterField<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends Exclude<FilterValue, null> ? K : never;
}[keyof T] &
  string;

/** What a property of `T` may be compared with: its own type, null, and a Date for string (date-time) fields. */
export type FilterOperand<T, K extends keyof T> =
  NonNullable<T[K]> | null | (NonNullable<T[K]> extends string ? Date : never);

/** The filter helper, typed by the entity it filters (field names and values are checked by the compiler). */
export interface WhereHelper<T> {
  eq<K extends FilterField<T>>(field: K, value: FilterOperand<T, K>): Filter;
  ne<K extends FilterField<T>>(field: K, value: FilterOperand<T, K>): Filter;
  gt<K extends FilterField<T>>(field: K, value: FilterOperand<T, K>): Filter;
  ge<K extends FilterField<T>>(field: K, value: FilterOperand<T, K>): Filter;
  lt<K extends FilterField<T>>(field: K, value: FilterOperand<T, K>): Filter;
  le<K extends FilterField<T>>(field: K, value: FilterOperand<T, K>): Filter;
  /** `Field in ('a','b')`. */
  in<K extends FilterField<T>>(field: K, values: readonly FilterOperand<T, K>[]): Filter;
  contains(field: FilterField<T>, text: string): Filter;
  startsWith(field: FilterField<T>, text: string): Filter;
  endsWith(field: FilterField<T>, text: string): Filter;
  /** Every part must hold; each part is parenthesised. */
  and(...parts: (Filter | string)[]): Filter;
  or(...parts: (Filter | string)[]): Filter;
  not(part: Filter | string): Filter;
}

const compare = (op: string) => (name: string, value: FilterValue) =>
  filter(`${field(name)} ${op} ${literal(value)}`);
const call = (fn: string) => (name: string, text: string) => filter(`${fn}(${field(name)},${literal(text)})`);
const join = (op: "and" | "or", parts: readonly (Filter | string)[]): Filter =>
  filter(parts.length === 1 ? String(parts[0]) : parts.map((p) => `(${String(p)})`).join(` ${op} `));

/**
 * Builds `$filter` expressions without hand-quoting; raw strings still work anywhere a filter is accepted.
 * Untyped (any field name); `alerts.where` and `iocs.where` are the same helper typed by their entity.
 * @example where.and(where.eq("Severity", "High"), where.contains("Title", "o'clock"))
 */
export const where: WhereHelper<Record<string, FilterValue>> = {
  eq: compare("eq"),
  ne: compare("ne"),
  gt: compare("gt"),
  ge: compare("ge"),
  lt: compare("lt"),
  le: compare("le"),
  in: (name, values) => {
    if (values.length > 0) return filter(`${field(name)} in (${values.map(literal).join(",")})`);
    const rule = "needs at least one value";
    throw new ValidationError(`in(${name}) ${rule}`, [{ field: "filter", value: name, rule }]);
  },
  contains: call("contains"),
  startsWith: call("startswith"),
  endsWith: call("endswith"),
  and: (...parts) => join("and", parts),
  or: (...parts) => join("or", parts),
  not: (part) => filter(`not (${String(part)})`),
};

/**
 * The filter helper typed for entity `T`.
 * @example const w = whereFor<AlertDefinition>(); w.eq("Severity", "High")
 */
export function whereFor<T>(): WhereHelper<T> {
  return where as unknown as WhereHelper<T>;
}

/**
 * True for a value built by {@link where}.
 * @example isFilter(where.eq("Id", 1)) // true
 */
export function isFilter(value: unknown): value is Filter {
  return typeof value === "object" && value !== null && FILTER in value;
}
