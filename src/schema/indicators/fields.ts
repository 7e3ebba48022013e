import type { FieldFact } from "../fields.js";
import { INDICATOR_ACTIONS, INDICATOR_SEVERITIES, INDICATOR_SOURCE_TYPES, INDICATOR_TYPES } from "./enums.js";

/** What is known about one property of an indicator, beyond the shared field facts. */
export interface IndicatorFieldFact extends FieldFact {
  /** `$filter` may name it (the current list page's property list, D4). */
  readonly filterable: boolean;
  /** A list of strings; a submit body may also give a comma-separated string. */
  readonly collection?: boolean;
}

type Fact = Omit<IndicatorFieldFact, "required" | "readOnly" | "nullable" | "filterable"> &
  Partial<Pick<IndicatorFieldFact, "required" | "readOnly" | "nullable" | "filterable">>;

const DEFAULTS = { required: false, readOnly: false, nullable: true, filterable: false } as const;

/** A fact with its defaults, keeping the literal types of what was given (typed filters read them). */
type Built<F> = Omit<typeof DEFAULTS, keyof F> & F;

function fact<const F extends Fact>(f: F): Built<F> {
  return { ...DEFAULTS, ...f } as Built<F>;
}

const text = <const N extends string, const M extends Partial<Fact> = {}>(name: N, more?: M) =>
  fact({ name, edmType: "Edm.String", ...(more as M) } as { name: N; edmType: "Edm.String" } & M);
const list = <const N extends string, const M extends Partial<Fact> = {}>(name: N, more?: M) =>
  fact({
    name,
    edmType: "Edm.String",
    collection: true,
    nullable: false,
    defaultValue: [],
    ...(more as M),
  } as {
    name: N;
    edmType: "Edm.String";
    collection: true;
    nullable: false;
  } & M);
const server = <
  const N extends string,
  const E extends FieldFact["edmType"],
  const B extends boolean = false,
>(
  name: N,
  edmType: E,
  filterable?: B,
) => fact({ name, edmType, readOnly: true, filterable: (filterable ?? false) as B });

/**
 * Properties of an indicator in wire order: the resource page's (D1), the submit body's (D2) and the ones Part 5
 * accepts beyond them. `id` is writable only to name the indicator a submit updates.
 */
const INDICATOR_FACTS = [
  text("id", { nullable: false }),
  text("indicatorValue", { required: true, nullable: false, filterable: true }),
  text("indicatorType", { required: true, nullable: false, filterable: true, enumValues: INDICATOR_TYPES }),
  text("action", { required: true, nullable: false, filterable: true, enumValues: INDICATOR_ACTIONS }),
  text("application", { filterable: true }),
  server("createdBySource", "Edm.String"),
  fact({ name: "sourceType", edmType: "Edm.String", readOnly: true, enumValues: INDICATOR_SOURCE_TYPES }),
  server("createdBy", "Edm.String", true),
  server("createdByDisplayName", "Edm.String", true),
  text("severity", {
    nullable: false,
    filterable: true,
    enumValues: INDICATOR_SEVERITIES,
    defaultValue: "Informational",
  }),
  text("category"),
  text("title", { required: true, nullable: false, filterable: true }),
  text("description", { required: true, nullable: false }),
  text("recommendedActions"),
  list("rbacGroupNames", { filterable: true }),
  list("rbacGroupIds", { filterable: true }),
  fact({
    name: "generateAlert",
    edmType: "Edm.Boolean",
    nullable: false,
    filterable: true,
    defaultValue: false,
  }),
  server("creationTimeDateTimeUtc", "Edm.DateTimeOffset", true),
  fact({ name: "expirationTime", edmType: "Edm.DateTimeOffset", filterable: true, defaultValue: null }),
  server("lastUpdateTime", "Edm.DateTimeOffset"),
  server("lastUpdatedBy", "Edm.String"),
  text("externalId"),
  list("mitreTechniques"),
  text("educateUrl"),
  fact({ name: "bypassDurationHours", edmType: "Edm.Int32" }),
] as const satisfies readonly IndicatorFieldFact[];

/** The indicator's properties in wire order: see `INDICATOR_FACTS`. */
export const INDICATOR_FIELDS: readonly IndicatorFieldFact[] = INDICATOR_FACTS;

/** The literal facts of the properties `$filter` may name (what `indicators.where` reads). */
export type IndicatorFilterFacts = readonly Extract<
  (typeof INDICATOR_FACTS)[number],
  { readonly filterable: true }
>[];

/** The properties `$filter` may name, in the docs' order of mention. */
export const INDICATOR_FILTER_PROPERTIES: readonly string[] = INDICATOR_FIELDS.filter(
  (f) => f.filterable,
).map((f) => f.name);

/** Required in a submit or import item (D2; names are case-sensitive). */
export const INDICATOR_REQUIRED: readonly string[] = INDICATOR_FIELDS.filter((f) => f.required).map(
  (f) => f.name,
);
