import { ValidationError } from "../errors/index.js";

/** How a failed call bears on a bulk edit, read from the error's `kind` and `status` (the TiError family). */
export type FailureClass =
  /** The signal aborted: leave the item for the next run. */
  | "aborted"
  /** 507: the tenant quota is full; stop the edit. */
  | "quota"
  /** No valid token (the token endpoint failed, or a 401/403 survived the client's refresh): stop the edit. */
  | "auth"
  /** The service refused the request as it is (400 and other 4xx): retrying cannot help. */
  | "refused"
  /** 404: the entity is gone. */
  | "missing"
  /** Network error, timeout, 5xx or a long 429 wait: the request may or may not have landed. */
  | "unknown";

/**
 * Classifies an error from the client library without importing its classes (bulk sits on top of the api).
 * @example classifyFailure(err) === "quota"
 */
export function classifyFailure(error: unknown, signal?: AbortSignal): FailureClass {
  const e = (error ?? {}) as { kind?: unknown; status?: unknown; name?: unknown };
  if (signal?.aborted || e.kind === "aborted" || e.name === "AbortError") return "aborted";
  if (e.kind === "quota" || e.status === 507) return "quota";
  if (e.kind === "auth" || e.status === 401 || e.status === 403) return "auth";
  if (e.status === 404) return "missing";
  // The client's own checks (ValidationError) refuse before sending, as a 400 would.
  if (e.kind === "validation") return "refused";
  if (typeof e.status === "number" && e.status >= 400 && e.status < 500 && ![408, 429].includes(e.status))
    return "refused";
  return "unknown";
}

/** The failure fields of an error: message, HTTP status and OData code when it has them. */
export function failureOf(error: unknown): { error: string; status?: number; code?: string } {
  const e = (error ?? {}) as {
    message?: unknown;
    status?: unknown;
    code?: unknown;
    serviceMessage?: unknown;
  };
  const message = typeof e.message === "string" ? e.message : String(error);
  return {
    error: message,
    ...(typeof e.status === "number" ? { status: e.status } : {}),
    ...(typeof e.code === "string" ? { code: e.code } : {}),
  };
}

/**
 * A ValidationError naming one field, value and rule; `message` defaults to `field: rule`.
 * @example throw invalid("confirm", false, "must be true to write")
 */
export function invalid(
  field: string,
  value: unknown,
  rule: string,
  message = `${field}: ${rule}`,
): ValidationError {
  return new ValidationError(message, [{ field, value, rule }]);
}

/** The error for applying a dry-run plan. */
export function dryRunError(): ValidationError {
  return invalid(
    "dryRun",
    true,
    "plans made with dryRun: true cannot be applied",
    "This plan is a dry run and cannot be applied: plan again without dryRun (nothing was written)",
  );
}
