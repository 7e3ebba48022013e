import { CATEGORIES, DETECTION_FUNCTIONS, IOC_TYPES, SEVERITIES } from "./enums.js";
import type { EntitySetName } from "./entities.js";

/** The EDM type of a property, as `$metadata` publishes it. */
/** The range of an `Edm.Int32` value (Ids and other whole numbers): what client and emulator both check. */
export const INT32_MIN = -2_147_483_648;
/** See {@link INT32_MIN}. */
export const INT32_MAX = 2_147_483_647;

export type EdmType = "Edm.Int32" | "Edm.String" | "Edm.Boolean" | "Edm.DateTimeOffset";

/** What is known about one property of an entity type. */
export interface FieldFact {
  readonly name: string;
  readonly edmType: EdmType;
  /** Must be present on create. */
  readonly required: boolean;
  /** Set by the service; refused in create and update bodies. */
  readonly readOnly: boolean;
  readonly nullable: boolean;
  readonly maxLength?: number;
  /** The enum the value must belong to (matched without regard to case). */
  readonly enumValues?: readonly string[];
  /** An unknown enum value is a warning, not an error (Category: the real list is unpublished). */
  readonly enumIsOpen?: boolean;
  /** Value given when a create body leaves the field out. */
  readonly defaultValue?: unknown;
}

const SERVER_FIELDS = [
  { name: "Id", edmType: "Edm.Int32", required: false, readOnly: true, nullable: false },
  { name: "CreatedAt", edmType: "Edm.DateTimeOffset", required: false, readOnly: true, nullable: false },
  { name: "CreatedBy", edmType: "Edm.String", required: false, readOnly: true, nullable: false },
  { name: "LastModifiedAt", edmType: "Edm.DateTimeOffset", required: false, readOnly: true, nullable: true },
  { name: "LastModifiedBy", edmType: "Edm.String", required: false, readOnly: true, nullable: true },
] as const satisfies readonly FieldFact[];

// The tables keep their literal types (`as const`) so that typed filters can read each field's EDM type.
const ALERT_DEFINITION_FACTS = [
  { name: "Name", edmType: "Edm.String", required: true, readOnly: false, nullable: false, maxLength: 100 },
  {
    name: "Severity",
    edmType: "Edm.String",
    required: true,
    readOnly: false,
    nullable: false,
    enumValues: SEVERITIES,
  },
  {
    name: "InternalDescription",
    edmType: "Edm.String",
    required: false,
    readOnly: false,
    nullable: true,
    maxLength: 350,
  },
  { name: "Title", edmType: "Edm.String", required: true, readOnly: false, nullable: false, maxLength: 120 },
  {
    name: "UxDescription",
    edmType: "Edm.String",
    required: true,
    readOnly: false,
    nullable: false,
    maxLength: 500,
  },
  {
    name: "RecommendedAction",
    edmType: "Edm.String",
    required: false,
    readOnly: false,
    nullable: true,
    maxLength: 2000,
  },
  {
    name: "Category",
    edmType: "Edm.String",
    required: true,
    readOnly: false,
    nullable: false,
    enumValues: CATEGORIES,
    enumIsOpen: true,
  },
  {
    name: "Enabled",
    edmType: "Edm.Boolean",
    required: false,
    readOnly: false,
    nullable: false,
    defaultValue: true,
  },
  ...SERVER_FIELDS,
] as const satisfies readonly FieldFact[];

/** The alert definition's field facts with their literal types (what `alerts.where` is typed from). */
export type AlertDefinitionFacts = typeof ALERT_DEFINITION_FACTS;

/** Properties of an alert definition; max lengths from the docs, required set from ti-api.md Part 4. */
export const ALERT_DEFINITION_FIELDS: readonly FieldFact[] = ALERT_DEFINITION_FACTS;

/** Longest IOC value accepted: a host name is at most 253 characters; the docs are silent, so leave headroom. */
export const MAX_IOC_VALUE_LENGTH = 256;

const IOC_FACTS = [
  {
    name: "Type",
    edmType: "Edm.String",
    required: true,
    readOnly: false,
    nullable: false,
    enumValues: IOC_TYPES,
  },
  {
    name: "Value",
    edmType: "Edm.String",
    required: true,
    readOnly: false,
    nullable: false,
    maxLength: MAX_IOC_VALUE_LENGTH,
  },
  {
    name: "DetectionFunction",
    edmType: "Edm.String",
    required: true,
    readOnly: false,
    nullable: false,
    enumValues: DETECTION_FUNCTIONS,
  },
  {
    name: "Enabled",
    edmType: "Edm.Boolean",
    required: false,
    readOnly: false,
    nullable: false,
    defaultValue: true,
  },
  { name: "ExpiresAt", edmType: "Edm.DateTimeOffset", required: false, readOnly: false, nullable: true },
  { name: "AlertDefinitionId", edmType: "Edm.Int32", required: false, readOnly: true, nullable: false },
  ...SERVER_FIELDS,
] as const satisfies readonly FieldFact[];

/** The IOC's field facts with their literal types (what `iocs.where` is typed from). */
export type IocFacts = typeof IOC_FACTS;

/** Properties of an IOC. `AlertDefinitionId` is the read-only foreign key; writes bind with `AlertDefinition@odata.bind`. */
export const IOC_FIELDS: readonly FieldFact[] = IOC_FACTS;

const FACTS_BY_SET = { AlertDefinitions: ALERT_DEFINITION_FACTS, IndicatorsOfCompromise: IOC_FACTS } as const;

/** The literal field-facts type of each entity set (what the sets' typed filters read). */
export type FactsBySet = typeof FACTS_BY_SET;

/** Field facts by entity set. */
export const FIELDS_BY_SET: Readonly<Record<EntitySetName, readonly FieldFact[]>> = FACTS_BY_SET;

/** Navigation properties: an alert definition's IOCs, an IOC's alert definition. */
export const NAVIGATION = {
  AlertDefinitions: { name: "IndicatorsOfCompromise", target: "IndicatorsOfCompromise", many: true },
  IndicatorsOfCompromise: { name: "AlertDefinition", target: "AlertDefinitions", many: false },
} as const;

/** The write-only property that binds an IOC to its alert definition. */
export const IOC_BIND_PROPERTY = "AlertDefinition@odata.bind";

/** Documented ceiling of one Actions.BulkUpload call. */
export const BULK_UPLOAD_MAX = 5000;

/** The array property of an Actions.BulkUpload body per set, as the docs name it: `{"iocs": [...]}`. */
export const BULK_UPLOAD_BODY_KEY: Readonly<Record<EntitySetName, string>> = {
  AlertDefinitions: "alertDefinitions",
  IndicatorsOfCompromise: "iocs",
};
