// Entities shaped as the service returns them, for the display tests.
export const ALERT = {
  Id: 1,
  Name: "The alert's name",
  Severity: "Low",
  InternalDescription: "internal",
  Title: "The Title",
  UxDescription: "shown to analysts",
  RecommendedAction: "isolate the machine",
  Category: "Trojan",
  Enabled: true,
  CreatedAt: "2026-01-01T00:00:00Z",
  CreatedBy: "app",
  LastModifiedAt: null,
  LastModifiedBy: null,
};

export const IOC = {
  Id: 7,
  Type: "Sha1",
  Value: "dead1111eeaabbccddeeaabbccddee11ffffffff",
  DetectionFunction: "Equals",
  Enabled: true,
  ExpiresAt: null,
  AlertDefinitionId: 1,
  CreatedAt: "2026-01-01T00:00:00Z",
  CreatedBy: "app",
  LastModifiedAt: null,
  LastModifiedBy: null,
};

/** An array carrying a Page's non-enumerable extras, as the client returns the first page. */
export function page<T>(rows: T[], extras: { nextLink?: string; count?: number; entitySet?: string }): T[] {
  for (const [key, value] of Object.entries(extras)) Object.defineProperty(rows, key, { value });
  return rows;
}
