import { ValidationError } from "../errors/index.js";
import {
  IOC_BIND_PROPERTY,
  expandIpv6,
  alertDefinitionRef,
  boundedValue,
  describeViolation,
  previewValue,
  parseAlertDefinitionRef,
  validateEntity,
  type EntitySetName,
  type Violation,
} from "../schema/index.js";
import type { WarningListener } from "./context.js";

/**
 * The body to send after checking `input` against the shared schema: a ValidationError naming field, value and
 * rule before any request when it breaks one; warnings (unknown Category, an `ExpiresAt` before `nowMs`) go to
 * `onWarning` and do not block.
 * @example const body = checkBody("AlertDefinitions", input, "create", onWarning)
 */
export function checkBody(
  set: EntitySetName,
  input: unknown,
  mode: "create" | "update",
  onWarning: WarningListener,
  extra: readonly Violation[] = [],
  nowMs?: number,
): Record<string, unknown> {
  const result = validateEntity(set, input, nowMs === undefined ? { mode } : { mode, nowMs });
  const errors = [...extra, ...result.errors];
  if (errors.length > 0) {
    const verb = mode === "create" ? "create" : "update";
    const message = `Cannot ${verb} ${set}: ${errors.map(describeViolation).join("; ")}`;
    // A hostile value (thousands of levels deep) is kept as its preview, so showing the error never overflows.
    throw new ValidationError(
      message,
      errors.map((e) => ({ ...e, value: boundedValue(e.value) })),
    );
  }
  for (const warning of result.warnings)
    onWarning({ ...warning, message: `${set}: ${describeViolation(warning)}` });
  return result.body;
}

/**
 * An IOC input in wire form: `AlertDefinition: 5` becomes `"AlertDefinition@odata.bind": "AlertDefinitions(5)"`,
 * with a violation when neither names a definition (client-side: the service needs one).
 * @example toWireIoc({ Type: "Sha1", Value: "...", DetectionFunction: "Equals", AlertDefinition: 5 })
 */
export function toWireIoc(
  input: unknown,
  mode: "create" | "update",
): { body: unknown; violations: Violation[] } {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return { body: input, violations: [] };
  const { AlertDefinition: id, ...rest } = input as Record<string, unknown>;
  // The service takes IPv6 only in full; a compressed address means one thing, so it is written out.
  const full =
    rest["Type"] === "IpAddress" && typeof rest["Value"] === "string" ? expandIpv6(rest["Value"]) : undefined;
  if (full !== undefined && (rest["DetectionFunction"] ?? "Equals") === "Equals") rest["Value"] = full;
  const violations: Violation[] = [];
  if (id !== undefined) {
    if (Number.isSafeInteger(id) && (id as number) > 0)
      rest[IOC_BIND_PROPERTY] = alertDefinitionRef(id as number);
    else
      violations.push({
        field: "AlertDefinition",
        value: id,
        rule: "must be the Id (a positive integer) of an alert definition",
      });
  }
  const bind = rest[IOC_BIND_PROPERTY];
  if (bind !== undefined && parseAlertDefinitionRef(bind) === undefined && violations.length === 0) {
    violations.push({ field: IOC_BIND_PROPERTY, value: bind, rule: "must look like AlertDefinitions(<Id>)" });
  }
  if (mode === "create" && bind === undefined && id === undefined) {
    violations.push({
      field: "AlertDefinition",
      value: undefined,
      rule: "is required (the Id of the alert definition the IOC belongs to)",
    });
  }
  return { body: rest, violations };
}

/**
 * Checks that `id` is an entity key (a positive integer) before it goes into a URL.
 * @example checkId(5, "id")
 */
export function checkId(id: unknown, field = "id"): number {
  if (Number.isSafeInteger(id) && (id as number) > 0) return id as number;
  const rule = "must be a positive integer (an entity Id)";
  throw new ValidationError(`${field}: ${previewValue(id)} ${rule}`, [
    { field, value: boundedValue(id), rule },
  ]);
}
