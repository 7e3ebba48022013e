import { canonicalEnum } from "../enums.js";
import type { Validated, Violation } from "../validate.js";
import { isIsoDateTime } from "../values.js";
import {
  ACTIONS_BY_TYPE,
  INDICATOR_TYPES,
  LEGACY_ACTIONS,
  type IndicatorAction,
  type IndicatorType,
} from "./enums.js";
import { INDICATOR_FIELDS, type IndicatorFieldFact } from "./fields.js";
import { indicatorValueRule, normalizeIndicatorValue, privateIpWarning } from "./values.js";

/** Options of {@link validateIndicator}. */
export interface ValidateIndicatorOptions {
  /** The clock (ms since epoch) that a past `expirationTime` is judged by. */
  readonly nowMs: number;
}

const BY_NAME: ReadonlyMap<string, IndicatorFieldFact> = new Map(INDICATOR_FIELDS.map((f) => [f.name, f]));

/**
 * Checks a submit body or import item against ti-api.md Part 5 and normalises it: canonical enum spelling,
 * normalised value, lists from comma-separated strings, "true"/"false" as booleans, defaults (severity
 * Informational, generateAlert false, empty lists, no expiry). Errors name field, value and rule; a private IP is
 * a warning. Pure.
 * @example validateIndicator({ indicatorType: "FileSha1" }, { nowMs: Date.now() }).errors[0].rule // "is required"
 */
export function validateIndicator(input: unknown, options: ValidateIndicatorOptions): Validated {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return {
      body: {},
      errors: [{ field: "(body)", value: input, rule: "must be a JSON object" }],
      warnings: [],
    };
  }
  const errors: Violation[] = [];
  const warnings: Violation[] = [];
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    // `expirationTime: undefined` means "not set", as JSON would drop it.
    if (value === undefined) continue;
    const fact = BY_NAME.get(name);
    if (!fact) errors.push({ field: name, value, rule: unknownPropertyRule(name) });
    else if (fact.readOnly) errors.push({ field: name, value, rule: "is read-only (set by the service)" });
    else {
      const checked = checkField(fact, value, options.nowMs);
      if (typeof checked === "string") errors.push({ field: name, value, rule: checked });
      else body[name] = checked.value;
    }
  }
  for (const fact of INDICATOR_FIELDS) {
    if ((input as Record<string, unknown>)[fact.name] !== undefined || fact.readOnly) continue;
    if (fact.required) errors.push({ field: fact.name, value: undefined, rule: "is required" });
    else if (fact.defaultValue !== undefined) body[fact.name] = fact.defaultValue;
  }
  checkAcross(body, errors, warnings);
  return { body, errors, warnings };
}

function unknownPropertyRule(name: string): string {
  const near = INDICATOR_FIELDS.find((f) => f.name.toLowerCase() === name.toLowerCase());
  return near
    ? `is not a property (names are case-sensitive: did you mean ${near.name}?)`
    : `is not a property (known: ${INDICATOR_FIELDS.filter((f) => !f.readOnly)
        .map((f) => f.name)
        .join(", ")})`;
}

/** The checked value, or the rule it breaks. */
function checkField(fact: IndicatorFieldFact, value: unknown, nowMs: number): { value: unknown } | string {
  if (value === null) return fact.nullable ? { value: null } : "must not be null";
  if (fact.name === "id") return checkId(value);
  if (fact.collection) return checkList(value);
  switch (fact.edmType) {
    case "Edm.Boolean":
      if (typeof value === "boolean") return { value };
      // The portal's CSV and some feed tools send "true"/"True".
      if (typeof value === "string" && /^(true|false)$/i.test(value)) return { value: /^true$/i.test(value) };
      return "must be true or false";
    case "Edm.Int32":
      return Number.isSafeInteger(value) && (value as number) >= 0
        ? { value }
        : "must be a non-negative integer";
    case "Edm.DateTimeOffset":
      if (!isIsoDateTime(value))
        return "must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T00:00:00Z";
      if (Date.parse(value) <= nowMs) return `is in the past (now is ${new Date(nowMs).toISOString()})`;
      // Kept in UTC, so that ordering and filters compare times.
      return { value: new Date(value).toISOString() };
    case "Edm.String":
      return checkString(fact, value);
  }
}

function checkString(fact: IndicatorFieldFact, value: unknown): { value: unknown } | string {
  if (typeof value !== "string") return "must be a string";
  if (fact.required && value.trim() === "") return "must not be empty";
  if (!fact.enumValues) return { value };
  const canonical = canonicalEnum(fact.enumValues, value);
  if (canonical !== undefined) return { value: canonical };
  if (fact.name === "action") {
    const legacy = canonicalEnum(Object.keys(LEGACY_ACTIONS), value) as
      keyof typeof LEGACY_ACTIONS | undefined;
    if (legacy)
      return `is a legacy action (supported only until January 2022): use ${LEGACY_ACTIONS[legacy]}`;
  }
  return `is not one of ${fact.enumValues.join(", ")}`;
}

function checkId(value: unknown): { value: unknown } | string {
  const text = typeof value === "number" ? String(value) : value;
  return typeof text === "string" && /^\d{1,15}$/.test(text.trim())
    ? { value: String(Number(text)) }
    : 'must be a numeric id, e.g. "994"';
}

function checkList(value: unknown): { value: unknown } | string {
  if (typeof value === "string")
    return {
      value: value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    };
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return { value: [...value] };
  return "must be a list of strings (a JSON array or a comma-separated string)";
}

/** Rules across fields: value against type, action against type, Audit needs generateAlert. */
function checkAcross(body: Record<string, unknown>, errors: Violation[], warnings: Violation[]): void {
  const type = canonicalEnum(INDICATOR_TYPES, body["indicatorType"]);
  const value = body["indicatorValue"];
  const action = body["action"] as IndicatorAction | undefined;
  if (type !== undefined && typeof value === "string" && !errors.some((e) => e.field === "indicatorValue")) {
    const normal = normalizeIndicatorValue(type, value);
    const rule = indicatorValueRule(type, normal);
    if (rule) errors.push({ field: "indicatorValue", value, rule: `${rule} for indicatorType ${type}` });
    else body["indicatorValue"] = normal;
    const doubt = type === "IpAddress" && !rule ? privateIpWarning(normal) : undefined;
    if (doubt) warnings.push({ field: "indicatorValue", value, rule: doubt });
  }
  if (type !== undefined && typeof action === "string" && body["action"] === action) {
    if (!ACTIONS_BY_TYPE[type].includes(action))
      errors.push({ field: "action", value: action, rule: actionRule(type) });
  }
  if (
    action === "Audit" &&
    body["generateAlert"] !== true &&
    !errors.some((e) => e.field === "generateAlert")
  ) {
    errors.push({
      field: "generateAlert",
      value: body["generateAlert"],
      rule: "must be true when action is Audit",
    });
  }
}

function actionRule(type: IndicatorType): string {
  return `is not allowed for indicatorType ${type} (allowed: ${ACTIONS_BY_TYPE[type].join(", ")})`;
}

const VALUE_CODES: Readonly<Record<IndicatorType, string>> = {
  FileSha1: "InvalidHashValue",
  FileSha256: "InvalidHashValue",
  FileMd5: "InvalidHashValue",
  CertificateThumbprint: "InvalidHashValue",
  IpAddress: "InvalidIpAddress",
  DomainName: "InvalidDomainName",
  Url: "InvalidUrl",
};

/**
 * The documented error code (D9) for a refused indicator: MissingRequiredParameter for a missing field, the
 * value code of its type for a bad value (InvalidHashValue, InvalidIpAddress, InvalidDomainName, InvalidUrl),
 * else InvalidRequestBody.
 * @example indicatorErrorCode([{ field: "title", value: undefined, rule: "is required" }], "FileSha1") // "MissingRequiredParameter"
 */
export function indicatorErrorCode(violations: readonly Violation[], type: unknown): string {
  const first = violations[0];
  if (first?.rule === "is required") return "MissingRequiredParameter";
  const canonical = canonicalEnum(INDICATOR_TYPES, type);
  if (first?.field === "indicatorValue" && canonical) return VALUE_CODES[canonical];
  return "InvalidRequestBody";
}
