import { INDICATOR_FIELDS } from "../../schema/index.js";

// Matched without regard to case, spaces, `_` and `-`: every writable property by its own name, the portal's
// CSV columns (Part 5: IndicatorType, IndicatorValue, ..., RbacGroups, GenerateAlert), and the IOC readers'
// names (text and STIX rows say Type, Value, ExpiresAt), so every input format of `iocs.import` works here too.
const ALIASES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    INDICATOR_FIELDS.filter((f) => !f.readOnly && f.name !== "id").map((f) => [f.name.toLowerCase(), f.name]),
  ),
  rbacgroups: "rbacGroupNames",
  type: "indicatorType",
  value: "indicatorValue",
  expiresat: "expirationTime",
};
// Columns an export writes or a list returns that an import has no use for: ignored without a warning.
const SERVER_COLUMNS = new Set([
  "id",
  ...INDICATOR_FIELDS.filter((f) => f.readOnly).map((f) => f.name.toLowerCase()),
]);

/** The IOC types of custom TI (text and STIX readers infer these) and their successors (Part 3). */
const SUCCESSOR_TYPES: Readonly<Record<string, string>> = {
  sha1: "FileSha1",
  sha256: "FileSha256",
  md5: "FileMd5",
};

/**
 * The indicator property an input column or key names, `""` for a server column an import ignores (id,
 * createdBy, ...), undefined for an unknown one.
 * @example indicatorColumn("RbacGroups") // "rbacGroupNames"
 */
export function indicatorColumn(name: string): string | undefined {
  const simple = name.toLowerCase().replace(/[\s_-]/g, "");
  return ALIASES[simple] ?? (SERVER_COLUMNS.has(simple) ? "" : undefined);
}

/**
 * An indicator type as the input spelt it, with custom TI's hash types named by their successors.
 * @example indicatorTypeOf("Sha256") // "FileSha256"
 */
export function indicatorTypeOf(type: unknown): unknown {
  return typeof type === "string" ? (SUCCESSOR_TYPES[type.trim().toLowerCase()] ?? type) : type;
}
