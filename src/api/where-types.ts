import type { Filter } from "../http/index.js";
import type { FieldFact } from "../schema/index.js";

/** An ISO 8601 date-time as a string type (`2030-01-31T00:00:00Z`); the full rule is checked at run time. */
export type IsoDateTime = `${number}-${number}-${number}T${string}`;

/** What a non-null operand of field fact `F` is: from its EDM type, and an enum's values as a literal union. */
export type OperandOf<F extends FieldFact> = F["edmType"] extends "Edm.DateTimeOffset"
  ? Date | IsoDateTime
  : F["edmType"] extends "Edm.Int32"
    ? number
    : F["edmType"] extends "Edm.Boolean"
      ? boolean
      : F extends { readonly enumValues: readonly (infer E extends string)[] }
        ? F extends { readonly enumIsOpen: true }
          ? E | (string & {})
          : E
        : string;

/** The operand table of a facts table: each field's name to its operand type (null too when nullable). */
export type Operands<Facts extends readonly FieldFact[]> = {
  [F in Facts[number] as F["name"]]: OperandOf<F> | (F["nullable"] extends true ? null : never);
};

type Named<Facts extends readonly FieldFact[]> = Facts[number]["name"];

/** The fields `gt ge lt le` apply to: every one but the booleans (OData does not order them). */
export type OrderedField<Facts extends readonly FieldFact[]> = Exclude<
  Facts[number],
  { readonly edmType: "Edm.Boolean" }
>["name"];

/** The fields `contains`, `startsWith` and `endsWith` apply to: the strings. */
export type TextField<Facts extends readonly FieldFact[]> = Extract<
  Facts[number],
  { readonly edmType: "Edm.String" }
>["name"];

/**
 * The filter helper of an entity set, typed from its field facts: field names, and each operand as its field's
 * EDM type (date-times as a Date or an ISO string, written unquoted; enums as their values; numbers; booleans).
 */
export interface FieldWhere<Facts extends readonly FieldFact[]> {
  eq<K extends Named<Facts>>(field: K, value: Operands<Facts>[K]): Filter;
  ne<K extends Named<Facts>>(field: K, value: Operands<Facts>[K]): Filter;
  gt<K extends OrderedField<Facts>>(field: K, value: NonNullable<Operands<Facts>[K]>): Filter;
  ge<K extends OrderedField<Facts>>(field: K, value: NonNullable<Operands<Facts>[K]>): Filter;
  lt<K extends OrderedField<Facts>>(field: K, value: NonNullable<Operands<Facts>[K]>): Filter;
  le<K extends OrderedField<Facts>>(field: K, value: NonNullable<Operands<Facts>[K]>): Filter;
  /** `Field in ('a','b')`; at least one value. */
  in<K extends Named<Facts>>(field: K, values: readonly Operands<Facts>[K][]): Filter;
  contains(field: TextField<Facts>, text: string): Filter;
  startsWith(field: TextField<Facts>, text: string): Filter;
  endsWith(field: TextField<Facts>, text: string): Filter;
  /** Every part must hold; each part is parenthesised. */
  and(...parts: (Filter | string)[]): Filter;
  or(...parts: (Filter | string)[]): Filter;
  not(part: Filter | string): Filter;
}
