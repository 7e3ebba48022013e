import { isErrorLike } from "./error.js";

/**
 * A value as indented JSON. Errors become `{ name, message, status, code, requestId }` (never a stack);
 * bigints become strings.
 * @example toJson(await alerts.get(1))
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, replacer, 2) ?? String(value);
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (!isErrorLike(value)) return value;
  const e = value as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { name: e.name, message: e.message };
  for (const key of ["kind", "status", "code", "requestId", "violations"]) {
    if (e[key] !== undefined) out[key] = e[key];
  }
  return out;
}
