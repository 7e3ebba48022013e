import { ValidationError } from "../../errors/index.js";
import { describeViolation, validateIndicator, type Violation } from "../../schema/index.js";
import type { ApiContext, WarningListener } from "../context.js";

/**
 * The body to send for one indicator after checking it against ti-api.md Part 5 (required fields, value formats
 * per type, actions per type, `Audit` needs `generateAlert`, legacy actions, past expiry): a ValidationError
 * naming field, value and rule before any request. Only the fields given are sent (normalised), so an update
 * does not reset the ones left out to their defaults. Warnings (a private IP) go to `onWarning`.
 * @example checkIndicator(ctx, { indicatorValue: "a.example", indicatorType: "DomainName", ... }, "indicator")
 */
export function checkIndicator(
  ctx: ApiContext,
  input: unknown,
  label: string,
  onWarning: WarningListener = ctx.onWarning,
): Record<string, unknown> {
  // What goes on the wire is JSON, where an undefined property is simply absent: judge the same.
  const given =
    typeof input === "object" && input !== null && !Array.isArray(input)
      ? Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined))
      : input;
  const result = validateIndicator(given, { nowMs: ctx.clock.now() });
  if (result.errors.length > 0) {
    const message = `Cannot submit ${label}: ${result.errors.map(describeViolation).join("; ")}`;
    throw new ValidationError(message, result.errors);
  }
  for (const warning of result.warnings)
    onWarning({ ...warning, message: `${label}: ${describeViolation(warning)}` });
  return Object.fromEntries(Object.entries(result.body).filter(([key]) => key in (given as object)));
}

/**
 * An indicator id as the API spells it (a numeric string), from a string or a number; a ValidationError otherwise.
 * @example indicatorId(994) // "994"
 */
export function indicatorId(id: unknown, field = "id"): string {
  const text = typeof id === "number" ? String(id) : id;
  if (typeof text === "string" && /^\d{1,15}$/.test(text.trim())) return String(Number(text));
  const rule = 'must be a numeric indicator id, e.g. "994"';
  const violation: Violation = { field, value: id, rule };
  throw new ValidationError(describeViolation(violation), [violation]);
}
