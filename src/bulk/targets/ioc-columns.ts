const ALIASES: Readonly<Record<string, string>> = {
  type: "Type",
  value: "Value",
  detectionfunction: "DetectionFunction",
  enabled: "Enabled",
  expiresat: "ExpiresAt",
  alert: "alert",
  alertid: "alert",
  alertdefinition: "alert",
  alertdefinitionid: "alert",
  "alertdefinition@odata.bind": "alert",
};
// Columns an export writes or a GET returns that an import has no use for: ignored without a warning.
const SERVER_COLUMNS = new Set(["id", "createdat", "createdby", "lastmodifiedat", "lastmodifiedby"]);

/**
 * The alert definition's fields an export with `definitions: true` writes beside each IOC, by column name
 * (`AlertTitle` holds the definition's `Title`): what a migration to the Indicators API reads back.
 * @example DEFINITION_COLUMNS.AlertTitle // "Title"
 */
export const DEFINITION_COLUMNS = {
  AlertName: "Name",
  AlertSeverity: "Severity",
  AlertTitle: "Title",
  AlertUxDescription: "UxDescription",
  AlertRecommendedAction: "RecommendedAction",
  AlertCategory: "Category",
  AlertEnabled: "Enabled",
  AlertInternalDescription: "InternalDescription",
} as const;

const DEFINITION_BY_SIMPLE: ReadonlyMap<string, string> = new Map(
  Object.entries(DEFINITION_COLUMNS).map(([column, field]) => [simplified(column), field]),
);

// Every row of a file repeats the same column names: map each spelling once. "" marks a server column to skip.
const CANONICAL = new Map<string, string | undefined>();

/**
 * The IOC field an input column or key names (matched without regard to case, spaces, `_` and `-`), `alert` for
 * the alert-definition column, `""` for a column an import ignores (Id, CreatedAt, ..., and the definition's
 * columns of an export with `definitions: true`), undefined for an unknown one.
 * @example canonicalName("Detection Function") // "DetectionFunction"
 */
export function canonicalName(name: string): string | undefined {
  if (CANONICAL.has(name)) return CANONICAL.get(name);
  const simple = simplified(name);
  const ignored = SERVER_COLUMNS.has(simple) || DEFINITION_BY_SIMPLE.has(simple);
  const canonical = ALIASES[simple] ?? (ignored ? "" : undefined);
  if (CANONICAL.size < 1000) CANONICAL.set(name, canonical);
  return canonical;
}

/**
 * The alert-definition field a column of an export with `definitions: true` holds, undefined for any other.
 * @example definitionField("Alert Title") // "Title"
 */
export function definitionField(name: string): string | undefined {
  return DEFINITION_BY_SIMPLE.get(simplified(name));
}

function simplified(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, "");
}
