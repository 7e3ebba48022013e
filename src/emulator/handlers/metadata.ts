import {
  BULK_UPLOAD_BODY_KEY,
  ENTITY_SETS,
  FIELDS_BY_SET,
  NAVIGATION,
  type EntitySetName,
  type FieldFact,
} from "../../schema/index.js";
import type { ApiReply, ApiRequest } from "./types.js";

const NS = "Microsoft.SecurityCenter.ThreatIntelligence";
const TYPE_NAME: Readonly<Record<EntitySetName, string>> = {
  AlertDefinitions: "AlertDefinition",
  IndicatorsOfCompromise: "IndicatorOfCompromise",
};
// Enum-valued properties publish their own enum type, named after the property.
const ENUM_PROPERTIES = ["Severity", "Category", "Type", "DetectionFunction"] as const;

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function enumTypes(): string[] {
  const facts = ENTITY_SETS.flatMap((set) => FIELDS_BY_SET[set]);
  return ENUM_PROPERTIES.map((name) => {
    const values = facts.find((f) => f.name === name)?.enumValues ?? [];
    const members = values.map((v, i) => `<Member Name="${xmlEscape(v)}" Value="${i}"/>`).join("");
    return `<EnumType Name="${name === "Type" ? "IocType" : name}">${members}</EnumType>`;
  });
}

function property(fact: FieldFact): string {
  const enumName = fact.name === "Type" ? "IocType" : fact.name;
  const type = fact.enumValues ? `${NS}.${enumName}` : fact.edmType;
  const maxLength = fact.maxLength === undefined ? "" : ` MaxLength="${fact.maxLength}"`;
  return `<Property Name="${fact.name}" Type="${type}" Nullable="${fact.nullable}"${maxLength}/>`;
}

function entityType(set: EntitySetName): string {
  const nav = NAVIGATION[set];
  const target = `${NS}.${TYPE_NAME[nav.target]}`;
  const partner = NAVIGATION[nav.target].name;
  const navType = nav.many ? `Collection(${target})` : target;
  const nullable = nav.many ? "" : ` Nullable="false"`;
  return (
    `<EntityType Name="${TYPE_NAME[set]}"><Key><PropertyRef Name="Id"/></Key>` +
    FIELDS_BY_SET[set].map(property).join("") +
    `<NavigationProperty Name="${nav.name}" Type="${navType}" Partner="${partner}"${nullable}/></EntityType>`
  );
}

function actions(): string {
  const bulk = ENTITY_SETS.map((set) => {
    const type = `Collection(${NS}.${TYPE_NAME[set]})`;
    const param = BULK_UPLOAD_BODY_KEY[set];
    return (
      `<Action Name="BulkUpload" IsBound="true"><Parameter Name="bindingParameter" Type="${type}"/>` +
      `<Parameter Name="${param}" Type="${type}"/><ReturnType Type="${type}"/></Action>`
    );
  });
  const deleteIocs = `<Action Name="DeleteIOCs" IsBound="true"><Parameter Name="bindingParameter" Type="${NS}.AlertDefinition"/></Action>`;
  return `<Schema Namespace="Actions" xmlns="http://docs.oasis-open.org/odata/ns/edm">${bulk.join("")}${deleteIocs}</Schema>`;
}

function container(): string {
  const sets = ENTITY_SETS.map((set) => {
    const nav = NAVIGATION[set];
    return `<EntitySet Name="${set}" EntityType="${NS}.${TYPE_NAME[set]}"><NavigationPropertyBinding Path="${nav.name}" Target="${nav.target}"/></EntitySet>`;
  });
  return `<EntityContainer Name="ThreatIntelligenceService">${sets.join("")}</EntityContainer>`;
}

/**
 * The CSDL `$metadata` document (XML), generated from the schema's field facts: both entity types with max lengths
 * and nullability, the four enums, the navigation between the types, and the two bound actions.
 * @example metadataDocument() // "<?xml version=\"1.0\" ..."
 */
export function metadataDocument(): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>` +
    `<Schema Namespace="${NS}" xmlns="http://docs.oasis-open.org/odata/ns/edm">` +
    enumTypes().join("") +
    ENTITY_SETS.map(entityType).join("") +
    container() +
    `</Schema>${actions()}</edmx:DataServices></edmx:Edmx>\n`
  );
}

/** GET /V1.0/$metadata. */
export function getMetadata(): ApiReply {
  return { status: 200, text: metadataDocument(), contentType: "application/xml; charset=utf-8" };
}

/**
 * GET /V1.0/: the OData service document listing both entity sets.
 * @example getServiceDocument(request).json.value[0].name // "AlertDefinitions"
 */
export function getServiceDocument(request: ApiRequest): ApiReply {
  return {
    status: 200,
    json: {
      "@odata.context": `${request.apiBase}/$metadata`,
      value: ENTITY_SETS.map((name) => ({ name, kind: "EntitySet", url: name })),
    },
  };
}
