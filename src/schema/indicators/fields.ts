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

function fact(f: Fact): IndicatorFieldFact {
  return { required: false, readOnly: false, nullable: true, filterable: false, ...f };
}

const text = (name: string, more: Partial<Fact> = {}): IndicatorFieldFact =>
  fact({ name, edmType: "Edm.String", ...more });
const list = (name: string, more: Partial<Fact> = {}): IndicatorFieldFact =>
  fact({ name, edmType: "Edm.String", collection: true, nullable: false, defaultValue: [], ...more });
const server = (name: string, edmType: FieldFact["edmType"], filterable = false): IndicatorFieldFact =>
  fact({ name, edmType, readOnly: true, filterable });

/**
 * Properties of an indicator in wire order: the resource page's (D1), the submit body's (D2) and the ones Part 5
 * accepts beyond them. `id` is writable only to name the indicator a submit updates.
 */
export const INDICATOR_FIELDS: readonly IndicatorFieldFact[] = [
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
];

/** The properties `$filter` may name, in the docs' order of mention. */
export const INDICATOR_FILTER_PROPERTIES: readonly string[] = INDICATOR_FIELDS.filter(
  (f) => f.filterable,
).map((f) => f.name);

/** Required in a submit or import item (D2; names are case-sensitive). */
export const INDICATOR_REQUIRED: readonly string[] = INDICATOR_FIELDS.filter((f) => f.required).map(
  (f) => f.name,
);
