import type { Category, DetectionFunction, EnumInput, IocType, Severity } from "./enums.js";

/** Fields the service sets on every entity; clients may read them but never write them. */
export interface ServerFields {
  Id: number;
  CreatedAt: string;
  CreatedBy: string;
  LastModifiedAt: string | null;
  LastModifiedBy: string | null;
}

/** An alert definition: the alert metadata shown when any of its IOCs matches. */
export interface AlertDefinition extends ServerFields {
  Name: string;
  Severity: Severity;
  InternalDescription: string | null;
  Title: string;
  UxDescription: string;
  RecommendedAction: string | null;
  Category: Category | (string & {});
  Enabled: boolean;
  /** Present only when the request asked for `$expand=IndicatorsOfCompromise`. */
  IndicatorsOfCompromise?: IndicatorOfCompromise[];
}

/** An indicator of compromise: the detection logic, bound to exactly one alert definition. */
export interface IndicatorOfCompromise extends ServerFields {
  Type: IocType;
  Value: string;
  DetectionFunction: DetectionFunction;
  Enabled: boolean;
  ExpiresAt: string | null;
  /** The Id of the alert definition this IOC belongs to. */
  AlertDefinitionId: number;
  /** Present only when the request asked for `$expand=AlertDefinition`. */
  AlertDefinition?: AlertDefinition;
}

/** What a client sends to create an alert definition. */
export interface AlertDefinitionInput {
  Name: string;
  Severity: EnumInput<Severity>;
  Title: string;
  UxDescription: string;
  Category: Category | (string & {});
  InternalDescription?: string | null;
  RecommendedAction?: string | null;
  Enabled?: boolean;
}

/** What a client sends to create an IOC (the wire form binds it with `AlertDefinition@odata.bind`). */
export interface IocInput {
  Type: EnumInput<IocType>;
  Value: string;
  DetectionFunction: EnumInput<DetectionFunction>;
  Enabled?: boolean;
  ExpiresAt?: string | null;
}

/** The two entity sets of the service. */
export const ENTITY_SETS = ["AlertDefinitions", "IndicatorsOfCompromise"] as const;
export type EntitySetName = (typeof ENTITY_SETS)[number];
