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

// Every row of a file repeats the same column names: map each spelling once. "" marks a server column to skip.
const CANONICAL = new Map<string, string | undefined>();

/**
 * The IOC field an input column or key names (matched without regard to case, spaces, `_` and `-`), `alert` for
 * the alert-definition column, `""` for a server column an import ignores (Id, CreatedAt, ...), undefined for
 * an unknown one.
 * @example canonicalName("Detection Function") // "DetectionFunction"
 */
export function canonicalName(name: string): string | undefined {
  if (CANONICAL.has(name)) return CANONICAL.get(name);
  const simple = name.toLowerCase().replace(/[\s_-]/g, "");
  const canonical = ALIASES[simple] ?? (SERVER_COLUMNS.has(simple) ? "" : undefined);
  if (CANONICAL.size < 1000) CANONICAL.set(name, canonical);
  return canonical;
}
