import type { DetectionFunction, IocType } from "./enums.js";
import type { EntitySetName } from "./entities.js";
import { FIELDS_BY_SET, IOC_BIND_PROPERTY, type FieldFact } from "./fields.js";
import { dateTimeRule } from "./dates.js";
import { normalizeValue, valueRule } from "./values.js";
import { previewValue } from "./preview.js";

/** One broken rule: which field, the value given, and the rule it breaks. */
export interface Violation {
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;
}

/** The outcome of validating a body: the normalised body when there are no errors, and what was wrong. */
export interface Validated {
  readonly body: Record<string, unknown>;
  readonly errors: readonly Violation[];
  /** Accepted but doubtful (an unknown Category). */
  readonly warnings: readonly Violation[];
}

/** Options of {@link validateEntity}. */
export interface ValidateOptions {
  /** `create` requires the required fields and applies defaults; `update` checks only what is present. */
  readonly mode: "create" | "update";
  /** For updates: the stored entity, so that cross-field rules (Value against Type) see the merged result. */
  readonly existing?: Readonly<Record<string, unknown>>;
  /** Now, in epoch ms: an `ExpiresAt` before it is warned about (such an IOC never matches). Default: not checked. */
  readonly nowMs?: number;
}

// Per set: field facts by name, and each enum's canonical spellings by lower case (first listed wins, as
// canonicalEnum does), built once; validation runs per item of 5,000-item bulk uploads.
const FACTS_BY_NAME: Readonly<Record<EntitySetName, ReadonlyMap<string, FieldFact>>> = {
  AlertDefinitions: new Map(FIELDS_BY_SET.AlertDefinitions.map((f) => [f.name, f])),
  IndicatorsOfCompromise: new Map(FIELDS_BY_SET.IndicatorsOfCompromise.map((f) => [f.name, f])),
};
const ENUM_SPELLINGS = enumSpellings();

function enumSpellings(): ReadonlyMap<FieldFact, ReadonlyMap<string, string>> {
  const out = new Map<FieldFact, ReadonlyMap<string, string>>();
  for (const fact of Object.values(FIELDS_BY_SET).flat()) {
    if (!fact.enumValues) continue;
    const spellings = new Map<string, string>();
    for (const v of fact.enumValues) if (!spellings.has(v.toLowerCase())) spellings.set(v.toLowerCase(), v);
    out.set(fact, spellings);
  }
  return out;
}

/**
 * Checks a create or update body against the entity set's field facts and normalises it (canonical enum spelling,
 * lower-case hashes and domains, "true"/"false" strings as booleans, defaults on create). Pure.
 * @example validateEntity("AlertDefinitions", { Name: "x" }, { mode: "create" }).errors[0].rule // "is required"
 */
export function validateEntity(set: EntitySetName, input: unknown, options: ValidateOptions): Validated {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return {
      body: {},
      errors: [{ field: "(body)", value: input, rule: "must be a JSON object" }],
      warnings: [],
    };
  }
  const facts = FIELDS_BY_SET[set];
  const byName = FACTS_BY_NAME[set];
  const errors: Violation[] = [];
  const warnings: Violation[] = [];
  const body: Record<string, unknown> = {};
  for (const name of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[name];
    // `ExpiresAt: undefined` means "not set", as JSON would drop it: a key is there only with a value.
    if (value === undefined) continue;
    if (set === "IndicatorsOfCompromise" && name === IOC_BIND_PROPERTY) {
      body[name] = value;
      continue;
    }
    const fact = byName.get(name);
    if (!fact) {
      errors.push({ field: name, value, rule: unknownPropertyRule(facts, name) });
      continue;
    }
    if (fact.readOnly) {
      errors.push({ field: name, value, rule: "is read-only (set by the service)" });
      continue;
    }
    const checked = checkField(fact, value);
    if ("rule" in checked)
      (checked.warning ? warnings : errors).push({ field: name, value, rule: checked.rule });
    else if (name === "ExpiresAt" && options.nowMs !== undefined && typeof value === "string")
      if (Date.parse(value) <= options.nowMs)
        warnings.push({
          field: name,
          value,
          rule: `is in the past (now is ${new Date(options.nowMs).toISOString()}): the IOC never matches`,
        });
    if ("value" in checked) body[name] = checked.value;
  }
  if (options.mode === "create") applyRequiredAndDefaults(facts, input, body, errors);
  if (set === "IndicatorsOfCompromise") checkIocValue(body, options.existing, errors);
  return { body, errors, warnings };
}

function unknownPropertyRule(facts: readonly FieldFact[], name: string): string {
  const near = facts.find((f) => f.name.toLowerCase() === name.toLowerCase());
  return near
    ? `is not a property (names are case-sensitive: did you mean ${near.name}?)`
    : `is not a property (known: ${facts.map((f) => f.name).join(", ")})`;
}

type Checked = { value: unknown } | { rule: string; warning?: boolean; value?: unknown };

function checkField(fact: FieldFact, value: unknown): Checked {
  if (value === null) return fact.nullable ? { value: null } : { rule: "must not be null" };
  switch (fact.edmType) {
    case "Edm.Boolean":
      if (typeof value === "boolean") return { value };
      // The docs' PowerShell samples send Enabled as the string "true".
      if (typeof value === "string" && /^(true|false)$/i.test(value))
        return { value: value.toLowerCase() === "true" };
      return { rule: "must be true or false" };
    case "Edm.Int32":
      return Number.isInteger(value) ? { value } : { rule: "must be an integer" };
    case "Edm.DateTimeOffset": {
      const rule = dateTimeRule(value);
      return rule === undefined ? { value } : { rule };
    }
    case "Edm.String":
      return checkString(fact, value);
  }
}

function checkString(fact: FieldFact, value: unknown): Checked {
  if (typeof value !== "string") return { rule: "must be a string" };
  if (fact.maxLength !== undefined && value.length > fact.maxLength) {
    return { rule: `must be at most ${fact.maxLength} characters (got ${value.length})` };
  }
  if (fact.required && value.trim() === "") return { rule: "must not be empty" };
  if (!fact.enumValues) return { value };
  const canonical = ENUM_SPELLINGS.get(fact)?.get(value.toLowerCase());
  if (canonical !== undefined) return { value: canonical };
  const rule = `is not one of ${fact.enumValues.join(", ")}`;
  return fact.enumIsOpen ? { rule, warning: true, value } : { rule };
}

function applyRequiredAndDefaults(
  facts: readonly FieldFact[],
  input: object,
  body: Record<string, unknown>,
  errors: Violation[],
): void {
  for (const fact of facts) {
    if ((input as Record<string, unknown>)[fact.name] !== undefined) continue;
    if (fact.required) errors.push({ field: fact.name, value: undefined, rule: "is required" });
    else if (fact.defaultValue !== undefined) body[fact.name] = fact.defaultValue;
    else if (fact.nullable && !fact.readOnly) body[fact.name] = null;
  }
}

function checkIocValue(
  body: Record<string, unknown>,
  existing: Readonly<Record<string, unknown>> | undefined,
  errors: Violation[],
): void {
  if (errors.some((e) => e.field === "Type" || e.field === "Value" || e.field === "DetectionFunction"))
    return;
  // A create has no stored entity to merge with: read the body itself rather than copying it per item.
  const merged = existing ? { ...existing, ...body } : body;
  const { Type: type, Value: value, DetectionFunction: fn } = merged;
  if (typeof type !== "string" || typeof value !== "string" || typeof fn !== "string") return;
  if (!("Value" in body) && !("Type" in body) && !("DetectionFunction" in body)) return;
  const normal = normalizeValue(type as IocType, value);
  const rule = valueRule(type as IocType, fn as DetectionFunction, normal);
  if (rule) errors.push({ field: "Value", value, rule: `${rule} for Type ${type}` });
  else if ("Value" in body) body["Value"] = normal;
}

/**
 * A violation as one sentence naming the field, the value and the rule.
 * @example describeViolation({ field: "Severity", value: "Critical", rule: "is not one of ..." })
 */
export function describeViolation(v: Violation): string {
  const shown = v.value === undefined ? "(missing)" : previewValue(v.value);
  return `${v.field}: ${shown} ${v.rule}`;
}
